package dev.kino.live.output.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.mp4.Fmp4Parser;
import dev.kino.container.mp4.RecordingListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The muxer on real streams made by ffmpeg (H.264 with B-frames + AAC, fragmented as ffmpeg does it for a pipe):
 * parts of whole frames, never over the part target and not under 85 % of it except where the spec allows,
 * segments that start at keyframes, and segments that ffmpeg decodes frame for frame.
 */
class HlsMuxerTest {
    @TempDir
    Path dir;

    private static final double EPS = 1e-6;

    /** A stream as the hub would carry it: ffmpeg's fMP4, parsed into init + fragments. */
    private List<RecordingListener.Event> stream(int fps, double seconds, String... movflags) throws Exception {
        Path out = dir.resolve("in-" + fps + "-" + movflags.length + ".mp4");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=" + fps,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2",
                "-g", String.valueOf(2 * fps), "-c:a", "aac", "-f", "mp4"));
        cmd.addAll(List.of(movflags));
        cmd.add(out.toString());
        run(cmd);
        byte[] data = Files.readAllBytes(out);
        RecordingListener l = new RecordingListener();
        Fmp4Parser p = new Fmp4Parser(l);
        p.feed(data, 0, data.length);
        p.endOfInput();
        return l.events;
    }

    private static HlsMuxer mux(List<RecordingListener.Event> events) throws Exception {
        HlsMuxer m = new HlsMuxer(2000, 200, 100, 1000);
        feed(m, events);
        m.end();
        return m;
    }

    /** What the hub would hand the muxer, each fragment arriving at its media time after a fixed wall-clock start. */
    private static void feed(HlsMuxer m, List<RecordingListener.Event> events) throws Exception {
        for (RecordingListener.Event e : events) {
            if (e.isInit()) {
                m.init(e.bytes(), e.mime());
            } else {
                m.fragment(e.bytes(), 1_700_000_000_000L + e.millis());
            }
        }
    }

    @Test
    void gopSizedFragmentsAreCutIntoWholeFramePartsAndKeyframeSegmentsThatDecode() throws Exception {
        List<RecordingListener.Event> events = stream(30, 8, "-movflags", "empty_moov+default_base_moof+frag_keyframe");
        assertTrue(events.size() <= 6, "ffmpeg made a fragment per GOP: " + events.size());
        HlsMuxer m = mux(events);
        assertEquals(0.2, m.partTargetSeconds(), EPS, "6 frames at 30 fps");
        List<HlsMuxer.Segment> segments = m.segments();
        assertEquals(4, segments.size(), "a segment per 2 s GOP");
        assertEquals(1000, segments.getFirst().msn);
        checkParts(m);
        double total = segments.stream().mapToDouble(s -> s.seconds).sum();
        assertEquals(8.0, total, 0.05);
        assertEquals(240, decodedFrames(m), "every frame decodes from init + segments");
    }

    @Test
    void theTargetDurationIsFixedByTheFirstSegmentBeforeAnyPlaylistIsWritten() throws Exception {
        // live.hls.segment 1 s and a 2 s GOP: segments follow the keyframes, so the target is 2, from the first playlist on
        HlsMuxer m = new HlsMuxer(1000, 200, 100, 1000);
        List<RecordingListener.Event> events = stream(25, 12, "-movflags", "empty_moov+default_base_moof+frag_keyframe",
                "-frag_duration", "100000");
        Set<Integer> targets = new TreeSet<>();
        boolean partsBeforeStart = false;
        for (RecordingListener.Event e : events) {
            if (e.isInit()) {
                m.init(e.bytes(), e.mime());
            } else {
                m.fragment(e.bytes(), 1_700_000_000_000L + e.millis());
            }
            if (m.started()) {
                String playlist = HlsPlaylist.render(m, false, "");
                Matcher t = Pattern.compile("#EXT-X-TARGETDURATION:(\\d+)").matcher(playlist);
                assertTrue(t.find(), playlist);
                targets.add(Integer.parseInt(t.group(1)));
            } else {
                partsBeforeStart |= m.openSegment().isPresent();
            }
        }
        assertEquals(Set.of(2), targets, "every playlist says 2 s, the GOP, never 1 and then 2");
        assertTrue(partsBeforeStart, "parts were cut while the first segment was still open");
    }

    @Test
    void smallFragmentsAreGatheredIntoParts() throws Exception {
        List<RecordingListener.Event> events = stream(25, 6, "-movflags", "empty_moov+default_base_moof+frag_keyframe",
                "-frag_duration", "80000");
        assertTrue(events.size() > 40, "ffmpeg made small fragments: " + events.size());
        HlsMuxer m = mux(events);
        assertEquals(0.2, m.partTargetSeconds(), EPS, "5 frames at 25 fps");
        checkParts(m);
        assertEquals(150, decodedFrames(m));
    }

    @Test
    void aFrameRateThatDoesNotDivideThePartGetsAPartTargetOfWholeFrames() throws Exception {
        HlsMuxer m = mux(stream(24, 4, "-movflags", "empty_moov+default_base_moof+frag_keyframe"));
        assertEquals(5 / 24.0, m.partTargetSeconds(), 1e-4, "5 frames at 24 fps (0.208 s), not 4 (0.167 s, under 85 %)");
        checkParts(m);
    }

    @Test
    void playlistListsPartsHintsTheNextAndOffersBlockingReloadAndDeltaUpdates() throws Exception {
        HlsMuxer m = new HlsMuxer(2000, 200, 100, 1000);
        List<RecordingListener.Event> events = stream(30, 20, "-movflags", "empty_moov+default_base_moof+frag_keyframe",
                "-frag_duration", "100000");
        feed(m, events);
        String full = HlsPlaylist.render(m, false, "?expires=9&sig=abc");
        assertTrue(full.startsWith("#EXTM3U\n"), full);
        assertTrue(full.contains("#EXT-X-TARGETDURATION:2\n"), full);
        assertTrue(full.contains("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.60000,CAN-SKIP-UNTIL=12.00000\n"), full);
        assertTrue(full.contains("#EXT-X-PART-INF:PART-TARGET=0.20000\n"), full);
        assertTrue(full.contains("#EXT-X-MEDIA-SEQUENCE:1000\n"), full);
        assertTrue(full.contains("#EXT-X-MAP:URI=\"init1000.mp4?expires=9&sig=abc\"\n"), full);
        assertTrue(full.contains("#EXT-X-PROGRAM-DATE-TIME:2023-11-14T22:13:20.000Z\n"), full);
        assertTrue(full.contains("#EXTINF:2.00000,\nseg1000.mp4?expires=9&sig=abc\n"), full);
        long[] next = m.nextPart();
        assertTrue(full.endsWith("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part" + next[0] + "." + next[1] + ".mp4?expires=9&sig=abc\"\n"), full);
        // media sequence numbers follow each other; parts only near the end
        List<Long> msns = new ArrayList<>();
        Matcher seg = Pattern.compile("\nseg(\\d+)\\.mp4").matcher(full);
        while (seg.find()) {
            msns.add(Long.parseLong(seg.group(1)));
        }
        assertEquals(9, msns.size(), full);
        for (int i = 1; i < msns.size(); i++) {
            assertEquals(msns.get(i - 1) + 1, msns.get(i));
        }
        assertFalse(full.contains("part1000."), "no parts for segments far from the end");
        assertTrue(full.contains("part1008.0.mp4?expires=9&sig=abc\",INDEPENDENT=YES"), full);

        byte[] once = m.playlist(false, "?expires=9&sig=abc");
        assertTrue(once == m.playlist(false, "?expires=9&sig=abc"), "rendered once per change, for every waiting player");
        assertEquals(full, new String(once, StandardCharsets.UTF_8));

        String delta = HlsPlaylist.render(m, true, "");
        Matcher skip = Pattern.compile("#EXT-X-SKIP:SKIPPED-SEGMENTS=(\\d+)\n").matcher(delta);
        assertTrue(skip.find(), delta);
        int skipped = Integer.parseInt(skip.group(1));
        assertEquals(4, skipped, "what remains reaches back 12 s (6 target durations): of 9 segments + the open one, 4 skipped");
        assertFalse(delta.contains("seg1003.mp4"), delta);
        assertTrue(delta.contains("seg1004.mp4"), delta);
        assertTrue(delta.indexOf("#EXT-X-MAP") > delta.indexOf("#EXT-X-SKIP"), "the map is repeated after the skip");

        assertTrue(m.hasPart(next[0], (int) next[1] - 1));
        assertFalse(m.hasPart(next[0], (int) next[1]));
        assertTrue(m.hasSegment(1008));
        assertFalse(m.hasSegment(next[0]));
    }

    @Test
    void aNewInitSegmentIsADiscontinuityWithItsOwnMap() throws Exception {
        List<RecordingListener.Event> a = stream(30, 4, "-movflags", "empty_moov+default_base_moof+frag_keyframe");
        List<RecordingListener.Event> b = stream(25, 4, "-movflags", "empty_moov+default_base_moof+frag_keyframe",
                "-frag_duration", "100000");
        List<RecordingListener.Event> both = new ArrayList<>(a);
        both.addAll(b);
        HlsMuxer three = new HlsMuxer(2000, 200, 3, 1000);
        HlsMuxer two = new HlsMuxer(2000, 200, 2, 1000);
        for (HlsMuxer m : List.of(three, two)) {
            feed(m, both);
            m.end();
        }
        String p3 = HlsPlaylist.render(three, false, "");
        assertTrue(p3.contains("#EXT-X-MAP:URI=\"init1000.mp4\"\n#EXT-X-PROGRAM-DATE-TIME"), p3);
        assertTrue(p3.contains("seg1001.mp4\n#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init1002.mp4\"\n"), p3);
        assertFalse(p3.contains("DISCONTINUITY-SEQUENCE"), p3);
        String p2 = HlsPlaylist.render(two, false, "");
        assertEquals(2, two.segments().size(), "only the last 2 kept");
        assertTrue(p2.contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n"), "the first segment listed is after one discontinuity\n" + p2);
        assertFalse(p2.contains("#EXT-X-DISCONTINUITY\n"), p2);
        assertFalse(p2.contains("init1000.mp4"), p2);
        assertEquals(0.2, two.partTargetSeconds(), EPS, "the part target stays what the playlist said first");
    }

    @Test
    void aTimeShiftWindowListsOlderSegmentsAndHandsThemOutToBeKeptOnDisk() throws Exception {
        HlsMuxer m = new HlsMuxer(2000, 200, 6, 2, 1000);
        feed(m, stream(25, 16, "-movflags", "empty_moov+default_base_moof+frag_keyframe"));
        m.end();
        assertEquals(List.of(1002L, 1003L, 1004L, 1005L, 1006L, 1007L), m.segments().stream().map(s -> s.msn).toList(),
                "8 segments made, the window keeps 6");
        assertEquals(List.of(1000L, 1001L), m.takeDropped().stream().map(s -> s.msn).toList(), "left the window");
        List<HlsMuxer.Segment> cooled = m.takeCooled();
        assertEquals(List.of(1000L, 1001L, 1002L, 1003L, 1004L, 1005L), cooled.stream().map(s -> s.msn).toList(),
                "each segment leaves memory once 2 newer ones are complete");
        assertTrue(m.takeCooled().isEmpty(), "handed out once");
        HlsMuxer.Segment old = m.segment(1002).orElseThrow();
        byte[] bytes = old.data();
        old.spilled(dir.resolve("seg1002.mp4"));
        assertEquals(dir.resolve("seg1002.mp4"), m.segment(1002).orElseThrow().file());
        assertTrue(bytes.length > 1000);
        String p = HlsPlaylist.render(m, false, "");
        assertTrue(p.contains("#EXT-X-MEDIA-SEQUENCE:1002\n") && p.contains("seg1002.mp4") && p.contains("seg1007.mp4"), p);
    }

    /** Every part within the target; under 85 % of it only when independent or last in its segment. */
    private static void checkParts(HlsMuxer m) {
        double target = m.partTargetSeconds();
        for (HlsMuxer.Segment s : m.segments()) {
            assertTrue(s.parts.getFirst().independent(), "segment " + s.msn + " starts at a keyframe");
            for (int i = 0; i < s.parts.size(); i++) {
                HlsMuxer.Part p = s.parts.get(i);
                assertTrue(p.seconds() <= target + EPS, "part " + s.msn + "." + i + " of " + p.seconds() + " s");
                boolean exempt = p.independent() || i == s.parts.size() - 1;
                assertTrue(exempt || p.seconds() >= 0.85 * target - EPS, "part " + s.msn + "." + i + " of " + p.seconds() + " s");
            }
        }
    }

    private int decodedFrames(HlsMuxer m) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(m.segments().getFirst().init.data());
        m.segments().forEach(s -> all.writeBytes(s.data()));
        Path f = dir.resolve("out.mp4");
        Files.write(f, all.toByteArray());
        run(List.of("ffmpeg", "-v", "error", "-xerror", "-i", f.toString(), "-f", "null", "-"));
        String count = run(List.of("ffprobe", "-v", "error", "-select_streams", "v", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", f.toString())).trim();
        String audio = run(List.of("ffprobe", "-v", "error", "-select_streams", "a", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", f.toString())).trim();
        assertEquals("aac", audio, "the audio track is there");
        return Integer.parseInt(count);
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }
}
