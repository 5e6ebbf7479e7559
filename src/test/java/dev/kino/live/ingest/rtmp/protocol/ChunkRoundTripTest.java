package dev.kino.live.ingest.rtmp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random messages written as chunks and read back, in random splits (seeded, bounded). */
class ChunkRoundTripTest {
    private static final int[] CHUNK_STREAMS = {3, 4, 6, 63, 64, 319, 320, 65599};
    private static final int[] CHUNK_SIZES = {1, 7, 128, 129, 4096, 65536, 0x7FFFFFFF};

    @Test
    void chunkEncoderOutputDecodesToTheSameMessages() {
        for (long seed = 1; seed <= 25; seed++) {
            Random random = new Random(seed);
            ChunkEncoder encoder = new ChunkEncoder();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            List<RtmpMessage> messages = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                RtmpMessage m;
                if (random.nextInt(8) == 0) {
                    int size = CHUNK_SIZES[random.nextInt(CHUNK_SIZES.length)];
                    m = ControlMessages.setChunkSize(size);
                    bytes.writeBytes(encoder.encode(m));
                    encoder.chunkSize(size);
                } else {
                    m = randomMessage(random, CHUNK_STREAMS[random.nextInt(CHUNK_STREAMS.length)], randomTimestamp(random));
                    bytes.writeBytes(encoder.encode(m));
                }
                messages.add(m);
            }
            byte[] input = bytes.toByteArray();

            for (int[] sizes : List.of(Splits.whole(input.length), Splits.random(input.length, seed),
                    Splits.random(input.length, seed + 100))) {
                Decoding.Outcome out = Decoding.decode(input, sizes, ChunkDecoder.Limits.DEFAULT);

                assertNull(out.error(), "seed " + seed);
                assertEquals(messages, out.messages(), "seed " + seed + ", " + Splits.describe(sizes));
                assertEquals(input.length, out.bytesRead());
            }
        }
    }

    @Test
    void compressedHeadersAndInterleavedChunkStreamsDecodeToTheSameMessages() {
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            List<RtmpMessage> messages = tracks(random);
            InterleavingChunkWriter.Result written = new InterleavingChunkWriter(random).write(messages);
            byte[] input = written.bytes();

            for (int[] sizes : List.of(Splits.whole(input.length), Splits.random(input.length, seed),
                    Splits.oneByteAtATime(input.length))) {
                Decoding.Outcome out = Decoding.decode(input, sizes, ChunkDecoder.Limits.DEFAULT);

                assertNull(out.error(), "seed " + seed);
                assertEquals(written.completed(), out.messages(), "seed " + seed + ", " + Splits.describe(sizes));
            }
        }
    }

    /** Streams like a publisher's: per chunk stream a steady delta and often a steady size, plus chunk size changes. */
    private static List<RtmpMessage> tracks(Random random) {
        List<RtmpMessage> messages = new ArrayList<>();
        int streams = 1 + random.nextInt(4);
        for (int t = 0; t < streams; t++) {
            int csid = CHUNK_STREAMS[random.nextInt(CHUNK_STREAMS.length)];
            long timestamp = randomTimestamp(random);
            long delta = switch (random.nextInt(4)) {
                case 0 -> 0x01000000L + random.nextInt(1000);
                case 1 -> random.nextInt(100);
                default -> 23;
            };
            if (random.nextBoolean()) {
                timestamp = delta; // lets a type-3 header follow the type-0 one
            }
            int size = random.nextInt(3) == 0 ? -1 : random.nextInt(600);
            int msid = random.nextInt(2);
            int type = 8 + random.nextInt(2);
            for (int i = 0; i < 12; i++) {
                byte[] payload = Bytes.random(random.nextLong(), size >= 0 ? size : random.nextInt(1500));
                messages.add(new RtmpMessage(csid, type, random.nextInt(10) == 0 ? msid + 1 : msid, timestamp, payload));
                timestamp = (timestamp + (random.nextInt(5) == 0 ? random.nextInt(50) : delta)) & 0xFFFFFFFFL;
            }
        }
        for (int i = 0; i < 3; i++) {
            messages.add(random.nextInt(messages.size()), ControlMessages.setChunkSize(1 + random.nextInt(300)));
        }
        return messages;
    }

    private static RtmpMessage randomMessage(Random random, int csid, long timestamp) {
        int type = 3 + random.nextInt(253);
        int length = random.nextInt(20) == 0 ? random.nextInt(70_000) : random.nextInt(1000);
        return new RtmpMessage(csid, type, random.nextInt(), timestamp, Bytes.random(random.nextLong(), length));
    }

    private static long randomTimestamp(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(0x1000);
            case 1 -> 0xFFFFFF - 2 + random.nextInt(4);
            case 2 -> 0xFFFFFFFFL - random.nextInt(2000);
            default -> random.nextLong(0x100000000L);
        };
    }
}
