package dev.kino.container.flv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import dev.kino.container.mp4.RecordingListener;
import dev.kino.container.mp4.RecordingListener.Event;
import dev.kino.testing.Allocation;
import dev.kino.testing.Ffmpeg;
import dev.kino.transcode.BundledTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FLV from real encoders (H.264 with B-frames + AAC from the system's ffmpeg; HEVC and AV1 in Enhanced RTMP's FLV
 * from the bundled ffmpeg 6.1) re-packaged into fMP4 that ffprobe decodes frame for frame, for any split of the input.
 */
class FlvParserTest {
    @TempDir
    Path dir;

    /** The fixtures: 2 s of a 320x240 25 fps picture with a 48 kHz tone, a keyframe every second. */
    enum Source {
        H264_AAC("video/mp4; codecs=\"avc1.64", false, "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-pix_fmt", "yuv420p",
                "-c:a", "aac"),
        H264_ONLY("video/mp4; codecs=\"avc1.64", false, "-an", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"),
        AAC_ONLY("audio/mp4; codecs=\"mp4a.40.2\"", false, "-vn", "-c:a", "aac"),
        HEVC_AAC("video/mp4; codecs=\"hvc1.1.6.L", true, "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error",
                "-pix_fmt", "yuv420p", "-c:a", "aac"),
        AV1_AAC("video/mp4; codecs=\"av01.0.", true, "-c:v", "libsvtav1", "-preset", "12", "-pix_fmt", "yuv420p", "-c:a", "aac");

        final String mimePrefix;
        final boolean bundled;
        final String[] codec;

        Source(String mimePrefix, boolean bundled, String... codec) {
            this.mimePrefix = mimePrefix;
            this.bundled = bundled;
            this.codec = codec;
        }

        boolean video() {
            return this != AAC_ONLY;
        }
    }

    private byte[] make(Source s) throws Exception {
        Path out = dir.resolve(s.name() + ".flv");
        List<String> cmd = new ArrayList<>(List.of(s.bundled ? BundledTools.get().ffmpeg().toString() : "ffmpeg",
                "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000", "-t", "2", "-g", "25"));
        cmd.addAll(List.of(s.codec));
        cmd.addAll(List.of("-f", "flv", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "ffmpeg made the fixture: " + log);
        return Files.readAllBytes(out);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void everySplitGivesTheSameFragmentsAndFfprobeDecodesEveryFrame(Source s) throws Exception {
        byte[] flv = make(s);
        RecordingListener l = new RecordingListener();
        FlvParser parser = new FlvParser(l);
        parser.feed(flv, 0, flv.length);
        parser.endOfInput();
        List<Event> events = l.events;
        assertEquals(events, RecordingListener.randomSplits(FlvParser::new, flv, 7, 4096), "random splits");
        assertEquals(events, RecordingListener.byteByByte(FlvParser::new, flv), "one byte at a time");

        Event init = events.get(0);
        assertTrue(init.isInit());
        assertTrue(init.mime().startsWith(s.mimePrefix), init.mime());
        assertEquals(1, events.stream().filter(Event::isInit).count(), "one init");
        if (!s.video()) {
            assertFalse(init.mime().contains(","), init.mime());
        } else if (s != Source.H264_ONLY) {
            assertTrue(init.mime().endsWith(", mp4a.40.2\""), init.mime());
        }
        List<Event> fragments = l.fragments();
        assertTrue(fragments.get(0).keyframe(), "the first fragment starts at a keyframe");
        for (int i = 1; i < fragments.size(); i++) {
            long span = fragments.get(i).millis() - fragments.get(i - 1).millis();
            assertTrue(span > 0 && span <= FlvParser.DEFAULT_FRAGMENT_MILLIS + 40,
                    "fragments of at most 200 ms and a frame: " + span + " ms");
        }
        if (s.video()) {
            assertTrue(fragments.stream().filter(Event::keyframe).count() >= 2, "a keyframe fragment per GOP");
            double[] info = l.videoInfo.get(l.videoInfo.size() - 1);
            assertEquals(320, (int) info[0], "width from the parameter set");
            assertEquals(240, (int) info[1], "height from the parameter set");
            assertEquals(25, info[2], 0.5, "frame rate");
        }

        Path mp4 = dir.resolve(s.name() + ".mp4");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        events.forEach(e -> all.writeBytes(e.bytes()));
        Files.write(mp4, all.toByteArray());
        String stream = s.video() ? "v:0" : "a:0";
        Path source = dir.resolve(s.name() + ".flv");
        String frames = count(mp4, stream);
        String expected = s.bundled ? count(source, stream, BundledTools.get().ffprobe().toString()) : count(source, stream);
        assertEquals(Integer.parseInt(expected), Integer.parseInt(frames), 1, "ffprobe decodes every frame: " + frames);
        assertEquals("", errors(mp4), "ffmpeg decodes the whole file without an error");
        if (s == Source.H264_AAC) {
            String packets = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                    "packet=pts,dts", "-of", "csv=p=0", mp4.toString()));
            assertTrue(packets.lines().anyMatch(line -> !line.split(",")[0].equals(line.split(",")[1])),
                    "B-frames keep their composition offsets");
            String audio = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                    "stream=codec_name,sample_rate,channels", "-of", "csv=p=0", mp4.toString())).trim();
            assertEquals("aac,48000,1", audio);
        }
    }

    @Test
    void aChangedSequenceHeaderReinitialises() throws Exception {
        byte[] first = make(Source.H264_ONLY);
        byte[] second = make(Source.H264_AAC); // another configuration: B-frames and an audio track
        byte[] joined = concat(first, shifted(tags(second), 3000));
        List<Event> events = RecordingListener.whole(FlvParser::new, joined);
        List<Event> inits = events.stream().filter(Event::isInit).toList();
        assertEquals(2, inits.size(), "a second init for the new configuration");
        assertFalse(inits.get(0).mime().contains("mp4a"), inits.get(0).mime());
        assertTrue(inits.get(1).mime().contains("mp4a.40.2"), inits.get(1).mime());
        int at = events.indexOf(inits.get(1));
        assertTrue(events.get(at + 1).keyframe(), "and the new configuration starts at a keyframe");
    }

    @Test
    void truncatedInputIsMalformedAtTheEnd() throws Exception {
        byte[] flv = make(Source.H264_AAC);
        FlvParser p = new FlvParser(new RecordingListener());
        p.feed(flv, 0, flv.length / 2 + 7);
        ParseException e = assertThrows(ParseException.class, p::endOfInput);
        assertTrue(e.isMalformed() && e.getMessage().contains("cut off"), e.getMessage());
    }

    @Test
    void aTagOverTheLimitIsRefusedBeforeItsBodyArrives() {
        byte[] tag = concat(header(), new byte[] {9, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0});
        FlvParser p = new FlvParser(new RecordingListener(), 1 << 20, 1000);
        ParseException e = assertThrows(ParseException.class, () -> p.feed(tag, 0, tag.length));
        assertTrue(e.isMalformed() && e.getMessage().contains("16777215"), e.getMessage());
    }

    @Test
    void codecsItCannotCarryAreNamed() {
        ParseException mp3 = assertThrows(ParseException.class,
                () -> RecordingListener.whole(FlvParser::new, concat(header(), tag(8, 0, new byte[] {0x2F, 1, 2, 3}))));
        assertFalse(mp3.isMalformed());
        assertTrue(mp3.getMessage().contains("MP3") && mp3.getMessage().contains("AAC"), mp3.getMessage());
        ParseException vp6 = assertThrows(ParseException.class,
                () -> RecordingListener.whole(FlvParser::new, concat(header(), tag(9, 0, new byte[] {0x14, 0, 0, 0, 0}))));
        assertTrue(vp6.getMessage().contains("VP6"), vp6.getMessage());
        ParseException encrypted = assertThrows(ParseException.class,
                () -> RecordingListener.whole(FlvParser::new, concat(header(), tag(9 | 0x20, 0, new byte[] {0x17, 1, 0, 0, 0}))));
        assertTrue(encrypted.getMessage().contains("encrypted"), encrypted.getMessage());
    }

    @Test
    void framesBeforeTheirConfigurationAreDropped() throws Exception {
        byte[] flv = make(Source.H264_ONLY);
        byte[] frameFirst = concat(header(), tag(9, 0, new byte[] {0x27, 1, 0, 0, 0, 0, 0, 0, 1, 0x41}), tags(flv));
        List<Event> events = RecordingListener.whole(FlvParser::new, frameFirst);
        assertEquals(RecordingListener.whole(FlvParser::new, flv), events, "the stray frame changed nothing");
    }

    private static String count(Path f, String stream) throws IOException, InterruptedException {
        return count(f, stream, "ffprobe");
    }

    private static String count(Path f, String stream, String ffprobe) throws IOException, InterruptedException {
        return Ffmpeg.output(List.of(ffprobe, "-v", "error", "-select_streams", stream, "-count_frames", "-show_entries",
                "stream=nb_read_frames", "-of", "csv=p=0", f.toString())).trim();
    }

    private static String errors(Path f) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", f.toString(), "-f", "null", "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void aTagHeaderThatDeclaresSixteenMebibytesAllocatesOnlyAsItsBytesArrive() throws ParseException {
        byte[] start = concat(header(), new byte[] {9, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 0, 0, 0, 0, 0, 0, 0, 0x17, 1});
        FlvParser p = new FlvParser(new RecordingListener());
        long before = Allocation.ofThisThread();
        p.feed(start, 0, start.length);
        long allocated = Allocation.ofThisThread() - before;
        assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes for 2 bytes of a declared 16 MiB video tag");
    }

    private static byte[] header() {
        return new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0};
    }

    /** The tags of an FLV file, after its header and first back pointer. */
    private static byte[] tags(byte[] flv) {
        int size = ((flv[5] & 0xFF) << 24) | ((flv[6] & 0xFF) << 16) | ((flv[7] & 0xFF) << 8) | (flv[8] & 0xFF);
        return Arrays.copyOfRange(flv, size + 4, flv.length);
    }

    /** The same tags with {@code millis} added to every timestamp. */
    private static byte[] shifted(byte[] tags, long millis) {
        byte[] out = tags.clone();
        int pos = 0;
        while (pos + 11 <= out.length) {
            int size = ((out[pos + 1] & 0xFF) << 16) | ((out[pos + 2] & 0xFF) << 8) | (out[pos + 3] & 0xFF);
            long t = (((out[pos + 4] & 0xFF) << 16) | ((out[pos + 5] & 0xFF) << 8) | (out[pos + 6] & 0xFF)
                    | ((long) (out[pos + 7] & 0xFF) << 24)) + millis;
            out[pos + 4] = (byte) (t >>> 16);
            out[pos + 5] = (byte) (t >>> 8);
            out[pos + 6] = (byte) t;
            out[pos + 7] = (byte) (t >>> 24);
            pos += 11 + size + 4;
        }
        return out;
    }

    private static byte[] tag(int type, long ts, byte[] body) {
        byte[] out = new byte[11 + body.length + 4];
        out[0] = (byte) type;
        out[1] = (byte) (body.length >>> 16);
        out[2] = (byte) (body.length >>> 8);
        out[3] = (byte) body.length;
        out[4] = (byte) (ts >>> 16);
        out[5] = (byte) (ts >>> 8);
        out[6] = (byte) ts;
        out[7] = (byte) (ts >>> 24);
        System.arraycopy(body, 0, out, 11, body.length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

}
