package dev.kino.live.web;

import dev.kino.http.AccessGuard;
import dev.kino.http.BadRequestException;
import dev.kino.http.Requests;
import dev.kino.http.JsonErrors;
import dev.kino.live.StreamDirectory;
import dev.kino.store.User;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/streams} declares a stream and shows its key once; {@code POST /api/streams/{name}/key} rotates it.
 * With RTMP on, both answers carry the settings to paste into OBS ({@code obs.server}, {@code obs.streamKey}).
 */
final class StreamApiHandlers {
    private final StreamDirectory directory;
    private final int rtmpPort;

    StreamApiHandlers(StreamDirectory directory, int rtmpPort) {
        this.directory = directory;
        this.rtmpPort = rtmpPort;
    }

    void create(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx);
        String name = Requests.string(body, "name");
        boolean isPublic = Boolean.TRUE.equals(body.getValue("public"));
        if (name == null || !StreamDirectory.NAME.matcher(name).matches()) {
            throw new BadRequestException("name must be 1-64 letters, digits, _ or -");
        }
        User user = AccessGuard.user(ctx).orElseThrow();
        ctx.vertx().executeBlocking(() -> directory.create(name, isPublic, user.id()), false).onSuccess(key -> {
            if (key.isEmpty()) {
                JsonErrors.send(ctx.response(), 409, "a stream of that name exists", false);
            } else {
                ctx.response().setStatusCode(201);
                ctx.json(withObs(ctx, new JsonObject().put("name", name).put("public", isPublic).put("streamKey", key.get())));
            }
        }).onFailure(ctx::fail);
    }

    void rotate(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        User user = AccessGuard.user(ctx).orElseThrow();
        ctx.vertx().executeBlocking(() -> {
            var row = directory.find(name);
            if (row.isEmpty() || !(user.admin() || Long.valueOf(user.id()).equals(row.get().ownerId()))) {
                return java.util.Optional.<String>empty();
            }
            return directory.rotate(name);
        }, false).onSuccess(key -> {
            if (key.isEmpty()) {
                JsonErrors.send(ctx.response(), 404, "no such stream of yours", false);
            } else {
                ctx.json(withObs(ctx, new JsonObject().put("name", name).put("streamKey", key.get())));
            }
        }).onFailure(ctx::fail);
    }

    /** OBS's Server ({@code rtmp://HOST:PORT/live}, HOST as the browser reached Kino) and Stream key ({@code NAME?key=KEY}). */
    private JsonObject withObs(RoutingContext ctx, JsonObject answer) {
        if (rtmpPort > 0) {
            HostAndPort a = ctx.request().authority();
            String host = a == null ? "localhost" : a.host();
            answer.put("obs", new JsonObject().put("server", "rtmp://" + host + ":" + rtmpPort + "/live")
                    .put("streamKey", answer.getString("name") + "?key=" + answer.getString("streamKey")));
        }
        return answer;
    }
}
