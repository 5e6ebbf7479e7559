package dev.kino.container.mp4;

import static dev.kino.container.mp4.Mp4Bytes.box;
import static dev.kino.container.mp4.Mp4Bytes.esds;
import static dev.kino.container.mp4.Mp4Bytes.fullBox;
import static dev.kino.container.mp4.Mp4Bytes.u8;
import static dev.kino.container.mp4.Mp4Bytes.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kino.container.ParseException;
import org.junit.jupiter.api.Test;

/** Codec strings from hand-built configuration records, against published examples. */
class CodecStringsTest {
    private static Box parsed(byte[] box) throws ParseException {
        return Box.whole(box);
    }

    @Test
    void avc() throws ParseException {
        assertEquals("avc1.64001F", VideoCodecStrings.avc("avc1", parsed(Mp4Bytes.avcC(0x64, 0x00, 0x1F))));
        assertEquals("avc1.42C01E", VideoCodecStrings.avc("avc1", parsed(Mp4Bytes.avcC(0x42, 0xC0, 0x1E))));
        assertEquals("avc3.4D401F", VideoCodecStrings.avc("avc3", parsed(Mp4Bytes.avcC(0x4D, 0x40, 0x1F))));
    }

    @Test
    void hevc() throws ParseException {
        // Main, level 3.1, progressive + non-packed + frame-only (the ISO/IEC 14496-15 Annex E example).
        assertEquals("hvc1.1.6.L93.B0", VideoCodecStrings.hevc("hvc1", parsed(hvcC(0x01, 0x60000000, new int[] {0xB0}, 93))));
        // Main 10, level 4, high tier.
        assertEquals("hev1.2.4.H120.B0", VideoCodecStrings.hevc("hev1", parsed(hvcC(0x22, 0x20000000, new int[] {0xB0}, 120))));
        // Profile space 1 (A), no compatibility flags, a constraint byte after a zero one kept, trailing zeros dropped.
        assertEquals("hvc1.A4.0.L186.98.00.01", VideoCodecStrings.hevc("hvc1",
                parsed(hvcC(0x44, 0, new int[] {0x98, 0x00, 0x01}, 186))));
    }

    private static byte[] hvcC(int spaceTierProfile, int compatibility, int[] constraints, int level) {
        int[] c = new int[6];
        System.arraycopy(constraints, 0, c, 0, constraints.length);
        return box("hvcC", u8(1, spaceTierProfile), Mp4Bytes.u32(compatibility), u8(c), u8(level), zeros(10));
    }

    @Test
    void vp9() throws ParseException {
        assertEquals("vp09.00.10.08", VideoCodecStrings.vp9(parsed(fullBox("vpcC", 1, 0, u8(0, 10, 0x80 | 0x02, 1, 1, 1, 0, 0)))));
        assertEquals("vp09.02.41.10", VideoCodecStrings.vp9(parsed(fullBox("vpcC", 1, 0, u8(2, 41, 0xA0, 9, 16, 9, 0, 0)))));
    }

    @Test
    void av1() throws ParseException {
        assertEquals("av01.0.04M.08", VideoCodecStrings.av1(parsed(box("av1C", u8(0x81, 0x04, 0x0C, 0)))));
        assertEquals("av01.0.13H.10", VideoCodecStrings.av1(parsed(box("av1C", u8(0x81, 13, 0xC0 | 0x0C, 0)))));
        assertEquals("av01.2.08M.12", VideoCodecStrings.av1(parsed(box("av1C", u8(0x81, (2 << 5) | 8, 0x60, 0)))));
        assertThrows(ParseException.class, () -> VideoCodecStrings.av1(parsed(box("av1C", u8(0x01, 0, 0, 0)))));
    }

    @Test
    void mp4aFromEsds() throws ParseException {
        assertEquals("mp4a.40.2", EsdsReader.codec(parsed(esds(0x40, 0x11, 0x90)))); // AAC-LC 48 kHz stereo
        assertEquals("mp4a.40.5", EsdsReader.codec(parsed(esds(0x40, 0x2B, 0x92, 0x08, 0x00)))); // HE-AAC, explicit
        assertEquals("mp4a.40.29", EsdsReader.codec(parsed(esds(0x40, 0xEB, 0x09, 0x88, 0x00))));
        assertEquals("mp4a.40.42", EsdsReader.codec(parsed(esds(0x40, 0xF9, 0x40, 0x00)))); // escape: 32 + 10
        assertEquals("mp3", EsdsReader.codec(parsed(esds(0x6B))));
        assertEquals("mp3", EsdsReader.codec(parsed(esds(0x69))));
        assertEquals("mp4a.67", EsdsReader.codec(parsed(esds(0x67, 0x11, 0x90))));
    }

    @Test
    void esdsWithFourByteSizesAndOptionalFields() throws ParseException {
        // As ffmpeg writes it: sizes padded to four bytes (0x80 0x80 0x80 n).
        byte[] ffmpeg = java.util.HexFormat.of().parseHex(
                "0000000003808080250002000480808017401500000000017700000177000580808005118856e500068080800102");
        assertEquals("mp4a.40.2", EsdsReader.codec(parsed(box("esds", ffmpeg))));
        // streamDependenceFlag, URL_Flag (3 bytes) and OCRstreamFlag set.
        byte[] dcd = u8(0x04, 17, 0x40, 0x15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 2, 0x11, 0x90);
        byte[] es = Mp4Bytes.cat(u8(0x03, 3 + 2 + 4 + 2 + dcd.length, 0, 1, 0xE0, 0, 2, 3, 'a', 'b', 'c', 0, 3), dcd);
        assertEquals("mp4a.40.2", EsdsReader.codec(parsed(fullBox("esds", 0, 0, es))));
        assertThrows(ParseException.class, () -> EsdsReader.codec(parsed(fullBox("esds", 0, 0, u8(0x04, 2, 0x40, 0)))));
    }
}
