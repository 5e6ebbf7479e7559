package dev.kino.library.web;

/**
 * Decides whether a file stat may run on the event loop. A stat of a cached local file takes microseconds, far less
 * than a hop to a worker thread and back; one on a sleeping disk or a network mount can take much longer. The
 * tuner keeps a moving average of measured stat times and allows the inline call only while it stays below 1 ms
 * (the threshold Vert.x's StaticHandler uses for the same choice). Thread-safe; races only blur the average.
 */
final class StatTuner {
    private static final long INLINE_LIMIT_NANOS = 1_000_000;

    private volatile long averageNanos;

    boolean inline() {
        return averageNanos < INLINE_LIMIT_NANOS;
    }

    void record(long nanos) {
        long avg = averageNanos;
        averageNanos = avg + (nanos - avg) / 8;
    }
}
