package dev.kino.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Error bodies are always {@code {"error": "..."}}; HEAD gets the same headers and no body. */
public final class JsonErrors {
    private JsonErrors() {}

    public static void send(HttpServerResponse resp, int status, String message, boolean head) {
        if (resp.headWritten()) {
            resp.reset();
            return;
        }
        Buffer body = new JsonObject().put("error", message).toBuffer();
        resp.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(body.length()));
        if (head) {
            resp.end();
        } else {
            resp.end(body);
        }
    }
}
