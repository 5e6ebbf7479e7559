package dev.kino.http;

import dev.kino.http.range.FileResponder;
import dev.kino.http.range.RangeResponder;
import dev.kino.transcode.FfmpegTools;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Duration;
import java.util.function.IntSupplier;

/** The only place routes are listed. */
final class Routes {
    private static final long MAX_API_BODY = 16 * 1024;
    /** How long a torrent read may wait for its piece: before the first byte a 504, after it a reset connection. */
    private static final Duration TORRENT_READ_TIMEOUT = Duration.ofSeconds(60);
    private static final String CSP = "default-src 'self'; media-src 'self' blob:; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private Routes() {}

    /** @param port the bound port, known once the server listens (torrent files are read by ffmpeg through it) */
    static Router build(Vertx vertx, HttpDeps deps, IntSupplier port) {
        AccessGuard guard = new AccessGuard(deps.auth(), deps.signer());
        ApiHandlers api = new ApiHandlers(deps.auth(), deps.signer(), deps.library(), deps.prober(), deps.authConfig(), deps.baseUrl(),
                deps.torrents());
        MediaHandler media = new MediaHandler(deps.library(), new FileResponder(deps.http().maxRanges()), deps.posters());
        TorrentApiHandlers torrentApi = new TorrentApiHandlers(deps.torrents());
        TorrentAccess torrentAccess = new TorrentAccess(deps.torrents());
        TorrentFileHandler torrentFiles = new TorrentFileHandler(deps.torrents(), new RangeResponder(deps.http().maxRanges()),
                deps.signer(), deps.baseUrl(), deps.authConfig().maxLinkTtl(), TORRENT_READ_TIMEOUT);
        BodyHandler torrentBody = BodyHandler.create(false).setBodyLimit(TorrentUpload.MAX_FILE);
        ConvertHandler convert = new ConvertHandler(deps.library(), deps.transcodes());
        HlsResponder hlsResponder = new HlsResponder(deps.hls());
        HlsHandler hls = new HlsHandler(deps.library(), deps.prober(), hlsResponder);
        TorrentPlayHandler torrentPlay = new TorrentPlayHandler(deps.torrents(),
                new TorrentSources(deps.signer(), deps.http().host(), port), deps.sourceProber(), hlsResponder);
        PlayHandler play = new PlayHandler(deps.library(), deps.prober());
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_API_BODY);
        HttpMetrics metrics = new HttpMetrics(deps.metrics());

        Router r = Router.router(vertx);
        r.route().handler(Routes::commonHeaders).handler(metrics::count).handler(Routes::canonicalPathOnly)
                .handler(new SameOrigin(deps.baseUrl())::check).handler(guard::identify);

        r.get("/metrics").handler(guard::requireLoopbackOrAdmin)
                .handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(deps.metrics().scrape()));
        r.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok"));
        r.post("/api/login").handler(body).handler(api::login);
        r.post("/api/logout").handler(api::logout);
        r.post("/api/logout-others").handler(guard::requireUser).handler(api::logoutOthers);
        r.get("/api/me").handler(guard::requireUser).handler(api::me);
        r.get("/api/library").handler(guard::requireUser).handler(api::library);
        r.post("/api/sign").handler(body).handler(guard::requireUser).handler(api::sign);
        r.post("/api/play/:id").handler(body).handler(guard::requireUser).handler(play::handle);
        r.get("/vendor/hls.min.js").handler(Vendor.hlsJs());
        r.get("/api/transcodes").handler(guard::requireUser).handler(ctx -> ctx.json(deps.transcodes().jobs()));
        StreamApiHandlers streamApi = new StreamApiHandlers(deps.streams());
        r.post("/api/streams").handler(body).handler(guard::requireUser).handler(streamApi::create);
        r.post("/api/streams/:name/key").handler(guard::requireUser).handler(streamApi::rotate);
        r.get("/api/streams").handler(ctx -> ctx.json(StreamList.visibleTo(AccessGuard.user(ctx).isPresent(), deps.hub(), deps.streams())));
        r.post("/api/torrents").consumes("multipart/form-data").handler(guard::requireUser).handler(torrentApi::addForm);
        r.post("/api/torrents").handler(torrentBody).handler(guard::requireUser).handler(torrentApi::add);
        r.get("/api/torrents").handler(guard::requireUser).handler(torrentApi::list);
        // every route of one torrent passes torrentAccess: another user's torrent is 404 (the list is filtered)
        r.get("/api/torrents/:hash").handler(guard::requireUser).handler(torrentAccess::requireVisible).handler(torrentApi::get);
        r.delete("/api/torrents/:hash").handler(guard::requireUser).handler(torrentAccess::requireVisible)
                .handler(torrentApi::remove);
        r.post("/api/torrents/:hash/pause").handler(guard::requireUser).handler(torrentAccess::requireVisible)
                .handler(torrentApi::pause);
        r.post("/api/torrents/:hash/resume").handler(guard::requireUser).handler(torrentAccess::requireVisible)
                .handler(torrentApi::resume);
        r.post("/api/torrents/:hash/files/:index/play").handler(body).handler(guard::requireUser)
                .handler(torrentAccess::requireVisible).handler(torrentPlay::play);
        r.route("/api/*").handler(ctx -> ctx.fail(404));

        LiveIngestHandler ingest = new LiveIngestHandler(deps.hub(), deps.streams());
        r.route("/live/:name").method(HttpMethod.PUT).method(HttpMethod.POST).handler(ingest::handle);
        r.get("/live/:name/publish").handler(new LivePublishSocket(deps.hub(), deps.streams())::handle);
        r.getWithRegex("/live/([A-Za-z0-9_-]{1,64})\\.(webm|mp4)")
                .handler(ctx -> guard.requireViewer(ctx, deps.streams(), ctx.pathParam("param0")))
                .handler(ctx -> LiveHandlers.progressive(ctx, deps.hub()));
        r.get("/live/:name/ws").handler(ctx -> guard.requireViewer(ctx, deps.streams(), ctx.pathParam("name")))
                .handler(ctx -> LiveHandlers.watch(ctx, deps.hub()));
        r.get("/live").handler(Routes::pageHeaders).handler(ctx -> page(ctx, "web/streams.html"));
        r.getWithRegex("/live/[A-Za-z0-9_-]{1,64}").handler(Routes::pageHeaders).handler(ctx -> page(ctx, "web/live.html"));

        r.route("/media/*").handler(metrics::countMedia).handler(guard::requireUserOrSignedLink);
        r.route("/media/:id").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(media::handle);
        Handler<RoutingContext> ffmpeg = ctx -> requireFfmpeg(ctx, deps.transcodes().tools());
        r.get("/media/:id/convert").handler(ffmpeg).handler(convert::handle);
        r.get("/media/:id/hls/:mode/:file").handler(ffmpeg).handler(hls::handle);
        r.route("/media/:id/poster.jpg").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ffmpeg).handler(media::poster);
        r.route("/media/*").handler(ctx -> ctx.fail(404));

        r.get("/torrents").handler(ctx -> ctx.redirect("/torrents.html"));
        r.route("/torrents/*").handler(metrics::countMedia).handler(guard::requireUserOrSignedLink);
        r.route("/torrents/:hash/files/:index").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(torrentAccess::requireVisible).handler(torrentFiles::file);
        r.get("/torrents/:hash/playlist.m3u").handler(torrentAccess::requireVisible).handler(torrentFiles::playlist);
        r.get("/torrents/:hash/files/:index/hls/:mode/:file").handler(torrentAccess::requireVisible).handler(ffmpeg)
                .handler(torrentPlay::hls);
        r.route("/torrents/*").handler(ctx -> ctx.fail(404));

        r.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(Routes::pageHeaders)
                .handler(StaticHandler.create("web").setCachingEnabled(false).setIndexPage("index.html"));
        r.route().handler(ctx -> ctx.fail(404));
        r.route().failureHandler(ErrorMapper::handle);
        return r;
    }

    /**
     * Before any access check: a path with dot segments, escapes or anything else the router would normalise is 404,
     * so that a link signed for one path can never be stretched to another by the router's own clean-up.
     */
    private static void canonicalPathOnly(RoutingContext ctx) {
        boolean head = ctx.request().method() == HttpMethod.HEAD;
        if (CanonicalPath.test(ctx.request().path())) {
            ctx.next();
        } else {
            JsonErrors.send(ctx.response(), 404, "not found", head);
        }
    }

    /** Conversion, HLS and posters need ffmpeg: without one they are 503, with what the server's owner can do. */
    private static void requireFfmpeg(RoutingContext ctx, FfmpegTools tools) {
        if (tools.available()) {
            ctx.next();
        } else {
            JsonErrors.send(ctx.response(), 503, "this server has no working ffmpeg, so it cannot convert, stream HLS or "
                    + "make posters (direct play works); to fix: " + FfmpegTools.HOW_TO_FIX, ctx.request().method() == HttpMethod.HEAD);
        }
    }

    private static void commonHeaders(RoutingContext ctx) {
        ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "same-origin");
        ctx.next();
    }

    /** One page of the UI at an address of its own (the page reads what it shows from its URL). */
    private static void page(RoutingContext ctx, String resource) {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-cache")
                .sendFile(resource).onFailure(ctx::fail);
    }

    private static void pageHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }
}
