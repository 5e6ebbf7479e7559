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

    private MoofReader() {}

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
        Tfhd d = Tfhd.of(children, init);
        int trackId = d.trackId();
        long baseDecodeTime = Tfhd.decodeTime(children);
        long count = 0;
        long duration = 0;
        Boolean firstSync = null;
        for (Box b : children) {
            if (b.type() == BoxType.TRUN) {
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

    private record Run(long count, int firstFlags, long duration) {}

    private static Run trun(Box trun, Tfhd d) throws ParseException {
        ByteCursor c = trun.payload();
        int flags = c.int32() & 0xFFFFFF;
        long count = c.u32();
        if ((flags & TrunFlags.DATA_OFFSET) != 0) {
            c.int32();
        }
        Integer firstSampleFlags = (flags & TrunFlags.FIRST_SAMPLE_FLAGS) != 0 ? c.int32() : null;
        int fields = Integer.bitCount(flags & (TrunFlags.DURATION | TrunFlags.SIZE | TrunFlags.FLAGS | TrunFlags.COMPOSITION_OFFSET));
        c.require(count * fields * 4);
        if (count == 0) {
            return new Run(0, 0, 0);
        }
        int firstFlags = firstSampleFlags != null ? firstSampleFlags : d.defaultFlags();
        if (fields == 0) {
            return new Run(count, firstFlags, product(count, d.defaultDuration()));
        }
        long duration = 0;
        for (long i = 0; i < count; i++) {
            if ((flags & TrunFlags.DURATION) != 0) {
                duration += c.u32();
            }
            if ((flags & TrunFlags.SIZE) != 0) {
                c.int32();
            }
            if ((flags & TrunFlags.FLAGS) != 0) {
                int f = c.int32();
                if (i == 0 && firstSampleFlags == null) {
                    firstFlags = f;
                }
            }
            if ((flags & TrunFlags.COMPOSITION_OFFSET) != 0) {
                c.int32();
            }
        }
        if ((flags & TrunFlags.DURATION) == 0) {
            duration = product(count, d.defaultDuration());
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
