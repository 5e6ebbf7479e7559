package dev.kino.live.output.websocket;

import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.output.ReaderPump;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * One WebSocket viewer: a text message {@code {"type":"init","mimeType":...}} before every init segment, then the
 * init and the fragments as binary messages. A slow viewer never slows the publisher or anyone else: its queue in
 * the hub stays bounded and skips ahead to the next keyframe.
 */
public final class WsOutput extends ReaderPump {
    private final ServerWebSocket ws;

    private WsOutput(ServerWebSocket ws, Vertx vertx) {
        super(vertx.getOrCreateContext());
        this.ws = ws;
    }

    /** Starts feeding {@code ws} from {@code stream}; call on the socket's event loop. */
    public static void attach(Vertx vertx, ServerWebSocket ws, LiveStream stream) {
        WsOutput out = new WsOutput(ws, vertx);
        out.start(stream, "ws", String.valueOf(ws.remoteAddress()), ws::closeHandler, ws::drainHandler);
    }

    @Override
    protected void write(MediaUnit u) {
        if (u.init()) {
            ws.writeTextMessage(new JsonObject().put("type", "init").put("mimeType", u.mimeType()).encode());
        }
        ws.writeBinaryMessage(u.<Buffer>shared(Buffer::buffer)); // one copy per fragment, shared by every viewer
    }

    @Override
    protected void leave() {
        if (!ws.isClosed()) {
            ws.close((short) 1008, "too far behind");
        }
    }

    @Override
    protected boolean closed() {
        return ws.isClosed();
    }

    @Override
    protected boolean writeQueueFull() {
        return ws.writeQueueFull();
    }
}
