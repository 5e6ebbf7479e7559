package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConversionRequestTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "mp4,  h264, aac,    video/mp4,        mp4,  true",
            "webm, vp9,  opus,   video/webm,       webm, true",
            "mkv,  h264, aac,    video/x-matroska, mkv,  true",
            "flv,  h264, aac,    video/x-flv,      flv,  true",
            "ts,   h264, aac,    video/mp2t,       ts,   true",
            "mp3,  ,     mp3,    audio/mpeg,       mp3,  false",
            "m4a,  ,     aac,    audio/mp4,        m4a,  false",
            "ogg,  ,     opus,   audio/ogg,        ogg,  false"})
    void eachFormatHasDefaultsAContentTypeAndAnExtension(String format, String video, String audio, String contentType,
                                                        String extension, boolean hasVideo) {
        ConversionRequest r = ConversionRequest.parse(Map.of("format", format));
        assertEquals(Optional.ofNullable(video), r.videoCodec().map(VideoCodec::queryName));
        assertEquals(audio, r.audioCodec().queryName());
        assertEquals(contentType, r.format().contentType());
        assertEquals(extension, r.format().extension());
        assertEquals(hasVideo, r.format().hasVideo());
        assertEquals(OptionalInt.empty(), r.height());
        assertEquals(OptionalLong.empty(), r.bitrate());
        assertEquals(0.0, r.startSeconds());
        assertEquals(r, ConversionRequest.of(r.format()));
    }

    @Test
    void everyOptionTogether() {
        ConversionRequest r = ConversionRequest.parse(Map.of("format", "WebM", "vcodec", "VP8", "acodec", "vorbis",
                "height", "720", "bitrate", "1.5M", "t", "12.25", "sig", "ignored", "exp", "123"));
        assertEquals(new ConversionRequest(OutputFormat.WEBM, Optional.of(VideoCodec.VP8), AudioCodec.VORBIS,
                OptionalInt.of(720), OptionalLong.of(1_500_000), 12.25), r);
        assertTrue(r.encodesVideo());
    }

    @Test
    void emptyValuesCountAsAbsent() {
        assertEquals(ConversionRequest.of(OutputFormat.MKV),
                ConversionRequest.parse(Map.of("format", "mkv", "vcodec", "", "acodec", " ", "height", "", "t", "")));
    }

    @Test
    void copyIsAllowedInPermissiveContainersOnly() {
        ConversionRequest r = ConversionRequest.parse(Map.of("format", "mkv", "vcodec", "copy", "acodec", "copy"));
        assertEquals(Optional.of(VideoCodec.COPY), r.videoCodec());
        assertFalse(r.encodesVideo());
        ConversionRequest.parse(Map.of("format", "m4a", "acodec", "copy"));
        ConversionRequest.parse(Map.of("format", "ts", "vcodec", "copy", "t", "30"));
        assertRejected(Map.of("format", "webm", "vcodec", "copy"), "vcodec copy is not allowed in webm");
        assertRejected(Map.of("format", "ogg", "acodec", "copy"), "acodec copy is not allowed in ogg");
    }

    @Test
    void formatErrors() {
        assertRejected(Map.of(), "format is required: one of [mp4, webm, mkv, flv, ts, mp3, m4a, ogg]");
        assertRejected(Map.of("format", "avi"), "format 'avi' is not supported");
        assertRejected(Map.of("format", "mp4 "), null); // trimmed: accepted
    }

    @Test
    void longValuesAreCutShortInMessages() {
        String longName = "x".repeat(10_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConversionRequest.parse(Map.of("format", longName)));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void codecErrors() {
        assertRejected(Map.of("format", "mp4", "vcodec", "theora"), "vcodec 'theora' is unknown");
        assertRejected(Map.of("format", "mp4", "acodec", "flac"), "acodec 'flac' is unknown");
        assertRejected(Map.of("format", "mp4", "vcodec", "vp9"), "vcodec vp9 is not allowed in mp4; use one of [h264, hevc, av1, copy]");
        assertRejected(Map.of("format", "webm", "vcodec", "h264"), "vcodec h264 is not allowed in webm; use one of [vp8, vp9, av1]");
        assertRejected(Map.of("format", "webm", "acodec", "aac"), "acodec aac is not allowed in webm; use one of [opus, vorbis]");
        assertRejected(Map.of("format", "flv", "vcodec", "hevc"), "vcodec hevc is not allowed in flv");
        assertRejected(Map.of("format", "flv", "acodec", "opus"), "acodec opus is not allowed in flv");
        assertRejected(Map.of("format", "ts", "vcodec", "vp9"), "vcodec vp9 is not allowed in ts");
        assertRejected(Map.of("format", "mp3", "acodec", "aac"), "acodec aac is not allowed in mp3; use one of [mp3, copy]");
        assertRejected(Map.of("format", "ogg", "acodec", "mp3"), "acodec mp3 is not allowed in ogg");
        assertRejected(Map.of("format", "mp3", "vcodec", "h264"), "vcodec is not allowed: format mp3 is audio only");
    }

    @Test
    void heightErrors() {
        assertRejected(Map.of("format", "mp4", "height", "100"), "height 100 is outside 144..4320");
        assertRejected(Map.of("format", "mp4", "height", "4322"), "height 4322 is outside 144..4320");
        assertRejected(Map.of("format", "mp4", "height", "481"), "height 481 must be even");
        assertRejected(Map.of("format", "mp4", "height", "720p"), "height '720p' is not a whole number of pixels");
        assertRejected(Map.of("format", "mp4", "height", "-720"), "height '-720' is not a whole number");
        assertRejected(Map.of("format", "mp4", "height", "99999999999"), "is not a whole number");
        assertRejected(Map.of("format", "m4a", "height", "720"), "height is not allowed: format m4a is audio only");
        assertRejected(Map.of("format", "mkv", "vcodec", "copy", "height", "720"), "cannot be combined with vcodec=copy");
        assertEquals(OptionalInt.of(144), ConversionRequest.parse(Map.of("format", "mp4", "height", "144")).height());
        assertEquals(OptionalInt.of(4320), ConversionRequest.parse(Map.of("format", "mp4", "height", "4320")).height());
    }

    @ParameterizedTest
    @CsvSource({"800k, 800000", "2M, 2000000", "2m, 2000000", "2500000, 2500000", "1.5M, 1500000", "0.5k, 500",
            "100M, 100000000", "64K, 64000"})
    void bitrates(String text, long bits) {
        assertEquals(bits, ConversionRequest.parseBitrate(text));
    }

    @Test
    void bitrateErrors() {
        for (String bad : new String[] {"2G", "fast", "-800k", "1e6", "2 M", "0x10", "k", "1.5"}) {
            assertThrows(IllegalArgumentException.class, () -> ConversionRequest.parseBitrate(bad), bad);
        }
        assertRejected(Map.of("format", "mp4", "bitrate", "101M"), "bitrate '101M' is above the maximum of 100M");
        assertRejected(Map.of("format", "mp4", "bitrate", "999999999999M"), "above the maximum of 100M");
        assertRejected(Map.of("format", "mp4", "bitrate", "1k"), "bitrate 1000 is outside 8k..100M");
        assertRejected(Map.of("format", "mp4", "bitrate", "800kbps"), "bitrate '800kbps' is malformed; use e.g. 800k, 2M or 2500000");
        assertRejected(Map.of("format", "mp4", "vcodec", "copy", "bitrate", "2M"), "cannot be combined with vcodec=copy");
        assertRejected(Map.of("format", "mp3", "bitrate", "1M"), "above 512k, the maximum for audio-only formats");
        assertRejected(Map.of("format", "mp3", "acodec", "copy", "bitrate", "128k"), "cannot be combined with acodec=copy");
        assertEquals(OptionalLong.of(192_000), ConversionRequest.parse(Map.of("format", "mp3", "bitrate", "192k")).bitrate());
    }

    @Test
    void startTimes() {
        assertEquals(2.0, ConversionRequest.parse(Map.of("format", "mp4", "t", "2")).startSeconds());
        assertEquals(90.5, ConversionRequest.parse(Map.of("format", "mp4", "t", "90.5")).startSeconds());
        for (String bad : new String[] {"-1", "NaN", "Infinity", "1e3", "0x10", "2d", "1:30", ".5", "abc", "-0.0"}) {
            assertRejected(Map.of("format", "mp4", "t", bad), "is not a start time in seconds >= 0");
        }
        assertThrows(IllegalArgumentException.class, () -> new ConversionRequest(OutputFormat.MP4, Optional.of(VideoCodec.H264),
                AudioCodec.AAC, OptionalInt.empty(), OptionalLong.empty(), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ConversionRequest(OutputFormat.MP4, Optional.of(VideoCodec.H264),
                AudioCodec.AAC, OptionalInt.empty(), OptionalLong.empty(), -1));
    }

    @Test
    void theConstructorKeepsTheSameRules() {
        assertThrows(IllegalArgumentException.class, () -> new ConversionRequest(OutputFormat.MP3, Optional.of(VideoCodec.H264),
                AudioCodec.MP3, OptionalInt.empty(), OptionalLong.empty(), 0));
        assertThrows(IllegalArgumentException.class, () -> new ConversionRequest(OutputFormat.MP4, Optional.empty(),
                AudioCodec.AAC, OptionalInt.empty(), OptionalLong.empty(), 0));
        assertThrows(NullPointerException.class, () -> new ConversionRequest(null, Optional.empty(),
                AudioCodec.AAC, OptionalInt.empty(), OptionalLong.empty(), 0));
    }

    @Test
    void missingEncodersAreRefused() {
        Set<String> bundledLike = Set.of("libx264", "aac", "libvpx-vp9", "libopus", "libmp3lame");
        ConversionRequest.parse(Map.of("format", "webm"), bundledLike::contains);
        assertEquals("acodec vorbis is not available: this server's ffmpeg has no libvorbis encoder",
                assertThrows(IllegalArgumentException.class,
                        () -> ConversionRequest.parse(Map.of("format", "ogg", "acodec", "vorbis"), bundledLike::contains)).getMessage());
        assertEquals("vcodec av1 is not available: this server's ffmpeg has no libsvtav1 encoder",
                assertThrows(IllegalArgumentException.class,
                        () -> ConversionRequest.parse(Map.of("format", "webm", "vcodec", "av1"), bundledLike::contains)).getMessage());
        ConversionRequest.parse(Map.of("format", "mkv", "vcodec", "copy", "acodec", "copy"), e -> false);
    }

    @Test
    void unknownParametersAreIgnoredAndTheMapIsNotModified() {
        Map<String, String> q = new HashMap<>(Map.of("format", "ogg", "token", "abc"));
        ConversionRequest.parse(q);
        assertEquals(Map.of("format", "ogg", "token", "abc"), q);
    }

    /** Parsing {@code query} fails with a message containing {@code expected}; a null {@code expected} means it succeeds. */
    private static void assertRejected(Map<String, String> query, String expected) {
        if (expected == null) {
            ConversionRequest.parse(query);
            return;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConversionRequest.parse(query),
                query::toString);
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
