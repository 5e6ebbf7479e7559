package dev.kino.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The UI's pages: the headers every page gets, one page sent at an address of its own, the vendored hls.js. */
public final class Pages {
    private static final String CSP = "default-src 'self'; media-src 'self' blob:; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static final String HLS_POM = "META-INF/maven/org.webjars.npm/hls.js/pom.properties";

    private Pages() {}

    /** Content-Security-Policy and framing headers, then on. */
    public static void headers(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }

    /** One page of the UI at an address of its own (the page reads what it shows from its URL). */
    public static void send(RoutingContext ctx, String resource) {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-cache")
                .sendFile(resource).onFailure(ctx::fail);
    }

    /** hls.js from its WebJar on the classpath, at a stable path (the version is read from the jar). */
    static Handler<RoutingContext> hlsJs() {
        Properties pom = new Properties();
        try (InputStream in = resource(HLS_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = pom.getProperty("version");
        Buffer body;
        try (InputStream in = resource("META-INF/resources/webjars/hls.js/" + version + "/dist/hls.min.js")) {
            body = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String etag = "\"hls.js-" + version + "\"";
        return ctx -> {
            if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
                ctx.response().setStatusCode(304).putHeader("ETag", etag).end();
                return;
            }
            ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8").putHeader("ETag", etag)
                    .putHeader("Cache-Control", "public, max-age=86400").end(body);
        };
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Pages.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing from the classpath: " + name);
        }
        return in;
    }
}
