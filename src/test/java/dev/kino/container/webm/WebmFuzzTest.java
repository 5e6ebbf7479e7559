package dev.kino.container.webm;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Broken input ends in a ParseException or in events, never in another exception or unbounded memory. */
class WebmFuzzTest {
    @Test
    void randomGarbageIsMalformed() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[1 + random.nextInt(2000)];
            random.nextBytes(garbage);
            Feeds.Outcome outcome = survive(garbage, i);
            assertNotNull(outcome.error(), "garbage " + i);
            assertTrue(outcome.error().isMalformed(), outcome.error().getMessage());
            assertTrue(outcome.listener().events.isEmpty());
        }
    }

    @Test
    void everyByteOfASmallStreamChangedInTurn() {
        byte[] stream = WebmParserTest.stream(Ebml.info(1_000_000),
                Ebml.cat(Ebml.track(1, Track.VIDEO, "V_VP9", Ebml.element(ElementId.CODEC_PRIVATE, Ebml.hex("010100020129"))),
                        Ebml.track(2, Track.AUDIO, "A_OPUS")),
                Ebml.cat(Ebml.unknownSize(ElementId.CLUSTER), Ebml.uint(ElementId.TIMECODE, 0),
                        Ebml.simpleBlock(1, 0, true, new byte[] {1, 2}), Ebml.simpleBlock(2, 1, true, new byte[] {3})),
                Ebml.element(ElementId.CLUSTER, Ebml.uint(ElementId.TIMECODE, 40),
                        Ebml.element(ElementId.BLOCK_GROUP, Ebml.element(ElementId.BLOCK, Ebml.blockHeader(1, 0, 0)),
                                Ebml.hex("FB 81 D8"))));
        int[] changes = {0x00, 0xFF, 0x80, 0x01, 0x7F, 0x40};
        int n = 0;
        for (int i = 0; i < stream.length; i++) {
            for (int change : changes) {
                byte[] mutated = stream.clone();
                mutated[i] = (byte) (change == 0x80 ? mutated[i] ^ 0x80 : change);
                survive(mutated, n++);
            }
        }
    }

    @Test
    void mutatedRealStreamsThrowParseExceptionOrGiveEvents() {
        byte[] original = TestMedia.stream("vp8");
        Random random = new Random(7);
        for (int iteration = 0; iteration < 600; iteration++) {
            byte[] mutated = mutate(original, random);
            Feeds.Outcome outcome = survive(mutated, iteration);
            long emitted = outcome.listener().events.stream().mapToLong(e -> e.bytes().length).sum();
            long inits = outcome.listener().inits().size();
            assertTrue(emitted <= mutated.length + 12 * inits, "no more bytes out than in, iteration " + iteration);
        }
    }

    /** Feeds in random splits; any exception other than ParseException fails the test. */
    private static Feeds.Outcome survive(byte[] input, long seed) {
        try {
            return Feeds.randomSplits(input, seed);
        } catch (RuntimeException | OutOfMemoryError e) {
            fail("input " + seed + " (" + input.length + " bytes) threw " + e, e);
            return null;
        }
    }

    /** One to four changes: flipped bytes (often in the header), a cut, an insertion or a repeated range. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] out = original.clone();
        int changes = 1 + random.nextInt(4);
        for (int c = 0; c < changes; c++) {
            int at = random.nextBoolean() ? random.nextInt(Math.min(out.length, 1024)) : random.nextInt(out.length);
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> out[at] = (byte) random.nextInt(256);
                case 3 -> out = Arrays.copyOf(out, Math.max(1, at));
                case 4 -> {
                    byte[] inserted = new byte[1 + random.nextInt(16)];
                    random.nextBytes(inserted);
                    out = Ebml.cat(Arrays.copyOf(out, at), inserted, Arrays.copyOfRange(out, at, out.length));
                }
                default -> {
                    int length = Math.min(out.length - at, 1 + random.nextInt(4096));
                    out = Ebml.cat(Arrays.copyOf(out, at + length), Arrays.copyOfRange(out, at, out.length));
                }
            }
        }
        return out;
    }
}
