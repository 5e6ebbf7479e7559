package dev.kino.live.ingest.rtmp.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** The command messages a publishing server answers with (AMF0, timestamp 0). */
final class CommandReplies {
    /** Chunk stream of NetConnection replies. */
    static final int COMMAND_CHUNK_STREAM = 3;
    /** Chunk stream of NetStream status messages. */
    static final int STATUS_CHUNK_STREAM = 5;

    private CommandReplies() {}

    static RtmpMessage connectResult(double txn) {
        return command(COMMAND_CHUNK_STREAM, 0, "_result", txn,
                properties("fmsVer", "FMS/3,0,1,123", "capabilities", 31.0),
                properties("level", "status", "code", "NetConnection.Connect.Success",
                        "description", "Connection succeeded.", "objectEncoding", 0.0));
    }

    /** {@code _result} with the given values after the transaction id. */
    static RtmpMessage result(int messageStreamId, double txn, Object... values) {
        Object[] all = new Object[values.length + 2];
        all[0] = "_result";
        all[1] = txn;
        System.arraycopy(values, 0, all, 2, values.length);
        return command(COMMAND_CHUNK_STREAM, messageStreamId, all);
    }

    static RtmpMessage callFailed(int messageStreamId, double txn, String description) {
        return command(COMMAND_CHUNK_STREAM, messageStreamId, "_error", txn, null,
                properties("level", "error", "code", "NetConnection.Call.Failed", "description", description));
    }

    /** {@code onStatus} (transaction 0, null command object, an info object) on a NetStream. */
    static RtmpMessage status(int messageStreamId, String level, String code, String description) {
        return command(STATUS_CHUNK_STREAM, messageStreamId, "onStatus", 0.0, null,
                properties("level", level, "code", code, "description", description));
    }

    static RtmpMessage command(int chunkStreamId, int messageStreamId, Object... values) {
        return new RtmpMessage(chunkStreamId, MessageType.COMMAND_AMF0, messageStreamId, 0, Amf0.encode(values));
    }

    /** An AMF0 object from alternating keys and values, in that order. */
    static Map<String, Object> properties(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
