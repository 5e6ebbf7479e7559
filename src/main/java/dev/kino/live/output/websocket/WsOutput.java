package dev.kino.live.output.websocket;

import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.output.ReaderPump;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;

/**
 * One WebSocket viewer: a text message {@code {"type":"init","mimeType":...}} before every init segment, then the
 * init and the fragments as binary messages. A slow viewer never slows the publisher or anyone else: its queue in
 * the hub stays bounded and skips ahead to the next keyframe.
 */
public final class WsOutput extends ReaderPump {
    private static final int FRAME_BYTES = 64 * 1024;

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
        Buffer all = u.shared(Buffer::buffer); // one copy per fragment, shared by every viewer
        int size = all.length();
        // Frames of 64 KiB, whatever size the server accepts inbound. With one frame per fragment, a viewer who had
        // stopped reading an 8 Mbit/s stream was never held back within 12 s (LiveResilienceTest); in 64 KiB frames
        // the back-pressure shows within seconds and the viewer skips ahead.
        int at = 0;
        do {
            int end = Math.min(size, at + FRAME_BYTES);
            Buffer part = all.slice(at, end);
            ws.writeFrame(at == 0 ? WebSocketFrame.binaryFrame(part, end == size) : WebSocketFrame.continuationFrame(part, end == size));
            at = end;
        } while (at < size);
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
