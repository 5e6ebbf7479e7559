package dev.kino.http;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;

/**
 * The login cookie: HttpOnly, SameSite=Strict (no other site's page or link carries it; the UI's pages are static and
 * ask for what they show once loaded, so arriving from a link elsewhere still finds the session), Secure over TLS.
 */
final class SessionCookie {
    static final String NAME = "kino_session";

    private SessionCookie() {}

    static String token(HttpServerRequest req) {
        Cookie c = req.getCookie(NAME);
        return c == null ? null : c.getValue();
    }

    static Cookie create(HttpServerRequest req, String token, long maxAgeSeconds) {
        return Cookie.cookie(NAME, token).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(req.isSSL()).setMaxAge(maxAgeSeconds);
    }

    static Cookie expired(HttpServerRequest req) {
        return create(req, "", 0);
    }
}
