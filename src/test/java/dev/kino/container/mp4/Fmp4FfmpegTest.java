package dev.kino.container.mp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import dev.kino.container.mp4.RecordingListener.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real ffmpeg output for live ingest, checked against ffprobe. */
class Fmp4FfmpegTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(LiveClip.class)
    void codecStringsAndOneInitSegment(LiveClip clip) throws Exception {
        List<Event> events = RecordingListener.whole(clip.bytes());
        assertEquals(clip.mimeType, events.getFirst().mime());
        assertEquals(1, events.stream().filter(Event::isInit).count());
        assertTrue(events.size() >= 2, "fragments: " + events.size());
    }

    /** The parts of the strings that ffprobe also reports: profile and level (and constraint_set1 as "Constrained"). */
    @Test
    void h264AndHevcStringsAgreeWithFfprobe() throws Exception {
        assertEquals("High,31", probeVideo(LiveClip.H264_AAC, "profile,level")); // avc1.64001F: 0x1F = 31
        assertEquals("Constrained Baseline,30", probeVideo(LiveClip.H264_BASELINE, "profile,level")); // 42C01E
        assertEquals("Main,60", probeVideo(LiveClip.HEVC_AAC, "profile,level")); // hvc1.1.6.L60
    }

    private String probeVideo(LiveClip clip, String entries) throws Exception {
        Path file = write(clip.name() + ".mp4", clip.bytes());
        return LiveClip.ffprobe(file, "-select_streams", "v:0", "-show_entries", "stream=" + entries, "-of", "csv=p=0").strip();
    }

    @ParameterizedTest
    @EnumSource(LiveClip.class)
    void anySplitGivesTheSameEvents(LiveClip clip) throws Exception {
        byte[] stream = clip.bytes();
        List<Event> whole = RecordingListener.whole(stream);
        assertEquals(whole, RecordingListener.byteByByte(stream));
        int[] maxPieces = {7, 1500, 70_000};
        for (int seed = 0; seed < maxPieces.length; seed++) {
            assertEquals(whole, RecordingListener.randomSplits(stream, seed, maxPieces[seed]), "seed " + seed);
        }
    }

    /** Init and fragments hold every byte of the stream but the boxes outside fragments (ffmpeg's final mfra). */
    @ParameterizedTest
    @EnumSource(LiveClip.class)
    void theEventsCoverTheStreamButItsMfra(LiveClip clip) throws Exception {
        byte[] stream = clip.bytes();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.wrap(stream);
        while (b.remaining() >= 8) {
            int start = b.position();
            int size = b.getInt();
            String type = new String(stream, start + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (!type.equals("mfra")) {
                expected.write(stream, start, size);
            }
            b.position(start + size);
        }
        assertArrayEquals(expected.toByteArray(), concat(RecordingListener.whole(stream)));
    }

    @ParameterizedTest
    @EnumSource(LiveClip.class)
    void ffprobeReadsInitAndFragmentsWithTheOriginalDuration(LiveClip clip) throws Exception {
        double original = duration(write("original.mp4", clip.bytes()));
        double relayed = duration(write("relayed.mp4", concat(RecordingListener.whole(clip.bytes()))));
        assertEquals(original, relayed, 0.1);
        assertEquals(clip.seconds, relayed, 0.1);
    }

    /**
     * ffprobe's first packet of the video stream (else of the audio stream) in each fragment: its key flag and
     * decode time are ours. A fragment without video (ffmpeg's last one holds the audio tail) is not a keyframe.
     */
    @ParameterizedTest
    @EnumSource(LiveClip.class)
    void keyframeFlagsAndTimesAgreeWithFfprobe(LiveClip clip) throws Exception {
        List<Event> events = RecordingListener.whole(clip.bytes());
        List<Event> fragments = events.stream().filter(e -> !e.isInit()).toList();
        String[][][] first = firstPacketPerStream(events, fragments.size());
        int keyframes = 0;
        for (int i = 0; i < fragments.size(); i++) {
            Event e = fragments.get(i);
            String[] packet = first[i][0] != null ? first[i][0] : first[i][1];
            boolean videoKey = first[i][0] != null && packet[2].startsWith("K");
            assertEquals(clip.hasVideo() ? videoKey : true, e.keyframe(), "fragment " + i + ": " + String.join(",", packet));
            assertEquals(Math.round(Double.parseDouble(packet[0]) * 1000), e.millis(), 1.0, "fragment " + i);
            keyframes += e.keyframe() ? 1 : 0;
        }
        long withVideo = java.util.Arrays.stream(first).filter(f -> f[0] != null).count();
        if (!clip.hasVideo()) {
            assertEquals(fragments.size(), keyframes);
        } else if (clip == LiveClip.H264_AAC_500MS) {
            assertEquals(3, keyframes, "one per 2 s GOP");
            assertTrue(withVideo >= 9, "0.5 s fragments: " + withVideo);
        } else {
            assertEquals(withVideo, keyframes, "one fragment per GOP");
        }
    }

    /** [fragment][stream 0 or 1] → the first packet's {dts_time, pos, flags}, from ffprobe on init + fragments. */
    private String[][][] firstPacketPerStream(List<Event> events, int fragmentCount) throws Exception {
        String packets = LiveClip.ffprobe(write("relayed.mp4", concat(events)), "-show_entries",
                "packet=stream_index,dts_time,pos,flags", "-of", "csv=p=0");
        long[] fragmentEnds = new long[fragmentCount];
        long pos = 0;
        int n = 0;
        for (Event e : events) {
            pos += e.bytes().length;
            if (!e.isInit()) {
                fragmentEnds[n++] = pos;
            }
        }
        String[][][] first = new String[fragmentCount][2][];
        for (String line : packets.strip().split("\n")) {
            String[] f = line.split(","); // stream_index, dts_time, pos, flags
            long p = Long.parseLong(f[2]);
            int fragment = 0;
            while (p >= fragmentEnds[fragment]) {
                fragment++;
            }
            int stream = Integer.parseInt(f[0]);
            if (first[fragment][stream] == null) {
                first[fragment][stream] = new String[] {f[1], f[2], f[3]};
            }
        }
        return first;
    }

    /** Init + one keyframe fragment alone decodes, and its first frame is a key frame. */
    @ParameterizedTest
    @EnumSource(value = LiveClip.class, names = {"H264_AAC", "H264_AAC_500MS", "HEVC_AAC", "VP9_OPUS", "AV1"})
    void aKeyframeFragmentDecodesAfterTheInitSegmentAlone(LiveClip clip) throws Exception {
        List<Event> events = RecordingListener.whole(clip.bytes());
        byte[] init = events.getFirst().bytes();
        List<Event> keyframes = events.stream().filter(e -> !e.isInit() && e.keyframe()).toList();
        for (Event fragment : keyframes) {
            Path alone = write("alone.mp4", concat(List.of(new Event(init, "", false, 0), fragment)));
            String frames = LiveClip.ffprobe(alone, "-select_streams", "v:0", "-read_intervals", "%+#1",
                    "-show_entries", "frame=key_frame", "-of", "csv=p=0");
            assertEquals("1", frames.strip().split("\n")[0].split(",")[0], "fragment at " + fragment.millis() + " ms: " + frames);
        }
    }

    @ParameterizedTest
    @EnumSource(value = LiveClip.class, names = {"H264_AAC", "HEVC_AAC", "AAC"})
    void aTruncatedStreamReportsWhatIsCompleteThenFails(LiveClip clip) throws Exception {
        byte[] stream = clip.bytes();
        List<Event> all = RecordingListener.whole(stream);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20; i++) {
            int cut = random.nextInt(stream.length - 1) + 1;
            RecordingListener l = new RecordingListener();
            Fmp4Parser p = new Fmp4Parser(l);
            p.feed(stream, 0, cut);
            boolean atBoundary = concat(l.events).length == cut;
            try {
                p.endOfInput();
                assertTrue(atBoundary, "no error at " + cut);
            } catch (ParseException e) {
                assertTrue(e.isMalformed() && e.getMessage().startsWith("truncated"), e.getMessage());
            }
            assertEquals(all.subList(0, l.events.size()), l.events);
        }
    }

    /** Without default_base_moof ffmpeg writes absolute offsets (tfhd base-data-offset): refused, with the fix named. */
    @Test
    void ffmpegWithoutDefaultBaseMoofIsUnsupported() throws Exception {
        byte[] stream = LiveClip.run(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=25", "-t", "1", "-c:v", "libx264", "-preset", "ultrafast", "-f", "mp4",
                "-movflags", "empty_moov+frag_keyframe", "pipe:1"));
        ParseException e = org.junit.jupiter.api.Assertions.assertThrows(ParseException.class, () -> RecordingListener.whole(stream));
        assertTrue(!e.isMalformed() && e.getMessage().contains("default_base_moof"), e.getMessage());
    }

    static byte[] concat(List<Event> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(e -> out.writeBytes(e.bytes()));
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static double duration(Path file) throws Exception {
        return Double.parseDouble(LiveClip.ffprobe(file, "-show_entries", "format=duration", "-of", "csv=p=0").strip());
    }
}
