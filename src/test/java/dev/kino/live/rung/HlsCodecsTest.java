package dev.kino.live.rung;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which MSE types HLS takes as they are, and which demuxer the rung reads the others with. */
class HlsCodecsTest {
    @Test
    void fmp4WithH264HevcAndAacPlaysAsItIs() {
        for (String mime : List.of("video/mp4; codecs=\"avc1.64001F, mp4a.40.2\"", "video/mp4; codecs=\"hvc1.1.6.L60.90, mp4a.40.2\"",
                "video/mp4; codecs=\"hev1.1.6.L93.B0\"", "video/mp4; codecs=\"avc3.42E01E\"", "audio/mp4; codecs=\"mp4a.40.2\"",
                "VIDEO/MP4;codecs=avc1.4D401E")) {
            assertTrue(HlsCodecs.playable(mime), mime);
        }
    }

    @Test
    void everythingElseNeedsTheRung() {
        // H.264 in WebM is still WebM; AV1 is not for HLS players; one codec HLS lacks is enough; no codecs, nothing known
        for (String mime : List.of("video/webm; codecs=\"vp8, opus\"", "video/webm; codecs=\"avc1.64001F\"",
                "audio/webm; codecs=\"opus\"", "video/mp4; codecs=\"av01.0.00M.08, mp4a.40.2\"",
                "video/mp4; codecs=\"avc1.64001F, opus\"", "video/mp4")) {
            assertFalse(HlsCodecs.playable(mime), mime);
        }
    }

    @Test
    void webmAndMatroskaAreReadAsMatroskaMp4AsMp4() {
        assertEquals(Optional.of("matroska"), HlsCodecs.demuxer("video/webm; codecs=\"vp8, opus\""));
        assertEquals(Optional.of("matroska"), HlsCodecs.demuxer("audio/webm; codecs=\"opus\""));
        assertEquals(Optional.of("mp4"), HlsCodecs.demuxer("video/mp4; codecs=\"av01.0.00M.08\""));
        assertEquals(Optional.empty(), HlsCodecs.demuxer("application/octet-stream"));
    }

    @Test
    void codecsAreListedInOrder() {
        assertEquals(List.of("vp09.00.10.08", "opus"), HlsCodecs.codecs("video/webm; codecs=\"vp09.00.10.08, opus\""));
        assertEquals(List.of(), HlsCodecs.codecs("video/webm"));
    }
}
