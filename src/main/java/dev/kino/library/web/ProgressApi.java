package dev.kino.library.web;

import dev.kino.http.AccessGuard;
import dev.kino.http.BadRequestException;
import dev.kino.http.Requests;
import dev.kino.library.MediaIds;
import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import dev.kino.store.User;
import dev.kino.store.WatchStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Where each user is in each file: {@code GET|POST /api/progress/{id}} (the player saves its position every few
 * seconds and on pause and leave) and {@code GET /api/continue}, the files to pick up again. A file is watched once
 * the position passes {@link #WATCHED_FRACTION} of its length, or when marked so.
 */
final class ProgressApi {
    static final double WATCHED_FRACTION = 0.9;
    private static final int CONTINUE_LIMIT = 20;
    private static final double MAX_SECONDS = 1e7;

    private final MediaLibrary library;
    private final WatchStore store;

    ProgressApi(MediaLibrary library, WatchStore store) {
        this.library = library;
        this.store = store;
    }

    void get(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        if (item.isEmpty()) {
            ctx.fail(404);
            return;
        }
        User user = AccessGuard.user(ctx).orElseThrow();
        ctx.vertx().executeBlocking(() -> store.get(user.id(), item.get().relativePath()), false).onSuccess(p -> {
            ctx.response().putHeader("Cache-Control", "no-store");
            ctx.json(json(p.orElse(null)));
        }).onFailure(ctx::fail);
    }

    /** {@code {"position":s,"duration":s}} where the player is, or {@code {"watched":true|false}} to mark it. */
    void save(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        if (item.isEmpty()) {
            ctx.fail(404);
            return;
        }
        JsonObject body = Requests.jsonObject(ctx);
        User user = AccessGuard.user(ctx).orElseThrow();
        String path = item.get().relativePath();
        Object mark = body.getValue("watched");
        double position;
        Double duration;
        boolean watched;
        if (mark != null) {
            if (!(mark instanceof Boolean b)) {
                throw new BadRequestException("watched must be true or false");
            }
            position = 0;
            duration = seconds(body, "duration", false);
            watched = b;
        } else {
            position = seconds(body, "position", true);
            duration = seconds(body, "duration", false);
            watched = duration != null && duration > 0 && position >= WATCHED_FRACTION * duration;
        }
        ctx.vertx().executeBlocking(() -> {
            store.put(user.id(), path, position, duration, watched);
            return null;
        }, false).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    void continueWatching(RoutingContext ctx) {
        User user = AccessGuard.user(ctx).orElseThrow();
        ctx.vertx().executeBlocking(() -> store.unfinished(user.id(), CONTINUE_LIMIT * 2), false).onSuccess(list -> {
            JsonArray out = new JsonArray();
            for (WatchStore.Progress p : list) {
                // files gone from the library are left out; ids are derived from the path
                library.find(MediaIds.of(p.path())).filter(i -> out.size() < CONTINUE_LIMIT).ifPresent(i ->
                        out.add(json(p).put("id", i.id()).put("name", i.name()).put("folder", i.folder()).put("kind", i.kind())));
            }
            ctx.response().putHeader("Cache-Control", "no-store");
            ctx.json(out);
        }).onFailure(ctx::fail);
    }

    static JsonObject json(WatchStore.Progress p) {
        return p == null ? new JsonObject().put("position", 0).put("watched", false)
                : new JsonObject().put("position", p.position()).put("duration", p.duration()).put("watched", p.watched())
                        .put("updated", p.updatedMillis());
    }

    private static Double seconds(JsonObject body, String field, boolean required) {
        Object v = body.getValue(field);
        if (v == null && !required) {
            return null;
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0 || n.doubleValue() > MAX_SECONDS) {
            throw new BadRequestException(field + " must be a number of seconds");
        }
        return n.doubleValue();
    }
}
