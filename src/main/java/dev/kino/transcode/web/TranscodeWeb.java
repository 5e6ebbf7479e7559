package dev.kino.transcode.web;

import dev.kino.http.WebContext;
import dev.kino.http.WebModule;
import dev.kino.transcode.TranscodeService;
import io.vertx.ext.web.Router;

/** The conversions' own web face: {@code GET /api/transcodes}, the running ffmpeg jobs with their progress. */
public record TranscodeWeb(TranscodeService transcodes) implements WebModule {
    @Override
    public void mount(Router r, WebContext web) {
        r.get("/api/transcodes").handler(web.guard()::requireUser).handler(ctx -> ctx.json(transcodes.jobs()));
    }
}
