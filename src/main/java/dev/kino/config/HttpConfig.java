package dev.kino.config;

import java.time.Duration;

/**
 * The HTTP listener.
 *
 * @param host        address to bind
 * @param port        port to bind (0 picks a free one)
 * @param baseUrl     public URL used in signed links; null means derived from host and port
 * @param maxRanges   most ranges honoured in one multi-range request (as nginx {@code max_ranges}); more → full body
 * @param eventLoops  number of event loops serving HTTP
 * @param maxConnections  most open connections in all; more are closed as they come
 * @param maxConnectionsPerAddress  most open connections from one client address (0: no cap)
 * @param headerTimeout  longest time a request head may take to arrive; the connection is closed after it
 */
public record HttpConfig(String host, int port, String baseUrl, int maxRanges, int eventLoops, int maxConnections,
        int maxConnectionsPerAddress, Duration headerTimeout) {

    /** The URL a person should open; a wildcard bind address is shown as localhost. */
    public String publicUrl(int boundPort) {
        if (baseUrl != null && !baseUrl.isBlank()) {
            return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        }
        String h = host;
        if (h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]")) {
            h = "localhost";
        } else if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + boundPort;
    }
}
