package dev.kino.http;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;

/** The login cookie: HttpOnly, SameSite=Lax, Secure when the request came over TLS. */
final class SessionCookie {
    static final String NAME = "kino_session";

    private SessionCookie() {}

    static String token(HttpServerRequest req) {
        Cookie c = req.getCookie(NAME);
        return c == null ? null : c.getValue();
    }

    static Cookie create(HttpServerRequest req, String token, long maxAgeSeconds) {
        return Cookie.cookie(NAME, token).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                .setSecure(req.isSSL()).setMaxAge(maxAgeSeconds);
    }

    static Cookie expired(HttpServerRequest req) {
        return create(req, "", 0);
    }
}
