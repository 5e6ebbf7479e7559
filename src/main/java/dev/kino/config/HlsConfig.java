package dev.kino.config;

import java.time.Duration;

/**
 * HLS and Low-Latency HLS output of live streams.
 *
 * @param segment the shortest segment: a segment ends at the first keyframe after this long
 * @param part    the Low-Latency HLS part, rounded to whole frames
 * @param idle    how long a stream's HLS muxer lives without a request before it stops reading the stream
 * @param dvr     the time-shift window: how far back the playlist reaches (0 = the last few segments only); what is
 *                older than the last few segments is kept on disk
 */
public record HlsConfig(Duration segment, Duration part, Duration idle, Duration dvr) {
    public HlsConfig {
        if (part.compareTo(Duration.ofMillis(50)) < 0 || part.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new ConfigException("live.hls.part: " + part.toMillis() + " ms is out of range 50 ms..5 s");
        }
        if (segment.compareTo(part) < 0 || segment.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new ConfigException("live.hls.segment: " + segment.toMillis() + " ms must be at least live.hls.part and at most 60 s");
        }
        if (dvr.isNegative() || dvr.compareTo(Duration.ofHours(24)) > 0) {
            throw new ConfigException("live.hls.dvr: at most 24 h");
        }
    }

    /** Segments listed in the playlist: the time-shift window, and at least the last 7 (as MediaMTX keeps). */
    public int windowSegments() {
        return (int) Math.max(7, -Math.floorDiv(-dvr.toMillis(), segment.toMillis()) + 1);
    }

    public static HlsConfig defaults() {
        return new HlsConfig(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ZERO);
    }
}
