package dev.kino.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Browser libraries from WebJars on the classpath, served under stable paths (the version is read from the jar). */
final class Vendor {
    private static final String HLS_POM = "META-INF/maven/org.webjars.npm/hls.js/pom.properties";

    private Vendor() {}

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
        InputStream in = Vendor.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing from the classpath: " + name);
        }
        return in;
    }
}
