package dev.kino.live.output.http;

import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.output.ReaderPump;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * A live stream as one endless HTTP response ({@code /live/cam1.webm}) for mpv, VLC and ffplay: the init segment,
 * then fragments from a keyframe on, written as the socket takes them (the hub skips a slow reader ahead).
 */
public final class HttpStreamOutput extends ReaderPump {
    private final HttpServerResponse resp;
    private boolean headersSent;

    private HttpStreamOutput(HttpServerResponse resp, Vertx vertx) {
        super(vertx.getOrCreateContext());
        this.resp = resp;
    }

    /** Starts streaming {@code stream} into {@code resp}; call on the response's event loop. */
    public static void attach(Vertx vertx, HttpServerResponse resp, LiveStream stream, String contentType, String remote) {
        resp.setChunked(true).putHeader("Content-Type", contentType).putHeader("Cache-Control", "no-store");
        new HttpStreamOutput(resp, vertx).start(stream, "http", remote, resp::closeHandler, resp::drainHandler);
    }

    @Override
    protected void write(MediaUnit u) {
        headersSent = true;
        resp.write(u.<Buffer>shared(Buffer::buffer));
    }

    @Override
    protected void idle() {
        if (!headersSent) {
            headersSent = true;
            resp.writeHead(); // the player sees the stream start even before the publisher does
        }
    }

    @Override
    protected void leave() {
        if (!resp.closed()) {
            resp.reset();
        }
    }

    @Override
    protected boolean closed() {
        return resp.closed();
    }

    @Override
    protected boolean writeQueueFull() {
        return resp.writeQueueFull();
    }
}
