package dev.kino.http;

import dev.kino.auth.AuthException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become HTTP statuses; clients get {@code {"error": ...}}, never a stack trace. */
final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    record Mapped(int status, String message) {}

    private ErrorMapper() {}

    static void handle(RoutingContext ctx) {
        Throwable t = ctx.failure();
        Mapped m = map(t, ctx.statusCode());
        if (m.status() >= 500) {
            log.error("{} {} failed", ctx.request().method(), ctx.request().path(), t);
        }
        if (ctx.response().closed()) {
            return;
        }
        if (t instanceof AuthException a && a.retryAfterSeconds() > 0 && !ctx.response().headWritten()) {
            ctx.response().putHeader("Retry-After", Long.toString(a.retryAfterSeconds()));
        }
        JsonErrors.send(ctx.response(), m.status(), m.message(), ctx.request().method() == HttpMethod.HEAD);
    }

    static Mapped map(Throwable t, int statusCode) {
        if (t instanceof AuthException a) {
            return new Mapped(switch (a.kind()) {
                case BAD_CREDENTIALS, NOT_LOGGED_IN -> 401;
                case RATE_LIMITED -> 429;
                case INVALID_INPUT -> 400;
                case CONFLICT -> 409;
            }, a.getMessage());
        }
        if (t instanceof BadRequestException || t instanceof IllegalArgumentException) {
            return new Mapped(400, t instanceof BadRequestException ? t.getMessage() : "bad request");
        }
        if (t instanceof UnplayableException) {
            return new Mapped(422, t.getMessage());
        }
        if (t instanceof NoSuchFileException) {
            return new Mapped(404, "not found");
        }
        if (t instanceof HttpException h) {
            return new Mapped(h.getStatusCode(), reason(h.getStatusCode()));
        }
        if (t == null && statusCode >= 400) {
            return new Mapped(statusCode, reason(statusCode));
        }
        return new Mapped(500, "internal error");
    }

    private static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(java.util.Locale.ROOT);
    }
}
