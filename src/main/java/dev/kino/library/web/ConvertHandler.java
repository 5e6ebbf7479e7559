package dev.kino.library.web;

import dev.kino.http.BadRequestException;
import dev.kino.transcode.web.FfmpegStreamer;
import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import dev.kino.transcode.ConversionRequest;
import dev.kino.transcode.TranscodeService;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@code GET /media/{id}/convert?format=…}: the file converted by ffmpeg, streamed as it is produced. */
final class ConvertHandler {
    private final MediaLibrary library;
    private final TranscodeService transcodes;

    ConvertHandler(MediaLibrary library, TranscodeService transcodes) {
        this.library = library;
        this.transcodes = transcodes;
    }

    void handle(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        if (item.isEmpty()) {
            ctx.fail(404);
            return;
        }
        Map<String, String> query = new HashMap<>();
        ctx.queryParams().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
        ConversionRequest request;
        try {
            request = ConversionRequest.parse(query);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        MediaItem it = item.get();
        ctx.vertx().executeBlocking(() -> {
                    Path real = library.realFile(it);
                    return transcodes.start(it.relativePath(), real, request).map(job -> Map.entry(job, real.toString()));
                }, false)
                .onSuccess(started -> {
                    if (started.isEmpty()) {
                        FfmpegStreamer.busy(ctx);
                    } else {
                        FfmpegStreamer.stream(ctx, started.get().getKey(), it.relativePath(), started.get().getValue(), Map.of(
                                "Content-Type", request.format().contentType(),
                                "Content-Disposition", disposition(it, request),
                                "Cache-Control", "no-store"));
                    }
                })
                .onFailure(ctx::fail);
    }

    static String disposition(MediaItem item, ConversionRequest request) {
        String name = item.name();
        int dot = name.lastIndexOf('.');
        String file = (dot > 0 ? name.substring(0, dot) : name) + "." + request.format().extension();
        String ascii = file.replaceAll("[^A-Za-z0-9._ ()-]", "_");
        String encoded = java.net.URLEncoder.encode(file, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
