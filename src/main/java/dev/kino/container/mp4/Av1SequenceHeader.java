package dev.kino.container.mp4;

import dev.kino.container.ParseException;

/**
 * The largest frame size from an AV1 sequence header OBU (AV1 bitstream spec §5.5): {@code max_frame_width_minus_1}
 * and {@code max_frame_height_minus_1}, after the timing, decoder model and operating point fields.
 */
final class Av1SequenceHeader {
    static final int OBU_SEQUENCE_HEADER = 1;
    /** Bytes of an {@code av1C} body before its configOBUs. */
    private static final int FIXED_FIELDS = 4;

    private Av1SequenceHeader() {}

    /** The size in the sequence header among the configOBUs of an {@code av1C} body, or null when there is none. */
    static VideoSize fromAv1C(byte[] av1C) throws ParseException {
        int pos = FIXED_FIELDS;
        while (pos < av1C.length) {
            Obu obu = Obu.at(av1C, pos, av1C.length);
            if (obu.type() == OBU_SEQUENCE_HEADER) {
                return size(av1C, obu.payloadStart(), obu.end());
            }
            pos = obu.end();
        }
        return null;
    }

    /** The size from the payload of a sequence header OBU in {@code data[start..end)}. */
    static VideoSize size(byte[] data, int start, int end) throws ParseException {
        BitReader r = new BitReader(data, start, end, "AV1 sequence header");
        r.skip(3 + 1); // seq_profile, still_picture
        if (r.flag()) {
            r.skip(5); // reduced_still_picture_header: seq_level_idx[0] only
        } else {
            skipOperatingPoints(r);
        }
        int widthBits = r.u(4) + 1;
        int heightBits = r.u(4) + 1;
        return new VideoSize(r.u(widthBits) + 1, r.u(heightBits) + 1);
    }

    private static void skipOperatingPoints(BitReader r) throws ParseException {
        boolean decoderModel = false;
        int bufferDelayBits = 0;
        if (r.flag()) { // timing_info_present_flag
            r.skip(32 + 32); // num_units_in_display_tick, time_scale
            if (r.flag()) { // equal_picture_interval
                r.uvlc(); // num_ticks_per_picture_minus_1
            }
            decoderModel = r.flag();
            if (decoderModel) {
                bufferDelayBits = r.u(5) + 1;
                r.skip(32 + 5 + 5); // num_units_in_decoding_tick, removal and presentation time lengths
            }
        }
        boolean displayDelay = r.flag();
        int points = r.u(5) + 1;
        for (int i = 0; i < points; i++) {
            r.skip(12); // operating_point_idc
            if (r.u(5) > 7) { // seq_level_idx
                r.skip(1); // seq_tier
            }
            if (decoderModel && r.flag()) {
                r.skip(2L * bufferDelayBits + 1); // decoder and encoder buffer delays, low_delay_mode_flag
            }
            if (displayDelay && r.flag()) {
                r.skip(4); // initial_display_delay_minus_1
            }
        }
    }
}
