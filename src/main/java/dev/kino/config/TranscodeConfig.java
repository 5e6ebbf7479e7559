package dev.kino.config;

import java.time.Duration;

/**
 * ffmpeg jobs.
 *
 * @param maxConcurrent transcodes and conversions that may run at once; more are answered 503 with Retry-After
 * @param idleTimeout   a streamed conversion or segment whose client has taken nothing for this long is ended (its
 *                      ffmpeg killed, its slot freed)
 * @param maxDuration   a streamed conversion or segment is ended this long after it started, whatever its client does
 */
public record TranscodeConfig(int maxConcurrent, Duration idleTimeout, Duration maxDuration) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(6);

    /** {@code maxConcurrent} slots with the default time limits. */
    public TranscodeConfig(int maxConcurrent) {
        this(maxConcurrent, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_DURATION);
    }
}
