package dev.kino.container.mp4;

import dev.kino.container.ParseException;
import java.util.List;

/**
 * A {@code traf}'s header ({@code tfhd}, ISO/IEC 14496-12 §8.8.7) with the defaults in force for its samples: the
 * track's {@code trex} first, overridden by the tfhd's own. Absolute {@code base-data-offset}s are refused: on a live
 * stream relayed fragment by fragment, offsets into a file that is never whole mean nothing.
 *
 * @param track the init segment's track, or null for a track that is neither audio nor video
 */
record Tfhd(int flags, int trackId, Track track, long defaultDuration, long defaultSize, int defaultFlags) {
    static final int BASE_DATA_OFFSET = 0x01;
    static final int SAMPLE_DESCRIPTION_INDEX = 0x02;
    static final int DEFAULT_DURATION = 0x08;
    static final int DEFAULT_SIZE = 0x10;
    static final int DEFAULT_FLAGS = 0x20;
    static final int DEFAULT_BASE_IS_MOOF = 0x020000;

    /** The tfhd among a traf's children. */
    static Tfhd of(List<Box> trafChildren, InitSegment init) throws ParseException {
        Box tfhd = Box.first(trafChildren, BoxType.TFHD);
        if (tfhd == null) {
            throw ParseException.malformed("box 'traf' has no 'tfhd'");
        }
        ByteCursor c = tfhd.payload();
        int flags = c.int32() & 0xFFFFFF;
        int trackId = c.int32();
        if ((flags & BASE_DATA_OFFSET) != 0) {
            throw ParseException.unsupported("tfhd base-data-offset: absolute file offsets cannot be relayed"
                    + " (use -movflags default_base_moof)");
        }
        if ((flags & SAMPLE_DESCRIPTION_INDEX) != 0) {
            c.int32();
        }
        Track track = init.track(trackId);
        TrackDefaults trex = track == null ? TrackDefaults.NONE : track.defaults();
        long duration = (flags & DEFAULT_DURATION) != 0 ? c.u32() : trex.sampleDuration();
        long size = (flags & DEFAULT_SIZE) != 0 ? c.u32() : trex.sampleSize();
        int sampleFlags = (flags & DEFAULT_FLAGS) != 0 ? c.int32() : trex.sampleFlags();
        return new Tfhd(flags, trackId, track, duration, size, sampleFlags);
    }

    /** The {@code tfdt} decode time among a traf's children, or -1 without one. */
    static long decodeTime(List<Box> trafChildren) throws ParseException {
        Box tfdt = Box.first(trafChildren, BoxType.TFDT);
        if (tfdt == null) {
            return -1;
        }
        ByteCursor c = tfdt.payload();
        int version = c.u8();
        c.skip(3);
        return version == 1 ? c.u64() : c.u32();
    }
}
