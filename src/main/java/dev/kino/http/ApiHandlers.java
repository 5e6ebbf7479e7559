package dev.kino.http;

import dev.kino.auth.AuthService;
import dev.kino.auth.LinkSigner;
import dev.kino.auth.SignablePath;
import dev.kino.auth.Session;
import dev.kino.config.AuthConfig;
import dev.kino.store.User;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The accounts' JSON API (login, logout, me, sign): thin handlers that parse, call a service off the event loop, answer. */
final class ApiHandlers {
    private final AuthService auth;
    private final LinkSigner signer;
    private final AuthConfig authConfig;
    private final String baseUrl;
    private final LinkTargets targets;

    ApiHandlers(AuthService auth, LinkSigner signer, AuthConfig authConfig, String baseUrl, LinkTargets targets) {
        this.auth = auth;
        this.signer = signer;
        this.authConfig = authConfig;
        this.baseUrl = baseUrl;
        this.targets = targets;
    }

    void login(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx);
        String username = Requests.string(body, "username");
        String password = Requests.string(body, "password");
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

    /**
     * {@code POST /api/sign}: a signed link to a library file, or to a torrent, its playlist or one of its files (of a
     * torrent the user may see: any other is 404, as one that does not exist).
     */
    void sign(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx);
        String path = Requests.string(body, "path");
        SignablePath target = SignablePath.parse(path)
                .orElseThrow(() -> new BadRequestException("path must be " + SignablePath.FORMS));
        Object ttlValue = body.getValue("ttl", 7200);
        if (!(ttlValue instanceof Number ttlNumber) || ttlNumber.longValue() < 1
                || ttlNumber.longValue() > authConfig.maxLinkTtl().toSeconds()) {
            throw new BadRequestException("ttl must be a number of seconds from 1 to " + authConfig.maxLinkTtl().toSeconds());
        }
        long expires = System.currentTimeMillis() / 1000 + ttlNumber.longValue();
        User user = AccessGuard.user(ctx).orElseThrow();
        ctx.vertx().executeBlocking(() -> targets.exists(target, user), false)
                .onSuccess(exists -> {
                    if (!exists) {
                        ctx.fail(404);
                        return;
                    }
                    String url = Requests.publicBase(ctx, baseUrl) + path + "?" + signer.query(path, expires);
                    ctx.json(new JsonObject().put("url", url).put("expires", expires));
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject userJson(User u) {
        return new JsonObject().put("username", u.username()).put("admin", u.admin());
    }
}
