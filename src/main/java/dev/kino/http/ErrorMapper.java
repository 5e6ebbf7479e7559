package dev.kino.http;

import dev.kino.auth.AuthException;
import dev.kino.library.ProbePendingException;
import dev.kino.torrent.TorrentException;
import dev.kino.transcode.UnplayableException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become HTTP statuses; clients get {@code {"error": ...}}, never a stack trace. */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
    /** How long a client should wait for a torrent's metadata before asking again. */
    public static final String METADATA_RETRY_SECONDS = "5";
    private static final int MAX_MESSAGE = 200;

    public record Mapped(int status, String message) {}

    private ErrorMapper() {}

    public static void handle(RoutingContext ctx) {
        Throwable t = ctx.failure();
        Mapped m = map(t, ctx.statusCode());
        if (m.status() >= 500 && expected(t)) {
            log.warn("{} {}: {}", ctx.request().method(), ctx.request().path(), m.message());
        } else if (m.status() >= 500) {
            log.error("{} {} failed", ctx.request().method(), ctx.request().path(), t);
        }
        send(ctx.response(), t, m, ctx.request().method() == HttpMethod.HEAD);
    }

    /** Answers a failure that happened outside a route's failure path, such as a body source failing before its first byte. */
    public static void send(HttpServerResponse resp, Throwable t, boolean head) {
        Mapped m = map(t, 500);
        if (m.status() >= 500 && !expected(t)) {
            log.error("response failed", t);
        }
        send(resp, t, m, head);
    }

    private static void send(HttpServerResponse resp, Throwable t, Mapped m, boolean head) {
        if (resp.closed()) {
            return;
        }
        if (!resp.headWritten()) {
            if (t instanceof AuthException a && a.retryAfterSeconds() > 0) {
                resp.putHeader("Retry-After", Long.toString(a.retryAfterSeconds()));
            } else if (t instanceof TorrentException e && e.kind() == TorrentException.Kind.NO_METADATA
                    || t instanceof ProbePendingException) {
                resp.putHeader("Retry-After", METADATA_RETRY_SECONDS);
            }
        }
        JsonErrors.send(resp, m.status(), m.message(), head);
    }

    public static Mapped map(Throwable t, int statusCode) {
        if (t instanceof AuthException a) {
            return new Mapped(switch (a.kind()) {
                case BAD_CREDENTIALS, NOT_LOGGED_IN -> 401;
                case RATE_LIMITED -> 429;
                case INVALID_INPUT -> 400;
                case CONFLICT -> 409;
            }, a.getMessage());
        }
        if (t instanceof TorrentException e) {
            return torrent(e);
        }
        if (t instanceof ProbePendingException) {
            return new Mapped(503, t.getMessage());
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

    /** A torrent that is slow or has no metadata yet is the swarm's doing, not a fault of ours: no stack trace. */
    private static boolean expected(Throwable t) {
        return t instanceof TorrentException e && e.kind() != TorrentException.Kind.FAILED || t instanceof ProbePendingException;
    }

    private static Mapped torrent(TorrentException e) {
        String message = e.getMessage() == null ? "torrent error" : e.getMessage();
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        return new Mapped(switch (e.kind()) {
            case BAD_INPUT -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case NO_METADATA -> 503;
            case TIMEOUT -> 504;
            case GONE -> 410;
            case FAILED -> 500;
        }, message);
    }

    private static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(java.util.Locale.ROOT);
    }
}
