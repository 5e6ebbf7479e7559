package dev.kino.container.mp4;

import dev.kino.container.ParseException;

/**
 * A box header: 32-bit size and type, then a 64-bit {@code largesize} when the size field is 1. A size field of 0
 * means "to the end of the enclosing space" ({@link #extendsToEnd()}); what that allows is the caller's decision.
 *
 * @param size         the whole box including this header; 0 when it {@link #extendsToEnd()}
 * @param headerLength 8, or 16 with a largesize
 */
record BoxHeader(int type, long size, int headerLength) {
    /** The most header bytes a box needs (size, type, largesize). */
    static final int MAX_LENGTH = 16;

    /** How many header bytes to have before {@link #parse} can answer, given the {@code avail} bytes already there. */
    static int bytesNeeded(byte[] b, int off, int avail) {
        if (avail < 8) {
            return 8;
        }
        return readInt(b, off) == 1 ? 16 : 8;
    }

    /** Parses a header from {@code avail} bytes at {@code off}; null when more bytes are needed. */
    static BoxHeader parse(byte[] b, int off, int avail) throws ParseException {
        if (avail < 8) {
            return null;
        }
        long size = readInt(b, off) & 0xFFFFFFFFL;
        int type = readInt(b, off + 4);
        if (size == 1) {
            if (avail < 16) {
                return null;
            }
            long large = ((long) readInt(b, off + 8) << 32) | (readInt(b, off + 12) & 0xFFFFFFFFL);
            if (large < 0) {
                throw ParseException.malformed("box " + BoxType.name(type) + " claims more than 2^63 bytes");
            }
            if (large < 16) {
                throw ParseException.malformed("box " + BoxType.name(type) + " has largesize " + large + " < 16");
            }
            return new BoxHeader(type, large, 16);
        }
        if (size != 0 && size < 8) {
            throw ParseException.malformed("box " + BoxType.name(type) + " has size " + size + " < 8");
        }
        return new BoxHeader(type, size, 8);
    }

    boolean extendsToEnd() {
        return size == 0;
    }

    long payloadSize() {
        return size - headerLength;
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
