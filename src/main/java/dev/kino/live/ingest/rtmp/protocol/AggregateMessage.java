package dev.kino.live.ingest.rtmp.protocol;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an aggregate message into its sub-messages: FLV tags back to back, each an 11-byte tag header (type,
 * 24-bit data size, 24-bit timestamp plus an 8-bit upper timestamp byte, 24-bit stream id), the data and a 4-byte back
 * pointer (not checked; the last one may be missing).
 *
 * <p>Per the spec, the sub-messages take the aggregate's message stream id, and their timestamps are shifted by the
 * difference between the aggregate's timestamp and the first sub-message's, modulo 2^32.
 */
final class AggregateMessage {
    private static final int TAG_HEADER = 11;
    private static final int BACK_POINTER = 4;

    private AggregateMessage() {}

    static List<RtmpMessage> split(RtmpMessage aggregate) throws ParseException {
        byte[] p = aggregate.payload();
        List<RtmpMessage> messages = new ArrayList<>();
        long offset = 0;
        int pos = 0;
        while (pos < p.length) {
            if (p.length - pos < TAG_HEADER) {
                throw malformed(aggregate, pos, "a tag header of 11 bytes", p.length - pos);
            }
            int type = p[pos] & 0x1F;
            int size = uint24(p, pos + 1);
            long timestamp = (long) (p[pos + 7] & 0xFF) << 24 | uint24(p, pos + 4);
            if (size > p.length - pos - TAG_HEADER) {
                throw malformed(aggregate, pos, "a tag of " + size + " data bytes", p.length - pos - TAG_HEADER);
            }
            if (messages.isEmpty()) {
                offset = aggregate.timestamp() - timestamp;
            }
            int data = pos + TAG_HEADER;
            messages.add(new RtmpMessage(aggregate.chunkStreamId(), type, aggregate.messageStreamId(),
                    (timestamp + offset) & 0xFFFFFFFFL, Arrays.copyOfRange(p, data, data + size)));
            pos = data + size;
            int left = p.length - pos;
            if (left > 0 && left < BACK_POINTER) {
                throw malformed(aggregate, pos, "a 4-byte back pointer", left);
            }
            pos += Math.min(left, BACK_POINTER);
        }
        return messages;
    }

    private static ParseException malformed(RtmpMessage aggregate, int pos, String what, int left) {
        return ParseException.malformed("aggregate message of " + aggregate.payload().length + " bytes: " + what
                + " at offset " + pos + " but " + left + " bytes left");
    }

    private static int uint24(byte[] p, int off) {
        return (p[off] & 0xFF) << 16 | (p[off + 1] & 0xFF) << 8 | p[off + 2] & 0xFF;
    }
}
