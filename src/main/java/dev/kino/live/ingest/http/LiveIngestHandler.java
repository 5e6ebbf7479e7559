package dev.kino.live.ingest.http;

import dev.kino.http.JsonErrors;
import dev.kino.http.Requests;
import dev.kino.container.ParseException;
import dev.kino.live.StreamDirectory;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.ingest.ContainerFormat;
import dev.kino.live.ingest.PublisherSession;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT|POST /live/{name}?key=KEY}: a publisher streams WebM or fragmented MP4 as the request body
 * ({@code ffmpeg … -f webm -method PUT http://HOST/live/cam1?key=KEY}). A wrong or missing key is 403, a stream that
 * already has a publisher 409; both are logged with the stream and the address. Malformed media ends the request
 * with 400. The body is parsed as it arrives, on the event loop (pure CPU on small chunks).
 */
public final class LiveIngestHandler {
    private static final Logger log = LoggerFactory.getLogger(LiveIngestHandler.class);

    private final StreamHub hub;
    private final StreamDirectory directory;

    public LiveIngestHandler(StreamHub hub, StreamDirectory directory) {
        this.hub = hub;
        this.directory = directory;
    }

    public void handle(RoutingContext ctx) {
        String name = ctx.pathParam("name"); // a well-formed name (LiveWeb checks it)
        HttpServerRequest req = ctx.request();
        req.pause();
        String key = Requests.query(req, "key");
        String who = "http " + req.remoteAddress();
        ctx.vertx().executeBlocking(() -> directory.check(name, key), false).onSuccess(check -> {
            if (check != StreamDirectory.KeyCheck.OK) {
                log.warn("stream {}: refused publisher {}: {}", name, who, check == StreamDirectory.KeyCheck.UNKNOWN_STREAM
                        ? "no such stream" : "wrong or missing key");
                refuse(ctx, 403, "wrong or missing stream key");
                return;
            }
            Optional<ContainerFormat> format = ContainerFormat.declared(Requests.query(req, "format"));
            Future.fromCompletionStage(PublisherSession.claim(hub, name, who, "http", format), ctx.vertx().getOrCreateContext())
                    .onSuccess(claimed -> claimed.ifPresentOrElse(session -> receive(ctx, session),
                            () -> refuse(ctx, 409, "this stream already has a publisher")))
                    .onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    private static void receive(RoutingContext ctx, PublisherSession session) {
        HttpServerRequest req = ctx.request();
        if (ctx.response().closed()) { // the publisher left while the claim was being answered
            session.end("publisher disconnected");
            return;
        }
        req.handler(buf -> {
            ParseException e = session.feed(buf.getBytes());
            if (e != null) {
                refuse(ctx, 400, "cannot read the stream: " + e.getMessage());
            }
        });
        req.endHandler(v -> {
            if (!ctx.response().ended()) {
                session.end("publisher finished");
                ctx.response().setStatusCode(204).end();
            }
        });
        req.connection().closeHandler(v -> session.end("publisher disconnected"));
        req.resume();
    }

    /**
     * Answers and closes the connection at once: the client is still sending a body nobody will read, and closing
     * with unread data resets the connection, so a publisher such as ffmpeg fails instead of streaming into nothing.
     */
    private static void refuse(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().putHeader("Connection", "close").bodyEndHandler(v -> ctx.request().connection().close());
        JsonErrors.send(ctx.response(), status, message, false);
    }
}
