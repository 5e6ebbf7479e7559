package dev.kino.library.web;

import dev.kino.http.AccessGuard;
import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import dev.kino.library.MediaProber;
import dev.kino.store.MediaInfo;
import dev.kino.store.WatchStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/** {@code GET /api/library}: every file, with ffprobe's details once known and where this user is in it. */
final class LibraryApi {
    private static final long LIBRARY_MAX_AGE_MILLIS = 2_000;

    private final MediaLibrary library;
    private final MediaProber prober;
    private final WatchStore watch;

    LibraryApi(MediaLibrary library, MediaProber prober, WatchStore watch) {
        this.library = library;
        this.prober = prober;
        this.watch = watch;
    }

    private record Listing(List<MediaItem> items, Map<String, WatchStore.Progress> progress) {}

    void list(RoutingContext ctx) {
        long user = AccessGuard.user(ctx).orElseThrow().id();
        ctx.vertx().executeBlocking(() -> {
            library.refreshIfOlderThan(LIBRARY_MAX_AGE_MILLIS);
            return new Listing(library.items(), watch.all(user));
        }, false).onSuccess(listing -> {
            JsonArray out = new JsonArray();
            listing.items().forEach(i -> {
                JsonObject o = itemJson(i, prober.info(i).orElse(null));
                WatchStore.Progress p = listing.progress().get(i.relativePath());
                if (p != null) {
                    o.put("position", p.position()).put("watched", p.watched());
                }
                out.add(o);
            });
            ctx.response().putHeader("Cache-Control", "no-store");
            ctx.json(out);
        }).onFailure(ctx::fail);
    }

    private static JsonObject itemJson(MediaItem i, MediaInfo info) {
        JsonObject o = new JsonObject()
                .put("id", i.id()).put("path", i.relativePath()).put("name", i.name()).put("folder", i.folder())
                .put("size", i.size()).put("mimeType", i.mimeType()).put("kind", i.kind())
                .put("modified", i.modifiedMillis());
        if (info != null) {
            o.put("duration", info.durationSeconds()).put("width", info.width()).put("height", info.height())
                    .put("videoCodec", info.videoCodec()).put("audioCodec", info.audioCodec()).put("bitrate", info.bitrate());
            if (info.error() != null) {
                o.put("probeError", info.error());
            }
        }
        return o;
    }
}
