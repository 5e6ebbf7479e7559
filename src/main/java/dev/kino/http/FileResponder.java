package dev.kino.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers GET and HEAD for one file whose size and modification time are known: validators, preconditions,
 * ranges, then the body zero-copy via {@code sendFile} (sendfile(2)). HEAD gets exactly the headers of GET.
 * Multi-range bodies are streamed part by part from an async file, never held in memory.
 */
final class FileResponder {
    private static final Logger log = LoggerFactory.getLogger(FileResponder.class);

    /** Boundaries depend on the file's ETag and a per-process secret: unguessable, yet HEAD and GET agree. */
    private static final long BOUNDARY_SALT = new java.security.SecureRandom().nextLong();

    private final int maxRanges;

    FileResponder(int maxRanges) {
        this.maxRanges = maxRanges;
    }

    void respond(HttpServerRequest req, Path file, long size, long modifiedMillis, String contentType) {
        HttpServerResponse resp = req.response();
        boolean head = req.method() == HttpMethod.HEAD;
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modifiedMillis) + "\"";
        long modifiedSeconds = Math.floorDiv(modifiedMillis, 1000);
        resp.putHeader("Accept-Ranges", "bytes")
                .putHeader("ETag", etag)
                .putHeader("Last-Modified", HttpDates.format(modifiedSeconds * 1000))
                .putHeader("Cache-Control", "private");

        switch (Preconditions.evaluate(true, req::getHeader, etag, modifiedSeconds)) {
            case NOT_MODIFIED -> {
                resp.setStatusCode(304).end();
                return;
            }
            case PRECONDITION_FAILED -> {
                JsonErrors.send(resp, 412, "precondition failed", head);
                return;
            }
            case PROCEED -> { }
        }
        String range = req.getHeader("Range");
        ByteRange.Result plan = range != null && Preconditions.rangeAllowed(req.getHeader("If-Range"), etag, modifiedSeconds)
                ? ByteRange.parse(range, size, maxRanges)
                : new ByteRange.Full();
        switch (plan) {
            case ByteRange.Full f -> sendSpan(resp, head, 200, file, 0, size, contentType);
            case ByteRange.Unsatisfiable u -> {
                resp.putHeader("Content-Range", "bytes */" + size);
                JsonErrors.send(resp, 416, "range not satisfiable", head);
            }
            case ByteRange.Partial p when p.spans().size() == 1 -> {
                ByteRange.Span s = p.spans().get(0);
                resp.putHeader("Content-Range", "bytes " + s.start() + "-" + s.end() + "/" + size);
                sendSpan(resp, head, 206, file, s.start(), s.length(), contentType);
            }
            case ByteRange.Partial p -> sendMultipart(req, resp, head, file, size, contentType, etag, p);
        }
    }

    private static void sendSpan(HttpServerResponse resp, boolean head, int status, Path file, long offset, long length,
                                 String contentType) {
        resp.setStatusCode(status)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Long.toString(length));
        if (head) {
            resp.end();
            return;
        }
        resp.sendFile(file.toString(), offset, length).onFailure(err -> {
            if (!resp.headWritten()) {
                resp.headers().remove("Content-Range");
                JsonErrors.send(resp, 404, "not found", false);
            } else if (!resp.closed()) {
                log.debug("send of {} failed: {}", file, err.toString());
                resp.reset();
            }
        });
    }

    private static void sendMultipart(HttpServerRequest req, HttpServerResponse resp, boolean head, Path file, long size,
                                      String contentType, String etag, ByteRange.Partial p) {
        String boundary = "kino-" + HexFormat.of().toHexDigits(BOUNDARY_SALT ^ (etag.hashCode() * 0x9E3779B97F4A7C15L));
        MultipartByteranges body = MultipartByteranges.of(p.spans(), size, contentType, boundary);
        resp.setStatusCode(206)
                .putHeader("Content-Type", body.contentType())
                .putHeader("Content-Length", Long.toString(body.contentLength()));
        if (head) {
            resp.end();
            return;
        }
        Vertx vertx = Vertx.currentContext().owner();
        Future<Void> chain = Future.succeededFuture();
        for (MultipartByteranges.Part part : body.parts()) {
            chain = chain.compose(v -> resp.write(Buffer.buffer(part.head())))
                    .compose(v -> copy(vertx, file, part.span(), resp));
        }
        chain.compose(v -> resp.end(Buffer.buffer(body.tail()))).onFailure(err -> {
            log.debug("multipart send of {} to {} failed: {}", file, req.remoteAddress(), err.toString());
            if (!resp.closed()) {
                resp.reset();
            }
        });
    }

    private static Future<Void> copy(Vertx vertx, Path file, ByteRange.Span span, HttpServerResponse resp) {
        return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
                .compose(af -> {
                    af.setReadPos(span.start()).setReadLength(span.length());
                    return af.pipe().endOnComplete(false).endOnFailure(false).to(resp)
                            .andThen(ar -> af.close());
                });
    }
}
