package dev.kino.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP/1 connection whose request head takes longer than a time bound to arrive (nginx's
 * {@code client_header_timeout}): a slowloris client trickling a byte now and then never finishes its head, and the
 * idle timeout, which every byte resets, would hold its connection forever. The first head is timed from the
 * connection's start, a later one on a keep-alive connection from its first byte, so a client that waits between
 * requests is left to the idle timeout. A body, a response (a long download) and a WebSocket after its 101 are never
 * timed.
 *
 * <p>Two handlers share the state: one at the head of the pipeline sees the bytes come in and the responses go out,
 * one after the HTTP decoder sees each decoded request head and request end.
 */
final class HeadTimeout {
    /** Vert.x's name for the HTTP/1 request decoder in a server pipeline. */
    static final String DECODER = "httpDecoder";

    private enum State { HEAD, REQUEST, BETWEEN, OFF }

    private final long timeoutNanos;
    private final Runnable onTimeout;
    private final Bytes bytes = new Bytes();
    private final Heads heads = new Heads();
    private State state = State.HEAD; // only touched on the channel's event loop
    private ScheduledFuture<?> deadline;

    private HeadTimeout(long timeoutNanos, Runnable onTimeout) {
        this.timeoutNanos = timeoutNanos;
        this.onTimeout = onTimeout;
    }

    /**
     * Times the request heads of {@code channel}, an HTTP/1 server connection just accepted; call on its event loop.
     * {@code onTimeout} runs as a connection is closed for its head.
     */
    static void install(Channel channel, long timeoutNanos, Runnable onTimeout) {
        if (channel.pipeline().get(DECODER) == null) {
            throw new IllegalStateException("no " + DECODER + " in the pipeline " + channel.pipeline().names());
        }
        HeadTimeout t = new HeadTimeout(timeoutNanos, onTimeout);
        channel.pipeline().addFirst("kinoHeadBytes", t.bytes);
        channel.pipeline().addAfter(DECODER, "kinoHeads", t.heads);
        t.arm(channel);
    }

    private void arm(Channel channel) {
        state = State.HEAD;
        deadline = channel.eventLoop().schedule(() -> {
            if (state == State.HEAD) {
                onTimeout.run();
                channel.close();
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm(State next) {
        state = next;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private final class Bytes extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (state == State.BETWEEN && msg instanceof ByteBuf buf && buf.isReadable()) {
                arm(ctx.channel());
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse r && r.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
                disarm(State.OFF); // a WebSocket from here on: its frames are not request heads
                ctx.pipeline().remove(heads);
                ctx.pipeline().remove(this);
            }
            ctx.write(msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm(State.OFF);
            ctx.fireChannelInactive();
        }
    }

    private final class Heads extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (state != State.OFF) {
                if (msg instanceof HttpRequest) {
                    disarm(State.REQUEST);
                }
                if (msg instanceof LastHttpContent) {
                    state = State.BETWEEN;
                }
            }
            ctx.fireChannelRead(msg);
        }
    }
}
