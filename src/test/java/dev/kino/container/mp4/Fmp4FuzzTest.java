package dev.kino.container.mp4;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kino.container.ParseException;
import dev.kino.container.mp4.RecordingListener.Event;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real streams with random bytes flipped: the parser reports events or a ParseException, never anything else. */
class Fmp4FuzzTest {
    private static final int ROUNDS = 300;

    @ParameterizedTest
    @EnumSource(value = LiveClip.class, names = {"H264_AAC_500MS", "HEVC_AAC", "AAC", "VP9_OPUS", "AV1"})
    void flippedBytesGiveEventsOrParseExceptions(LiveClip clip) throws Exception {
        byte[] original = clip.bytes();
        List<int[]> structure = structure(original);
        int failures = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Random random = new Random(round);
            byte[] stream = original.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                int pos;
                if (random.nextInt(10) < 8) { // mostly where the parser looks: headers, moov (every third round), moof
                    int[] range = structure.get(round % 3 == 0 ? 1 : random.nextInt(structure.size()));
                    pos = range[0] + random.nextInt(range[1] - range[0]);
                } else {
                    pos = random.nextInt(stream.length);
                }
                stream[pos] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                List<Event> events = RecordingListener.randomSplits(stream, round, 1 + random.nextInt(20_000));
                assertTrue(events.isEmpty() || events.getFirst().isInit());
            } catch (ParseException e) {
                failures++;
            } catch (RuntimeException | Error e) {
                fail("round " + round + " of " + clip + ": " + e, e);
            }
        }
        assertTrue(failures > 0, "flipped bytes never caused a ParseException");
    }

    /** {start, end} of each top-level box except mdat payloads (the parser does not read those). */
    private static List<int[]> structure(byte[] stream) {
        List<int[]> ranges = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(stream);
        while (b.remaining() >= 8) {
            int start = b.position();
            int size = b.getInt();
            boolean mdat = b.getInt() == BoxType.MDAT;
            ranges.add(new int[] {start, start + (mdat ? 8 : size)});
            b.position(start + size);
        }
        return ranges;
    }
}
