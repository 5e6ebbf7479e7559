package dev.kino.container.mp4;

import dev.kino.container.ParseException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * RFC 6381 {@code codecs} parameters from video decoder configuration records, as MSE's {@code isTypeSupported}
 * expects them. Each method takes the configuration box ({@code avcC}, {@code hvcC}, {@code vpcC}, {@code av1C}).
 */
final class VideoCodecStrings {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private VideoCodecStrings() {}

    /** {@code avc1.PPCCLL}: profile_idc, the constraint_set flags byte and level_idc, in upper-case hex. */
    static String avc(String prefix, Box avcC) throws ParseException {
        ByteCursor c = avcC.payload();
        c.u8(); // configurationVersion
        int profile = c.u8();
        int constraints = c.u8();
        int level = c.u8();
        return prefix + "." + HEX.toHexDigits((byte) profile) + HEX.toHexDigits((byte) constraints) + HEX.toHexDigits((byte) level);
    }

    /**
     * ISO/IEC 14496-15 Annex E: {@code hvc1.[A-C]P.C.TLL.B0.B1…}: profile space letter (none for 0) and profile_idc;
     * the 32 compatibility flags bit-reversed, in hex; tier (L/H) and level_idc; the six constraint bytes in hex,
     * trailing zero bytes dropped.
     */
    static String hevc(String prefix, Box hvcC) throws ParseException {
        ByteCursor c = hvcC.payload();
        c.u8(); // configurationVersion
        int b = c.u8();
        int space = b >>> 6;
        boolean highTier = (b & 0x20) != 0;
        int profile = b & 0x1F;
        int compatibility = c.int32();
        int[] constraints = new int[6];
        for (int i = 0; i < constraints.length; i++) {
            constraints[i] = c.u8();
        }
        int level = c.u8();
        StringBuilder s = new StringBuilder(prefix).append('.');
        if (space > 0) {
            s.append((char) ('A' + space - 1));
        }
        s.append(profile).append('.').append(Integer.toHexString(Integer.reverse(compatibility)).toUpperCase());
        s.append('.').append(highTier ? 'H' : 'L').append(level);
        int last = constraints.length;
        while (last > 0 && constraints[last - 1] == 0) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            s.append('.').append(HEX.toHexDigits((byte) constraints[i]));
        }
        return s.toString();
    }

    /** {@code vp09.PP.LL.DD} (the short form: profile, level, bit depth, two decimal digits each) from {@code vpcC}. */
    static String vp9(Box vpcC) throws ParseException {
        ByteCursor c = vpcC.payload();
        c.int32(); // version and flags; versions 0 and 1 agree on the fields read here
        int profile = c.u8();
        int level = c.u8();
        int bitDepth = c.u8() >>> 4;
        return String.format(Locale.ROOT, "vp09.%02d.%02d.%02d", profile, level, bitDepth);
    }

    /** {@code av01.P.LLT.DD}: seq_profile, seq_level_idx_0 and tier (M/H), bit depth (8, 10 or 12) from {@code av1C}. */
    static String av1(Box av1C) throws ParseException {
        ByteCursor c = av1C.payload();
        int markerVersion = c.u8();
        if ((markerVersion & 0x80) == 0) {
            throw c.malformed("marker bit not set");
        }
        int b = c.u8();
        int profile = b >>> 5;
        int level = b & 0x1F;
        int flags = c.u8();
        boolean highTier = (flags & 0x80) != 0;
        boolean highBitDepth = (flags & 0x40) != 0;
        boolean twelveBit = (flags & 0x20) != 0;
        int bitDepth = !highBitDepth ? 8 : profile == 2 && twelveBit ? 12 : 10;
        return String.format(Locale.ROOT, "av01.%d.%02d%c.%02d", profile, level, highTier ? 'H' : 'M', bitDepth);
    }
}
