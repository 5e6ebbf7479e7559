package dev.kino.live.ingest.rtmp.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Encodes values as AMF0, as {@link Amf0#encode} describes. */
final class Amf0Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void write(Object value, int depth) {
        switch (value) {
            case null -> out.write(Amf0Reader.NULL);
            case Amf0.Undefined u -> out.write(Amf0Reader.UNDEFINED);
            case Number n -> {
                out.write(Amf0Reader.NUMBER);
                putLong(Double.doubleToLongBits(n.doubleValue()), 8);
            }
            case Boolean b -> {
                out.write(Amf0Reader.BOOLEAN);
                out.write(b ? 1 : 0);
            }
            case CharSequence s -> {
                byte[] utf8 = s.toString().getBytes(StandardCharsets.UTF_8);
                if (utf8.length > 0xFFFF) {
                    out.write(Amf0Reader.LONG_STRING);
                    putLong(utf8.length, 4);
                    out.writeBytes(utf8);
                } else {
                    out.write(Amf0Reader.STRING);
                    putShortString(utf8);
                }
            }
            case Map<?, ?> map -> {
                checkDepth(depth);
                out.write(Amf0Reader.OBJECT);
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("AMF0 object keys must be strings: " + e.getKey());
                    }
                    byte[] name = key.getBytes(StandardCharsets.UTF_8);
                    if (name.length > 0xFFFF) {
                        throw new IllegalArgumentException("AMF0 property name of " + name.length + " bytes");
                    }
                    putShortString(name);
                    write(e.getValue(), depth + 1);
                }
                putLong(0, 2);
                out.write(Amf0Reader.OBJECT_END);
            }
            case List<?> list -> {
                checkDepth(depth);
                out.write(Amf0Reader.STRICT_ARRAY);
                putLong(list.size(), 4);
                for (Object element : list) {
                    write(element, depth + 1);
                }
            }
            default -> throw new IllegalArgumentException("no AMF0 encoding for " + value.getClass().getName());
        }
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private static void checkDepth(int depth) {
        if (depth >= Amf0.MAX_DEPTH) {
            throw new IllegalArgumentException("AMF0 values nested more than " + Amf0.MAX_DEPTH + " deep");
        }
    }

    private void putShortString(byte[] utf8) {
        putLong(utf8.length, 2);
        out.writeBytes(utf8);
    }

    private void putLong(long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }
}
