package dev.kino.http;

import dev.kino.auth.AuthService;
import dev.kino.auth.LinkSigner;
import dev.kino.auth.SignablePath;
import dev.kino.auth.Session;
import dev.kino.config.AuthConfig;
import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import dev.kino.library.MediaProber;
import dev.kino.store.MediaInfo;
import dev.kino.store.User;
import dev.kino.torrent.Torrents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The JSON API: thin handlers that parse, call a service off the event loop where it blocks, and answer. */
final class ApiHandlers {
    private static final long LIBRARY_MAX_AGE_MILLIS = 2_000;

    private final AuthService auth;
    private final LinkSigner signer;
    private final MediaLibrary library;
    private final MediaProber prober;
    private final AuthConfig authConfig;
    private final String baseUrl;
    private final Torrents torrents;

    ApiHandlers(AuthService auth, LinkSigner signer, MediaLibrary library, MediaProber prober, AuthConfig authConfig,
                String baseUrl, Torrents torrents) {
        this.auth = auth;
        this.signer = signer;
        this.library = library;
        this.prober = prober;
        this.authConfig = authConfig;
        this.baseUrl = baseUrl;
        this.torrents = torrents;
    }

    void login(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String username = JsonBodies.string(body, "username");
        String password = JsonBodies.string(body, "password");
        String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        ctx.vertx().executeBlocking(() -> auth.login(username, password, client), false)
                .onSuccess(s -> {
                    ctx.response().addCookie(SessionCookie.create(ctx.request(), s.token(), authConfig.sessionTtl().toSeconds()));
                    ctx.json(userJson(s.user()));
                })
                .onFailure(ctx::fail);
    }

    /** {@code POST /api/logout-others}: ends every session of this user but the one asking. */
    void logoutOthers(RoutingContext ctx) {
        String token = SessionCookie.token(ctx.request());
        ctx.vertx().executeBlocking(() -> auth.endOtherSessions(token), false)
                .onSuccess(n -> ctx.json(new JsonObject().put("ended", n)))
                .onFailure(ctx::fail);
    }

    void logout(RoutingContext ctx) {
        String token = SessionCookie.token(ctx.request());
        ctx.vertx().executeBlocking(() -> {
            auth.logout(token);
            return null;
        }, false).onSuccess(v -> {
            ctx.response().addCookie(SessionCookie.expired(ctx.request()));
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }

    void me(RoutingContext ctx) {
        ctx.json(userJson(AccessGuard.user(ctx).orElseThrow()));
    }

    void library(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> {
            library.refreshIfOlderThan(LIBRARY_MAX_AGE_MILLIS);
            return library.items();
        }, false).onSuccess(items -> {
            JsonArray out = new JsonArray();
            items.forEach(i -> out.add(itemJson(i, prober.info(i).orElse(null))));
            ctx.response().putHeader("Cache-Control", "no-store");
            ctx.json(out);
        }).onFailure(ctx::fail);
    }

    /**
     * {@code POST /api/sign}: a signed link to a library file, or to a torrent, its playlist or one of its files (of a
     * torrent the user may see: any other is 404, as one that does not exist).
     */
    void sign(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String path = JsonBodies.string(body, "path");
        SignablePath target = SignablePath.parse(path)
                .orElseThrow(() -> new BadRequestException("path must be " + SignablePath.FORMS));
        Object ttlValue = body.getValue("ttl", 7200);
        if (!(ttlValue instanceof Number ttlNumber) || ttlNumber.longValue() < 1
                || ttlNumber.longValue() > authConfig.maxLinkTtl().toSeconds()) {
            throw new BadRequestException("ttl must be a number of seconds from 1 to " + authConfig.maxLinkTtl().toSeconds());
        }
        long expires = System.currentTimeMillis() / 1000 + ttlNumber.longValue();
        User user = AccessGuard.user(ctx).orElseThrow();
        ctx.vertx().executeBlocking(() -> switch (target.kind()) {
                    case LIVE -> true;
                    case MEDIA -> library.find(target.key()).isPresent();
                    case TORRENT -> torrents.get(target.key()).filter(t -> t.visibleTo(user)).isPresent();
                }, false)
                .onSuccess(exists -> {
                    if (!exists) {
                        ctx.fail(404);
                        return;
                    }
                    String url = PublicUrls.base(ctx, baseUrl) + path + "?" + signer.query(path, expires);
                    ctx.json(new JsonObject().put("url", url).put("expires", expires));
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject userJson(User u) {
        return new JsonObject().put("username", u.username()).put("admin", u.admin());
    }

    private static JsonObject itemJson(MediaItem i, MediaInfo info) {
        JsonObject o = new JsonObject()
                .put("id", i.id()).put("path", i.relativePath()).put("name", i.name()).put("folder", i.folder())
                .put("size", i.size()).put("mimeType", i.mimeType()).put("kind", i.kind())
                .put("modified", i.modifiedMillis());
        if (info != null) {
            o.put("duration", info.durationSeconds()).put("width", info.width()).put("height", info.height())
                    .put("videoCodec", info.videoCodec()).put("audioCodec", info.audioCodec()).put("bitrate", info.bitrate());
            if (info.error() != null) {
                o.put("probeError", info.error());
            }
        }
        return o;
    }
}
