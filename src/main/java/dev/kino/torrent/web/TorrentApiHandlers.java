package dev.kino.torrent.web;

import dev.kino.http.AccessGuard;
import dev.kino.http.ErrorMapper;
import dev.kino.http.Requests;
import dev.kino.store.User;
import dev.kino.torrent.TorrentException;
import dev.kino.torrent.TorrentView;
import dev.kino.torrent.Torrents;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code /api/torrents}: add (201, or 200 when the torrent was already there; 409 when another user added it, unless
 * an admin asks), list (the torrents the user may see), show, pause, resume and delete (behind {@link TorrentAccess}).
 * Every call into the torrent service runs on a worker; failures go to {@link ErrorMapper}.
 */
final class TorrentApiHandlers {
    private final Torrents torrents;

    TorrentApiHandlers(Torrents torrents) {
        this.torrents = torrents;
    }

    /** A {@code multipart/form-data} upload: a file field {@code torrent} or a field {@code magnet}. */
    void addForm(RoutingContext ctx) {
        TorrentUpload.fromForm(ctx.request()).onSuccess(u -> add(ctx, u)).onFailure(ctx::fail);
    }

    /** A JSON {@code {"magnet": …}} or a raw {@code application/x-bittorrent} body. */
    void add(RoutingContext ctx) {
        add(ctx, TorrentUpload.fromBody(ctx));
    }

    private void add(RoutingContext ctx, TorrentUpload.Upload upload) {
        User user = AccessGuard.user(ctx).orElseThrow();
        ctx.vertx().executeBlocking(() -> {
            Set<String> before = torrents.list().stream().map(TorrentView::infoHash).collect(Collectors.toSet());
            TorrentView v = switch (upload) {
                case TorrentUpload.Magnet m -> torrents.addMagnet(m.uri(), user);
                case TorrentUpload.Metainfo t -> torrents.addTorrentFile(t.bytes(), user);
            };
            if (!v.visibleTo(user)) {
                throw new TorrentException(TorrentException.Kind.CONFLICT,
                        "another user has added this torrent already; ask them or an admin for a link to it");
            }
            return new Added(v, before.contains(v.infoHash()));
        }, false).onSuccess(a -> {
            ctx.response().setStatusCode(a.existed() ? 200 : 201)
                    .putHeader("Location", "/api/torrents/" + a.view().infoHash());
            ctx.json(TorrentJson.detail(a.view()));
        }).onFailure(ctx::fail);
    }

    private record Added(TorrentView view, boolean existed) {}

    void list(RoutingContext ctx) {
        User user = AccessGuard.user(ctx).orElseThrow();
        blocking(ctx, () -> {
            JsonArray out = new JsonArray();
            torrents.list().stream().filter(v -> v.visibleTo(user)).forEach(v -> out.add(TorrentJson.summary(v)));
            return out;
        });
    }

    void get(RoutingContext ctx) {
        String hash = TorrentParams.infoHash(ctx);
        blocking(ctx, () -> TorrentJson.detail(TorrentParams.find(torrents, hash)));
    }

    void remove(RoutingContext ctx) {
        String hash = TorrentParams.infoHash(ctx);
        boolean deleteData = "true".equals(Requests.query(ctx.request(), "deleteData"));
        ctx.vertx().executeBlocking(() -> {
            torrents.remove(hash, deleteData);
            return null;
        }, false).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    void pause(RoutingContext ctx) {
        change(ctx, torrents::pause);
    }

    void resume(RoutingContext ctx) {
        change(ctx, torrents::resume);
    }

    /** A pause or resume; answers the torrent as it is afterwards. */
    private void change(RoutingContext ctx, Change change) {
        String hash = TorrentParams.infoHash(ctx);
        blocking(ctx, () -> {
            change.apply(hash);
            return TorrentJson.detail(TorrentParams.find(torrents, hash));
        });
    }

    @FunctionalInterface
    private interface Change {
        void apply(String infoHash) throws TorrentException;
    }

    /** Runs a service call on a worker and answers its JSON, uncached (the state changes every second). */
    private static void blocking(RoutingContext ctx, Callable<Object> call) {
        ctx.vertx().executeBlocking(call, false).onSuccess(json -> {
            ctx.response().putHeader("Cache-Control", "no-store");
            ctx.json(json);
        }).onFailure(ctx::fail);
    }
}
