package dev.kino.live.web;

import dev.kino.http.AccessGuard;
import dev.kino.http.Pages;
import dev.kino.http.WebContext;
import dev.kino.http.WebModule;
import dev.kino.live.StreamDirectory;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.ingest.http.LiveIngestHandler;
import dev.kino.live.ingest.websocket.LivePublishSocket;
import dev.kino.live.output.hls.HlsOutputs;
import dev.kino.live.output.record.LiveRecorder;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Live's web face: the stream API ({@code /api/streams…}), the HTTP and WebSocket ingests, and viewers
 * ({@code /live/NAME/ws}, {@code /live/NAME.webm|mp4}, HLS at {@code /live/NAME/index.m3u8}) with the pages that
 * show them.
 *
 * @param rtmpPort the RTMP ingest's port, shown with new keys as OBS's settings; 0 when RTMP is off
 * @param recorder records the streams that record ({@code POST /api/streams/NAME/record})
 */
public record LiveWeb(StreamHub hub, StreamDirectory streams, int rtmpPort, HlsOutputs hls, LiveRecorder recorder)
        implements WebModule {
    @Override
    public void mount(Router r, WebContext web) {
        AccessGuard guard = web.guard();
        StreamApiHandlers api = new StreamApiHandlers(streams, rtmpPort, recorder);
        r.post("/api/streams").handler(web.apiBody()).handler(guard::requireUser).handler(api::create);
        r.post("/api/streams/:name/key").handler(guard::requireUser).handler(api::rotate);
        r.post("/api/streams/:name/record").handler(web.apiBody()).handler(guard::requireUser).handler(api::record);
        r.get("/api/streams").handler(ctx -> StreamList.answer(ctx, AccessGuard.user(ctx).isPresent(), hub, streams, recorder));

        r.route("/live/:name").method(HttpMethod.PUT).method(HttpMethod.POST).handler(LiveWeb::wellFormedName)
                .handler(new LiveIngestHandler(hub, streams)::handle);
        r.get("/live/:name/publish").handler(LiveWeb::wellFormedName).handler(new LivePublishSocket(hub, streams)::handle);
        r.getWithRegex("/live/([A-Za-z0-9_-]{1,64})\\.(webm|mp4)")
                .handler(ctx -> requireViewer(ctx, guard, ctx.pathParam("param0")))
                .handler(ctx -> LiveHandlers.progressive(ctx, hub));
        r.get("/live/:name/ws").handler(ctx -> requireViewer(ctx, guard, ctx.pathParam("name"))).handler(LiveWeb::wellFormedName)
                .handler(ctx -> LiveHandlers.watch(ctx, hub));
        HlsHandlers hlsHandlers = new HlsHandlers(hls, streams::isPublic);
        r.get("/live/:name/index.m3u8").handler(ctx -> requireViewer(ctx, guard, ctx.pathParam("name")))
                .handler(LiveWeb::wellFormedName).handler(hlsHandlers::playlist);
        r.getWithRegex("/live/([A-Za-z0-9_-]{1,64})/(init|seg|part)([0-9]{1,18})(?:\\.([0-9]{1,6}))?\\.mp4")
                .handler(ctx -> requireViewer(ctx, guard, ctx.pathParam("param0"))).handler(hlsHandlers::media);
        r.get("/live").handler(Pages::headers).handler(ctx -> Pages.send(ctx, "web/streams.html"));
        r.getWithRegex("/live/[A-Za-z0-9_-]{1,64}").handler(Pages::headers).handler(ctx -> Pages.send(ctx, "web/live.html"));
    }

    /** A stream name the directory could hold; anything else is no stream (404). */
    private static void wellFormedName(RoutingContext ctx) {
        if (StreamDirectory.NAME.matcher(ctx.pathParam("name")).matches()) {
            ctx.next();
        } else {
            ctx.fail(404);
        }
    }

    /** A public stream is open to all; a private one needs a session or a link signed for it. */
    private void requireViewer(RoutingContext ctx, AccessGuard guard, String name) {
        if (streams.isPublic(name)) {
            ctx.next();
        } else {
            guard.requireUserOrSignedLink(ctx);
        }
    }
}
