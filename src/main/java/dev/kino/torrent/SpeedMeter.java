package dev.kino.torrent;

import java.util.ArrayDeque;

/**
 * Bytes per second from samples of a growing byte counter, over a sliding window. A counter that goes down (a new
 * Bt session after a pause) counts as a restart from zero, so the total keeps growing. Not thread-safe: one sampler.
 */
final class SpeedMeter {
    private record Sample(long nanos, long total) {}

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private long lastCounter;
    private long total;

    SpeedMeter(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Records the counter's value at {@code nanos} (a {@link System#nanoTime()} reading). */
    void sample(long nanos, long counter) {
        total += counter >= lastCounter ? counter - lastCounter : counter;
        lastCounter = counter;
        samples.addLast(new Sample(nanos, total));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > windowNanos) {
            samples.removeFirst();
        }
    }

    /** Bytes per second between the oldest and the newest sample in the window; 0 with fewer than two samples. */
    long bytesPerSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long dt = last.nanos() - first.nanos();
        return dt <= 0 ? 0 : (long) ((last.total() - first.total()) * 1e9 / dt);
    }

    /** Every byte counted since this meter was made. */
    long total() {
        return total;
    }
}
