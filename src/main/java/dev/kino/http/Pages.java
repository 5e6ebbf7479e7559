package dev.kino.http;

import io.vertx.ext.web.RoutingContext;

/** The UI's pages: the headers every page gets, and one page sent at an address of its own. */
public final class Pages {
    private static final String CSP = "default-src 'self'; media-src 'self' blob:; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private Pages() {}

    /** Content-Security-Policy and framing headers, then on. */
    public static void headers(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }

    /** One page of the UI at an address of its own (the page reads what it shows from its URL). */
    public static void send(RoutingContext ctx, String resource) {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-cache")
                .sendFile(resource).onFailure(ctx::fail);
    }
}
