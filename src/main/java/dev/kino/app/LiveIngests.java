package dev.kino.app;

import dev.kino.config.LiveConfig;
import dev.kino.config.RtmpConfig;
import dev.kino.live.StreamDirectory;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.ingest.ContainerFormat;
import dev.kino.live.ingest.rtmp.RtmpIngestServer;
import dev.kino.live.ingest.tcp.TcpIngestServer;
import io.vertx.core.Vertx;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the ingests that listen on ports of their own: raw TCP ports and RTMP(S). */
final class LiveIngests {
    private static final Logger log = LoggerFactory.getLogger(LiveIngests.class);

    /** The bound RTMP and RTMPS ports; 0 where that ingest is off. */
    record Ports(int rtmp, int rtmps) {}

    private LiveIngests() {}

    static Ports start(Vertx vertx, StreamHub hub, StreamDirectory directory, LiveConfig live) {
        for (LiveConfig.TcpIngest t : live.tcpIngests()) {
            new TcpIngestServer(vertx, hub, live.tcpHost(), t.port(), t.stream(), ContainerFormat.byName(t.format()).orElseThrow(),
                    live.tcpAllowList()).start().await();
        }
        RtmpConfig rtmp = live.rtmp();
        int plain = 0;
        int tls = 0;
        Optional<RtmpConfig.Listen> listen = rtmp.rtmp();
        if (listen.isPresent()) {
            RtmpIngestServer server = RtmpIngestServer.plain(vertx, hub, directory, listen.get(), rtmp.allowList(),
                    RtmpIngestServer.Timeouts.DEFAULT);
            try {
                plain = server.start().await();
            } catch (Exception e) {
                if (!rtmp.listenIsDefault()) {
                    throw new StartupException("live.rtmp: cannot listen on " + listen.get() + ": " + e.getMessage()
                            + " (choose another address with live.rtmp / KINO_LIVE_RTMP, or empty for no RTMP)");
                }
                log.warn("live ingest: no RTMP: cannot listen on {} ({}); set live.rtmp / KINO_LIVE_RTMP to another address",
                        listen.get(), e.getMessage());
            }
        }
        Optional<RtmpConfig.Listen> tlsListen = rtmp.rtmps();
        if (tlsListen.isPresent()) {
            try {
                tls = RtmpIngestServer.tls(vertx, hub, directory, tlsListen.get(), rtmp.tlsCert(), rtmp.tlsKey(),
                        rtmp.allowList(), RtmpIngestServer.Timeouts.DEFAULT).start().await();
            } catch (Exception e) {
                throw new StartupException("live.rtmps: cannot listen on " + tlsListen.get() + " with certificate "
                        + rtmp.tlsCert() + " and key " + rtmp.tlsKey() + ": " + e.getMessage());
            }
        }
        return new Ports(plain, tls);
    }
}
