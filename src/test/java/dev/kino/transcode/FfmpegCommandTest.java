package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FfmpegCommandTest {
    private static final FfmpegTools TOOLS = new FfmpegTools(Path.of("/opt/ff/ffmpeg"), Path.of("/opt/ff/ffprobe"), "system");
    private static final Path INPUT = Path.of("/media/My Film (2001).mkv");

    private static List<String> convert(Map<String, String> query) {
        return FfmpegCommand.convert(TOOLS, INPUT, ConversionRequest.parse(query));
    }

    @Test
    void defaultMp4IsFragmentedH264AndAacOnStdout() {
        assertEquals(List.of("/opt/ff/ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-progress", "pipe:2", "-nostats",
                "-i", "file:/media/My Film (2001).mkv", "-map", "0:V:0?", "-map", "0:a:0?",
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-force_key_frames", "expr:gte(t,n_forced*2)",
                "-c:a", "aac", "-metadata:s", "DURATION=",
                "-f", "mp4", "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-frag_duration", "2000000",
                "pipe:1"), convert(Map.of("format", "mp4")));
    }

    @Test
    void startTimeSeeksTheInputBeforeOpeningIt() {
        List<String> a = convert(Map.of("format", "mkv", "t", "12.50"));
        assertSequence(a, "-ss", "12.5", "-i", "file:/media/My Film (2001).mkv");
        assertFalse(convert(Map.of("format", "mkv", "t", "0")).contains("-ss"));
        assertSequence(convert(Map.of("format", "mkv", "t", "7200")), "-ss", "7200", "-i");
    }

    @Test
    void heightAndBitrate() {
        List<String> a = convert(Map.of("format", "mp4", "height", "720", "bitrate", "2M"));
        assertSequence(a, "-vf", "scale=-2:720");
        assertSequence(a, "-b:v", "2000000", "-maxrate", "3000000", "-bufsize", "4000000");
        assertFalse(a.contains("-b:a"));
    }

    @Test
    void webmUsesRealtimeVp9AndStereoOpus() {
        List<String> a = convert(Map.of("format", "webm"));
        assertSequence(a, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1");
        assertSequence(a, "-crf", "33", "-b:v", "0");
        assertSequence(a, "-c:a", "libopus", "-ac", "2");
        assertSequence(a, "-f", "webm", "pipe:1");
        assertFalse(a.contains("-threads"), "threads are left to ffmpeg");
        List<String> vp8 = convert(Map.of("format", "webm", "vcodec", "vp8", "acodec", "vorbis", "bitrate", "500k"));
        assertSequence(vp8, "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8");
        assertSequence(vp8, "-b:v", "500000");
        assertFalse(vp8.contains("-crf"));
        assertSequence(vp8, "-c:a", "libvorbis");
    }

    @Test
    void audioOnlyFormatsDropVideo() {
        List<String> mp3 = convert(Map.of("format", "mp3", "bitrate", "192k"));
        assertFalse(mp3.contains("0:V:0?"));
        assertSequence(mp3, "-map", "0:a:0?", "-vn", "-c:a", "libmp3lame", "-ac", "2", "-b:a", "192000", "-metadata:s", "DURATION=",
                "-f", "mp3",
                "-write_xing", "0", "pipe:1");
        List<String> m4a = convert(Map.of("format", "m4a"));
        assertSequence(m4a, "-vn", "-c:a", "aac");
        assertSequence(m4a, "-f", "mp4", "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-frag_duration", "2000000");
        assertSequence(convert(Map.of("format", "ogg")), "-vn", "-c:a", "libopus", "-ac", "2");
        assertSequence(convert(Map.of("format", "ogg")), "-f", "ogg", "pipe:1");
    }

    @Test
    void copyPassesStreamsThrough() {
        List<String> a = convert(Map.of("format", "ts", "vcodec", "copy", "acodec", "copy"));
        assertSequence(a, "-c:v", "copy", "-c:a", "copy", "-metadata:s", "DURATION=", "-f", "mpegts", "pipe:1");
        assertFalse(a.contains("-pix_fmt"));
        assertFalse(a.contains("-force_key_frames"));
    }

    @Test
    void containerSpecifics() {
        assertSequence(convert(Map.of("format", "mp4", "vcodec", "hevc")),
                "-c:v", "libx265", "-preset", "veryfast", "-x265-params", "log-level=error", "-tag:v", "hvc1");
        assertFalse(convert(Map.of("format", "mkv", "vcodec", "hevc")).contains("hvc1"));
        assertSequence(convert(Map.of("format", "flv", "acodec", "mp3")), "-c:a", "libmp3lame", "-ac", "2", "-ar", "44100");
        assertSequence(convert(Map.of("format", "flv")), "-f", "flv", "-flvflags", "no_duration_filesize", "pipe:1");
        assertSequence(convert(Map.of("format", "flv", "vcodec", "flv1")), "-c:v", "flv", "-pix_fmt", "yuv420p");
        assertSequence(convert(Map.of("format", "ts", "vcodec", "mpeg2video", "acodec", "ac3")), "-c:v", "mpeg2video");
        assertSequence(convert(Map.of("format", "mkv", "vcodec", "av1")), "-c:v", "libsvtav1", "-preset", "11");
        assertSequence(convert(Map.of("format", "mkv")), "-f", "matroska", "pipe:1");
    }

    @Test
    void everyFormatWritesToStdoutWithProgressOnStderr() {
        for (OutputFormat f : OutputFormat.values()) {
            List<String> a = FfmpegCommand.convert(TOOLS, INPUT, ConversionRequest.of(f));
            assertEquals("pipe:1", a.getLast(), f.name());
            assertSequence(a, "-progress", "pipe:2", "-nostats");
            assertSequence(a, "-f", f.muxer());
            assertEquals(1, Collections.frequency(a, "-i"));
        }
    }

    @Test
    void relativeInputsBecomeAbsoluteFileUrls() {
        List<String> a = FfmpegCommand.convert(TOOLS, Path.of("-y"), ConversionRequest.of(OutputFormat.MP4));
        assertSequence(a, "-i", "file:" + Path.of("-y").toAbsolutePath());
        assertSequence(FfmpegCommand.probe(TOOLS, Path.of("concat:a|b")), "file:" + Path.of("concat:a|b").toAbsolutePath());
    }

    @Test
    void probe() {
        assertEquals(List.of("/opt/ff/ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                "file:/media/My Film (2001).mkv"), FfmpegCommand.probe(TOOLS, INPUT));
    }

    @Test
    void thumbnail() {
        assertEquals(List.of("/opt/ff/ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-ss", "61.5",
                "-i", "file:/media/My Film (2001).mkv", "-map", "0:V:0", "-frames:v", "1", "-vf", "scale=320:-2",
                "-c:v", "mjpeg", "-q:v", "3", "-f", "image2", "-update", "1", "-y", "file:/tmp/t.jpg"),
                FfmpegCommand.thumbnail(TOOLS, INPUT, 61.5, 320, Path.of("/tmp/t.jpg")));
        assertFalse(FfmpegCommand.thumbnail(TOOLS, INPUT, 0, 320, Path.of("/tmp/t.jpg")).contains("-ss"));
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.thumbnail(TOOLS, INPUT, -1, 320, Path.of("/t.jpg")));
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.thumbnail(TOOLS, INPUT, Double.NaN, 320, Path.of("/t.jpg")));
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.thumbnail(TOOLS, INPUT, 1, 8, Path.of("/t.jpg")));
        assertThrows(IllegalArgumentException.class, () -> FfmpegCommand.thumbnail(TOOLS, INPUT, 1, 10_000, Path.of("/t.jpg")));
    }

    @Test
    void secondsArePlainDecimals() {
        assertEquals("0.000001", FfmpegCommand.seconds(1e-6));
        assertEquals("12345678", FfmpegCommand.seconds(12345678.0));
        assertEquals("2.5", FfmpegCommand.seconds(2.50));
    }

    @Test
    void argvIsImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> convert(Map.of("format", "mp4")).add("-y"));
    }

    @Test
    void hlsSegmentsReadFilesAndLoopbackUrls() {
        MediaSource file = MediaSource.file("v1", "My Film (2001).mkv", INPUT);
        List<String> local = FfmpegCommand.hlsSegment(TOOLS, file, HlsMode.TRANSCODE, false, 8, 4, 12);
        assertSequence(local, "-ss", "8", "-t", "4", "-copyts", "-i", "file:/media/My Film (2001).mkv", "-map", "0:V:0?");
        assertFalse(local.contains("-rw_timeout"), "files need no network options");
        String url = "http://127.0.0.1:8080/torrents/" + "ab".repeat(20) + "/files/3?expires=9&sig=x";
        MediaSource remote = MediaSource.http("torrent:ab/3", "b.avi", url);
        assertSequence(FfmpegCommand.hlsSegment(TOOLS, remote, HlsMode.TRANSCODE, false, 8, 4, 12),
                "-ss", "8", "-t", "4", "-copyts", "-rw_timeout", "90000000", "-i", url, "-map", "0:V:0?");
        List<String> keys = FfmpegCommand.keyframes(TOOLS, remote);
        assertEquals(url, keys.getLast());
        assertSequence(keys, "/opt/ff/ffprobe", "-v", "error", "-rw_timeout", "90000000", "-select_streams", "V:0");
    }

    @Test
    void sourcesKnowTheirContainer() {
        assertEquals("mkv", MediaSource.file("k", "l", INPUT).container());
        assertEquals("mp4", MediaSource.http("k", "Clip.M4V", "http://127.0.0.1:1/torrents/x/files/0").container());
        assertTrue(MediaSource.http("k", "a.avi", "http://127.0.0.1:1/x").remote());
        assertFalse(MediaSource.file("k", "l", INPUT).remote());
        assertThrows(IllegalArgumentException.class, () -> MediaSource.http("k", "a.avi", "https://example.com/a.avi"));
        assertThrows(IllegalArgumentException.class, () -> new MediaSource("k", "l", "concat:a|b", "avi"));
    }

    private static void assertSequence(List<String> argv, String... expected) {
        assertTrue(Collections.indexOfSubList(argv, List.of(expected)) >= 0,
                () -> List.of(expected) + " not found in order in " + argv);
    }
}
