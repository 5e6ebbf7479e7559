package dev.kino.config;

import java.time.Duration;

/**
 * Live streams.
 *
 * @param gopCacheBytes    most bytes kept from the last keyframe on, for viewers who join late
 * @param readerQueueBytes most bytes queued for one viewer before it skips ahead to the next keyframe
 * @param maxBehind        how long a viewer may keep skipping before it is dropped
 * @param grace            how long viewers stay connected after the publisher leaves, waiting for it to return
 * @param tcpHost          address the raw TCP ingest ports bind to
 * @param tcpIngest        raw TCP ingest ports: {@code PORT=STREAM:FORMAT}, comma-separated (FORMAT webm or mp4)
 */
public record LiveConfig(long gopCacheBytes, long readerQueueBytes, Duration maxBehind, Duration grace, String tcpHost,
                         String tcpIngest) {
    public static LiveConfig defaults() {
        return new LiveConfig(16L << 20, 8L << 20, Duration.ofSeconds(10), Duration.ofSeconds(30), "127.0.0.1", "");
    }

    /** One raw TCP ingest port. */
    public record TcpIngest(int port, String stream, String format) {}

    /** The parsed {@link #tcpIngest} list. */
    public java.util.List<TcpIngest> tcpIngests() {
        java.util.List<TcpIngest> out = new java.util.ArrayList<>();
        for (String entry : tcpIngest.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})=([A-Za-z0-9_-]{1,64}):(webm|mp4)").matcher(e);
            if (!m.matches()) {
                throw new ConfigException("live.tcp: '" + e + "' is not PORT=STREAM:webm|mp4");
            }
            out.add(new TcpIngest(Integer.parseInt(m.group(1)), m.group(2), m.group(3)));
        }
        return out;
    }
}
