package dev.kino.config;

import java.time.Duration;

/**
 * Live streams.
 *
 * @param gopCacheBytes    most bytes kept from the last keyframe on, for viewers who join late
 * @param readerQueueBytes most bytes queued for one viewer before it skips ahead to the next keyframe
 * @param maxBehind        how long a viewer may keep skipping before it is dropped
 * @param grace            how long viewers stay connected after the publisher leaves, waiting for it to return
 */
public record LiveConfig(long gopCacheBytes, long readerQueueBytes, Duration maxBehind, Duration grace) {
    public static LiveConfig defaults() {
        return new LiveConfig(16L << 20, 8L << 20, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
}
