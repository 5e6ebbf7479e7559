package dev.kino.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live streams.
 *
 * @param gopCacheBytes    most bytes kept from the last keyframe on, for viewers who join late
 * @param readerQueueBytes most bytes queued for one viewer before it skips ahead to the next keyframe
 * @param maxBehind        how long a viewer may keep skipping before it is dropped
 * @param grace            how long viewers stay connected after the publisher leaves, waiting for it to return (or
 *                         waiting for a first publisher that has not come)
 * @param tcpHost          address the raw TCP ingest ports bind to
 * @param tcpIngest        raw TCP ingest ports: {@code PORT=STREAM:FORMAT[:public][:record]}, comma-separated (FORMAT webm, mp4 or flv)
 * @param tcpAllow         source addresses raw TCP ingest accepts ({@code 192.0.2.7}, {@code 10.0.0.0/8}, {@code ::1}),
 *                         comma-separated; empty accepts any that can reach {@code tcpHost}
 * @param streams          streams declared here rather than in the UI: {@code NAME=KEY[:public][:record]}, comma-separated
 * @param rtmp             the RTMP(S) ingest
 * @param hls              the HLS output
 * @param ingest           how much publishers may send before a fragment is complete
 */
public record LiveConfig(long gopCacheBytes, long readerQueueBytes, Duration maxBehind, Duration grace, String tcpHost,
                         String tcpIngest, String tcpAllow, String streams, RtmpConfig rtmp, HlsConfig hls,
                         IngestLimits ingest) {
    /**
     * What a publisher may have sent of fragments that are not complete yet (a WebM Cluster, an fMP4 {@code moof} +
     * {@code mdat}, an FLV tag), which the server must hold until they are.
     *
     * @param maxFragmentBytes per publisher: a fragment larger than this ends the publish session with the reason
     * @param totalBytes       all publishers together: a publisher whose next bytes would pass this ends likewise
     */
    public record IngestLimits(long maxFragmentBytes, long totalBytes) {
        public static IngestLimits defaults() {
            return new IngestLimits(32L << 20, 64L << 20);
        }
    }

    /** With the default ingest limits. */
    public LiveConfig(long gopCacheBytes, long readerQueueBytes, Duration maxBehind, Duration grace, String tcpHost,
                      String tcpIngest, String tcpAllow, String streams, RtmpConfig rtmp, HlsConfig hls) {
        this(gopCacheBytes, readerQueueBytes, maxBehind, grace, tcpHost, tcpIngest, tcpAllow, streams, rtmp, hls,
                IngestLimits.defaults());
    }

    private static final Pattern TCP = Pattern.compile("(\\d{1,5})=([A-Za-z0-9_-]{1,64}):(webm|mp4|flv)((?::(?:public|record))*)");
    private static final Pattern STREAM = Pattern.compile("([A-Za-z0-9_-]{1,64})=([^,\\s]{16,256}?)((?::(?:public|record))*)");

    public static LiveConfig defaults() {
        return new LiveConfig(16L << 20, 8L << 20, Duration.ofSeconds(10), Duration.ofSeconds(30), "127.0.0.1", "", "", "",
                RtmpConfig.off(), HlsConfig.defaults());
    }

    /** One raw TCP ingest port; {@code record}: each publish session is recorded into the library. */
    public record TcpIngest(int port, String stream, String format, boolean isPublic, boolean record) {
        public TcpIngest(int port, String stream, String format, boolean isPublic) {
            this(port, stream, format, isPublic, false);
        }
    }

    /**
     * A stream declared in config, with its publish key in clear (the config file is the secret's home);
     * {@code record}: each publish session is recorded into the library.
     */
    public record DeclaredStream(String name, String key, boolean isPublic, boolean record) {
        public DeclaredStream(String name, String key, boolean isPublic) {
            this(name, key, isPublic, false);
        }
    }

    /** The parsed {@link #tcpIngest} list. */
    public List<TcpIngest> tcpIngests() {
        List<TcpIngest> out = new ArrayList<>();
        for (String e : entries(tcpIngest)) {
            Matcher m = TCP.matcher(e);
            if (!m.matches()) {
                throw new ConfigException("live.tcp: '" + e + "' is not PORT=STREAM:webm|mp4|flv[:public][:record]");
            }
            out.add(new TcpIngest(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4).contains(":public"),
                    m.group(4).contains(":record")));
        }
        return out;
    }

    /** The parsed {@link #streams} list. */
    public List<DeclaredStream> declaredStreams() {
        List<DeclaredStream> out = new ArrayList<>();
        for (String e : entries(streams)) {
            Matcher m = STREAM.matcher(e);
            if (!m.matches()) {
                throw new ConfigException("live.streams: '" + e.replaceAll("=.*", "=…")
                        + "' is not NAME=KEY[:public][:record] with a key of 16 to 256 characters");
            }
            out.add(new DeclaredStream(m.group(1), m.group(2), m.group(3).contains(":public"), m.group(3).contains(":record")));
        }
        return out;
    }

    /** The parsed {@link #tcpAllow} list. */
    public AddressAllowList tcpAllowList() {
        return AddressAllowList.configured("live.tcp-allow", tcpAllow);
    }

    private static List<String> entries(String list) {
        List<String> out = new ArrayList<>();
        for (String entry : list.split(",")) {
            if (!entry.isBlank()) {
                out.add(entry.trim());
            }
        }
        return out;
    }
}
