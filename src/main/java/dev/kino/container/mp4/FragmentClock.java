package dev.kino.container.mp4;

import dev.kino.container.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides a fragment's keyframe flag and timestamp from its trafs, following the timing track (the first video
 * track, else the first audio track). A traf without {@code tfdt} starts where that track's previous traf ended.
 */
final class FragmentClock {
    private final InitSegment init;
    private final Map<Integer, Long> nextDecodeTime = new HashMap<>();

    /** The fragment's keyframe flag and the time of its first sample in milliseconds. */
    record Stamp(boolean keyframe, long millis) {}

    FragmentClock(InitSegment init) {
        this.init = init;
    }

    /**
     * Video: the keyframe flag is that of the first sample of the timing track's first non-empty traf, false when
     * the fragment has none. Audio only: always a keyframe. The time is that of the same traf, else of the first
     * traf of a known track, else where the timing track's previous fragment ended.
     */
    Stamp stamp(List<TrafSummary> trafs) throws ParseException {
        Track timing = init.timingTrack();
        long timingStart = -1;
        boolean key = false;
        long otherStart = -1;
        Track other = null;
        for (TrafSummary traf : trafs) {
            Track track = init.track(traf.trackId());
            if (track == null) {
                continue;
            }
            long start = traf.baseDecodeTime() >= 0 ? traf.baseDecodeTime() : nextDecodeTime.getOrDefault(track.id(), 0L);
            if (start > Long.MAX_VALUE - traf.duration()) {
                throw ParseException.malformed("box 'traf': decode time out of range");
            }
            nextDecodeTime.put(track.id(), start + traf.duration());
            if (track == timing && timingStart < 0 && traf.sampleCount() > 0) {
                timingStart = start;
                key = traf.firstSampleSync();
            } else if (other == null) {
                other = track;
                otherStart = start;
            }
        }
        boolean keyframe = !timing.video() || key;
        if (timingStart >= 0) {
            return new Stamp(keyframe, millis(timingStart, timing.timescale()));
        } else if (other != null) {
            return new Stamp(keyframe, millis(otherStart, other.timescale()));
        }
        return new Stamp(keyframe, millis(nextDecodeTime.getOrDefault(timing.id(), 0L), timing.timescale()));
    }

    private static long millis(long time, long timescale) throws ParseException {
        long seconds = time / timescale;
        if (seconds > Long.MAX_VALUE / 1000 - 1) {
            throw ParseException.malformed("decode time out of range");
        }
        return seconds * 1000 + (time % timescale) * 1000 / timescale;
    }
}
