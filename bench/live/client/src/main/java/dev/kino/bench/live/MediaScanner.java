package dev.kino.bench.live;

import io.vertx.core.buffer.Buffer;

/**
 * An incremental reader of one viewer's media stream (WebM, fragmented MP4 or FLV). It is fed the binary WebSocket
 * frames as they arrive and reports each completed <em>unit</em>: the piece of the stream the pass criterion counts
 * (a WebM Cluster, an fMP4 fragment, an FLV video tag: a frame). Payloads are skipped by their declared size and never copied,
 * so the cost is per element, not per byte.
 */
interface MediaScanner {
    /** What a scanner finds; called on the thread that feeds it. */
    interface Sink {
        /** The stream can be decoded from here on: its header and codec configuration are complete. */
        void init(long nowNanos);

        /**
         * A unit was completed by a byte that arrived at {@code nowNanos}.
         *
         * @param startMicros  its media start time (it identifies the unit among viewers)
         * @param endRelMicros its media end time, relative to the start
         * @param key          its first video frame is a keyframe (audio only: always)
         */
        void unit(long startMicros, long endRelMicros, boolean key, long nowNanos);

        /** The input did not fit; the scanner searches what follows for the next place it can read from. */
        void resync();
    }

    /** The next bytes of the stream, as they arrived at {@code now}. */
    void feed(Buffer buf, long now);

    /** A WebSocket message ended (after its last frame was fed). */
    default void messageEnd(long now) {
    }

    static MediaScanner of(String format, Sink sink) {
        return switch (format) {
            case "webm" -> new WebmScanner(sink);
            case "fmp4" -> new Fmp4Scanner(sink);
            case "flv" -> new FlvScanner(sink);
            default -> throw new IllegalArgumentException("unknown format " + format + " (webm, fmp4 or flv)");
        };
    }

    /** What the pass criterion counts in each format, as the report names it. */
    static String unitName(String format) {
        return switch (format) {
            case "webm" -> "Cluster";
            case "fmp4" -> "fragment";
            case "flv" -> "frame";
            default -> "unit";
        };
    }
}
