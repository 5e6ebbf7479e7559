package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs the real system ffmpeg on a 4 s clip and checks what comes out with ffprobe. */
@Timeout(30)
class FfmpegConversionTest {
    private static final FfmpegTools TOOLS = TestClips.system();

    @TempDir
    static Path dir;
    private static Path clip;

    @BeforeAll
    static void makeClip() throws Exception {
        clip = TestClips.clip(TOOLS, dir);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void everyFormatConvertsTheWholeClip(OutputFormat format) throws Exception {
        ConversionRequest request = ConversionRequest.of(format);
        TestClips.Probe probe = TestClips.probe(TOOLS, convert(request, "all." + format.extension()));
        Map<String, String> expected = new HashMap<>();
        format.defaultVideoCodec().ifPresent(v -> expected.put("video", v.queryName()));
        expected.put("audio", format.defaultAudioCodec().queryName());
        assertEquals(expected, probe.codecs());
        assertEquals(4.0, probe.durationSeconds(), 0.5);
    }

    @ParameterizedTest
    @CsvSource({
            "format=mp4&t=2,                                  h264,       aac,    240, 2",
            "format=mkv&t=1.5&height=144,                     h264,       aac,    144, 2.5",
            "format=mp4&vcodec=hevc&acodec=opus&height=180,   hevc,       opus,   180, 4",
            "format=webm&vcodec=vp8&acodec=vorbis&bitrate=300k, vp8,      vorbis, 240, 4",
            "format=mkv&vcodec=av1&acodec=ac3,                av1,        ac3,    240, 4",
            "format=ts&vcodec=mpeg2video&acodec=mp3&bitrate=100M, mpeg2video, mp3, 240, 4",
            "format=flv&vcodec=flv1&acodec=mp3,               flv1,       mp3,    240, 4",
            "format=mkv&vcodec=copy&acodec=copy,              h264,       aac,    240, 4",
            "format=ogg&acodec=vorbis&bitrate=96k,            ,           vorbis,   0, 4",
            "format=m4a&acodec=opus&t=3,                      ,           opus,     0, 1"})
    void otherCodecsAndOptions(String query, String video, String audio, int height, double seconds) throws Exception {
        TestClips.Probe probe = TestClips.probe(TOOLS, convert(ConversionRequest.parse(query(query)), "opts.out"));
        Map<String, String> expected = new HashMap<>(Map.of("audio", audio));
        if (video != null) {
            expected.put("video", video);
        }
        assertEquals(expected, probe.codecs());
        assertEquals(height, probe.height());
        assertEquals(seconds, probe.durationSeconds(), 0.5);
    }

    @Test
    void copiedVideoStartsAtTheKeyframeBeforeT() throws Exception {
        // the clip has one keyframe, at 0: a copy cannot start later, so all 4 s of video come out (audio from 2 s)
        ConversionRequest request = ConversionRequest.parse(Map.of("format", "mp4", "vcodec", "copy", "acodec", "mp3", "t", "2"));
        TestClips.Probe probe = TestClips.probe(TOOLS, convert(request, "copy-t.mp4"));
        assertEquals(Map.of("video", "h264", "audio", "mp3"), probe.codecs());
        assertEquals(4.0, probe.durationSeconds(), 0.5);
    }

    /** Copying AAC into an MP3 file passes Kino's checks (it cannot know the source codec) but ffmpeg refuses. */
    @Test
    void failsCleanlyWhenFfmpegRefuses() throws Exception {
        ConversionRequest request = ConversionRequest.parse(Map.of("format", "mp3", "acodec", "copy"));
        try (FfmpegProcess p = FfmpegProcess.start(FfmpegCommand.convert(TOOLS, clip, request))) {
            p.stdout().transferTo(java.io.OutputStream.nullOutputStream());
            assertTrue(p.waitFor(Duration.ofSeconds(10)));
            assertFalse(p.exitCode().getAsInt() == 0);
            assertFalse(p.lastStderr().isEmpty());
        }
    }

    @Test
    void aMatroskaSourcesDurationTagsDoNotOutliveTheCut() throws Exception {
        Path mkv = dir.resolve("tagged.mkv");
        TestClips.ffmpeg(TOOLS, "-i", clip.toString(), "-c", "copy", "-metadata:s:a", "language=fre", "-y", mkv.toString());
        Path out = dir.resolve("cut.mkv");
        convert(mkv, ConversionRequest.parse(Map.of("format", "mkv", "t", "2")), out);
        FfmpegProcess.Result r = FfmpegProcess.run(List.of(TOOLS.ffprobe().toString(), "-v", "error", "-show_entries",
                "format=duration:stream_tags", "-of", "default=nw=1", out.toString()), Duration.ofSeconds(10));
        assertTrue(r.stdout().contains("duration=N/A"), r.stdout());
        assertFalse(r.stdout().contains("DURATION="), r.stdout());
        assertTrue(r.stdout().contains("TAG:language=fre"), r.stdout());
        assertEquals(2.0, TestClips.probe(TOOLS, out).durationSeconds(), 0.5);
    }

    @Test
    void fragmentedMp4StreamsInPieces() throws Exception {
        for (OutputFormat f : List.of(OutputFormat.MP4, OutputFormat.M4A)) {
            byte[] bytes = Files.readAllBytes(convert(ConversionRequest.of(f), "frag." + f.extension()));
            assertArrayEquals("ftyp".getBytes(), Arrays.copyOfRange(bytes, 4, 8));
            int moofs = count(bytes, "moof".getBytes());
            assertTrue(moofs >= 2, f + ": " + moofs + " fragments");
        }
    }

    @Test
    void inputsWithoutAudioOrVideoStillConvert() throws Exception {
        Path silent = dir.resolve("silent.mp4");
        TestClips.ffmpeg(TOOLS, "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "2", "-c:v", "libx264", "-y",
                silent.toString());
        Path out = dir.resolve("silent.webm");
        convert(silent, ConversionRequest.of(OutputFormat.WEBM), out);
        assertEquals(Map.of("video", "vp9"), TestClips.probe(TOOLS, out).codecs());
        Path tone = TestClips.audioOnly(TOOLS, dir);
        out = dir.resolve("tone.mp4");
        convert(tone, ConversionRequest.of(OutputFormat.MP4), out);
        assertEquals(Map.of("audio", "aac"), TestClips.probe(TOOLS, out).codecs());
    }

    @Test
    void probeWritesJson() throws Exception {
        FfmpegProcess.Result r = FfmpegProcess.run(FfmpegCommand.probe(TOOLS, clip), Duration.ofSeconds(10));
        assertTrue(r.succeeded(), r.stderr()::toString);
        String json = r.stdout();
        assertTrue(json.trim().startsWith("{") && json.trim().endsWith("}"), json);
        for (String s : List.of("\"streams\"", "\"format\"", "\"codec_name\": \"h264\"", "\"codec_name\": \"aac\"",
                "\"width\": 320", "\"duration\": \"4.0")) {
            assertTrue(json.contains(s), s);
        }
    }

    @Test
    void thumbnailIsAJpegOfTheAskedWidth() throws Exception {
        Path jpeg = dir.resolve("thumb.jpg");
        FfmpegProcess.Result r = FfmpegProcess.run(FfmpegCommand.thumbnail(TOOLS, clip, 1.5, 160, jpeg), Duration.ofSeconds(10));
        assertTrue(r.succeeded(), r.stderr()::toString);
        byte[] bytes = Files.readAllBytes(jpeg);
        assertEquals((byte) 0xFF, bytes[0]);
        assertEquals((byte) 0xD8, bytes[1]);
        TestClips.Probe probe = TestClips.probe(TOOLS, jpeg);
        assertEquals(Map.of("video", "mjpeg"), probe.codecs());
        assertEquals(120, probe.height());
    }

    private static Path convert(ConversionRequest request, String name) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        convert(clip, request, out);
        return out;
    }

    /** Runs the conversion, copying stdout into {@code out} as an HTTP handler would stream it. */
    private static void convert(Path input, ConversionRequest request, Path out) throws IOException, InterruptedException {
        Files.deleteIfExists(out);
        try (FfmpegProcess p = FfmpegProcess.start(FfmpegCommand.convert(TOOLS, input, request));
             InputStream stdout = p.stdout()) {
            Files.copy(stdout, out);
            assertTrue(p.waitFor(Duration.ofSeconds(20)));
            assertEquals(0, p.exitCode().getAsInt(), () -> request + ": " + p.lastStderr());
        }
    }

    private static Map<String, String> query(String q) {
        Map<String, String> m = new HashMap<>();
        for (String kv : q.split("&")) {
            String[] p = kv.split("=", 2);
            m.put(p[0], p[1]);
        }
        return m;
    }

    private static int count(byte[] haystack, byte[] needle) {
        int n = 0;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                n++;
            }
        }
        return n;
    }
}
