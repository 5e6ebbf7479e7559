package dev.kino.live.ingest.rtmp;

import dev.kino.config.AddressAllowList;
import dev.kino.config.ConfigLoader;
import dev.kino.config.LiveConfig;
import dev.kino.config.RtmpConfig;
import dev.kino.live.StreamDirectory;
import dev.kino.live.hub.StreamHub;
import dev.kino.store.Database;
import dev.kino.store.StreamStore;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Kino's RTMP ingest alone on a free loopback port, over its own hub and a directory that declares stream cam1. */
record RtmpTestServer(StreamHub hub, RtmpIngestServer server, int port) implements AutoCloseable {
    /** @param data a folder for the stream directory's database */
    static RtmpTestServer start(Vertx vertx, Path data, String cam1Key, RtmpIngestServer.Timeouts timeouts) {
        LiveConfig live = ConfigLoader.load(null, Map.of(), Map.of("live.streams", "cam1=" + cam1Key, "data", data.toString())).live();
        StreamHub hub = new StreamHub(live);
        RtmpIngestServer server = RtmpIngestServer.plain(vertx, hub, new StreamDirectory(new StreamStore(Database.open(data)), live),
                new RtmpConfig.Listen("127.0.0.1", 0), AddressAllowList.parse(List.of()), timeouts);
        return new RtmpTestServer(hub, server, server.start().await());
    }

    @Override
    public void close() {
        server.close();
    }
}
