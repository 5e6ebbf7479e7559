package dev.kino.live.ingest.rtmp.protocol;

import static dev.kino.live.ingest.rtmp.protocol.Bytes.cat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** C0, C1, C2 and the chunk stream's first bytes, in every split → S0 S1 S2 once, then done with the leftover. */
class ServerHandshakeTest {
    private static final byte[] C1 = Bytes.random(1, 1536);
    private static final byte[] C2 = Bytes.random(2, 1536);
    private static final byte[] AFTER = Bytes.hex("030000000000");

    @Test
    void answersC0C1WithS0S1S2AndEndsAfterC2InEverySplit() throws ParseException {
        byte[] input = cat(new byte[] {3}, C1, C2, AFTER);
        byte[] expectedNoise = new byte[1528];
        new Random(42).nextBytes(expectedNoise);

        for (int[] sizes : Splits.variety(input.length)) {
            ServerHandshake handshake = new ServerHandshake(new Random(42));
            ByteArrayOutputStream replies = new ByteArrayOutputStream();
            int off = 0;
            int piece = 0;
            for (; !handshake.done(); piece++) {
                byte[] reply = handshake.feed(Arrays.copyOf(input, input.length), off, sizes[piece]);
                if (reply.length > 0) {
                    assertTrue(off < 1537 && off + sizes[piece] >= 1537, "S0S1S2 only once C1 is complete");
                }
                replies.writeBytes(reply);
                off += sizes[piece];
                assertEquals(off >= 3073, handshake.done());
            }

            byte[] out = replies.toByteArray();
            assertEquals(1 + 1536 + 1536, out.length, Splits.describe(sizes));
            assertEquals(3, out[0]);
            assertArrayEquals(new byte[8], Arrays.copyOfRange(out, 1, 9), "S1 time and zero field");
            assertArrayEquals(expectedNoise, Arrays.copyOfRange(out, 9, 1537));
            assertArrayEquals(C1, Arrays.copyOfRange(out, 1537, 3073), "S2 echoes C1");
            assertArrayEquals(AFTER, cat(handshake.leftover(), Arrays.copyOfRange(input, off, input.length)));
        }
    }

    @Test
    void leftoverIsEmptyWhenC2EndsTheInput() throws ParseException {
        ServerHandshake handshake = new ServerHandshake(new Random(1));
        byte[] input = cat(new byte[] {3}, C1, C2);

        byte[] reply = handshake.feed(input, 0, input.length);

        assertEquals(3073, reply.length);
        assertTrue(handshake.done());
        assertEquals(0, handshake.leftover().length);
        assertThrows(IllegalStateException.class, () -> handshake.feed(AFTER, 0, 1));
    }

    @Test
    void c2ContentsAreNotChecked() throws ParseException {
        ServerHandshake handshake = new ServerHandshake(new Random(1));
        byte[] input = cat(new byte[] {3}, C1, new byte[1536]);

        handshake.feed(input, 0, input.length);

        assertTrue(handshake.done());
    }

    @Test
    void otherVersionsAreRefusedAtTheFirstByte() {
        assertRefused(6, "RTMP version 6: RTMPE (encrypted RTMP) is not supported; use rtmp:// or put TLS in front");
        assertRefused(0x16, "RTMP version 22: this looks like a TLS handshake (rtmps://); terminate TLS in front of Kino");
        assertRefused('G', "RTMP version 71: this looks like an HTTP request, not RTMP");
        assertRefused(0, "RTMP version 0: only version 3 (plain RTMP) is supported");
        assertRefused(255, "RTMP version 255: only version 3 (plain RTMP) is supported");
    }

    @Test
    void afterARefusalEveryCallFails() {
        ServerHandshake handshake = new ServerHandshake(new Random(1));
        assertThrows(ParseException.class, () -> handshake.feed(new byte[] {6}, 0, 1));

        ParseException again = assertThrows(ParseException.class, () -> handshake.feed(new byte[] {3}, 0, 1));

        assertFalse(again.isMalformed());
        assertTrue(again.getMessage().startsWith("RTMP version 6"));
        assertFalse(handshake.done());
    }

    private static void assertRefused(int version, String message) {
        ServerHandshake handshake = new ServerHandshake(new Random(1));
        ParseException e = assertThrows(ParseException.class, () -> handshake.feed(new byte[] {(byte) version}, 0, 1));
        assertFalse(e.isMalformed());
        assertEquals(message, e.getMessage());
    }
}
