package dev.kino.container.mp4;

import dev.kino.container.ParseException;

/**
 * Reads bit fields, most significant bit first, from part of a byte array: fixed-width fields, Exp-Golomb codes
 * (H.264/HEVC {@code ue(v)}/{@code se(v)}) and AV1's {@code uvlc()}. Reading past the end is malformed.
 */
final class BitReader {
    private final byte[] data;
    private final long endBit;
    private final String what;
    private long bit;

    BitReader(byte[] data, int start, int end, String what) {
        this.data = data;
        this.bit = (long) start * 8;
        this.endBit = (long) end * 8;
        this.what = what;
    }

    boolean flag() throws ParseException {
        return bits(1) == 1;
    }

    /** An unsigned field of up to 32 bits. */
    long bits(int n) throws ParseException {
        if (n > endBit - bit) {
            throw ParseException.malformed(what + ": a field past its end");
        }
        long v = 0;
        for (int i = 0; i < n; i++, bit++) {
            v = (v << 1) | ((data[(int) (bit >>> 3)] >>> (7 - (bit & 7))) & 1);
        }
        return v;
    }

    int u(int n) throws ParseException {
        return (int) bits(n);
    }

    void skip(long n) throws ParseException {
        if (n < 0 || n > endBit - bit) {
            throw ParseException.malformed(what + ": a field past its end");
        }
        bit += n;
    }

    /** {@code ue(v)}: leading zeros, a one, then as many bits. */
    int ue() throws ParseException {
        int zeros = leadingZeros();
        return (int) ((1L << zeros) - 1 + bits(zeros));
    }

    /** {@code se(v)}: ue mapped 0, 1, −1, 2, −2… */
    int se() throws ParseException {
        int k = ue();
        return (k & 1) != 0 ? (k + 1) / 2 : -(k / 2);
    }

    /** AV1 {@code uvlc()}: like ue, but 32 or more leading zeros mean the largest value. */
    long uvlc() throws ParseException {
        int zeros = 0;
        while (!flag()) {
            zeros++;
        }
        return zeros >= 32 ? 0xFFFFFFFFL : (1L << zeros) - 1 + bits(zeros);
    }

    private int leadingZeros() throws ParseException {
        int zeros = 0;
        while (!flag()) {
            if (++zeros > 31) {
                throw ParseException.malformed(what + ": an Exp-Golomb code longer than 32 bits");
            }
        }
        return zeros;
    }

    /** The RBSP of a NAL unit: {@code nal[off..off+len)} without its emulation prevention bytes (00 00 03). */
    static byte[] unescape(byte[] nal, int off, int len) {
        byte[] out = new byte[len];
        int n = 0;
        int zeros = 0;
        for (int i = off; i < off + len; i++) {
            int b = nal[i] & 0xFF;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[n++] = (byte) b;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
