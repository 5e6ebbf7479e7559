package dev.kino.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** Request counts by status class, and media responses and bytes; meters are made once, so counting is cheap. */
public final class HttpMetrics {
    private final Counter[] requests = new Counter[6];
    private final Counter mediaResponses;
    private final Counter mediaBytes;

    public HttpMetrics(MeterRegistry registry) {
        for (int i = 1; i <= 5; i++) {
            requests[i] = Counter.builder("kino.http.requests").tag("status", i + "xx")
                    .description("HTTP responses by status class").register(registry);
        }
        mediaResponses = Counter.builder("kino.media.responses").description("responses to /media requests").register(registry);
        mediaBytes = Counter.builder("kino.media.bytes").baseUnit("bytes")
                .description("bytes announced in media responses (Content-Length of GETs)").register(registry);
    }

    /** Counts the request when its response ends. */
    public void count(RoutingContext ctx) {
        ctx.addEndHandler(v -> {
            int cls = ctx.response().getStatusCode() / 100;
            if (cls >= 1 && cls <= 5) {
                requests[cls].increment();
            }
        });
        ctx.next();
    }

    /** Counts a media response and its body size when it ends. */
    public void countMedia(RoutingContext ctx) {
        ctx.addEndHandler(v -> {
            mediaResponses.increment();
            String length = ctx.response().headers().get("Content-Length");
            if (length != null && ctx.request().method() == HttpMethod.GET && ctx.response().getStatusCode() < 300) {
                mediaBytes.increment(Long.parseLong(length));
            }
        });
        ctx.next();
    }
}
