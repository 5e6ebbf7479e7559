package dev.kino.library.web;

import dev.kino.http.JsonErrors;
import dev.kino.http.range.FileResponder;
import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import dev.kino.library.PosterCache;
import java.nio.file.Files;
import java.nio.file.Path;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET|HEAD /media/{id}}: looks the id up, checks the file (inline while stats are fast, on a worker
 * otherwise, see {@link StatTuner}) and hands it to {@link FileResponder}.
 */
final class MediaHandler {
    private final MediaLibrary library;
    private final FileResponder responder;
    private final PosterCache posters;
    private final StatTuner tuner = new StatTuner();

    MediaHandler(MediaLibrary library, FileResponder responder, PosterCache posters) {
        this.library = library;
        this.responder = responder;
        this.posters = posters;
    }

    /** {@code GET|HEAD /media/{id}/poster.jpg}: a frame of the video, made on first request and cached. */
    void poster(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        if (item.isEmpty()) {
            ctx.fail(404);
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            Optional<Path> file = posters.poster(item.get());
            return file.isEmpty() ? null : new Poster(file.get(), Files.size(file.get()), Files.getLastModifiedTime(file.get()).toMillis());
        }, false).onSuccess(p -> {
            if (p == null) {
                JsonErrors.send(ctx.response(), 404, "no poster for this file", ctx.request().method() == HttpMethod.HEAD);
            } else {
                responder.respond(ctx.request(), p.file(), p.size(), p.modified(), "image/jpeg");
            }
        }).onFailure(ctx::fail);
    }

    private record Poster(Path file, long size, long modified) {}

    void handle(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        if (item.isEmpty()) {
            JsonErrors.send(ctx.response(), 404, "not found", ctx.request().method() == HttpMethod.HEAD);
            return;
        }
        MediaItem it = item.get();
        if (tuner.inline()) {
            MediaLibrary.FileState st;
            try {
                st = timedStat(it);
            } catch (IOException e) {
                ctx.fail(e);
                return;
            }
            respond(ctx, it, st);
        } else {
            ctx.vertx().executeBlocking(() -> timedStat(it), false)
                    .onSuccess(st -> respond(ctx, it, st))
                    .onFailure(ctx::fail);
        }
    }

    private MediaLibrary.FileState timedStat(MediaItem it) throws IOException {
        long t0 = System.nanoTime();
        try {
            return library.stat(it);
        } finally {
            tuner.record(System.nanoTime() - t0);
        }
    }

    private void respond(RoutingContext ctx, MediaItem it, MediaLibrary.FileState st) {
        responder.respond(ctx.request(), st.path(), st.size(), st.modifiedMillis(), it.mimeType());
    }
}
