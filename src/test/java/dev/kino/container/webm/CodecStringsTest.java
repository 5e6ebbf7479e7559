package dev.kino.container.webm;

import static dev.kino.container.webm.Ebml.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecStringsTest {
    private static final byte[] NONE = new byte[0];

    @Test
    void videoFirstThenAudio() throws ParseException {
        List<Track> tracks = List.of(audio("A_OPUS"), video("V_VP8", NONE));
        assertEquals("video/webm; codecs=\"vp8, opus\"", CodecStrings.mimeType(tracks, null, 0, 0));
        assertEquals("audio/webm; codecs=\"vorbis\"", CodecStrings.mimeType(List.of(audio("A_VORBIS")), null, 0, 0));
    }

    @Test
    void vp9UsesCodecPrivateFeaturesWhenComplete() {
        assertEquals("vp9", CodecStrings.vp9(NONE, 0));
        assertEquals("vp09.00.41.08", CodecStrings.vp9(hex("0101 00 0201 29 0301 08 0401 01"), 0));
        assertEquals("vp09.02.31.10", CodecStrings.vp9(hex("0101 02 0201 1F"), 10), "bit depth from Colour");
        assertEquals("vp09.00.10.08", CodecStrings.vp9(hex("0101 00 0201 0A"), 0), "8 bits is profile 0's default");
        assertEquals("vp9", CodecStrings.vp9(hex("0101 00"), 0), "no level");
        assertEquals("vp9", CodecStrings.vp9(hex("0101 00 0205"), 0), "cut short");
    }

    @Test
    void av1FromAv1C() throws ParseException {
        assertEquals("av01.0.09M.08", CodecStrings.av1(hex("81090C00")));
        assertEquals("av01.2.13H.12", CodecStrings.av1(hex("814DE000")));
        assertThrows(ParseException.class, () -> CodecStrings.av1(NONE));
    }

    @Test
    void avc1FromAvcCOrFromTheFirstFramesSps() throws ParseException {
        Track withAvcC = video("V_MPEG4/ISO/AVC", hex("0164001FFFE1"));
        Track without = video("V_MPEG4/ISO/AVC", NONE);
        assertEquals("avc1.64001F", CodecStrings.videoCodec(withAvcC, null, 0, 0));
        assertFalse(CodecStrings.needsFirstFrame(List.of(withAvcC)));
        assertTrue(CodecStrings.needsFirstFrame(List.of(without)));
        byte[] annexB = hex("0000000109F0 00000001 674D4028 AA");
        assertEquals("avc1.4D4028", CodecStrings.videoCodec(without, annexB, 0, annexB.length));
        byte[] lengthPrefixed = hex("FF 0000000A 67640033 AC");
        assertEquals("avc1.640033", CodecStrings.avcFromFrame(lengthPrefixed, 1, lengthPrefixed.length - 1));
        assertEquals("avc1", CodecStrings.videoCodec(without, null, 0, 0));
    }

    @Test
    void codecsWithoutAWebmTypeAreUnsupported() {
        ParseException video = assertThrows(ParseException.class,
                () -> CodecStrings.mimeType(List.of(video("V_MPEGH/ISO/HEVC", NONE)), null, 0, 0));
        assertFalse(video.isMalformed());
        assertThrows(ParseException.class, () -> CodecStrings.mimeType(List.of(audio("A_AAC")), null, 0, 0));
        assertThrows(ParseException.class, () -> CodecStrings.mimeType(
                List.of(new Track(3, 17, "S_TEXT/WEBVTT", NONE, 0)), null, 0, 0));
    }

    private static Track video(String codec, byte[] codecPrivate) {
        return new Track(1, Track.VIDEO, codec, codecPrivate, 0);
    }

    private static Track audio(String codec) {
        return new Track(2, Track.AUDIO, codec, NONE, 0);
    }
}
