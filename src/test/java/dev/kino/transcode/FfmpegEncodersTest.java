package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FfmpegEncodersTest {
    @Test
    void parsesTheListingAndSkipsTheLegend() {
        String listing = """
                Encoders:
                 V..... = Video
                 A..... = Audio
                 S..... = Subtitle
                 .F.... = Frame-level multithreading
                 ...X.. = Codec is experimental
                 ------
                 V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
                 V..... flv                  FLV / Sorenson Spark / Sorenson H.263 (Flash Video) (codec flv1)
                 VFS..D mpeg2video           MPEG-2 video
                 A..X.D vorbis               Vorbis
                 A....D libopus
                 S..... ass                  ASS (Advanced SubStation Alpha) subtitle
                garbage
                """;
        assertEquals(Set.of("libx264", "flv", "mpeg2video", "vorbis", "libopus", "ass"), FfmpegEncoders.parse(listing));
        assertEquals(Set.of(), FfmpegEncoders.parse(""));
    }

    @Test
    @Timeout(20)
    void theSystemFfmpegHasTheDefaultEncoders() throws Exception {
        Set<String> encoders = FfmpegEncoders.query(TestClips.system(), Duration.ofSeconds(10));
        for (OutputFormat f : OutputFormat.values()) {
            ConversionRequest.parse(java.util.Map.of("format", f.extension()), encoders::contains);
        }
        assertTrue(encoders.containsAll(Set.of("libx264", "aac", "libvpx-vp9", "libopus", "libmp3lame")), encoders::toString);
    }
}
