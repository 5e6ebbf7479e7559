package dev.kino.torrent;

import bt.Bt;
import bt.data.Storage;
import bt.dht.DHTConfig;
import bt.dht.DHTModule;
import bt.event.EventSource;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentId;
import bt.module.ClientExecutor;
import bt.net.IPeerConnectionPool;
import bt.net.Peer;
import bt.net.PeerConnection;
import bt.peer.IPeerRegistry;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.runtime.BtRuntimeBuilder;
import bt.runtime.Config;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import bt.torrent.TorrentSessionState;
import bt.torrent.selector.PieceSelector;
import bt.tracker.AnnounceKey;
import bt.tracker.ITrackerService;
import bt.tracker.http.HttpTrackerModule;
import com.google.inject.Singleton;
import dev.kino.config.TorrentConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.BitSet;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one Bt runtime of the process (peer listener, trackers, DHT) and the clients made on it, one per torrent. */
final class BtEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BtEngine.class);

    private static final Duration MSE_POLL = Duration.ofMillis(5);
    private static final Duration START_WAIT = Duration.ofSeconds(10);

    private final BtRuntime runtime;
    private final int port;

    BtEngine(TorrentConfig config, EngineTuning tuning) {
        InetAddress host = address(config.host());
        this.port = config.port() != 0 ? config.port() : freePort(host);
        Config c = new Config();
        c.setAcceptorAddress(host);
        c.setAcceptorPort(port);
        c.setPeerDiscoveryInterval(tuning.peerDiscoveryInterval());
        c.setUnreachablePeerBanDuration(tuning.unreachablePeerBan());
        if (tuning.trackerInterval() != null) {
            c.setTrackerQueryInterval(tuning.trackerInterval());
        }
        c.setShutdownHookTimeout(tuning.stopTimeout());
        // Bt polls its non-blocking socket during the encryption handshake and sleeps this long whenever nothing has
        // arrived yet, which is every time: at its 1 s default each new peer took 1-2 s to connect.
        c.setMseWaitBetweenReads(MSE_POLL);
        ProcessingExecutor processing = new ProcessingExecutor();
        BtRuntimeBuilder builder = BtRuntime.builder(c).module(new HttpTrackerModule()).disableAutomaticShutdown()
                .module(binder -> binder.bind(ExecutorService.class).annotatedWith(ClientExecutor.class)
                        .toInstance(processing));
        if (!config.allowPrivateTrackers()) {
            builder.module(binder -> binder.bind(ITrackerService.class).to(GuardedTrackerService.class).in(Singleton.class));
        }
        if (!config.localDiscovery()) {
            builder.disableLocalServiceDiscovery();
        }
        if (config.dht()) {
            DHTConfig dht = new DHTConfig();
            dht.setListeningPort(port);
            builder.module(new DHTModule(dht));
        }
        this.runtime = builder.build();
        runtime.startup();
        log.info("bittorrent: listening on {}:{} (DHT {}, local discovery {}, trackers on private addresses {})",
                config.host(), port, config.dht() ? "on" : "off", config.localDiscovery() ? "on" : "off",
                config.allowPrivateTrackers() ? "allowed" : "refused");
    }

    int port() {
        return port;
    }

    EventSource events() {
        return runtime.getEventSource();
    }

    /** A client for a torrent whose metadata is known. */
    BtClient client(Torrent torrent, Storage storage, PieceSelector selector) {
        return Bt.client(runtime).torrent(() -> torrent).storage(storage).selector(selector).build();
    }

    /** A client that first fetches the metadata from the swarm. */
    BtClient client(String magnet, Storage storage, PieceSelector selector) {
        return Bt.client(runtime).magnet(magnet).storage(storage).selector(selector).build();
    }

    /**
     * Asks a magnet's trackers (and the DHT) for peers as soon as Bt has started the torrent. Bt would otherwise
     * wait for its next discovery round, up to {@code peerDiscoveryInterval} later; a torrent whose metadata is known
     * is asked at once by Bt itself.
     */
    void discoverSoon(TorrentId id, Collection<String> trackers) {
        Thread.ofVirtual().name("bt-discover").start(() -> {
            TorrentRegistry torrents = runtime.service(TorrentRegistry.class);
            long deadline = System.nanoTime() + START_WAIT.toNanos();
            try {
                while (!torrents.getDescriptor(id).map(TorrentDescriptor::isActive).orElse(false)) {
                    if (System.nanoTime() > deadline) {
                        return; // stopped or failed meanwhile: the regular rounds carry on
                    }
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                return;
            }
            IPeerRegistry registry = runtime.service(IPeerRegistry.class);
            for (String url : trackers) {
                try {
                    registry.addPeerSource(id, new AnnounceKey(url));
                } catch (RuntimeException e) {
                    log.debug("torrent {}: tracker {} left out: {}", Metainfo.infoHash(id), url, e.getMessage());
                }
            }
            registry.triggerPeerCollection(id);
        });
    }

    /** The pieces Bt holds as verified for a running torrent (after its start-up check), if it is running. */
    Optional<BitSet> verifiedPieces(TorrentId id) {
        return runtime.service(TorrentRegistry.class).getDescriptor(id)
                .map(TorrentDescriptor::getDataDescriptor)
                .map(d -> d.getBitfield().getBitmask());
    }

    Optional<TorrentSessionState> sessionState(TorrentId id) {
        return runtime.service(TorrentRegistry.class).getDescriptor(id).flatMap(TorrentDescriptor::getSessionState);
    }

    /** Offers peers seen before to Bt again, which connects to those it is not connected to. */
    void addPeers(TorrentId id, Collection<Peer> peers) {
        IPeerRegistry registry = runtime.service(IPeerRegistry.class);
        peers.forEach(p -> registry.addPeer(id, p));
    }

    /** Closes the torrent's peer connections: Bt 1.10 keeps them open after a stop, and peers refuse a second one. */
    void disconnect(TorrentId id) {
        runtime.service(IPeerConnectionPool.class).visitConnections(id, PeerConnection::closeQuietly);
    }

    @Override
    public void close() {
        runtime.shutdown();
        log.info("bittorrent: stopped");
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new UncheckedIOException("torrent.host: cannot resolve '" + host + "'", e);
        }
    }

    private static int freePort(InetAddress host) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(host, 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host, e);
        }
    }
}
