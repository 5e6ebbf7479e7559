package dev.kino.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Request bodies must be JSON objects sent as {@code application/json} (which also keeps cross-site forms out). */
public final class JsonBodies {
    private JsonBodies() {}

    public static JsonObject object(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
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

    public static String string(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v != null && !(v instanceof String)) {
            throw new BadRequestException(field + " must be a string");
        }
        return (String) v;
    }
}
