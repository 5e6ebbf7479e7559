package dev.kino.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Builds a {@link ServerConfig} from, lowest precedence first: built-in defaults, a YAML file, environment
 * variables ({@code KINO_PORT}, {@code KINO_LIBRARY_RESCAN_INTERVAL}…) and command-line flags.
 * Keys are flat and dotted ({@code port}, {@code library.rescan-interval}); YAML may nest them.
 */
public final class ConfigLoader {
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("host", "0.0.0.0");
        DEFAULTS.put("port", "8080");
        DEFAULTS.put("media", "./media");
        DEFAULTS.put("data", "./kino-data");
        DEFAULTS.put("base-url", "");
        DEFAULTS.put("http.max-ranges", "16");
        DEFAULTS.put("http.event-loops", String.valueOf(Math.min(256, Runtime.getRuntime().availableProcessors())));
        DEFAULTS.put("http.max-connections", "10000");
        DEFAULTS.put("http.max-connections-per-address", "256");
        DEFAULTS.put("http.header-timeout", "10s");
        DEFAULTS.put("library.rescan-interval", "10s");
        DEFAULTS.put("auth.session-ttl", "30d");
        DEFAULTS.put("auth.login-max-failures", "5");
        DEFAULTS.put("auth.login-window", "15m");
        DEFAULTS.put("auth.max-link-ttl", "365d");
        DEFAULTS.put("live.gop-cache-mib", "16");
        DEFAULTS.put("live.max-fragment-mib", "32");
        DEFAULTS.put("live.ingest-mib", "64");
        DEFAULTS.put("live.reader-queue-mib", "8");
        DEFAULTS.put("live.max-behind", "10s");
        DEFAULTS.put("live.grace", "30s");
        DEFAULTS.put("live.tcp-host", "127.0.0.1");
        DEFAULTS.put("live.tcp", "");
        DEFAULTS.put("live.tcp-allow", "");
        DEFAULTS.put("live.streams", "");
        DEFAULTS.put("live.record-keep", "");
        DEFAULTS.put("live.rtmp", RtmpConfig.DEFAULT_LISTEN);
        DEFAULTS.put("live.rtmp-allow", "");
        DEFAULTS.put("live.rtmps", "");
        DEFAULTS.put("live.rtmps-cert", "");
        DEFAULTS.put("live.rtmps-key", "");
        DEFAULTS.put("live.hls.segment", "1s");
        DEFAULTS.put("live.hls.part", "200ms");
        DEFAULTS.put("live.hls.idle", "30s");
        DEFAULTS.put("live.hls.dvr", "0");
        DEFAULTS.put("torrent.host", "0.0.0.0");
        DEFAULTS.put("torrent.port", "6881");
        DEFAULTS.put("torrent.dht", "true");
        DEFAULTS.put("torrent.local-discovery", "false");
        DEFAULTS.put("torrent.disk-budget-mib", "51200");
        DEFAULTS.put("torrent.read-ahead", "30s");
        DEFAULTS.put("torrent.metadata-timeout", "5m");
        DEFAULTS.put("torrent.allow-private-trackers", "false");
        DEFAULTS.put("transcode.max-concurrent", String.valueOf(Math.min(64, Runtime.getRuntime().availableProcessors())));
        DEFAULTS.put("transcode.idle-timeout", "30s");
        DEFAULTS.put("transcode.max-duration", "6h");
    }

    private ConfigLoader() {}

    /** The keys a config file, the environment and flags may set, with their defaults. */
    public static Map<String, String> defaults() {
        return Map.copyOf(DEFAULTS);
    }

    /** The environment variable that sets {@code key}: {@code library.rescan-interval} → {@code KINO_LIBRARY_RESCAN_INTERVAL}. */
    public static String envName(String key) {
        return "KINO_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * @param configFile a YAML file or null; {@code KINO_CONFIG} names one when this is null
     * @param env        the process environment
     * @param flags      values given on the command line, by key; null values are ignored
     */
    public static ServerConfig load(Path configFile, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> given = new LinkedHashMap<>(); // what the file, the environment and the flags set
        Path file = configFile;
        if (file == null && env.get("KINO_CONFIG") != null && !env.get("KINO_CONFIG").isBlank()) {
            file = Path.of(env.get("KINO_CONFIG"));
        }
        if (file != null) {
            given.putAll(readYaml(file));
        }
        for (String key : DEFAULTS.keySet()) {
            String v = env.get(envName(key));
            if (v != null) {
                given.put(key, v);
            }
        }
        flags.forEach((k, v) -> {
            if (v != null) {
                requireKnown(k, "flag");
                given.put(k, v);
            }
        });
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        values.putAll(given);
        return build(values, given.keySet());
    }

    static Map<String, String> readYaml(Path file) {
        Object root;
        try (Reader r = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null) {
            return out;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException("config file " + file + " must be a YAML mapping");
        }
        flatten("", map, out, file);
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out, Path file) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, out, file);
            } else {
                requireKnown(key, "key in " + file);
                out.put(key, e.getValue() == null ? "" : String.valueOf(e.getValue()));
            }
        }
    }

    private static void requireKnown(String key, String where) {
        if (!DEFAULTS.containsKey(key)) {
            throw new ConfigException("unknown " + where + ": '" + key + "' (known: " + String.join(", ", DEFAULTS.keySet()) + ")");
        }
    }

    private static ServerConfig build(Map<String, String> v, Set<String> given) {
        HttpConfig http = new HttpConfig(
                nonBlank(v, "host"),
                intIn(v, "port", 0, 65535),
                v.get("base-url").isBlank() ? null : v.get("base-url").trim(),
                intIn(v, "http.max-ranges", 1, 1000),
                intIn(v, "http.event-loops", 1, 256),
                intIn(v, "http.max-connections", 1, 1_000_000),
                intIn(v, "http.max-connections-per-address", 0, 1_000_000),
                positive(v, "http.header-timeout"));
        LibraryConfig library = new LibraryConfig(Path.of(nonBlank(v, "media")), positive(v, "library.rescan-interval"));
        AuthConfig auth = new AuthConfig(
                positive(v, "auth.session-ttl"),
                intIn(v, "auth.login-max-failures", 1, 1_000_000),
                positive(v, "auth.login-window"),
                positive(v, "auth.max-link-ttl"));
        TranscodeConfig transcode = new TranscodeConfig(intIn(v, "transcode.max-concurrent", 1, 64),
                positive(v, "transcode.idle-timeout"), positive(v, "transcode.max-duration"));
        LiveConfig live = new LiveConfig((long) intIn(v, "live.gop-cache-mib", 1, 1024) << 20,
                (long) intIn(v, "live.reader-queue-mib", 1, 1024) << 20, positive(v, "live.max-behind"),
                positive(v, "live.grace"), nonBlank(v, "live.tcp-host"), v.get("live.tcp").trim(),
                v.get("live.tcp-allow").trim(), v.get("live.streams").trim(), rtmp(v, !given.contains("live.rtmp")),
                new HlsConfig(positive(v, "live.hls.segment"), positive(v, "live.hls.part"), positive(v, "live.hls.idle"),
                        nonNegative(v, "live.hls.dvr")),
                new LiveConfig.IngestLimits((long) intIn(v, "live.max-fragment-mib", 1, 1024) << 20,
                        (long) intIn(v, "live.ingest-mib", 1, 65536) << 20));
        live.tcpIngests();
        live.tcpAllowList();
        live.declaredStreams();
        TorrentConfig torrent = new TorrentConfig(nonBlank(v, "torrent.host"), intIn(v, "torrent.port", 0, 65535),
                bool(v, "torrent.dht"), bool(v, "torrent.local-discovery"),
                (long) intIn(v, "torrent.disk-budget-mib", 0, Integer.MAX_VALUE) << 20, positive(v, "torrent.read-ahead"),
                bool(v, "torrent.allow-private-trackers"), positive(v, "torrent.metadata-timeout"));
        RecordingConfig recording = RecordingConfig.parseKeep(v.get("live.record-keep"));
        return new ServerConfig(Path.of(nonBlank(v, "data")), http, library, auth, transcode, live, torrent, recording);
    }

    private static RtmpConfig rtmp(Map<String, String> v, boolean listenIsDefault) {
        RtmpConfig rtmp = new RtmpConfig(v.get("live.rtmp").trim(), listenIsDefault,
                v.get("live.rtmp-allow").trim(), v.get("live.rtmps").trim(), path(v, "live.rtmps-cert"), path(v, "live.rtmps-key"));
        rtmp.allowList();
        return rtmp;
    }

    private static Path path(Map<String, String> v, String key) {
        String s = v.get(key).trim();
        return s.isEmpty() ? null : Path.of(s);
    }

    private static String nonBlank(Map<String, String> v, String key) {
        String s = v.get(key);
        if (s == null || s.isBlank()) {
            throw new ConfigException(key + ": must not be empty");
        }
        return s.trim();
    }

    private static int intIn(Map<String, String> v, String key, int min, int max) {
        String s = nonBlank(v, key);
        try {
            int n = Integer.parseInt(s);
            if (n < min || n > max) {
                throw new ConfigException(key + ": " + n + " is out of range " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + s + "' is not a whole number");
        }
    }

    private static boolean bool(Map<String, String> v, String key) {
        String s = nonBlank(v, key).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(key + ": '" + s + "' is not true or false");
        };
    }

    private static Duration nonNegative(Map<String, String> v, String key) {
        try {
            Duration d = DurationValue.parse(nonBlank(v, key));
            if (d.isNegative()) {
                throw new ConfigException(key + ": must not be negative");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }

    private static Duration positive(Map<String, String> v, String key) {
        Duration d = nonNegative(v, key);
        if (d.isZero()) {
            throw new ConfigException(key + ": must be longer than zero");
        }
        return d;
    }
}
