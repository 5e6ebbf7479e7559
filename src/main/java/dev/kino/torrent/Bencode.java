package dev.kino.torrent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Writes bencoded values (BEP 3): strings, byte strings, integers, lists and dictionaries with sorted keys. */
final class Bencode {
    /** Bytes that are already bencoded, written as they are (an info dictionary whose hash must not change). */
    record Raw(byte[] bytes) {}

    private Bencode() {}

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case Raw raw -> out.writeBytes(raw.bytes());
            case String s -> writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
            case byte[] b -> writeBytes(out, b);
            case Long n -> ascii(out, "i" + n + "e");
            case Integer n -> ascii(out, "i" + n + "e");
            case List<?> list -> {
                out.write('l');
                list.forEach(v -> write(out, v));
                out.write('e');
            }
            case Map<?, ?> map -> writeDictionary(out, map);
            default -> throw new IllegalArgumentException("cannot bencode " + value.getClass().getName());
        }
    }

    private static void writeDictionary(ByteArrayOutputStream out, Map<?, ?> map) {
        out.write('d');
        map.keySet().stream()
                .map(k -> ((String) k).getBytes(StandardCharsets.UTF_8))
                .sorted(Arrays::compareUnsigned)
                .forEach(k -> {
                    writeBytes(out, k);
                    write(out, map.get(new String(k, StandardCharsets.UTF_8)));
                });
        out.write('e');
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] b) {
        ascii(out, b.length + ":");
        out.writeBytes(b);
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
