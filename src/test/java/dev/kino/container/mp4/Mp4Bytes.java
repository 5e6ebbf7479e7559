package dev.kino.container.mp4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds MP4 boxes by hand for tests. */
final class Mp4Bytes {
    private Mp4Bytes() {}

    static byte[] box(String type, byte[]... parts) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            payload.writeBytes(p);
        }
        return cat(u32(8 + payload.size()), type.getBytes(StandardCharsets.ISO_8859_1), payload.toByteArray());
    }

    /** A full box: version, 24-bit flags, then the fields. */
    static byte[] fullBox(String type, int version, int flags, byte[]... fields) {
        byte[][] parts = new byte[fields.length + 1][];
        parts[0] = u32((version << 24) | (flags & 0xFFFFFF));
        System.arraycopy(fields, 0, parts, 1, fields.length);
        return box(type, parts);
    }

    static byte[] u8(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] u16(int v) {
        return u8(v >>> 8, v);
    }

    static byte[] u32(long v) {
        return u8((int) (v >>> 24), (int) (v >>> 16), (int) (v >>> 8), (int) v);
    }

    static byte[] u64(long v) {
        return cat(u32(v >>> 32), u32(v));
    }

    static byte[] zeros(int n) {
        return new byte[n];
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] ftyp() {
        return box("ftyp", ascii("isom"), u32(512), ascii("isomiso6mp41"));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A trak of one track: tkhd, mdia (mdhd, hdlr, minf/stbl/stsd holding {@code sampleEntry}). */
    static byte[] trak(int trackId, String handler, long timescale, byte[] sampleEntry) {
        byte[] tkhd = fullBox("tkhd", 0, 3, u32(0), u32(0), u32(trackId), zeros(68));
        byte[] mdhd = fullBox("mdhd", 0, 0, u32(0), u32(0), u32(timescale), u32(0), u16(0x55C4), u16(0));
        byte[] hdlr = fullBox("hdlr", 0, 0, u32(0), ascii(handler), zeros(12), ascii("handler\0"));
        byte[] stsd = fullBox("stsd", 0, 0, u32(1), sampleEntry);
        byte[] stbl = box("stbl", stsd, fullBox("stts", 0, 0, u32(0)), fullBox("stsc", 0, 0, u32(0)),
                fullBox("stsz", 0, 0, u32(0), u32(0)), fullBox("stco", 0, 0, u32(0)));
        return box("trak", tkhd, box("mdia", mdhd, hdlr, box("minf", stbl)));
    }

    /** A VisualSampleEntry: 78 bytes of fields (320x240), then its configuration box. */
    static byte[] visualEntry(String type, byte[] config) {
        return box(type, zeros(6), u16(1), zeros(16), u16(320), u16(240), u32(0x480000), u32(0x480000), u32(0),
                u16(1), zeros(32), u16(0x18), u16(0xFFFF), config);
    }

    /** An AudioSampleEntry (version 0, stereo, 48 kHz), then its configuration box. */
    static byte[] audioEntry(String type, byte[] config) {
        return box(type, zeros(6), u16(1), zeros(8), u16(2), u16(16), u16(0), u16(0), u32(48000L << 16), config);
    }

    /** avcC with a profile, constraint flags and level (no parameter sets: the parser does not need them). */
    static byte[] avcC(int profile, int constraints, int level) {
        return box("avcC", u8(1, profile, constraints, level, 0xFF, 0xE0, 0));
    }

    /** esds for MPEG-4 audio with a 2-byte AudioSpecificConfig. */
    static byte[] esds(int objectType, int... asc) {
        byte[] dsi = cat(u8(0x05, asc.length), u8(asc));
        byte[] dcd = cat(u8(0x04, 13 + dsi.length, objectType, 0x15), zeros(3), u32(128000), u32(128000), dsi);
        byte[] es = cat(u8(0x03, 3 + dcd.length + 3), u16(1), u8(0), dcd, u8(0x06, 1, 2));
        return fullBox("esds", 0, 0, es);
    }

    static byte[] trex(int trackId, long duration, int flags) {
        return fullBox("trex", 0, 0, u32(trackId), u32(1), u32(duration), u32(0), u32(flags));
    }
}
