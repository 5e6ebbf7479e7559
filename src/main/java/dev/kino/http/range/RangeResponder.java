package dev.kino.http.range;

import dev.kino.http.ErrorMapper;
import dev.kino.http.JsonErrors;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers GET and HEAD for one representation of known size: validators, preconditions, ranges (one span, or
 * {@code multipart/byteranges}), then the body from a {@link BodySource}. HEAD gets exactly the headers of GET.
 */
public final class RangeResponder {
    private static final Logger log = LoggerFactory.getLogger(RangeResponder.class);
    private static final byte[] NONE = new byte[0];

    /** Boundaries depend on the ETag and a per-process secret: unguessable, yet HEAD and GET agree. */
    private static final long BOUNDARY_SALT = new java.security.SecureRandom().nextLong();

    /**
     * What is being served.
     *
     * @param etag a strong entity tag, quoted
     * @param modifiedSeconds Unix seconds, or {@link Preconditions#UNKNOWN_MODIFIED} to send no Last-Modified
     */
    public record Representation(long size, String etag, long modifiedSeconds, String contentType) {}

    private final int maxRanges;

    public RangeResponder(int maxRanges) {
        this.maxRanges = maxRanges;
    }

    public void respond(HttpServerRequest req, Representation rep, BodySource body) {
        HttpServerResponse resp = req.response();
        boolean head = req.method() == HttpMethod.HEAD;
        resp.putHeader("Accept-Ranges", "bytes").putHeader("ETag", rep.etag());
        if (rep.modifiedSeconds() != Preconditions.UNKNOWN_MODIFIED) {
            resp.putHeader("Last-Modified", HttpDates.format(rep.modifiedSeconds() * 1000));
        }
        resp.putHeader("Cache-Control", "private");

        switch (Preconditions.evaluate(true, req::getHeader, rep.etag(), rep.modifiedSeconds())) {
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
        long size = rep.size();
        ByteRange.Result plan = range != null && Preconditions.rangeAllowed(req.getHeader("If-Range"), rep.etag(), rep.modifiedSeconds())
                ? ByteRange.parse(range, size, maxRanges)
                : new ByteRange.Full();
        switch (plan) {
            case ByteRange.Full f -> send(resp, head, 200, rep.contentType(), size,
                    size == 0 ? List.of() : List.of(new MultipartByteranges.Part(NONE, new ByteRange.Span(0, size - 1))), NONE, body);
            case ByteRange.Unsatisfiable u -> {
                resp.putHeader("Content-Range", "bytes */" + size);
                JsonErrors.send(resp, 416, "range not satisfiable", head);
            }
            case ByteRange.Partial p when p.spans().size() == 1 -> {
                ByteRange.Span s = p.spans().get(0);
                resp.putHeader("Content-Range", "bytes " + s.start() + "-" + s.end() + "/" + size);
                send(resp, head, 206, rep.contentType(), s.length(), List.of(new MultipartByteranges.Part(NONE, s)), NONE, body);
            }
            case ByteRange.Partial p -> {
                String boundary = "kino-" + HexFormat.of().toHexDigits(BOUNDARY_SALT ^ (rep.etag().hashCode() * 0x9E3779B97F4A7C15L));
                MultipartByteranges mb = MultipartByteranges.of(p.spans(), size, rep.contentType(), boundary);
                send(resp, head, 206, mb.contentType(), mb.contentLength(), mb.parts(), mb.tail(), body);
            }
        }
    }

    private static void send(HttpServerResponse resp, boolean head, int status, String contentType, long length,
                             List<MultipartByteranges.Part> parts, byte[] tail, BodySource body) {
        resp.setStatusCode(status)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Long.toString(length));
        if (head) {
            resp.end();
            return;
        }
        body.send(resp, parts, tail).onFailure(err -> {
            if (resp.closed()) {
                return; // nobody to tell
            }
            if (!resp.headWritten()) {
                resp.headers().remove("Content-Range");
                ErrorMapper.send(resp, err, false);
            } else {
                log.debug("body of {} failed midway: {}", resp.headers().get("ETag"), err.toString());
                resp.reset();
            }
        });
    }
}
