package dev.kino.torrent.schedule;

import java.time.Duration;

/**
 * The knobs of {@link PieceScheduler}. The app maps its torrent config section onto this record, so the scheduler
 * depends on the JDK only.
 *
 * @param readAhead how much video ahead of each reader's position to fetch before anything else (sized in bytes by
 *     the reader's bitrate)
 * @param defaultBitrate bytes per second assumed for a reader until told its media's bitrate
 * @param minWindowPieces the read-ahead window covers at least this many pieces (the one under the position included)
 * @param headTailDeadline the deadline given to the head and tail of each read file: window pieces due sooner come
 *     first, the rest of the window after
 * @param headTailMaxBytes the head and the tail are each at most this long (but at least one piece)
 * @param headTailFraction the head and the tail are each at most this fraction of the file (but at least one piece)
 * @param idleTimeout a reader whose position was not set for this long is abandoned and its window dropped, until it
 *     moves again
 */
public record SchedulePolicy(Duration readAhead, long defaultBitrate, int minWindowPieces, Duration headTailDeadline,
                             long headTailMaxBytes, double headTailFraction, Duration idleTimeout) {

    /** 30 s read-ahead at 1 MB/s (8 Mbit/s), 2-piece minimum, head and tail of up to 4 MiB or 1 % due at 2 s, 30 s idle. */
    public static final SchedulePolicy DEFAULTS = new SchedulePolicy(Duration.ofSeconds(30), 1_000_000, 2,
            Duration.ofSeconds(2), 4L << 20, 0.01, Duration.ofSeconds(30));

    /** The largest bitrate a reader may report: 1 TiB/s, so that window sizes cannot overflow. */
    public static final long MAX_BITRATE = 1L << 40;

    public SchedulePolicy {
        checkDuration("readAhead", readAhead);
        checkDuration("headTailDeadline", headTailDeadline);
        checkDuration("idleTimeout", idleTimeout);
        if (readAhead.isZero()) {
            throw new IllegalArgumentException("readAhead must be positive");
        }
        if (idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        checkBitrate("defaultBitrate", defaultBitrate);
        if (minWindowPieces < 1) {
            throw new IllegalArgumentException("minWindowPieces must be at least 1, got " + minWindowPieces);
        }
        if (headTailMaxBytes < 0) {
            throw new IllegalArgumentException("headTailMaxBytes must not be negative, got " + headTailMaxBytes);
        }
        if (!(headTailFraction >= 0 && headTailFraction <= 1)) {
            throw new IllegalArgumentException("headTailFraction must be within 0..1, got " + headTailFraction);
        }
    }

    /** This policy with another read-ahead duration. */
    public SchedulePolicy withReadAhead(Duration duration) {
        return new SchedulePolicy(duration, defaultBitrate, minWindowPieces, headTailDeadline, headTailMaxBytes,
                headTailFraction, idleTimeout);
    }

    static void checkBitrate(String name, long bytesPerSecond) {
        if (bytesPerSecond <= 0 || bytesPerSecond > MAX_BITRATE) {
            throw new IllegalArgumentException(name + " must be within 1.." + MAX_BITRATE + " bytes/s, got " + bytesPerSecond);
        }
    }

    private static void checkDuration(String name, Duration d) {
        if (d == null || d.isNegative() || d.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException(name + " must be within 0..24h, got " + d);
        }
    }
}
