package dev.kino.live.ingest.rtmp.protocol;

import dev.kino.container.ParseException;
import java.util.List;

/**
 * A decoded command message: its name, transaction id and the values after them (the command object, usually
 * null for NetStream commands, then the arguments).
 */
record Command(String name, double transactionId, List<Object> arguments) {
    /** Decodes the AMF0 body of a command message, from {@code off} (1 for an AMF3 command's format byte). */
    static Command parse(byte[] payload, int off) throws ParseException {
        List<Object> values = Amf0.decodeAll(payload, off, payload.length - off);
        if (values.isEmpty() || !(values.getFirst() instanceof String name)) {
            throw ParseException.malformed("command message without a command name: " + abbreviate(values));
        }
        double txn = values.size() > 1 && values.get(1) instanceof Double d ? d : 0;
        return new Command(name, txn, values.size() > 2 ? values.subList(2, values.size()) : List.of());
    }

    /** The argument at {@code index} if it is a String, else null. */
    String string(int index) {
        return index < arguments.size() && arguments.get(index) instanceof String s ? s : null;
    }

    private static String abbreviate(List<Object> values) {
        String s = String.valueOf(values);
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
