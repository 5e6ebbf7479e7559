package dev.kino.http.range;

import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;

/** Serves one file whose size and modification time are known: its validators, then {@link RangeResponder}. */
public final class FileResponder {
    private final RangeResponder ranges;

    public FileResponder(int maxRanges) {
        this.ranges = new RangeResponder(maxRanges);
    }

    public void respond(HttpServerRequest req, Path file, long size, long modifiedMillis, String contentType) {
        String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modifiedMillis) + "\"";
        ranges.respond(req, new RangeResponder.Representation(size, etag, Math.floorDiv(modifiedMillis, 1000), contentType),
                new FileBody(file));
    }
}
