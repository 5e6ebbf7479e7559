package dev.kino.live.ingest.tcp;

import dev.kino.config.AddressAllowList;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.ingest.ContainerFormat;
import dev.kino.live.ingest.PublisherSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw TCP ingest, as {@code ffmpeg … -f webm tcp://HOST:PORT}: one port publishes one stream in one container.
 * Each connection is a publisher; a second one while the first is live is refused and closed. Parsing is pure CPU
 * on small chunks and runs on the connection's event loop; malformed input ends that publisher only.
 */
public final class TcpIngestServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpIngestServer.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final Vertx vertx;
    private final StreamHub hub;
    private final String host;
    private final int port;
    private final String streamName;
    private final ContainerFormat format;
    private final AddressAllowList allow;
    private NetServer server;

    public TcpIngestServer(Vertx vertx, StreamHub hub, String host, int port, String streamName, ContainerFormat format,
                           AddressAllowList allow) {
        this.vertx = vertx;
        this.hub = hub;
        this.host = host;
        this.port = port;
        this.streamName = streamName;
        this.format = format;
        this.allow = allow;
    }

    /** Binds; completes with the bound port. */
    public Future<Integer> start() {
        server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true));
        return server.connectHandler(this::connected).listen().map(NetServer::actualPort)
                .onSuccess(p -> log.info("live ingest: {} on tcp://{}:{} → stream {}", format, host, p, streamName));
    }

    private void connected(NetSocket socket) {
        String id = "tcp-" + IDS.incrementAndGet() + " " + socket.remoteAddress();
        if (!allow.allows(socket.remoteAddress() == null ? null : socket.remoteAddress().hostAddress())) {
            log.warn("stream {}: refused {}: address not in live.tcp-allow", streamName, id);
            socket.close();
            return;
        }
        socket.pause(); // until the stream's owner has answered the claim
        AtomicReference<PublisherSession> session = new AtomicReference<>();
        AtomicBoolean gone = new AtomicBoolean();
        socket.closeHandler(v -> {
            gone.set(true);
            PublisherSession s = session.get();
            if (s != null) {
                s.end("publisher disconnected");
            }
        });
        Future.fromCompletionStage(PublisherSession.claim(hub, streamName, id, "tcp", Optional.of(format)), vertx.getOrCreateContext())
                .onComplete(ar -> {
                    if (ar.failed() || ar.result().isEmpty()) {
                        socket.close();
                        return;
                    }
                    PublisherSession s = ar.result().get();
                    if (gone.get()) { // the publisher left while the claim was being answered
                        s.end("publisher disconnected");
                        return;
                    }
                    session.set(s);
                    socket.handler(buf -> {
                        if (s.feed(buf.getBytes()) != null) {
                            socket.close();
                        }
                    });
                    socket.resume();
                });
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
