package dev.kino.torrent.web;

import dev.kino.http.AccessGuard;
import dev.kino.store.User;
import dev.kino.torrent.Torrents;
import io.vertx.ext.web.RoutingContext;

/**
 * Before every route of one torrent: a torrent is the business of the account that added it and of the admins
 * ({@link dev.kino.torrent.TorrentView#visibleTo}); to anyone else it does not exist (404, as for an unknown
 * infohash). A request on a signed link goes on: someone allowed signed it. Runs after {@link AccessGuard}.
 */
final class TorrentAccess {
    private final Torrents torrents;

    TorrentAccess(Torrents torrents) {
        this.torrents = torrents;
    }

    void requireVisible(RoutingContext ctx) {
        if (AccessGuard.signedLink(ctx)) {
            ctx.next();
            return;
        }
        String hash = TorrentParams.infoHash(ctx);
        User user = AccessGuard.user(ctx).orElseThrow();
        ctx.vertx().executeBlocking(() -> TorrentParams.find(torrents, hash, user), false)
                .onSuccess(v -> ctx.next())
                .onFailure(ctx::fail);
    }
}
