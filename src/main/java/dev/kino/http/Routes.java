package dev.kino.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.function.IntSupplier;

/**
 * The router: what every request passes (headers, the canonical-path check, the same-origin rule, who is asking),
 * the server's own routes (metrics, health, accounts), then each capability's {@link WebModule}, then the pages and
 * the 404 and failure path.
 */
final class Routes {
    private static final long MAX_API_BODY = 16 * 1024;

    private Routes() {}

    /** @param port the bound port, known once the server listens (torrent files are read by ffmpeg through it) */
    static Router build(Vertx vertx, HttpDeps deps, IntSupplier port) {
        AccessGuard guard = new AccessGuard(deps.auth(), deps.signer());
        ApiHandlers api = new ApiHandlers(deps.auth(), deps.signer(), deps.authConfig(), deps.baseUrl(), deps.linkTargets());
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
        r.post("/api/sign").handler(body).handler(guard::requireUser).handler(api::sign);
        r.get("/vendor/hls.min.js").handler(Pages.hlsJs());

        WebContext web = new WebContext(guard, metrics, body, port);
        deps.modules().forEach(m -> m.mount(r, web));

        r.route("/api/*").handler(ctx -> ctx.fail(404));
        r.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(Pages::headers)
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

    private static void commonHeaders(RoutingContext ctx) {
        ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "same-origin");
        ctx.next();
    }
}
