package dev.kino.http.range;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/** Where the bytes of a ranged response come from: a file on disk, or a file in a torrent read as its pieces arrive. */
public interface BodySource {
    /**
     * Writes each part (its head, then its span of the representation), then {@code tail}, and ends the response.
     * Status and headers go out with the first write, so a source that fails before it can still be answered with an
     * error; a failure after it is answered by resetting the connection.
     */
    public Future<Void> send(HttpServerResponse resp, List<MultipartByteranges.Part> parts, byte[] tail);
}
