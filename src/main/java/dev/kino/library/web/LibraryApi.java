package dev.kino.library.web;

import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import dev.kino.library.MediaProber;
import dev.kino.store.MediaInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/library}: every file, with ffprobe's details once known. */
final class LibraryApi {
    private static final long LIBRARY_MAX_AGE_MILLIS = 2_000;

    private final MediaLibrary library;
    private final MediaProber prober;

    LibraryApi(MediaLibrary library, MediaProber prober) {
        this.library = library;
        this.prober = prober;
    }

    void list(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> {
            library.refreshIfOlderThan(LIBRARY_MAX_AGE_MILLIS);
            return library.items();
        }, false).onSuccess(items -> {
            JsonArray out = new JsonArray();
            items.forEach(i -> out.add(itemJson(i, prober.info(i).orElse(null))));
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
