package dev.kino.live.output.websocket;

import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.hub.ReaderQueue;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket viewer: a text message {@code {"type":"init","mimeType":...}} before every init segment, then the
 * init and the fragments as binary messages. Writes happen on the socket's event loop; when the socket's send queue
 * is full the reader waits for it to drain while the hub keeps the reader's queue bounded (skipping to the next
 * keyframe), so a slow viewer never slows the publisher or anyone else.
 */
public final class WsOutput {
    private static final Logger log = LoggerFactory.getLogger(WsOutput.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final ServerWebSocket ws;
    private final LiveStream stream;
    private final Context context;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private ReaderQueue queue;

    private WsOutput(ServerWebSocket ws, LiveStream stream, Context context) {
        this.ws = ws;
        this.stream = stream;
        this.context = context;
    }

    /** Starts feeding {@code ws} from {@code stream}; call on the socket's event loop. */
    public static void attach(Vertx vertx, ServerWebSocket ws, LiveStream stream) {
        WsOutput out = new WsOutput(ws, stream, vertx.getOrCreateContext());
        String id = "ws-" + IDS.incrementAndGet() + " " + ws.remoteAddress();
        out.queue = stream.subscribe(id, out::schedule, System.nanoTime());
        ws.closeHandler(v -> {
            stream.unsubscribe(id);
            log.info("stream {}: viewer {} left", stream.name(), id);
        });
        ws.drainHandler(v -> out.drain());
        log.info("stream {}: viewer {} joined", stream.name(), id);
        out.schedule();
    }

    /** Called from the publisher's thread when data arrives: hop onto the socket's event loop once. */
    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                scheduled.set(false);
                drain();
            });
        }
    }

    private void drain() {
        if (queue == null || queue.isClosed()) {
            if (queue != null && !ws.isClosed()) {
                ws.close((short) 1008, "too far behind");
            }
            return;
        }
        while (!ws.writeQueueFull()) {
            MediaUnit u = queue.poll();
            if (u == null) {
                return;
            }
            if (u.init()) {
                ws.writeTextMessage(new JsonObject().put("type", "init").put("mimeType", u.mimeType()).encode());
            }
            ws.writeBinaryMessage(Buffer.buffer(u.data()));
        }
    }
}
