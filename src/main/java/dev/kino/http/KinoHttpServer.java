package dev.kino.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.netty.channel.Channel;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener: one server instance per event loop, all sharing the port (Vert.x balances connections
 * across them). A port of 0 is turned into Vert.x's shared random port so every instance binds the same one.
 * Each connection is counted against the caps in all and per address as it is accepted, before a byte is read, and
 * closed at once over them; a connection whose request head does not arrive in time is closed ({@link HeadTimeout}).
 */
public final class KinoHttpServer {
    private static final Logger log = LoggerFactory.getLogger(KinoHttpServer.class);
    private static final int SHARED_RANDOM_PORT = -1;
    private static final int MAX_INITIAL_LINE = 16 * 1024;
    private static final int IDLE_TIMEOUT_SECONDS = 300;
    private static final int MAX_WEBSOCKET_FRAME = 4 << 20;
    private static final int MAX_WEBSOCKET_MESSAGE = 16 << 20;

    private KinoHttpServer() {}

    /** Deploys the listeners and completes with the bound port. */
    public static Future<Integer> start(Vertx vertx, HttpDeps deps) {
        AtomicInteger bound = new AtomicInteger();
        int port = deps.http().port() == 0 ? SHARED_RANDOM_PORT : deps.http().port();
        HttpServerOptions options = new HttpServerOptions()
                .setHost(deps.http().host())
                .setPort(port)
                .setTcpNoDelay(true)
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                // no HTTP/2 over cleartext (no browser speaks it): Vert.x would then read a connection's first bytes
                // before handing it over, so a silent connection would escape the caps and the head timeout
                .setHttp2ClearTextEnabled(false)
                // Every browser offers permessage-deflate, and Vert.x accepts it by default: each live fragment was then
                // deflated once per viewer. Video does not compress; 400 such viewers took both cores (bench/live).
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // A browser sends each MediaRecorder slice as one message; a 200 ms slice of a high-bitrate screen
                // share with a keyframe passes Vert.x's defaults (64 KiB frames, 256 KiB messages). Only the publish
                // socket reads messages, and it is open to stream owners and key holders only.
                .setMaxWebSocketFrameSize(MAX_WEBSOCKET_FRAME)
                .setMaxWebSocketMessageSize(MAX_WEBSOCKET_MESSAGE);
        ConnectionLimits limits = new ConnectionLimits(deps.http().maxConnections(), deps.http().maxConnectionsPerAddress());
        Gauge.builder("kino.http.connections", limits, ConnectionLimits::total).description("open HTTP connections")
                .strongReference(true).register(deps.metrics());
        return vertx.deployVerticle(() -> new Listener(deps, options, bound, limits),
                        new DeploymentOptions().setInstances(deps.http().eventLoops()))
                .map(id -> bound.get());
    }

    private static final class Listener extends VerticleBase {
        private final HttpDeps deps;
        private final HttpServerOptions options;
        private final AtomicInteger bound;
        private final ConnectionLimits limits;
        private final Counter refused;
        private final Counter headTimeouts;

        Listener(HttpDeps deps, HttpServerOptions options, AtomicInteger bound, ConnectionLimits limits) {
            this.deps = deps;
            this.options = options;
            this.bound = bound;
            this.limits = limits;
            refused = Counter.builder("kino.http.connections.refused").description("HTTP connections closed over the caps")
                    .register(deps.metrics());
            headTimeouts = Counter.builder("kino.http.head.timeouts")
                    .description("HTTP connections closed for a request head that did not arrive in time").register(deps.metrics());
        }

        @Override
        public Future<?> start() {
            HttpServer server = vertx.createHttpServer(options);
            // a client going away mid-transfer (reset, broken pipe) is normal for video players: debug, not error
            server.connectionHandler(conn -> {
                conn.exceptionHandler(err -> log.debug("{}: {}", conn.remoteAddress(), err.toString()));
                admit((ConnectionBase) conn);
            });
            Router router = Routes.build(vertx, deps, bound::get);
            return server.requestHandler(req -> {
                // the router refuses to route an HTTP/1.1 request without Host (RFC 9112 §3.2) and would log it as a 500
                if (req.version() == HttpVersion.HTTP_1_1 && req.authority() == null) {
                    log.debug("{}: HTTP/1.1 request without Host", req.remoteAddress());
                    JsonErrors.send(req.response(), 400, "an HTTP/1.1 request needs a Host header", req.method() == HttpMethod.HEAD);
                } else {
                    router.handle(req);
                }
            }).listen().onSuccess(s -> bound.set(s.actualPort()));
        }

        /** Called on the connection's event loop as Vert.x sets it up, before its first read. */
        private void admit(ConnectionBase conn) {
            Channel channel = conn.channel();
            String address = conn.remoteAddress().hostAddress();
            if (!limits.tryAcquire(address)) {
                log.debug("{}: over the connection caps ({} open), closed", address, limits.total());
                refused.increment();
                channel.close();
                return;
            }
            channel.closeFuture().addListener(f -> limits.release(address));
            HeadTimeout.install(channel, deps.http().headerTimeout().toNanos(), headTimeouts::increment);
        }
    }
}
