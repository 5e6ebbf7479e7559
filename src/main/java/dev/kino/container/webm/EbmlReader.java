package dev.kino.container.webm;

import dev.kino.container.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * EBML variable-size integers, and a cursor over the children of an element that is already in memory.
 *
 * <p>An element ID is 1 to 4 bytes and keeps its marker bits ({@code 0x1A45DFA3}); a size is 1 to 8 bytes with the
 * marker removed, and all value bits set means "unknown size" ({@link #UNKNOWN_SIZE}).
 */
final class EbmlReader {
    /** What {@link #readSize} returns for the reserved all-ones value. */
    static final long UNKNOWN_SIZE = -1;

    private final byte[] buf;
    private final int end;
    private int pos;
    private int id;
    private int elementOffset;
    private int bodyOffset;
    private int bodySize;

    /** A cursor over the elements in {@code buf[off, off + len)}. */
    EbmlReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    /** The length of an element ID from its first byte: 1 to 4, or 0 if no ID starts with that byte. */
    static int idLength(int firstByte) {
        int length = Integer.numberOfLeadingZeros(firstByte & 0xFF) - 23;
        return length <= 4 ? length : 0;
    }

    /** The length of an element size from its first byte: 1 to 8, or 0 if no size starts with that byte. */
    static int sizeLength(int firstByte) {
        int length = Integer.numberOfLeadingZeros(firstByte & 0xFF) - 23;
        return length <= 8 ? length : 0;
    }

    /** The ID in {@code b[off, off + length)}, marker bits kept. */
    static int readId(byte[] b, int off, int length) {
        int value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (b[off + i] & 0xFF);
        }
        return value;
    }

    /** The size in {@code b[off, off + length)} without its marker bit, or {@link #UNKNOWN_SIZE} if all bits are ones. */
    static long readSize(byte[] b, int off, int length) {
        long value = b[off] & (0xFF >> length);
        boolean allOnes = value == (0xFF >> length);
        for (int i = 1; i < length; i++) {
            int next = b[off + i] & 0xFF;
            value = (value << 8) | next;
            allOnes &= next == 0xFF;
        }
        return allOnes ? UNKNOWN_SIZE : value;
    }

    /** A big-endian unsigned integer of up to 8 bytes (8 bytes with the top bit set come out negative). */
    static long readUnsigned(byte[] b, int off, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (b[off + i] & 0xFF);
        }
        return value;
    }

    /**
     * Moves to the next child element.
     *
     * @return false at the end of the range
     * @throws ParseException if the child's header is broken, its size is unknown or it runs past the range
     */
    boolean next() throws ParseException {
        if (pos >= end) {
            return false;
        }
        int idLength = idLength(buf[pos]);
        if (idLength == 0 || pos + idLength >= end) {
            throw ParseException.malformed("broken element ID inside a buffered element");
        }
        int sizeLength = sizeLength(buf[pos + idLength]);
        if (sizeLength == 0 || pos + idLength + sizeLength > end) {
            throw ParseException.malformed("broken element size inside a buffered element");
        }
        elementOffset = pos;
        id = readId(buf, pos, idLength);
        long size = readSize(buf, pos + idLength, sizeLength);
        bodyOffset = pos + idLength + sizeLength;
        if (size == UNKNOWN_SIZE || size > end - bodyOffset) {
            throw ParseException.malformed("element " + ElementId.hex(id) + " overruns its parent");
        }
        bodySize = (int) size;
        pos = bodyOffset + bodySize;
        return true;
    }

    int id() {
        return id;
    }

    /** Where the current child's header starts. */
    int elementOffset() {
        return elementOffset;
    }

    int bodyOffset() {
        return bodyOffset;
    }

    int bodySize() {
        return bodySize;
    }

    /** The current child as an unsigned integer (0 to 8 bytes). */
    long readUnsigned() throws ParseException {
        if (bodySize > 8) {
            throw ParseException.malformed("integer element " + ElementId.hex(id) + " has " + bodySize + " bytes");
        }
        return readUnsigned(buf, bodyOffset, bodySize);
    }

    /** The current child as an ASCII/UTF-8 string, cut at the first NUL. */
    String readString() {
        int stop = bodyOffset;
        while (stop < bodyOffset + bodySize && buf[stop] != 0) {
            stop++;
        }
        return new String(buf, bodyOffset, stop - bodyOffset, StandardCharsets.UTF_8);
    }

    /** A copy of the current child's body. */
    byte[] readBytes() {
        return Arrays.copyOfRange(buf, bodyOffset, bodyOffset + bodySize);
    }
}
