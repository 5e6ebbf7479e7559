package dev.kino.http.range;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A file's bytes: a single span zero-copy via {@code sendFile} (sendfile(2)); the parts of a multi-range body
 * streamed one by one from an async file, never held in memory. A file that cannot be read before any byte is sent
 * is answered 404.
 */
final class FileBody implements BodySource {
    private final Path file;

    FileBody(Path file) {
        this.file = file;
    }

    @Override
    public Future<Void> send(HttpServerResponse resp, List<MultipartByteranges.Part> parts, byte[] tail) {
        if (resp.closed()) {
            // the client went while the file was checked (a poster made on a worker, a page reloaded): Vert.x 5.0's
            // sendFile on a closed connection throws inside Netty's write instead of failing its future
            return Future.failedFuture(new IOException("the connection closed before the body was sent"));
        }
        Future<Void> sent;
        if (parts.size() == 1 && parts.get(0).head().length == 0 && tail.length == 0) {
            ByteRange.Span s = parts.get(0).span();
            sent = resp.sendFile(file.toString(), s.start(), s.length());
        } else {
            Vertx vertx = Vertx.currentContext().owner();
            Future<Void> chain = Future.succeededFuture();
            for (MultipartByteranges.Part part : parts) {
                chain = chain.compose(v -> resp.write(Buffer.buffer(part.head())))
                        .compose(v -> copy(vertx, part.span(), resp));
            }
            sent = chain.compose(v -> resp.end(Buffer.buffer(tail)));
        }
        return sent.recover(err -> Future.failedFuture(resp.headWritten() ? err : new NoSuchFileException(file.toString())));
    }

    private Future<Void> copy(Vertx vertx, ByteRange.Span span, HttpServerResponse resp) {
        return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
                .compose(af -> {
                    af.setReadPos(span.start()).setReadLength(span.length());
                    return af.pipe().endOnComplete(false).endOnFailure(false).to(resp)
                            .andThen(ar -> af.close());
                });
    }
}
