package dev.kino.live.web;

import dev.kino.live.hub.StreamHub;
import dev.kino.live.output.http.HttpStreamOutput;
import dev.kino.live.output.websocket.WsOutput;
import io.vertx.ext.web.RoutingContext;

/** Live viewing: {@code GET /live/{name}/ws} upgrades to a WebSocket fed from the hub. */
final class LiveHandlers {
    private LiveHandlers() {}

    /** {@code GET /live/{name}.webm} or {@code .mp4}: the stream as one progressive HTTP response. */
    static void progressive(RoutingContext ctx, StreamHub hub) {
        String name = ctx.pathParam("param0");
        String ext = ctx.pathParam("param1");
        HttpStreamOutput.attach(ctx.vertx(), ctx.response(), hub.stream(name), ext.equals("webm") ? "video/webm" : "video/mp4",
                String.valueOf(ctx.request().remoteAddress()));
    }

    static void watch(RoutingContext ctx, StreamHub hub) {
        String name = ctx.pathParam("name"); // a well-formed name (LiveWeb checks it)
        ctx.request().toWebSocket()
                .onSuccess(ws -> WsOutput.attach(ctx.vertx(), ws, hub.stream(name)))
                .onFailure(err -> {
                    if (!ctx.response().headWritten()) {
                        ctx.fail(400);
                    }
                });
    }
}
