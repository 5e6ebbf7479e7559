package dev.kino.live.rung;

import dev.kino.live.hub.MediaUnit;

/**
 * Keeps a rung near the live edge when ffmpeg cannot keep up: a fragment that has waited in the rung's queue longer
 * than the limit is not written, nor is anything after it up to the next keyframe that has not (ffmpeg sees a jump
 * in the Cluster times and passes it on as a gap). The hub's own skip comes only once the queue holds its whole byte
 * budget, which at a few Mbit/s is half a minute behind. What the rung was handed as it joined (the init and the
 * fragments since the last keyframe, older than the join) is catch-up, never late. Pure; the feeder's only.
 */
final class Backlog {
    private final long maxWaitNanos;
    private final long joinedAtNanos;
    private boolean skipping;
    private long skipped;
    private long skippedReported;

    Backlog(long maxWaitNanos, long joinedAtNanos) {
        this.maxWaitNanos = maxWaitNanos;
        this.joinedAtNanos = joinedAtNanos;
    }

    /** Whether to write {@code u} now; false while skipping to a keyframe that is on time. An init always goes. */
    boolean admit(MediaUnit u, long nowNanos) {
        if (u.init()) {
            skipping = false;
            return true;
        }
        boolean late = u.arrivalNanos() > joinedAtNanos && nowNanos - u.arrivalNanos() > maxWaitNanos;
        if (late) {
            skipping = true;
        } else if (skipping && u.keyframe()) {
            skipping = false;
        }
        if (skipping) {
            skipped++;
        }
        return !skipping;
    }

    /** Fragments skipped since the last call, for a log line now and then. */
    long newlySkipped() {
        long n = skipped - skippedReported;
        skippedReported = skipped;
        return n;
    }
}
