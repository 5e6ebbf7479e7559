package dev.kino.live.ingest.websocket;

import dev.kino.http.AccessGuard;
import dev.kino.http.JsonErrors;
import dev.kino.http.Requests;
import dev.kino.live.StreamDirectory;
import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.ingest.ContainerFormat;
import dev.kino.live.ingest.PublisherSession;
import dev.kino.store.User;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /live/{name}/publish} as a WebSocket: a browser tab sends MediaRecorder's timeslices as binary
 * messages. The publisher is the stream's owner (or an admin) logged in, or anyone with the stream key
 * ({@code ?key=}). A new recorder session (new EBML header) re-initialises viewers. Every 2 s the publisher is told
 * how many viewers it has.
 */
public final class LivePublishSocket {
    private static final Logger log = LoggerFactory.getLogger(LivePublishSocket.class);
    private static final long STATUS_EVERY_MS = 2000;

    private final StreamHub hub;
    private final StreamDirectory directory;

    public LivePublishSocket(StreamHub hub, StreamDirectory directory) {
        this.hub = hub;
        this.directory = directory;
    }

    public void handle(RoutingContext ctx) {
        String name = ctx.pathParam("name"); // a well-formed name (LiveWeb checks it)
        String key = Requests.query(ctx.request(), "key");
        Optional<User> user = AccessGuard.user(ctx);
        ctx.request().pause();
        ctx.vertx().executeBlocking(() -> allowed(name, key, user), false).onSuccess(ok -> {
            if (!ok) {
                log.warn("stream {}: refused browser publisher {}: not the owner and no valid key", name, ctx.request().remoteAddress());
                JsonErrors.send(ctx.response(), 403, "not your stream, and no valid key", false);
                return;
            }
            String who = "ws " + ctx.request().remoteAddress();
            Optional<ContainerFormat> format = ContainerFormat.declared(Requests.query(ctx.request(), "format"));
            Future.fromCompletionStage(PublisherSession.claim(hub, name, who, "websocket", format), ctx.vertx().getOrCreateContext())
                    .onSuccess(claimed -> claimed.ifPresentOrElse(
                            session -> ctx.request().toWebSocket().onSuccess(ws -> publish(ctx, ws, session))
                                    .onFailure(err -> session.end("WebSocket upgrade failed")),
                            () -> JsonErrors.send(ctx.response(), 409, "this stream already has a publisher", false)))
                    .onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    private boolean allowed(String name, String key, Optional<User> user) {
        if (key != null) {
            return directory.check(name, key) == StreamDirectory.KeyCheck.OK;
        }
        return user.isPresent() && directory.find(name)
                .map(row -> user.get().admin() || Long.valueOf(user.get().id()).equals(row.ownerId())).orElse(false);
    }

    private static void publish(RoutingContext ctx, ServerWebSocket ws, PublisherSession session) {
        LiveStream stream = session.stream();
        long timer = ctx.vertx().setPeriodic(STATUS_EVERY_MS, id -> {
            if (!ws.isClosed()) {
                Future.fromCompletionStage(stream.statusAsync(System.nanoTime()), ctx.vertx().getOrCreateContext())
                        .onSuccess(st -> {
                            if (!ws.isClosed()) {
                                ws.writeTextMessage(new JsonObject().put("viewers", st.viewers()).encode());
                            }
                        });
            }
        });
        ws.binaryMessageHandler(buf -> {
            if (session.feed(buf.getBytes()) != null) {
                ws.close((short) 1003, "cannot read the stream");
            }
        });
        ws.closeHandler(v -> {
            ctx.vertx().cancelTimer(timer);
            session.end("publisher disconnected");
        });
    }
}
