package dev.kino.live.ingest.rtmp.protocol;

import static dev.kino.live.ingest.rtmp.protocol.Bytes.counting;
import static dev.kino.live.ingest.rtmp.protocol.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Messages → the exact chunk bytes. */
class ChunkEncoderTest {
    @Test
    void oneChunkWithATypeZeroHeader() {
        byte[] out = new ChunkEncoder().encode(new RtmpMessage(3, MessageType.COMMAND_AMF0, 0x01020304, 1000, hex("AABB")));

        assertArrayEquals(hex("03 0003E8 000002 14 04030201 AABB"), out);
    }

    @Test
    void continuationChunksGetTypeThreeHeaders() {
        byte[] payload = counting(0, 300);

        byte[] out = new ChunkEncoder().encode(new RtmpMessage(6, MessageType.VIDEO, 1, 0, payload));

        assertArrayEquals(new ChunkBytes().type0(6, 0, 300, 9, 1).data(payload, 0, 128).type3(6).data(payload, 128, 256)
                .type3(6).data(payload, 256, 300).bytes(), out);
    }

    @Test
    void extendedTimestampsAreRepeatedOnContinuationChunks() {
        byte[] payload = counting(0, 10);
        ChunkEncoder encoder = new ChunkEncoder();
        encoder.chunkSize(4);

        byte[] out = encoder.encode(new RtmpMessage(4, MessageType.AUDIO, 1, 0xFFFFFF, payload));

        assertArrayEquals(new ChunkBytes().type0(4, 0xFFFFFF, 10, 8, 1).extended(0xFFFFFF).data(payload, 0, 4)
                .type3(4).extended(0xFFFFFF).data(payload, 4, 8).type3(4).extended(0xFFFFFF).data(payload, 8, 10).bytes(), out);
    }

    @Test
    void twoAndThreeByteBasicHeaders() {
        ChunkEncoder encoder = new ChunkEncoder();
        encoder.chunkSize(1);

        assertArrayEquals(hex("0000 000000 000002 08 00000000 11 C000 22"),
                encoder.encode(new RtmpMessage(64, 8, 0, 0, hex("1122"))));
        assertArrayEquals(hex("01FFFF 000000 000002 08 00000000 11 C1FFFF 22"),
                encoder.encode(new RtmpMessage(65599, 8, 0, 0, hex("1122"))));
        assertArrayEquals(hex("00FF 000000 000000 08 00000000"), encoder.encode(new RtmpMessage(319, 8, 0, 0, new byte[0])));
        assertArrayEquals(hex("010001 000000 000000 08 00000000"), encoder.encode(new RtmpMessage(320, 8, 0, 0, new byte[0])));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkEncoder().chunkSize(0));
        assertThrows(IllegalArgumentException.class, () -> new RtmpMessage(1, 8, 0, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new RtmpMessage(65600, 8, 0, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new RtmpMessage(3, 8, 0, 0x100000000L, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new RtmpMessage(3, 256, 0, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new RtmpMessage(3, 8, 0, 0, new byte[0x1000000]));
    }
}
