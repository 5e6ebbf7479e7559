package dev.kino.http;

import io.vertx.core.http.HttpServerRequest;

/** Query parameters, with a malformed query string answered 400 instead of failing deep inside. */
public final class Params {
    private Params() {}

    public static String query(HttpServerRequest req, String name) {
        try {
            return req.getParam(name);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("malformed query string");
        }
    }
}
