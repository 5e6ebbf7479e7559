package dev.kino.live.ingest.rtmp.protocol;

import static dev.kino.live.ingest.rtmp.protocol.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kino.container.ParseException;
import org.junit.jupiter.api.Test;

/** Control messages → exact payloads on chunk stream 2, message stream 0; and the readers. */
class ControlMessagesTest {
    @Test
    void builders() {
        assertEquals(new RtmpMessage(2, 1, 0, 0, hex("00001000")), ControlMessages.setChunkSize(4096));
        assertEquals(new RtmpMessage(2, 5, 0, 0, hex("002625A0")), ControlMessages.windowAckSize(2_500_000));
        assertEquals(new RtmpMessage(2, 6, 0, 0, hex("002625A0 02")), ControlMessages.setPeerBandwidth(2_500_000, 2));
        assertEquals(new RtmpMessage(2, 3, 0, 0, hex("FFFFFFFF")), ControlMessages.acknowledgement(0xFFFFFFFFL));
        assertEquals(new RtmpMessage(2, 3, 0, 0, hex("00000001")), ControlMessages.acknowledgement(0x100000001L));
        assertEquals(new RtmpMessage(2, 4, 0, 0, hex("0000 00000001")), ControlMessages.streamBegin(1));
        assertEquals(new RtmpMessage(2, 4, 0, 0, hex("0007 00001092")), ControlMessages.pingResponse(4242));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ControlMessages.setChunkSize(0));
        assertThrows(IllegalArgumentException.class, () -> ControlMessages.setPeerBandwidth(1, 3));
    }

    @Test
    void readers() throws ParseException {
        assertEquals(0xFFFFFFFFL, ControlMessages.readUint32(hex("FFFFFFFF")));
        assertEquals(0x01020304L, ControlMessages.readUint32(hex("0006 01020304"), 2));
        assertEquals(6, ControlMessages.readEventType(hex("0006 01020304")));
        assertEquals(0x7FFFFFFF, ControlMessages.readChunkSize(hex("7FFFFFFF")));
        assertEquals("control message of 3 bytes: need 4 at offset 0",
                assertThrows(ParseException.class, () -> ControlMessages.readUint32(hex("000000"))).getMessage());
        assertEquals("user control message of 1 bytes: need at least 2",
                assertThrows(ParseException.class, () -> ControlMessages.readEventType(hex("00"))).getMessage());
    }
}
