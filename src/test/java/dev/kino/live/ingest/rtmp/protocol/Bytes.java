package dev.kino.live.ingest.rtmp.protocol;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Random;

/** Byte array helpers for the tests. */
final class Bytes {
    private Bytes() {}

    /** Hex digits, spaces ignored. */
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static String toHex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] random(long seed, int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** {@code length} bytes counting up from {@code first}, so misplaced bytes show. */
    static byte[] counting(int first, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }
}
