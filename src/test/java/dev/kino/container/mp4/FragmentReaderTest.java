package dev.kino.container.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kino.container.ParseException;
import dev.kino.container.mp4.RecordingListener.Event;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Samples read out of real fragments (ffmpeg's, with B-frames, several tracks) and written again give the same samples;
 * hostile fragments give a ParseException, never a wrong index or a huge allocation.
 */
class FragmentReaderTest {
    private static List<Event> events(LiveClip clip) throws Exception {
        return RecordingListener.randomSplits(clip.bytes(), 1, 1 << 20);
    }

    @ParameterizedTest
    @EnumSource(value = LiveClip.class, names = {"H264_AAC", "H264_AAC_500MS", "HEVC_AAC", "AAC"})
    void samplesWrittenAgainReadTheSame(LiveClip clip) throws Exception {
        List<Event> events = events(clip);
        FragmentReader reader = FragmentReader.of(events.getFirst().bytes());
        FragmentReader again = FragmentReader.of(events.getFirst().bytes());
        long samples = 0;
        long sync = 0;
        for (Event e : events.subList(1, events.size())) {
            List<Fmp4Writer.Run> runs = reader.read(e.bytes());
            List<Fmp4Writer.Run> reread = again.read(Fmp4Writer.fragment(1, runs));
            assertEquals(runs.size(), reread.size());
            for (int i = 0; i < runs.size(); i++) {
                Fmp4Writer.Run a = runs.get(i);
                Fmp4Writer.Run b = reread.get(i);
                assertEquals(a.trackId(), b.trackId());
                assertEquals(a.baseDecodeTime(), b.baseDecodeTime());
                assertEquals(a.samples().size(), b.samples().size());
                for (int j = 0; j < a.samples().size(); j++) {
                    Fmp4Writer.Sample x = a.samples().get(j);
                    Fmp4Writer.Sample y = b.samples().get(j);
                    assertEquals(List.of(x.duration(), x.ctsOffset(), x.sync()), List.of(y.duration(), y.ctsOffset(), y.sync()));
                    assertArrayEquals(x.data(), y.data());
                }
                if (a.trackId() == reader.timingTrack().id()) {
                    samples += a.samples().size();
                    sync += a.samples().stream().filter(Fmp4Writer.Sample::sync).count();
                }
            }
        }
        boolean video = reader.timingTrack().video();
        if (video) {
            assertEquals(clip.seconds * 25L, samples, "every frame of the video (25 fps)");
        } else {
            assertTrue(samples >= clip.seconds * 40L, "every AAC frame (over 40 a second): " + samples);
        }
        assertTrue(video ? sync >= 2 && sync < samples : sync == samples, "keyframes marked: " + sync);
    }

    @Test
    void aSampleOutsideTheFragmentIsRefused() throws Exception {
        List<Event> events = events(LiveClip.H264_AAC);
        FragmentReader reader = FragmentReader.of(events.getFirst().bytes());
        byte[] f = events.get(1).bytes().clone();
        int trun = indexOf(f, "trun");
        ByteBuffer.wrap(f).putInt(trun + 16, 0x7FFFFF00); // data_offset far beyond the end
        ParseException e = assertThrows(ParseException.class, () -> reader.read(f));
        assertTrue(e.getMessage().contains("outside the fragment"), e.getMessage());
        byte[] g = events.get(1).bytes().clone();
        ByteBuffer.wrap(g).putInt(trun + 12, 0x40000000); // a billion samples in a few bytes
        assertThrows(ParseException.class, () -> reader.read(g));
    }

    @Test
    void flippedBytesGiveRunsOrParseExceptions() throws Exception {
        List<Event> events = events(LiveClip.H264_AAC_500MS);
        FragmentReader reader = FragmentReader.of(events.getFirst().bytes());
        int failures = 0;
        for (int round = 0; round < 400; round++) {
            Random random = new Random(round);
            byte[] f = events.get(1 + random.nextInt(events.size() - 1)).bytes().clone();
            int moofEnd = indexOf(f, "mdat") + 4;
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                int pos = random.nextInt(moofEnd);
                f[pos] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                reader.read(random.nextInt(4) == 0 ? java.util.Arrays.copyOf(f, random.nextInt(f.length)) : f);
            } catch (ParseException e) {
                failures++;
            } catch (RuntimeException | Error e) {
                fail("round " + round + ": " + e, e);
            }
        }
        assertTrue(failures > 0, "flipped bytes never caused a ParseException");
    }

    /** Where the four-character type {@code type} first appears (its box starts 4 bytes before). */
    private static int indexOf(byte[] data, String type) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 4; i + 4 <= data.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (data[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i - 4;
        }
        throw new AssertionError("no " + type);
    }
}
