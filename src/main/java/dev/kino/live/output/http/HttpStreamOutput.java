package dev.kino.live.output.http;

import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.hub.ReaderQueue;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live stream as one endless HTTP response ({@code /live/cam1.webm}) for mpv, VLC and ffplay: the init segment,
 * then fragments from a keyframe on, written as the socket takes them (the hub skips a slow reader ahead).
 */
public final class HttpStreamOutput {
    private static final Logger log = LoggerFactory.getLogger(HttpStreamOutput.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final HttpServerResponse resp;
    private final Context context;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private ReaderQueue queue;
    private boolean headersSent;

    private HttpStreamOutput(HttpServerResponse resp, Context context) {
        this.resp = resp;
        this.context = context;
    }

    /** Starts streaming {@code stream} into {@code resp}; call on the response's event loop. */
    public static void attach(Vertx vertx, HttpServerResponse resp, LiveStream stream, String contentType, String remote) {
        HttpStreamOutput out = new HttpStreamOutput(resp, vertx.getOrCreateContext());
        String id = "http-" + IDS.incrementAndGet() + " " + remote;
        resp.setChunked(true).putHeader("Content-Type", contentType).putHeader("Cache-Control", "no-store");
        out.queue = stream.subscribe(id, out::schedule, System.nanoTime());
        resp.closeHandler(v -> {
            stream.unsubscribe(id);
            log.info("stream {}: viewer {} left", stream.name(), id);
        });
        resp.drainHandler(v -> out.drain());
        log.info("stream {}: viewer {} joined", stream.name(), id);
        out.schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                scheduled.set(false);
                drain();
            });
        }
    }

    private void drain() {
        if (queue.isClosed()) {
            if (!resp.closed()) {
                resp.reset();
            }
            return;
        }
        while (!resp.closed() && !resp.writeQueueFull()) {
            MediaUnit u = queue.poll();
            if (u == null) {
                if (!headersSent) {
                    headersSent = true;
                    resp.writeHead(); // the player sees the stream start even before the publisher does
                }
                return;
            }
            headersSent = true;
            resp.write(Buffer.buffer(u.data()));
        }
    }
}
