package dev.kino.library.web;

import dev.kino.http.JsonErrors;
import dev.kino.transcode.web.HlsResponder;
import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import dev.kino.library.MediaProber;
import dev.kino.store.MediaInfo;
import dev.kino.transcode.HlsMode;
import dev.kino.transcode.MediaSource;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** {@code GET /media/{id}/hls/{remux|transcode}/index.m3u8} and {@code …/{n}.ts}: HLS renditions of library files. */
final class HlsHandler {
    private final MediaLibrary library;
    private final MediaProber prober;
    private final HlsResponder hls;

    HlsHandler(MediaLibrary library, MediaProber prober, HlsResponder hls) {
        this.library = library;
        this.prober = prober;
        this.hls = hls;
    }

    void handle(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        Optional<HlsMode> mode = HlsResponder.mode(ctx);
        if (item.isEmpty() || mode.isEmpty()) {
            ctx.fail(404);
            return;
        }
        Optional<MediaInfo> info = prober.info(item.get());
        if (info.isEmpty()) {
            ctx.response().putHeader("Retry-After", "2");
            JsonErrors.send(ctx.response(), 503, "the file is still being analysed", false);
            return;
        }
        MediaItem it = item.get();
        // the real path, checked now: ffmpeg opens that, never the scanned name, which a swapped link could redirect
        ctx.vertx().executeBlocking(() -> library.realFile(it), false)
                .onSuccess(real -> hls.respond(ctx, MediaSource.file(it.version(), it.relativePath(), real), info.get(), mode.get()))
                .onFailure(ctx::fail);
    }
}
