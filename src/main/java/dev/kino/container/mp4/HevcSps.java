package dev.kino.container.mp4;

import dev.kino.container.ParseException;

/**
 * The picture size from an HEVC sequence parameter set (ITU-T H.265 §7.3.2.2): {@code pic_width/height_in_luma_samples}
 * less the conformance window. Only the profile_tier_level structure before them needs real parsing.
 */
final class HevcSps {
    private static final int SPS_NUT = 33;
    /** Bytes of an {@code hvcC} body before its arrays of parameter sets. */
    private static final int FIXED_FIELDS = 22;

    private HevcSps() {}

    /** The size in the first SPS of an {@code hvcC} body, or null when it holds none. */
    static VideoSize fromHvcC(byte[] hvcC) throws ParseException {
        ByteCursor c = new ByteCursor(hvcC, 0, hvcC.length, BoxType.HVCC);
        c.skip(FIXED_FIELDS);
        int arrays = c.u8();
        for (int i = 0; i < arrays; i++) {
            int type = c.u8() & 0x3F;
            int count = c.u16();
            for (int j = 0; j < count; j++) {
                int length = c.u16();
                c.require(length);
                if (type == SPS_NUT) {
                    return size(BitReader.unescape(hvcC, c.position(), length));
                }
                c.skip(length);
            }
        }
        return null;
    }

    /** The size from an SPS NAL unit's RBSP, its two-byte NAL header first. */
    static VideoSize size(byte[] rbsp) throws ParseException {
        BitReader r = new BitReader(rbsp, 2, rbsp.length, "HEVC SPS");
        r.skip(4); // sps_video_parameter_set_id
        int subLayers = r.u(3); // sps_max_sub_layers_minus1
        r.skip(1); // sps_temporal_id_nesting_flag
        skipProfileTierLevel(r, subLayers);
        r.ue(); // sps_seq_parameter_set_id
        int chroma = r.ue();
        if (chroma == 3 && r.flag()) {
            chroma = 0; // separate_colour_plane_flag
        }
        int width = r.ue();
        int height = r.ue();
        if (r.flag()) {
            int subWidth = chroma == 1 || chroma == 2 ? 2 : 1;
            int subHeight = chroma == 1 ? 2 : 1;
            width -= subWidth * (r.ue() + r.ue());
            height -= subHeight * (r.ue() + r.ue());
        }
        return new VideoSize(width, height);
    }

    /** profile_tier_level(1, maxNumSubLayersMinus1): 88 bits of general profile, the level, then the sub-layers'. */
    private static void skipProfileTierLevel(BitReader r, int subLayers) throws ParseException {
        r.skip(88 + 8);
        boolean[] profilePresent = new boolean[subLayers];
        boolean[] levelPresent = new boolean[subLayers];
        for (int i = 0; i < subLayers; i++) {
            profilePresent[i] = r.flag();
            levelPresent[i] = r.flag();
        }
        if (subLayers > 0) {
            r.skip(2L * (8 - subLayers)); // reserved_zero_2bits
        }
        for (int i = 0; i < subLayers; i++) {
            r.skip((profilePresent[i] ? 88 : 0) + (levelPresent[i] ? 8 : 0));
        }
    }
}
