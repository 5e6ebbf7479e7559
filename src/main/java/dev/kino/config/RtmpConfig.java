package dev.kino.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RTMP ingest (OBS and hardware encoders): where it listens, who may reach it, and RTMPS.
 *
 * @param listen          {@code HOST:PORT} the RTMP server binds to; empty = no RTMP
 * @param listenIsDefault whether {@code listen} is the built-in default: a port already in use is then a warning,
 *                        not a reason to stop (another RTMP server on this machine should not keep Kino down)
 * @param allow           source addresses RTMP(S) accepts, comma-separated, as {@code live.tcp-allow}; empty = any
 * @param tlsListen       {@code HOST:PORT} for RTMPS (RTMP over TLS); empty = no RTMPS
 * @param tlsCert         PEM certificate chain for RTMPS, or null
 * @param tlsKey          PEM private key for RTMPS, or null
 */
public record RtmpConfig(String listen, boolean listenIsDefault, String allow, String tlsListen, Path tlsCert, Path tlsKey) {
    public static final String DEFAULT_LISTEN = "0.0.0.0:1935";
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]*):(\\d{1,5})");

    /** A listen address: host (bracket-free for IPv6) and port (0 = any free one). */
    public record Listen(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public static RtmpConfig off() {
        return new RtmpConfig("", false, "", "", null, null);
    }

    /** Checks every value; throws {@link ConfigException} naming the key. */
    public RtmpConfig {
        parse(listen, "live.rtmp");
        parse(tlsListen, "live.rtmps");
        if (!tlsListen.isBlank() && (tlsCert == null || tlsKey == null)) {
            throw new ConfigException("live.rtmps: needs live.rtmps-cert and live.rtmps-key (PEM files)");
        }
    }

    public Optional<Listen> rtmp() {
        return parse(listen, "live.rtmp");
    }

    public Optional<Listen> rtmps() {
        return parse(tlsListen, "live.rtmps");
    }

    public AddressAllowList allowList() {
        return AddressAllowList.configured("live.rtmp-allow", allow);
    }

    private static Optional<Listen> parse(String value, String key) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher m = HOST_PORT.matcher(value.trim());
        if (!m.matches()) {
            throw new ConfigException(key + ": '" + value + "' is not HOST:PORT (for example 0.0.0.0:1935), or empty for none");
        }
        int port = Integer.parseInt(m.group(2));
        if (port > 65535) {
            throw new ConfigException(key + ": port " + port + " is out of range 0..65535");
        }
        String host = m.group(1).isEmpty() ? "0.0.0.0" : m.group(1).replace("[", "").replace("]", "");
        return Optional.of(new Listen(host, port));
    }
}
