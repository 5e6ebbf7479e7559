package dev.kino.torrent.web;

import dev.kino.http.AccessGuard;
import dev.kino.http.Requests;
import dev.kino.http.range.Preconditions;
import dev.kino.http.range.RangeResponder;
import dev.kino.auth.LinkSigner;
import dev.kino.library.MediaTypes;
import dev.kino.torrent.TorrentView;
import dev.kino.torrent.Torrents;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET|HEAD /torrents/{infohash}/files/{index}}: a file of a torrent with the byte-range rules of
 * {@code /media/{id}}, read as its pieces arrive; and {@code GET /torrents/{infohash}/playlist.m3u}: its audio and
 * video files as an M3U of signed links, for players that have no session cookie.
 */
final class TorrentFileHandler {
    /** How long a playlist's links work when a logged-in user fetched it (at most the configured maximum). */
    private static final Duration PLAYLIST_LINK_TTL = Duration.ofHours(12);

    private final Torrents torrents;
    private final RangeResponder ranges;
    private final LinkSigner signer;
    private final String baseUrl;
    private final Duration linkTtl;
    private final Duration readTimeout;

    TorrentFileHandler(Torrents torrents, RangeResponder ranges, LinkSigner signer, String baseUrl, Duration maxLinkTtl,
                       Duration readTimeout) {
        this.torrents = torrents;
        this.ranges = ranges;
        this.signer = signer;
        this.baseUrl = baseUrl;
        this.linkTtl = maxLinkTtl.compareTo(PLAYLIST_LINK_TTL) < 0 ? maxLinkTtl : PLAYLIST_LINK_TTL;
        this.readTimeout = readTimeout;
    }

    void file(RoutingContext ctx) {
        String hash = TorrentParams.infoHash(ctx);
        int index = TorrentParams.fileIndex(ctx);
        ctx.vertx().executeBlocking(() -> TorrentParams.file(torrents, hash, index), false)
                .onSuccess(f -> {
                    String etag = "\"" + hash + "-" + index + "-" + Long.toHexString(f.size()) + "\"";
                    String type = MediaTypes.of(f.path()).orElse("application/octet-stream");
                    ranges.respond(ctx.request(), new RangeResponder.Representation(f.size(), etag, Preconditions.UNKNOWN_MODIFIED, type),
                            new TorrentBody(ctx, torrents, hash, index, readTimeout));
                })
                .onFailure(ctx::fail);
    }

    void playlist(RoutingContext ctx) {
        String hash = TorrentParams.infoHash(ctx);
        // fetched on a signed link, its links last no longer than that one
        long expires = AccessGuard.signedLink(ctx)
                ? Long.parseLong(Requests.query(ctx.request(), "expires"))
                : System.currentTimeMillis() / 1000 + linkTtl.toSeconds();
        String base = Requests.publicBase(ctx, baseUrl);
        ctx.vertx().executeBlocking(() -> TorrentParams.withFiles(torrents, hash), false)
                .onSuccess(view -> {
                    List<M3uPlaylist.Entry> entries = view.files().stream()
                            .filter(f -> MediaTypes.of(f.path()).isPresent())
                            .map(f -> entry(base, hash, f, expires))
                            .toList();
                    ctx.response().putHeader("Content-Type", "audio/x-mpegurl; charset=utf-8")
                            .putHeader("Content-Disposition", "attachment; filename=\"" + hash + ".m3u\"")
                            .putHeader("Cache-Control", "no-store")
                            .end(M3uPlaylist.write(entries));
                })
                .onFailure(ctx::fail);
    }

    private M3uPlaylist.Entry entry(String base, String hash, TorrentView.TorrentFile f, long expires) {
        String path = "/torrents/" + hash + "/files/" + f.index();
        String name = f.path().substring(f.path().lastIndexOf('/') + 1);
        return new M3uPlaylist.Entry(name, base + path + "?" + signer.query(path, expires));
    }
}
