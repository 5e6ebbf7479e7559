package dev.kino.live.ingest.rtmp.protocol;

import static dev.kino.live.ingest.rtmp.protocol.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kino.container.ParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aggregate payloads → sub-messages with renormalised timestamps. */
class AggregateMessageTest {
    @Test
    void subMessagesTakeTheAggregatesStreamAndAreShiftedByTheFirstOnesOffset() throws ParseException {
        RtmpMessage aggregate = new RtmpMessage(6, MessageType.AGGREGATE, 1, 100,
                hex("09 000001 000064 00 000000 AA 0000000C" + "28 000002 000078 00 000007 BBCC 0000000D"));

        List<RtmpMessage> subs = AggregateMessage.split(aggregate);

        assertEquals(List.of(new RtmpMessage(6, 9, 1, 100, hex("AA")), new RtmpMessage(6, 8, 1, 120, hex("BBCC"))), subs);
    }

    @Test
    void offsetsWrapAndTheLastBackPointerMayBeMissing() throws ParseException {
        RtmpMessage aggregate = new RtmpMessage(6, MessageType.AGGREGATE, 1, 5,
                hex("09 000000 000010 00 000000 0000000B" + "09 000001 000020 00 000000 EE"));

        List<RtmpMessage> subs = AggregateMessage.split(aggregate);

        assertEquals(List.of(5L, 21L), subs.stream().map(RtmpMessage::timestamp).toList());
        RtmpMessage behind = new RtmpMessage(6, MessageType.AGGREGATE, 1, 0, hex("09 000000 000010 00 000000"));
        assertEquals(0L, AggregateMessage.split(behind).getFirst().timestamp());
        RtmpMessage early = new RtmpMessage(6, MessageType.AGGREGATE, 1, 0x10,
                hex("09 000000 000020 00 000000 0000000B 09 000000 000000 00 000000"));
        assertEquals(List.of(0x10L, 0xFFFFFFF0L), AggregateMessage.split(early).stream().map(RtmpMessage::timestamp).toList());
    }

    @Test
    void truncatedTagsAreMalformed() {
        assertMalformed("09 000001 0000", "aggregate message of 6 bytes: a tag header of 11 bytes at offset 0 but 6 bytes left");
        assertMalformed("09 000005 000000 00 000000 AABB", "aggregate message of 13 bytes: a tag of 5 data bytes at offset 0"
                + " but 2 bytes left");
        assertMalformed("09 000000 000000 00 000000 0000", "aggregate message of 13 bytes: a 4-byte back pointer at offset 11"
                + " but 2 bytes left");
    }

    private static void assertMalformed(String payload, String message) {
        RtmpMessage aggregate = new RtmpMessage(6, MessageType.AGGREGATE, 1, 0, hex(payload));
        assertEquals(message, assertThrows(ParseException.class, () -> AggregateMessage.split(aggregate)).getMessage());
    }
}
