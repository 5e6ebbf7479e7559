package dev.kino.container.mp4;

import java.util.Arrays;

/** A growable big-endian byte buffer for writing boxes: {@link #open} a box, write its fields, {@link #close} it. */
final class BoxWriter {
    private byte[] buf;
    private int length;

    BoxWriter(int capacity) {
        buf = new byte[Math.max(capacity, 64)];
    }

    int length() {
        return length;
    }

    /** Starts a box of {@code type}; returns where it starts, for {@link #close}. */
    int open(int type) {
        int at = length;
        u32(0);
        u32(type);
        return at;
    }

    /** Starts a full box: type, then version and 24-bit flags. */
    int openFull(int type, int version, int flags) {
        int at = open(type);
        u32((version << 24) | (flags & 0xFFFFFF));
        return at;
    }

    /** Ends the box that starts at {@code at}: writes its size. */
    void close(int at) {
        set32(at, length - at);
    }

    /** A whole box holding {@code payload}. */
    void box(int type, byte[] payload) {
        int at = open(type);
        bytes(payload, 0, payload.length);
        close(at);
    }

    void u8(int v) {
        ensure(1);
        buf[length++] = (byte) v;
    }

    void u16(int v) {
        u8(v >>> 8);
        u8(v);
    }

    void u24(int v) {
        u8(v >>> 16);
        u16(v);
    }

    void u32(long v) {
        ensure(4);
        set32(length, (int) v);
        length += 4;
    }

    void u64(long v) {
        u32(v >>> 32);
        u32(v);
    }

    void zeros(int n) {
        ensure(n);
        length += n; // the array is zero-filled and never reused
    }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, length, len);
        length += len;
    }

    /** Overwrites four bytes at {@code at}, written before. */
    void set32(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    byte[] toByteArray() {
        return buf.length == length ? buf : Arrays.copyOf(buf, length);
    }

    private void ensure(int n) {
        if (length + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
        }
    }
}
