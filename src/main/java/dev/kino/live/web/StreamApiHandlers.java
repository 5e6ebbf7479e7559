package dev.kino.live.web;

import dev.kino.http.AccessGuard;
import dev.kino.http.BadRequestException;
import dev.kino.http.Requests;
import dev.kino.http.JsonErrors;
import dev.kino.live.StreamDirectory;
import dev.kino.store.User;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/streams} declares a stream and shows its key once; {@code POST /api/streams/{name}/key} rotates it. */
final class StreamApiHandlers {
    private final StreamDirectory directory;

    StreamApiHandlers(StreamDirectory directory) {
        this.directory = directory;
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
                ctx.json(new JsonObject().put("name", name).put("public", isPublic).put("streamKey", key.get()));
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
                ctx.json(new JsonObject().put("name", name).put("streamKey", key.get()));
            }
        }).onFailure(ctx::fail);
    }
}
