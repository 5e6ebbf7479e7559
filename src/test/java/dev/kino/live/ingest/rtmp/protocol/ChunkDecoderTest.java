package dev.kino.live.ingest.rtmp.protocol;

import static dev.kino.live.ingest.rtmp.protocol.Bytes.counting;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built chunk streams → the exact messages, in every split. */
class ChunkDecoderTest {
    private static final int AUDIO = MessageType.AUDIO;
    private static final int VIDEO = MessageType.VIDEO;

    @Test
    void specExampleOneTypes023GiveTimestampsFromTheDelta() {
        byte[] a = counting(0, 32);
        byte[] b = counting(40, 32);
        byte[] c = counting(80, 32);
        byte[] d = counting(120, 32);
        byte[] input = new ChunkBytes().type0(3, 1000, 32, AUDIO, 12345).data(a)
                .type2(3, 20).data(b)
                .type3(3).data(c)
                .type3(3).data(d)
                .bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input);

        assertNull(out.error());
        assertEquals(List.of(new RtmpMessage(3, AUDIO, 12345, 1000, a), new RtmpMessage(3, AUDIO, 12345, 1020, b),
                new RtmpMessage(3, AUDIO, 12345, 1040, c), new RtmpMessage(3, AUDIO, 12345, 1060, d)), out.messages());
        assertEquals(input.length, out.bytesRead());
    }

    @Test
    void specExampleTwoOneMessageInThreeChunks() {
        byte[] payload = counting(7, 307);
        byte[] input = new ChunkBytes().type0(4, 1000, 307, VIDEO, 12346).data(payload, 0, 128)
                .type3(4).data(payload, 128, 256)
                .type3(4).data(payload, 256, 307)
                .bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input);

        assertNull(out.error());
        assertEquals(List.of(new RtmpMessage(4, VIDEO, 12346, 1000, payload)), out.messages());
    }

    @Test
    void typeOneChangesLengthAndTypeAndKeepsTheMessageStream() {
        byte[] input = new ChunkBytes().type0(5, 0, 3, VIDEO, 1).data(counting(1, 3))
                .type1(5, 40, 5, AUDIO).data(counting(2, 5))
                .type3(5).data(counting(3, 5))
                .type2(5, 7).data(counting(4, 5))
                .bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input);

        assertEquals(List.of(new RtmpMessage(5, VIDEO, 1, 0, counting(1, 3)), new RtmpMessage(5, AUDIO, 1, 40, counting(2, 5)),
                new RtmpMessage(5, AUDIO, 1, 80, counting(3, 5)), new RtmpMessage(5, AUDIO, 1, 87, counting(4, 5))),
                out.messages());
    }

    /** The spec: a type-3 chunk may follow a type-0 one when the second delta equals the first timestamp. */
    @Test
    void typeThreeAfterTypeZeroAddsTheFirstTimestamp() {
        byte[] input = new ChunkBytes().type0(6, 33, 2, AUDIO, 1).data(counting(0, 2))
                .type3(6).data(counting(9, 2))
                .type3(6).data(counting(5, 2))
                .bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input);

        assertEquals(List.of(33L, 66L, 99L), out.messages().stream().map(RtmpMessage::timestamp).toList());
    }

    @Test
    void basicHeadersOfOneTwoAndThreeBytes() {
        int[] ids = {2, 63, 64, 319, 320, 65599};
        ChunkBytes chunks = new ChunkBytes();
        List<RtmpMessage> expected = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            chunks.type0(ids[i], i, 1, VIDEO, 1).data(new byte[] {(byte) i});
            expected.add(new RtmpMessage(ids[i], VIDEO, 1, i, new byte[] {(byte) i}));
        }
        byte[] input = chunks.bytes();
        assertArrayEquals(Bytes.hex("02 000000 000001 09 01000000 00" + "3f 000001 000001 09 01000000 01"
                + "0000 000002 000001 09 01000000 02" + "00ff 000003 000001 09 01000000 03"
                + "010001 000004 000001 09 01000000 04" + "01ffff 000005 000001 09 01000000 05"), input);

        assertEquals(expected, Decoding.decodeInEverySplit(input).messages());
    }

    @Test
    void theThreeByteFormOfASmallIdIsTheSameChunkStream() {
        byte[] payload = counting(0, 200);
        byte[] input = new ChunkBytes().basic2(0, 64).header0(5, 200, VIDEO, 1).data(payload, 0, 128)
                .basic3(3, 64).data(payload, 128, 200)
                .bytes();

        assertEquals(List.of(new RtmpMessage(64, VIDEO, 1, 5, payload)), Decoding.decodeInEverySplit(input).messages());
    }

    @Test
    void extendedTimestampOnTypeZeroIsRepeatedOnItsContinuationChunks() {
        byte[] payload = counting(3, 300);
        byte[] input = new ChunkBytes().type0(4, 0xFFFFFF, 300, VIDEO, 1).extended(0x01020304L).data(payload, 0, 128)
                .type3(4).extended(0x01020304L).data(payload, 128, 256)
                .type3(4).extended(0x01020304L).data(payload, 256, 300)
                .bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input);

        assertNull(out.error());
        assertEquals(List.of(new RtmpMessage(4, VIDEO, 1, 0x01020304L, payload)), out.messages());
    }

    @Test
    void aTimestampOfExactly0xFFFFFFIsExtended() {
        byte[] input = new ChunkBytes().type0(4, 0xFFFFFF, 1, VIDEO, 1).extended(0xFFFFFF).data(counting(0, 1)).bytes();

        assertEquals(0xFFFFFFL, Decoding.decodeInEverySplit(input).messages().getFirst().timestamp());
    }

    @Test
    void extendedDeltasOnTypesOneAndTwoAndTheirTypeThreeFollowers() {
        byte[] input = new ChunkBytes().type0(4, 10, 1, AUDIO, 1).data(counting(0, 1))
                .type1(4, 0xFFFFFF, 2, AUDIO).extended(0x01000000L).data(counting(1, 2))
                .type3(4).extended(0x01000000L).data(counting(2, 2))
                .type2(4, 0xFFFFFF).extended(0x02000000L).data(counting(3, 2))
                .type2(4, 5).data(counting(4, 2))
                .type3(4).data(counting(5, 2))
                .bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input);

        assertNull(out.error());
        assertEquals(List.of(10L, 0x0100000AL, 0x0200000AL, 0x0400000AL, 0x0400000FL, 0x04000014L),
                out.messages().stream().map(RtmpMessage::timestamp).toList());
    }

    @Test
    void timestampsWrapModulo2To32() {
        byte[] input = new ChunkBytes().type0(4, 0xFFFFFF, 1, VIDEO, 1).extended(0xFFFFFFF0L).data(counting(0, 1))
                .type2(4, 0x20).data(counting(1, 1))
                .type3(4).data(counting(2, 1))
                .type1(4, 0xFFFFFF, 1, VIDEO).extended(0xFFFFFFFFL).data(counting(3, 1))
                .bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input);

        assertEquals(List.of(0xFFFFFFF0L, 0x10L, 0x30L, 0x2FL), out.messages().stream().map(RtmpMessage::timestamp).toList());
    }

    @Test
    void chunkSizeChangesApplyToTheChunksAfterTheMessage() {
        byte[] small = counting(1, 5);
        byte[] medium = counting(2, 100_000);
        byte[] large = counting(3, 70_000);
        ChunkBytes chunks = new ChunkBytes().setChunkSize(1).type0(4, 0, 5, VIDEO, 1).data(small, 0, 1);
        for (int i = 1; i < 5; i++) {
            chunks.type3(4).data(small, i, i + 1);
        }
        byte[] size65536 = Bytes.hex("00010000");
        chunks.type0(2, 0, 4, MessageType.SET_CHUNK_SIZE, 0).data(size65536, 0, 1);
        for (int i = 1; i < 4; i++) {
            chunks.type3(2).data(size65536, i, i + 1);
        }
        chunks.type0(4, 0, 100_000, VIDEO, 1).data(medium, 0, 65536).type3(4).data(medium, 65536, 100_000);
        chunks.setChunkSize(0x7FFFFFFF).type0(4, 0, 70_000, VIDEO, 1).data(large);
        byte[] input = chunks.bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input);

        assertNull(out.error());
        List<RtmpMessage> m = out.messages();
        assertEquals(6, m.size());
        assertArrayEquals(Bytes.hex("00000001"), m.get(0).payload());
        assertEquals(MessageType.SET_CHUNK_SIZE, m.get(0).typeId());
        assertArrayEquals(small, m.get(1).payload());
        assertArrayEquals(medium, m.get(3).payload());
        assertArrayEquals(large, m.get(5).payload());
        assertEquals(0x7FFFFFFF, out.chunkSize());
    }

    @Test
    void aNewChunkSizeAppliesToAMessageAlreadyUnderWay() {
        byte[] payload = counting(0, 300);
        byte[] input = new ChunkBytes().type0(4, 0, 300, VIDEO, 1).data(payload, 0, 128)
                .setChunkSize(200)
                .type3(4).data(payload, 128, 300)
                .bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input);

        assertEquals(2, out.messages().size());
        assertArrayEquals(payload, out.messages().get(1).payload());
    }

    @Test
    void messagesInterleaveAcrossChunkStreams() {
        byte[] audio = counting(0, 200);
        byte[] video = counting(100, 300);
        byte[] input = new ChunkBytes().type0(4, 20, 200, AUDIO, 1).data(audio, 0, 128)
                .type0(6, 10, 300, VIDEO, 1).data(video, 0, 128)
                .type3(4).data(audio, 128, 200)
                .type3(6).data(video, 128, 256)
                .type3(6).data(video, 256, 300)
                .bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input);

        assertEquals(List.of(new RtmpMessage(4, AUDIO, 1, 20, audio), new RtmpMessage(6, VIDEO, 1, 10, video)), out.messages());
    }

    @Test
    void abortDropsThePartialMessageOfTheNamedChunkStream() {
        byte[] next = counting(9, 200);
        byte[] input = new ChunkBytes().type0(4, 0, 300, VIDEO, 1).data(counting(0, 128))
                .type0(2, 0, 4, MessageType.ABORT, 0).uint(4, 4)
                .type0(4, 40, 200, VIDEO, 1).data(next, 0, 128).type3(4).data(next, 128, 200)
                .bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input, new ChunkDecoder.Limits(300, 300, 4));

        assertNull(out.error());
        assertEquals(List.of(new RtmpMessage(2, MessageType.ABORT, 0, 0, Bytes.hex("00000004")),
                new RtmpMessage(4, VIDEO, 1, 40, next)), out.messages());
    }

    @Test
    void zeroLengthMessagesAreDelivered() {
        byte[] input = new ChunkBytes().type0(4, 7, 0, AUDIO, 1).type3(4).type0(5, 1, 1, VIDEO, 1).data(counting(0, 1)).bytes();

        Decoding.Outcome out = Decoding.decodeInEverySplit(input);

        assertEquals(List.of(new RtmpMessage(4, AUDIO, 1, 7, new byte[0]), new RtmpMessage(4, AUDIO, 1, 14, new byte[0]),
                new RtmpMessage(5, VIDEO, 1, 1, counting(0, 1))), out.messages());
    }

    @Test
    void bytesReadDuringADeliveryCountsUpToTheMessagesLastByte() throws ParseException {
        byte[] input = new ChunkBytes().type0(4, 0, 3, VIDEO, 1).data(counting(0, 3)).type3(4).data(counting(1, 3)).bytes();
        List<Long> positions = new ArrayList<>();
        ChunkDecoder[] decoder = new ChunkDecoder[1];
        decoder[0] = new ChunkDecoder(m -> positions.add(decoder[0].bytesRead()), ChunkDecoder.Limits.DEFAULT);

        assertThrows(IndexOutOfBoundsException.class, () -> decoder[0].feed(input, 1, input.length));
        decoder[0].feed(input, 0, input.length);

        assertEquals(List.of(15L, 19L), positions);
        assertEquals(input.length, decoder[0].bytesRead());
    }

    @Test
    void feedUntilMessageStopsAfterEachMessage() throws ParseException {
        byte[] input = new ChunkBytes().type0(4, 0, 0, VIDEO, 1).type3(4).type0(5, 0, 2, VIDEO, 1).data(counting(0, 2)).bytes();
        List<RtmpMessage> messages = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(messages::add, ChunkDecoder.Limits.DEFAULT);

        int[] consumed = new int[4];
        int off = 0;
        for (int i = 0; i < 4; i++) {
            consumed[i] = decoder.feedUntilMessage(input, off, input.length - off);
            off += consumed[i];
        }

        assertEquals("[12, 1, 14, 0]", Arrays.toString(consumed));
        assertEquals(3, messages.size());
    }
}
