package dev.kino.container.mp4;

import dev.kino.container.ParseException;

/**
 * One AV1 OBU in low-overhead format (AV1 bitstream spec §5.3): its type and where its payload lies. An OBU without
 * a size field runs to the end of the buffer.
 *
 * @param start        where its header starts
 * @param payloadStart where its payload starts
 * @param end          where it ends (the next OBU starts)
 */
record Obu(int type, int start, int payloadStart, int end) {
    static final int TEMPORAL_DELIMITER = 2;

    /** The OBU whose header starts at {@code data[pos]}, within {@code data[..end)}. */
    static Obu at(byte[] data, int pos, int end) throws ParseException {
        int header = data[pos] & 0xFF;
        if ((header & 0x80) != 0) {
            throw ParseException.malformed("AV1: OBU forbidden bit set");
        }
        int type = (header >>> 3) & 0x0F;
        int p = pos + 1 + ((header & 0x04) != 0 ? 1 : 0);
        if ((header & 0x02) == 0) {
            if (p > end) {
                throw ParseException.malformed("AV1: OBU header cut off");
            }
            return new Obu(type, pos, p, end);
        }
        long size = 0;
        for (int i = 0; ; i++) {
            if (p >= end || i == 8) {
                throw ParseException.malformed("AV1: OBU size cut off");
            }
            int b = data[p++] & 0xFF;
            size |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (size > end - p) {
            throw ParseException.malformed("AV1: OBU of " + size + " bytes overruns its buffer");
        }
        return new Obu(type, pos, p, p + (int) size);
    }
}
