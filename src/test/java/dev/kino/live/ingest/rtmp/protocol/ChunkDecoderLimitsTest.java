package dev.kino.live.ingest.rtmp.protocol;

import static dev.kino.live.ingest.rtmp.protocol.Bytes.counting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile and broken chunk streams → the exact error, in every split, before anything big is allocated. */
class ChunkDecoderLimitsTest {
    private static final int AUDIO = MessageType.AUDIO;
    private static final int VIDEO = MessageType.VIDEO;

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithTheSizes() {
        ChunkDecoder.Limits limits = new ChunkDecoder.Limits(1 << 20, 2 << 20, 64);
        byte[] input = new ChunkBytes().type0(4, 0, (1 << 20) + 1, VIDEO, 1).bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input, limits);

        assertEquals("malformed: chunk stream 4 declares a message of 1048577 bytes; the limit is 1048576", out.error());
        byte[] typeOne = new ChunkBytes().type0(4, 0, 1, VIDEO, 1).data(counting(0, 1)).type1(4, 0, 0xFFFFFF, VIDEO).bytes();
        assertTrue(Decoding.decodeInEverySplit(typeOne, limits).error().contains("16777215 bytes; the limit is 1048576"));
    }

    /** 64 chunk streams declaring 16 MiB each (1 GiB in all) and sending one chunk: only those chunks are held. */
    @Test
    void declaredLengthsCostNothingUntilTheirBytesArrive() {
        ChunkBytes chunks = new ChunkBytes();
        for (int csid = 3; csid < 3 + 64; csid++) {
            chunks.type0(csid, 0, 0xFFFFFF, VIDEO, 1).data(counting(csid, 128));
        }
        byte[] input = chunks.bytes();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        Decoding.Outcome out = Decoding.decodeWhole(input);

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertNull(out.error());
        assertEquals(List.of(), out.messages());
        assertTrue(allocated < 4 << 20, allocated + " bytes allocated");
    }

    @Test
    void moreChunkStreamsThanTheLimitAreRefused() {
        ChunkBytes chunks = new ChunkBytes();
        for (int csid = 3; csid < 8; csid++) {
            chunks.type0(csid, 0, 1, VIDEO, 1).data(counting(csid, 1));
        }

        Decoding.Outcome out = Decoding.decodeInEverySplit(chunks.bytes(), new ChunkDecoder.Limits(100, 100, 4));

        assertEquals(4, out.messages().size());
        assertEquals("malformed: chunk stream 7 is one more than the 4 chunk streams allowed", out.error());
    }

    @Test
    void bytesHeldInIncompleteMessagesAreCapped() {
        ChunkBytes chunks = new ChunkBytes().type0(4, 0, 1000, VIDEO, 1).data(counting(0, 128));
        for (int i = 0; i < 6; i++) {
            chunks.type3(4).data(counting(i, 128));
        }
        chunks.type0(5, 0, 1000, AUDIO, 1).data(counting(0, 128));
        for (int i = 0; i < 4; i++) {
            chunks.type3(5).data(counting(i, 128));
        }

        Decoding.Outcome out = Decoding.decodeInEverySplit(chunks.bytes(), new ChunkDecoder.Limits(1000, 1500, 8));

        assertTrue(out.error().startsWith("malformed: incomplete messages would hold more than 1500 bytes"), out.error());
    }

    @Test
    void chunkSizesZeroAndWithTheTopBitSetAreRefusedWithTheValue() {
        Decoding.Outcome zero = Decoding.decodeInEverySplit(new ChunkBytes().setChunkSize(0).bytes());
        Decoding.Outcome huge = Decoding.decodeInEverySplit(new ChunkBytes().setChunkSize(0xFFFFFFFFL).bytes());
        Decoding.Outcome top = Decoding.decodeInEverySplit(new ChunkBytes().setChunkSize(0x80000000L).bytes());

        assertEquals("malformed: Set Chunk Size 0 (0x00000000) is not in 1..2147483647", zero.error());
        assertEquals("malformed: Set Chunk Size 4294967295 (0xFFFFFFFF) is not in 1..2147483647", huge.error());
        assertTrue(top.error().contains("2147483648"), top.error());
        assertEquals(List.of(), huge.messages());
    }

    @Test
    void aShortSetChunkSizeIsMalformed() {
        byte[] input = new ChunkBytes().type0(2, 0, 2, MessageType.SET_CHUNK_SIZE, 0).uint(1, 2).bytes();

        assertTrue(Decoding.decodeWhole(input).error().startsWith("malformed: control message of 2 bytes"));
    }

    @Test
    void aChunkStreamMustStartWithATypeZeroHeader() {
        for (int format = 1; format <= 3; format++) {
            byte[] input = new ChunkBytes().basic(format, 9).data(new byte[11]).bytes();

            Decoding.Outcome out = Decoding.decodeInEverySplit(input);

            assertEquals("malformed: chunk stream 9 starts with a type-" + format
                    + " chunk header; its first header must be type 0", out.error());
        }
    }

    @Test
    void aNewMessageHeaderWhileAMessageIsIncompleteIsMalformed() {
        byte[] input = new ChunkBytes().type0(4, 0, 200, VIDEO, 1).data(counting(0, 128)).type2(4, 10).data(counting(0, 72))
                .bytes();

        assertEquals("malformed: chunk stream 4: a type-2 header starts a message while 72 of the last message's 200"
                + " bytes are still to come", Decoding.decodeInEverySplit(input).error());
    }

    @Test
    void afterAnErrorEveryCallFails() {
        ChunkDecoder decoder = new ChunkDecoder(m -> { }, ChunkDecoder.Limits.DEFAULT);
        byte[] bad = new ChunkBytes().type3(4).bytes();

        assertThrows(ParseException.class, () -> decoder.feed(bad, 0, bad.length));
        ParseException again = assertThrows(ParseException.class, () -> decoder.feed(new byte[1], 0, 1));

        assertTrue(again.isMalformed());
        assertTrue(again.getMessage().startsWith("the chunk stream failed earlier: chunk stream 4"), again.getMessage());
    }

    @Test
    void aListenerErrorFailsTheDecoder() {
        ChunkDecoder decoder = new ChunkDecoder(m -> {
            throw ParseException.unsupported("no thanks");
        }, ChunkDecoder.Limits.DEFAULT);
        byte[] input = new ChunkBytes().type0(4, 0, 1, VIDEO, 1).data(counting(0, 1)).bytes();

        assertEquals("no thanks", assertThrows(ParseException.class, () -> decoder.feed(input, 0, input.length)).getMessage());
        assertThrows(ParseException.class, () -> decoder.feed(input, 0, 1));
    }
}
