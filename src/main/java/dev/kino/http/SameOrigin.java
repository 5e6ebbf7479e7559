package dev.kino.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;

/**
 * Refuses state-changing requests (any method but GET, HEAD and OPTIONS) and WebSocket upgrades that a browser
 * sent from another origin, another port or a sibling subdomain of the same site included: SameSite cookies do not
 * stop those. A browser's {@code Sec-Fetch-Site} decides when present; else its {@code Origin} must be this server's
 * own (the scheme and {@code Host} the request came to, or the configured base URL). A request with neither header
 * is not a browser's cross-origin request (curl, ffmpeg, OBS) and goes on.
 */
final class SameOrigin {
    private final String baseOrigin;

    /** @param baseUrl the configured public URL, or null */
    SameOrigin(String baseUrl) {
        this.baseOrigin = baseUrl == null ? null : origin(baseUrl);
    }

    void check(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (!changesState(req) || allowed(req)) {
            ctx.next();
        } else {
            JsonErrors.send(ctx.response(), 403, "cross-origin request refused", false);
        }
    }

    private static boolean changesState(HttpServerRequest req) {
        HttpMethod m = req.method();
        return !(m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS)
                || "websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE));
    }

    private boolean allowed(HttpServerRequest req) {
        String site = req.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = req.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        HostAndPort authority = req.authority();
        if (authority != null) {
            String host = authority.host().indexOf(':') >= 0 && !authority.host().startsWith("[") ? "[" + authority.host() + "]" : authority.host();
            String own = (req.isSSL() ? "https://" : "http://") + host + (authority.port() >= 0 ? ":" + authority.port() : "");
            if (origin.equalsIgnoreCase(own)) {
                return true;
            }
        }
        return origin.equalsIgnoreCase(baseOrigin);
    }

    private static String origin(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() == null || u.getRawAuthority() == null ? null
                    : u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
