package dev.kino.container.webm;

import java.util.Arrays;

/** A growable byte array that only grows as bytes arrive (callers check sizes against their limits first). */
final class ByteSink {
    private static final int INITIAL_CAPACITY = 4096;
    /** Kept across {@link #reset()} up to this capacity; a bigger array is dropped so one huge Cluster is not pinned. */
    private static final int RETAINED_CAPACITY = 4 << 20;

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int length;

    void append(byte[] src, int off, int len) {
        ensureCapacity(length + len);
        System.arraycopy(src, off, buf, length, len);
        length += len;
    }

    int length() {
        return length;
    }

    /** The backing array, valid in {@code [0, length())} until the next append or reset. */
    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    void reset() {
        length = 0;
        if (buf.length > RETAINED_CAPACITY) {
            buf = new byte[INITIAL_CAPACITY];
        }
    }

    private void ensureCapacity(int needed) {
        if (needed < 0) {
            throw new IllegalStateException("buffer over 2 GiB");
        }
        if (needed > buf.length) {
            long doubled = Math.min((long) buf.length * 2, Integer.MAX_VALUE - 8);
            buf = Arrays.copyOf(buf, (int) Math.max(needed, doubled));
        }
    }
}
