package dev.kino.container.mp4;

import dev.kino.container.ParseException;

/**
 * The picture size from an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1): macroblocks, field coding and
 * the frame cropping rectangle. The fields before the size are read only to be passed over.
 */
final class AvcSps {
    private AvcSps() {}

    /** The size in the first SPS of an {@code avcC} body, or null when it holds none. */
    static VideoSize fromAvcC(byte[] avcC) throws ParseException {
        ByteCursor c = new ByteCursor(avcC, 0, avcC.length, BoxType.AVCC);
        c.skip(5); // version, profile, compatibility, level, lengthSizeMinusOne
        if ((c.u8() & 0x1F) == 0) {
            return null;
        }
        int length = c.u16();
        c.require(length);
        return size(BitReader.unescape(avcC, c.position(), length));
    }

    /** The size from an SPS NAL unit's RBSP, its one-byte NAL header first. */
    static VideoSize size(byte[] rbsp) throws ParseException {
        BitReader r = new BitReader(rbsp, 1, rbsp.length, "H.264 SPS");
        int profile = r.u(8);
        r.skip(16); // constraint flags, level_idc
        r.ue(); // seq_parameter_set_id
        int chroma = 1;
        if (hasChromaInfo(profile)) {
            chroma = r.ue();
            if (chroma == 3 && r.flag()) {
                chroma = 0; // separate_colour_plane_flag: each plane coded as monochrome
            }
            r.ue(); // bit_depth_luma_minus8
            r.ue(); // bit_depth_chroma_minus8
            r.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (r.flag()) {
                skipScalingMatrix(r, chroma == 3 ? 12 : 8);
            }
        }
        r.ue(); // log2_max_frame_num_minus4
        skipPictureOrderCount(r);
        r.ue(); // max_num_ref_frames
        r.skip(1); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = r.ue() + 1;
        int heightMapUnits = r.ue() + 1;
        boolean frameMbsOnly = r.flag();
        if (!frameMbsOnly) {
            r.skip(1); // mb_adaptive_frame_field_flag
        }
        r.skip(1); // direct_8x8_inference_flag
        int width = widthMbs * 16;
        int height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
        if (r.flag()) {
            int cropX = chroma == 1 || chroma == 2 ? 2 : 1;
            int cropY = (chroma == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
            width -= cropX * (r.ue() + r.ue());
            height -= cropY * (r.ue() + r.ue());
        }
        return new VideoSize(width, height);
    }

    /** The High profiles and their kin, whose SPS carries chroma format, bit depths and scaling matrices. */
    private static boolean hasChromaInfo(int profile) {
        return switch (profile) {
            case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135 -> true;
            default -> false;
        };
    }

    private static void skipScalingMatrix(BitReader r, int lists) throws ParseException {
        for (int i = 0; i < lists; i++) {
            if (r.flag()) {
                int size = i < 6 ? 16 : 64;
                int last = 8;
                int next = 8;
                for (int j = 0; j < size && next != 0; j++) {
                    next = (last + r.se() + 256) % 256;
                    last = next == 0 ? last : next;
                }
            }
        }
    }

    private static void skipPictureOrderCount(BitReader r) throws ParseException {
        int type = r.ue();
        if (type == 0) {
            r.ue(); // log2_max_pic_order_cnt_lsb_minus4
        } else if (type == 1) {
            r.skip(1); // delta_pic_order_always_zero_flag
            r.se(); // offset_for_non_ref_pic
            r.se(); // offset_for_top_to_bottom_field
            int cycle = r.ue();
            for (int i = 0; i < cycle; i++) {
                r.se();
            }
        }
    }
}
