package dev.kino.http;

import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/** Absolute URLs for links that leave the browser (signed links, playlists). */
public final class PublicUrls {
    private PublicUrls() {}

    /** The configured public base URL, or else the scheme and host the client asked for. */
    public static String base(RoutingContext ctx, String configured) {
        if (configured != null) {
            return configured;
        }
        HostAndPort a = ctx.request().authority();
        String host = a == null ? "localhost" : a.host() + (a.port() > 0 ? ":" + a.port() : "");
        return (ctx.request().isSSL() ? "https://" : "http://") + host;
    }
}
