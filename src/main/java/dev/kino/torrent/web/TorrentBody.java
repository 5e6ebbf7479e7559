package dev.kino.torrent.web;

import dev.kino.http.range.BodySource;
import dev.kino.http.range.MultipartByteranges;
import dev.kino.torrent.TorrentException;
import dev.kino.torrent.TorrentFileReader;
import dev.kino.torrent.Torrents;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A file in a torrent, read on its own virtual thread as the pieces arrive: one reader per response, chunk by
 * chunk, and the next chunk is read only once the socket has taken the last ({@code writeQueueFull}/
 * {@code drainHandler}). A client that goes away interrupts the thread; the reader is always closed.
 */
final class TorrentBody implements BodySource {
    static final int CHUNK = 256 * 1024;

    private final Torrents torrents;
    private final String infoHash;
    private final int index;
    private final Duration readTimeout;
    private final RoutingContext ctx;

    TorrentBody(RoutingContext ctx, Torrents torrents, String infoHash, int index, Duration readTimeout) {
        this.ctx = ctx;
        this.torrents = torrents;
        this.infoHash = infoHash;
        this.index = index;
        this.readTimeout = readTimeout;
    }

    @Override
    public Future<Void> send(HttpServerResponse resp, List<MultipartByteranges.Part> parts, byte[] tail) {
        if (resp.closed()) {
            return Future.failedFuture(new ClosedChannelException());
        }
        Context context = Vertx.currentContext();
        Promise<Void> done = Promise.promise();
        Thread pump = Thread.ofVirtual().name("torrent-out-" + infoHash.substring(0, 8) + "-" + index)
                .unstarted(() -> {
                    try {
                        pump(context, resp, parts, tail);
                        context.runOnContext(v -> done.complete());
                    } catch (Exception e) {
                        context.runOnContext(v -> done.fail(e));
                    }
                });
        // the routing context owns the response's close handler: an end handler that fails is a client gone
        ctx.addEndHandler(ar -> {
            if (ar.failed()) {
                pump.interrupt();
            }
        });
        pump.start();
        return done.future();
    }

    private void pump(Context context, HttpServerResponse resp, List<MultipartByteranges.Part> parts, byte[] tail)
            throws IOException, TorrentException, InterruptedException {
        try (TorrentFileReader reader = torrents.open(infoHash, index)) {
            for (MultipartByteranges.Part part : parts) {
                byte[] head = part.head();
                long pos = part.span().start();
                long end = part.span().end() + 1;
                while (pos < end) {
                    byte[] chunk = new byte[(int) Math.min(CHUNK, end - pos)];
                    int n = reader.read(pos, ByteBuffer.wrap(chunk), readTimeout);
                    if (n <= 0) {
                        throw new EOFException("file " + index + " of " + infoHash + " ended at " + pos + " before " + end);
                    }
                    if (Thread.interrupted()) {
                        throw new InterruptedIOException("the client went away");
                    }
                    pos += n;
                    await(write(context, resp, head, Buffer.buffer(n == chunk.length ? chunk : Arrays.copyOf(chunk, n)), false));
                    head = new byte[0];
                }
            }
            await(write(context, resp, tail, Buffer.buffer(), true));
        }
    }

    /** Writes on the response's context; completes once the write queue has room again (or the response ended). */
    private static CompletableFuture<Void> write(Context context, HttpServerResponse resp, byte[] head, Buffer data,
                                                 boolean last) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (resp.closed()) {
                ready.completeExceptionally(new ClosedChannelException());
                return;
            }
            if (head.length > 0) {
                resp.write(Buffer.buffer(head));
            }
            if (last) {
                resp.end(data).onComplete(ar -> ready.complete(null));
            } else {
                resp.write(data);
                if (resp.writeQueueFull()) {
                    resp.drainHandler(x -> ready.complete(null));
                } else {
                    ready.complete(null);
                }
            }
        });
        return ready;
    }

    private static void await(CompletableFuture<Void> f) throws IOException, InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
