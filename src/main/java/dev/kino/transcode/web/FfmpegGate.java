package dev.kino.transcode.web;

import dev.kino.http.JsonErrors;
import dev.kino.transcode.FfmpegTools;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** Conversion, HLS and posters need ffmpeg: without one they are 503, with what the server's owner can do. */
public final class FfmpegGate {
    private FfmpegGate() {}

    public static Handler<RoutingContext> of(FfmpegTools tools) {
        return ctx -> {
            if (tools.available()) {
                ctx.next();
            } else {
                JsonErrors.send(ctx.response(), 503, "this server has no working ffmpeg, so it cannot convert, stream HLS or "
                        + "make posters (direct play works); to fix: " + FfmpegTools.HOW_TO_FIX, ctx.request().method() == HttpMethod.HEAD);
            }
        };
    }
}
