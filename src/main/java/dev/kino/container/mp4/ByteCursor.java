package dev.kino.container.mp4;

import dev.kino.container.ParseException;

/** Reads big-endian fields from part of a byte array; reading past the end is a malformed box, never an index error. */
final class ByteCursor {
    private final byte[] data;
    private final int end;
    private final int what;
    private int pos;

    /** Reads {@code data[start..end)}, which belongs to box {@code what} (named in messages). */
    ByteCursor(byte[] data, int start, int end, int what) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.what = what;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    int u8() throws ParseException {
        require(1);
        return data[pos++] & 0xFF;
    }

    int u16() throws ParseException {
        require(2);
        int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    /** 32 bits as an int (for flags and codes). */
    int int32() throws ParseException {
        require(4);
        int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8) | (data[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long u32() throws ParseException {
        return int32() & 0xFFFFFFFFL;
    }

    /** An unsigned 64-bit value; one above 2^63 − 1 is malformed (no stream lasts that long). */
    long u64() throws ParseException {
        long v = (u32() << 32) | u32();
        if (v < 0) {
            throw malformed("a 64-bit value out of range");
        }
        return v;
    }

    void skip(long n) throws ParseException {
        if (n < 0 || n > remaining()) {
            throw malformed("a field past its end");
        }
        pos += (int) n;
    }

    void require(long n) throws ParseException {
        if (n > remaining()) {
            throw malformed("a field past its end");
        }
    }

    ParseException malformed(String problem) {
        return ParseException.malformed("box " + BoxType.name(what) + ": " + problem);
    }
}
