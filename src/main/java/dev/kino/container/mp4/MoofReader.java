package dev.kino.container.mp4;

import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code moof}: per {@code traf} the {@code tfhd} defaults, the {@code tfdt} decode time and the {@code trun}s
 * (sample count, durations, and the first sample's flags: trun first-sample-flags, else its own per-sample flags,
 * else tfhd default-sample-flags, else the trex default).
 */
final class MoofReader {
    private static final int TFHD_BASE_DATA_OFFSET = 0x01;
    private static final int TFHD_SAMPLE_DESCRIPTION_INDEX = 0x02;
    private static final int TFHD_DEFAULT_DURATION = 0x08;
    private static final int TFHD_DEFAULT_SIZE = 0x10;
    private static final int TFHD_DEFAULT_FLAGS = 0x20;
    private static final int TRUN_DATA_OFFSET = 0x01;
    private static final int TRUN_FIRST_SAMPLE_FLAGS = 0x04;
    private static final int TRUN_DURATION = 0x100;
    private static final int TRUN_SIZE = 0x200;
    private static final int TRUN_FLAGS = 0x400;
    private static final int TRUN_COMPOSITION_OFFSET = 0x800;

    private MoofReader() {}

    /** The fragment defaults in force for a traf: trex first, overridden by tfhd. */
    private record Defaults(long duration, int flags) {}

    static List<TrafSummary> read(Box moof, InitSegment init) throws ParseException {
        List<TrafSummary> trafs = new ArrayList<>();
        for (Box traf : moof.children()) {
            if (traf.type() == BoxType.TRAF) {
                trafs.add(traf(traf, init));
            }
        }
        return trafs;
    }

    private static TrafSummary traf(Box traf, InitSegment init) throws ParseException {
        List<Box> children = traf.children();
        Box tfhd = Box.first(children, BoxType.TFHD);
        if (tfhd == null) {
            throw ParseException.malformed("box 'traf' has no 'tfhd'");
        }
        ByteCursor c = tfhd.payload();
        int flags = c.int32() & 0xFFFFFF;
        int trackId = c.int32();
        Track track = init.track(trackId);
        TrackDefaults trex = track == null ? TrackDefaults.NONE : track.defaults();
        Defaults d = tfhdDefaults(c, flags, trex);
        long baseDecodeTime = -1;
        long count = 0;
        long duration = 0;
        Boolean firstSync = null;
        for (Box b : children) {
            if (b.type() == BoxType.TFDT && baseDecodeTime < 0) {
                baseDecodeTime = decodeTime(b);
            } else if (b.type() == BoxType.TRUN) {
                Run run = trun(b, d);
                if (firstSync == null && run.count > 0) {
                    firstSync = SampleFlags.isSync(run.firstFlags);
                }
                count += run.count;
                duration += run.duration;
                if (duration > Long.MAX_VALUE / 4) {
                    throw ParseException.malformed("box 'traf': duration out of range");
                }
            }
        }
        return new TrafSummary(trackId, baseDecodeTime, count, firstSync != null && firstSync, duration);
    }

    private static Defaults tfhdDefaults(ByteCursor c, int flags, TrackDefaults trex) throws ParseException {
        if ((flags & TFHD_BASE_DATA_OFFSET) != 0) {
            throw ParseException.unsupported("tfhd base-data-offset: absolute file offsets cannot be relayed"
                    + " (use -movflags default_base_moof)");
        }
        if ((flags & TFHD_SAMPLE_DESCRIPTION_INDEX) != 0) {
            c.int32();
        }
        long duration = (flags & TFHD_DEFAULT_DURATION) != 0 ? c.u32() : trex.sampleDuration();
        if ((flags & TFHD_DEFAULT_SIZE) != 0) {
            c.int32();
        }
        int sampleFlags = (flags & TFHD_DEFAULT_FLAGS) != 0 ? c.int32() : trex.sampleFlags();
        return new Defaults(duration, sampleFlags);
    }

    private static long decodeTime(Box tfdt) throws ParseException {
        ByteCursor c = tfdt.payload();
        int version = c.u8();
        c.skip(3);
        return version == 1 ? c.u64() : c.u32();
    }

    private record Run(long count, int firstFlags, long duration) {}

    private static Run trun(Box trun, Defaults d) throws ParseException {
        ByteCursor c = trun.payload();
        int flags = c.int32() & 0xFFFFFF;
        long count = c.u32();
        if ((flags & TRUN_DATA_OFFSET) != 0) {
            c.int32();
        }
        Integer firstSampleFlags = (flags & TRUN_FIRST_SAMPLE_FLAGS) != 0 ? c.int32() : null;
        int fields = Integer.bitCount(flags & (TRUN_DURATION | TRUN_SIZE | TRUN_FLAGS | TRUN_COMPOSITION_OFFSET));
        c.require(count * fields * 4);
        if (count == 0) {
            return new Run(0, 0, 0);
        }
        int firstFlags = firstSampleFlags != null ? firstSampleFlags : d.flags();
        if (fields == 0) {
            return new Run(count, firstFlags, product(count, d.duration()));
        }
        long duration = 0;
        for (long i = 0; i < count; i++) {
            if ((flags & TRUN_DURATION) != 0) {
                duration += c.u32();
            }
            if ((flags & TRUN_SIZE) != 0) {
                c.int32();
            }
            if ((flags & TRUN_FLAGS) != 0) {
                int f = c.int32();
                if (i == 0 && firstSampleFlags == null) {
                    firstFlags = f;
                }
            }
            if ((flags & TRUN_COMPOSITION_OFFSET) != 0) {
                c.int32();
            }
        }
        if ((flags & TRUN_DURATION) == 0) {
            duration = product(count, d.duration());
        }
        return new Run(count, firstFlags, duration);
    }

    private static long product(long count, long sampleDuration) throws ParseException {
        if (sampleDuration != 0 && count > Long.MAX_VALUE / 4 / sampleDuration) {
            throw ParseException.malformed("box 'trun': duration out of range");
        }
        return count * sampleDuration;
    }
}
