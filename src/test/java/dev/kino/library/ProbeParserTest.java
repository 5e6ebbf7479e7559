package dev.kino.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kino.store.MediaInfo;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.SubtitledFilm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeParserTest {
    @TempDir
    Path dir;

    @Test
    void handWrittenFlatOutput() {
        String flat = """
                streams.stream.0.index=0
                streams.stream.0.codec_name="mjpeg"
                streams.stream.0.codec_type="video"
                streams.stream.0.width=600
                streams.stream.0.height=600
                streams.stream.0.disposition.attached_pic=1
                streams.stream.1.index=1
                streams.stream.1.codec_name="hevc"
                streams.stream.1.codec_type="video"
                streams.stream.1.width=1920
                streams.stream.1.height=1080
                streams.stream.2.codec_name="ac3"
                streams.stream.2.codec_type="audio"
                streams.stream.3.codec_name="dts"
                streams.stream.3.codec_type="audio"
                format.filename="x.mkv"
                format.duration="5400.250000"
                format.bit_rate="8000000"
                """;
        assertEquals(new MediaInfo(5400.25, 1920, 1080, "hevc", "ac3", 8_000_000L, null), ProbeParser.parse(flat),
                "cover art is not the video; the first audio stream counts");
    }

    @Test
    void missingAndGarbageValuesAreNull() {
        MediaInfo i = ProbeParser.parse("""
                streams.stream.0.codec_name="mp3"
                streams.stream.0.codec_type="audio"
                streams.stream.0.duration="12.5"
                format.duration="N/A"
                format.bit_rate="N/A"
                nonsense line
                """);
        assertEquals(12.5, i.durationSeconds(), "falls back to the stream's duration");
        assertNull(i.width());
        assertNull(i.videoCodec());
        assertEquals("mp3", i.audioCodec());
        assertNull(i.bitrate());
        assertNotNull(ProbeParser.parse("").error(), "nothing at all is a failure");
    }

    @Test
    void realFfprobeOutput() throws Exception {
        Path mkv = Ffmpeg.make(dir.resolve("a.mkv"), 3, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        Path mp3 = Ffmpeg.audio(dir.resolve("b.mp3"), 2, "-c:a", "libmp3lame");
        MediaInfo v = ProbeParser.parse(probe(mkv));
        assertEquals(3.0, v.durationSeconds(), 0.1);
        assertEquals(320, v.width());
        assertEquals(240, v.height());
        assertEquals("h264", v.videoCodec());
        assertEquals("aac", v.audioCodec());
        assertNotNull(v.bitrate());
        MediaInfo a = ProbeParser.parse(probe(mp3));
        assertEquals(2.0, a.durationSeconds(), 0.1);
        assertEquals("mp3", a.audioCodec());
        assertNull(a.videoCodec());
    }

    @Test
    void subtitleStreamsWithTheirLanguageTitleAndFlags() throws Exception {
        MediaInfo film = ProbeParser.parse(probe(SubtitledFilm.make(dir, dir.resolve("film.mkv"))));
        assertEquals("h264", film.videoCodec());
        assertEquals(List.of(new MediaInfo.SubtitleStream(2, "subrip", "eng", "English", true, false, false),
                new MediaInfo.SubtitleStream(3, "ass", "fre", null, false, true, false)), film.subtitles());
        MediaInfo quoted = ProbeParser.parse("""
                streams.stream.0.index=0
                streams.stream.0.codec_name="hdmv_pgs_subtitle"
                streams.stream.0.codec_type="subtitle"
                streams.stream.0.tags.title="The \\"director's\\" cut \\\\ commentary"
                streams.stream.0.disposition.hearing_impaired=1
                """);
        assertEquals(List.of(new MediaInfo.SubtitleStream(0, "hdmv_pgs_subtitle", null, "The \"director's\" cut \\ commentary",
                false, false, true)), quoted.subtitles(), "ffprobe's escapes undone");
    }

    @Test
    void chaptersInTimeOrderWithTheirTitles() throws Exception {
        Path meta = java.nio.file.Files.writeString(dir.resolve("chapters.txt"), """
                ;FFMETADATA1
                [CHAPTER]
                TIMEBASE=1/1000
                START=0
                END=2000
                title=Opening
                [CHAPTER]
                TIMEBASE=1/1000
                START=2000
                END=4000
                title=The \\= middle
                """);
        Path plain = Ffmpeg.make(dir.resolve("plain.mkv"), 4, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        Path film = dir.resolve("chaptered.mkv");
        Ffmpeg.output(List.of("ffmpeg", "-v", "error", "-y", "-i", plain.toString(), "-i", meta.toString(), "-map", "0",
                "-map_metadata", "1", "-map_chapters", "1", "-c", "copy", film.toString()));
        assertEquals(List.of(new MediaInfo.Chapter(0, 2, "Opening"), new MediaInfo.Chapter(2, 4, "The = middle")),
                ProbeParser.parse(probe(film)).chapters());
        assertEquals(List.of(), ProbeParser.parse(probe(plain)).chapters());
    }

    private static String probe(Path f) throws Exception {
        return Ffmpeg.output(List.of("ffprobe", "-v", "error", "-print_format", "flat", "-show_format", "-show_streams", "-show_chapters",
                f.toString()));
    }
}
