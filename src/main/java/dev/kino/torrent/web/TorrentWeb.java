package dev.kino.torrent.web;

import dev.kino.auth.LinkSigner;
import dev.kino.http.AccessGuard;
import dev.kino.http.WebContext;
import dev.kino.http.WebModule;
import dev.kino.http.range.RangeResponder;
import dev.kino.library.SourceProber;
import dev.kino.torrent.Torrents;
import dev.kino.transcode.web.HlsResponder;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;

/**
 * The torrents' web face: {@code /api/torrents…} (add, list, one torrent, pause, resume, delete, play plans) and
 * {@code /torrents/…} (file bytes, HLS renditions, playlists). Every route of one torrent passes {@link TorrentAccess}:
 * another user's torrent is 404, and the list is filtered.
 *
 * @param host the address the server listens on: ffmpeg reads torrent files back through it
 * @param baseUrl the configured public URL for links, or null for the address the client asked for
 * @param requireFfmpeg answers 503 when there is no ffmpeg, before an HLS rendition is tried
 */
public record TorrentWeb(Torrents torrents, LinkSigner signer, String host, int maxRanges, String baseUrl, Duration maxLinkTtl,
                         SourceProber sourceProber, HlsResponder hls, Handler<RoutingContext> requireFfmpeg) implements WebModule {
    /** How long a torrent read may wait for its piece: before the first byte a 504, after it a reset connection. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public void mount(Router r, WebContext web) {
        AccessGuard guard = web.guard();
        TorrentApiHandlers api = new TorrentApiHandlers(torrents);
        TorrentAccess access = new TorrentAccess(torrents);
        TorrentFileHandler files = new TorrentFileHandler(torrents, new RangeResponder(maxRanges), signer, baseUrl, maxLinkTtl,
                READ_TIMEOUT);
        TorrentPlayHandler play = new TorrentPlayHandler(torrents, new TorrentSources(signer, host, web.port()), sourceProber, hls);
        BodyHandler upload = BodyHandler.create(false).setBodyLimit(TorrentUpload.MAX_FILE);

        r.post("/api/torrents").consumes("multipart/form-data").handler(guard::requireUser).handler(api::addForm);
        r.post("/api/torrents").handler(upload).handler(guard::requireUser).handler(api::add);
        r.get("/api/torrents").handler(guard::requireUser).handler(api::list);
        r.get("/api/torrents/:hash").handler(guard::requireUser).handler(access::requireVisible).handler(api::get);
        r.delete("/api/torrents/:hash").handler(guard::requireUser).handler(access::requireVisible).handler(api::remove);
        r.post("/api/torrents/:hash/pause").handler(guard::requireUser).handler(access::requireVisible).handler(api::pause);
        r.post("/api/torrents/:hash/resume").handler(guard::requireUser).handler(access::requireVisible).handler(api::resume);
        r.post("/api/torrents/:hash/files/:index/play").handler(web.apiBody()).handler(guard::requireUser)
                .handler(access::requireVisible).handler(play::play);

        r.get("/torrents").handler(ctx -> ctx.redirect("/torrents.html"));
        r.route("/torrents/*").handler(web.metrics()::countMedia).handler(guard::requireUserOrSignedLink);
        r.route("/torrents/:hash/files/:index").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(access::requireVisible).handler(files::file);
        r.get("/torrents/:hash/playlist.m3u").handler(access::requireVisible).handler(files::playlist);
        r.get("/torrents/:hash/files/:index/hls/:mode/:file").handler(access::requireVisible).handler(requireFfmpeg)
                .handler(play::hls);
        r.route("/torrents/*").handler(ctx -> ctx.fail(404));
    }
}
