package dev.kino.container.webm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Live streams written by the real ffmpeg to a pipe, checked against ffprobe. */
class WebmFfmpegTest {
    static final List<String> KINDS = TestMedia.KINDS;

    @BeforeAll
    static void makeStreams() {
        TestMedia.prepareAll();
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void wholeRandomSplitsAndOneByteAtATimeGiveTheSameEvents(String kind) {
        byte[] input = TestMedia.stream(kind);
        Feeds.Outcome whole = Feeds.whole(input);
        assertNull(whole.error());
        assertTrue(whole.listener().fragments().size() >= 6, whole.described()::toString);

        assertEquals(whole.described(), Feeds.oneByteAtATime(input).described(), "one byte at a time");
        for (long seed = 1; seed <= 4; seed++) {
            assertEquals(whole.described(), Feeds.randomSplits(input, seed).described(), "seed " + seed);
        }
    }

    @Test
    void mimeTypesComeFromTheTracks() {
        assertEquals("video/webm; codecs=\"vp8, opus\"", initOf("vp8").mimeType());
        String vp9 = initOf("vp9").mimeType();
        assertTrue(vp9.matches("video/webm; codecs=\"(vp9|vp09\\.0\\d\\.\\d\\d\\.08), opus\""), vp9);
        assertEquals("video/webm; codecs=\"avc1.64001E, opus\"", initOf("h264").mimeType());
        assertEquals("audio/webm; codecs=\"opus\"", initOf("opus").mimeType());
        assertTrue(Feeds.whole(TestMedia.stream("opus")).listener().fragments().stream()
                .allMatch(RecordingListener.Event::keyframe));
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void initIsTheEbmlHeaderAnUnknownSizeSegmentInfoAndTracks(String kind) throws ParseException {
        byte[] original = TestMedia.stream(kind);
        byte[] init = initOf(kind).bytes();

        EbmlReader top = new EbmlReader(init, 0, init.length);
        assertTrue(top.next());
        assertEquals(ElementId.EBML, top.id());
        int segmentHeader = top.bodyOffset() + top.bodySize();
        assertEquals("18538067" + Ebml.UNKNOWN_SIZE_8, Ebml.toHex(Arrays.copyOfRange(init, segmentHeader, segmentHeader + 12)));
        EbmlReader children = new EbmlReader(init, segmentHeader + 12, init.length - segmentHeader - 12);
        List<Integer> ids = new ArrayList<>();
        while (children.next()) {
            ids.add(children.id());
            byte[] element = Arrays.copyOfRange(init, children.elementOffset(), children.bodyOffset() + children.bodySize());
            assertTrue(Ebml.toHex(original).contains(Ebml.toHex(element)), "copied as is");
        }
        assertEquals(List.of(ElementId.INFO, ElementId.TRACKS), ids, "SeekHead, Void and Tags dropped");
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void initPlusAllFragmentsIsTheSameMediaForFfprobe(String kind) {
        byte[] original = TestMedia.stream(kind);
        RecordingListener listener = Feeds.whole(original).listener();
        byte[] rebuilt = listener.concatenated();

        Probe before = Probe.of(original);
        Probe after = Probe.of(rebuilt);

        assertEquals(before.frames, after.frames, "frames per stream");
        assertEquals(150, before.frames.get(0), "6 s at 25 fps");
        assertEquals(before.endSeconds, after.endSeconds, 0.1);
        assertEquals(6.0, after.endSeconds, 0.1);
    }

    @ParameterizedTest
    @FieldSource("KINDS")
    void eachFragmentsKeyframeFlagAndTimestampMatchWhatFfprobeSees(String kind) {
        RecordingListener listener = Feeds.whole(TestMedia.stream(kind)).listener();
        byte[] init = listener.inits().get(0).bytes();
        int keyframes = 0;
        long previous = -1;
        for (RecordingListener.Event fragment : listener.fragments()) {
            String probe = TestMedia.ffprobe(Ebml.cat(init, fragment.bytes()),
                    "-show_entries", "packet=stream_index,pts_time,flags:frame=stream_index,key_frame", "-of", "compact");
            List<Map<String, String>> packets = entries(probe, "packet");
            Map<String, String> firstVideoPacket = packets.stream().filter(p -> p.get("stream_index").equals("0"))
                    .findFirst().orElse(Map.of("flags", "none"));
            String where = kind + " fragment at " + fragment.timestampMillis() + " ms";
            assertEquals(fragment.keyframe(), firstVideoPacket.get("flags").startsWith("K"), where);
            Map<String, String> firstPacket = packets.get(0);
            long firstPts = Math.round(Double.parseDouble(firstPacket.get("pts_time")) * 1000);
            if (firstPacket == firstVideoPacket) {
                assertEquals(firstPts, fragment.timestampMillis(), where);
            } else {
                // ffmpeg's demuxer moves Opus packets back by the CodecDelay (6.5 ms): the Block timecode is later
                assertEquals(firstPts, fragment.timestampMillis(), 10, where);
            }
            assertTrue(fragment.timestampMillis() > previous, where);
            previous = fragment.timestampMillis();
            if (fragment.keyframe()) {
                keyframes++;
                Map<String, String> firstVideoFrame = entries(probe, "frame").stream()
                        .filter(f -> f.get("stream_index").equals("0")).findFirst().orElseThrow();
                assertEquals("1", firstVideoFrame.get("key_frame"), where + ": decodable on its own");
            }
        }
        assertEquals(3, keyframes, "a keyframe every 2 s over 6 s, each at the start of a Cluster's video");
        assertTrue(listener.fragments().size() > keyframes, "ffmpeg also cuts Clusters between keyframes");
    }

    @Test
    void concatenatedOutputsReinitialise() {
        byte[] input = Ebml.cat(TestMedia.stream("vp8"), TestMedia.stream("vp9"));
        RecordingListener listener = Feeds.whole(input).listener();
        assertEquals(2, listener.inits().size());
        assertTrue(listener.inits().get(1).mimeType().contains("vp9") || listener.inits().get(1).mimeType().contains("vp09"));
        int vp8Fragments = Feeds.whole(TestMedia.stream("vp8")).listener().fragments().size();
        assertTrue(listener.events.get(vp8Fragments + 1).isInit(), "the second init follows the first stream's fragments");
        assertEquals(Feeds.randomSplits(input, 7).described(), listener.described());
    }

    private static RecordingListener.Event initOf(String kind) {
        return Feeds.whole(TestMedia.stream(kind)).listener().inits().get(0);
    }

    /** The entries of one section of ffprobe's compact output, e.g. {@code packet|stream_index=0|flags=K_}. */
    static List<Map<String, String>> entries(String compact, String section) {
        List<Map<String, String>> entries = new ArrayList<>();
        for (String line : compact.split("\n")) {
            String[] fields = line.strip().split("\\|");
            if (fields[0].equals(section)) {
                Map<String, String> entry = new HashMap<>();
                for (int i = 1; i < fields.length; i++) {
                    int eq = fields[i].indexOf('=');
                    if (eq > 0) {
                        entry.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
                    }
                }
                entries.add(entry);
            }
        }
        return entries;
    }

    /** Decoded frames per stream and the end of the last packet, as ffprobe sees a file. */
    private record Probe(Map<Integer, Integer> frames, double endSeconds) {
        static Probe of(byte[] file) {
            String out = TestMedia.ffprobe(file, "-count_frames",
                    "-show_entries", "stream=index,nb_read_frames:packet=pts_time,duration_time", "-of", "compact");
            Map<Integer, Integer> frames = new HashMap<>();
            for (Map<String, String> stream : entries(out, "stream")) {
                frames.put(Integer.parseInt(stream.get("index")), Integer.parseInt(stream.get("nb_read_frames")));
            }
            double end = 0;
            for (Map<String, String> packet : entries(out, "packet")) {
                double duration = packet.get("duration_time").equals("N/A") ? 0 : Double.parseDouble(packet.get("duration_time"));
                end = Math.max(end, Double.parseDouble(packet.get("pts_time")) + duration);
            }
            return new Probe(frames, end);
        }
    }
}
