package dev.kino.live.ingest.rtmp;

import dev.kino.config.AddressAllowList;
import dev.kino.config.RtmpConfig;
import dev.kino.live.StreamDirectory;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.ingest.rtmp.protocol.ChunkDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTMP ingest (OBS, vMix, Larix, hardware encoders, {@code ffmpeg -f flv rtmp://…}): one listening socket, plain
 * or TLS (RTMPS), each connection a {@link RtmpConnection} on its event loop. Publishers address a stream as
 * {@code rtmp://HOST:PORT/live/NAME?key=KEY}; what they send reaches the hub like any other ingest's.
 */
public final class RtmpIngestServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtmpIngestServer.class);
    private static final AtomicLong IDS = new AtomicLong();

    /**
     * @param read    how long a connection may send nothing before it is ended (encoders send all the time)
     * @param publish how long a connection may take from connecting to asking to publish
     */
    public record Timeouts(Duration read, Duration publish) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(20), Duration.ofSeconds(15));
    }

    private final Vertx vertx;
    private final StreamHub hub;
    private final StreamDirectory directory;
    private final RtmpConfig.Listen listen;
    private final boolean tls;
    private final Path cert;
    private final Path key;
    private final AddressAllowList allow;
    private final Timeouts timeouts;
    private NetServer server;

    private RtmpIngestServer(Vertx vertx, StreamHub hub, StreamDirectory directory, RtmpConfig.Listen listen, boolean tls,
                             Path cert, Path key, AddressAllowList allow, Timeouts timeouts) {
        this.vertx = vertx;
        this.hub = hub;
        this.directory = directory;
        this.listen = listen;
        this.tls = tls;
        this.cert = cert;
        this.key = key;
        this.allow = allow;
        this.timeouts = timeouts;
    }

    public static RtmpIngestServer plain(Vertx vertx, StreamHub hub, StreamDirectory directory, RtmpConfig.Listen listen,
                                         AddressAllowList allow, Timeouts timeouts) {
        return new RtmpIngestServer(vertx, hub, directory, listen, false, null, null, allow, timeouts);
    }

    /** RTMPS: RTMP over TLS with a PEM certificate chain and key. */
    public static RtmpIngestServer tls(Vertx vertx, StreamHub hub, StreamDirectory directory, RtmpConfig.Listen listen,
                                       Path cert, Path key, AddressAllowList allow, Timeouts timeouts) {
        return new RtmpIngestServer(vertx, hub, directory, listen, true, cert, key, allow, timeouts);
    }

    /** Binds; completes with the bound port. */
    public Future<Integer> start() {
        NetServerOptions options = new NetServerOptions().setHost(listen.host()).setPort(listen.port()).setTcpNoDelay(true);
        if (tls) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()));
        }
        server = vertx.createNetServer(options);
        String scheme = tls ? "rtmps" : "rtmp";
        return server.connectHandler(this::connected).listen().map(NetServer::actualPort)
                .onSuccess(p -> log.info("live ingest: {}://{}:{}/{} (stream key NAME?key=KEY)", scheme,
                        listen.host(), p, PublishTarget.APP));
    }

    private void connected(NetSocket socket) {
        String address = socket.remoteAddress() == null ? null : socket.remoteAddress().hostAddress();
        String id = (tls ? "rtmps-" : "rtmp-") + IDS.incrementAndGet() + " " + socket.remoteAddress();
        if (!allow.allows(address)) {
            log.warn("rtmp {}: refused: address not in live.rtmp-allow", id);
            socket.close();
            return;
        }
        new RtmpConnection(vertx, socket, hub, directory, id, timeouts, ChunkDecoder.Limits.DEFAULT).start();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
