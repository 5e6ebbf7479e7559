package dev.kino.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Reading a request: query parameters and JSON bodies, where what is malformed is a {@link BadRequestException}
 * (400) instead of a failure deep inside, and the public base URL for links that leave the browser.
 */
public final class Requests {
    private Requests() {}

    /** A query parameter, or null; a malformed query string is 400. */
    public static String query(HttpServerRequest req, String name) {
        try {
            return req.getParam(name);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("malformed query string");
        }
    }

    /**
     * A signed link's parameters as a query to carry into the URIs of a playlist ({@code ?expires=…&sig=…}), so that
     * players follow them without a session; empty when the request has none or they are not of a signature's form.
     */
    public static String signedQuery(HttpServerRequest req) {
        String expires = query(req, "expires");
        String sig = query(req, "sig");
        return expires != null && sig != null && expires.matches("\\d{1,19}") && sig.matches("[A-Za-z0-9_-]{1,100}")
                ? "?expires=" + expires + "&sig=" + sig : "";
    }

    /**
     * The body as a JSON object sent as {@code application/json} (which also keeps cross-site forms out); anything
     * else is 400.
     */
    public static JsonObject jsonObject(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new BadRequestException("expected Content-Type: application/json");
        }
        try {
            JsonObject o = ctx.body().asJsonObject();
            if (o == null) {
                throw new BadRequestException("expected a JSON object");
            }
            return o;
        } catch (DecodeException | ClassCastException e) {
            throw new BadRequestException("expected a JSON object");
        }
    }

    /** A string field of a JSON body, or null; another type is 400. */
    public static String string(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw new BadRequestException(field + " must be a string");
        }
        return (String) v;
    }

    /** Absolute URLs (signed links, playlists): the configured public base URL, or the scheme and host asked for. */
    public static String publicBase(RoutingContext ctx, String configured) {
        if (configured != null) {
            return configured;
        }
        HostAndPort a = ctx.request().authority();
        String host = a == null ? "localhost" : a.host() + (a.port() > 0 ? ":" + a.port() : "");
        return (ctx.request().isSSL() ? "https://" : "http://") + host;
    }
}
