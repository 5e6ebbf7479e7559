package dev.kino.torrent;

import bt.magnet.MagnetUriParser;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentId;
import bt.net.Peer;
import bt.runtime.BtClient;
import dev.kino.torrent.schedule.SchedulePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One torrent: its Bt client (none while paused), its metadata once known, the verified pieces readers wait on.
 * Bt's events arrive on Bt's threads through the {@code on*} methods, which never block.
 */
final class TorrentSession {
    private static final Logger log = LoggerFactory.getLogger(TorrentSession.class);
    private static final int MAX_KNOWN_PEERS = 10_000;
    /** How long a session that failed on its own waits for Bt to let go of it. */
    private static final long FAILED_STOP_MILLIS = 10_000;

    final String infoHash;
    final TorrentId id;
    final Path root;
    final String magnet;
    final Instant addedAt;
    final String addedBy;
    /** The account that added it, or null: see {@link TorrentView#visibleTo}. */
    final Long ownerId;
    final PieceGate gate = new PieceGate();
    final Map<String, Peer> knownPeers = new ConcurrentHashMap<>();
    final AtomicInteger openReaders = new AtomicInteger();
    final SessionMeters meters = new SessionMeters();

    private final BtEngine engine;
    private final SchedulePolicy policy;
    private final Consumer<TorrentSession> onMetadata;
    private final SchedulerSelector selector = new SchedulerSelector();
    private volatile LoadedTorrent loaded;
    private volatile String name;
    private volatile boolean paused;
    private volatile String error;
    private volatile long startedNanos; // when the running client started: a magnet's wait for metadata counts from it
    private volatile Instant lastWatched;
    /** Paused because the disk budget took its data: watching it resumes it. */
    volatile boolean evicted;
    private volatile BtClient client; // written under this object's lock; read without it by storageFailed
    private final AtomicReference<Thread> processing = new AtomicReference<>();
    private volatile boolean stopping;
    private CountDownLatch stopped = new CountDownLatch(0);

    /** @param onMetadata told (on a Bt thread) when a magnet's metadata arrived and was accepted */
    TorrentSession(SessionInfo info, BtEngine engine, SchedulePolicy policy, Consumer<TorrentSession> onMetadata) {
        this.infoHash = info.infoHash();
        this.id = TorrentId.fromBytes(java.util.HexFormat.of().parseHex(infoHash));
        this.root = info.root();
        this.magnet = info.magnet();
        this.addedAt = info.addedAt();
        this.addedBy = info.addedBy();
        this.ownerId = info.ownerId();
        this.name = info.name();
        this.paused = info.paused();
        this.lastWatched = info.lastWatched();
        this.evicted = info.evicted();
        this.engine = engine;
        this.policy = policy;
        this.onMetadata = onMetadata;
        if (info.torrent() != null) {
            load(info.torrent());
        }
        if (paused) {
            gate.close(TorrentException.Kind.GONE, "torrent " + infoHash + " is paused");
        }
    }

    LoadedTorrent loaded() {
        return loaded;
    }

    String name() {
        return name;
    }

    boolean paused() {
        return paused;
    }

    String error() {
        return error;
    }

    /** Metadata known and every piece verified. */
    boolean complete() {
        LoadedTorrent l = loaded;
        return l != null && gate.count() == l.layout().pieceCount();
    }

    Instant lastUsed() {
        Instant w = lastWatched;
        return w != null ? w : addedAt;
    }

    void watched(Instant at) {
        lastWatched = at;
    }

    /** Starts the Bt client unless paused, failed or running already. */
    synchronized void start() {
        if (client != null || paused || error != null) {
            return;
        }
        gate.reopen();
        LoadedTorrent l = loaded;
        GuardedStorage storage = new GuardedStorage(root, this::storageFailed);
        BtClient c = l != null ? engine.client(l.torrent(), storage, selector) : engine.client(magnet, storage, selector);
        client = c;
        startedNanos = System.nanoTime();
        stopping = false;
        // Counted down by Bt's stop event only: Bt completes the client's future as soon as stop() is called, before
        // its processing has let go of the torrent, and a stop event arriving after a restart would fail the new client.
        stopped = new CountDownLatch(1);
        ProcessingExecutor.run(processing, () -> c.startAsync().whenComplete((r, t) -> {
            if (t != null) {
                fail(rootMessage(t));
            }
        }));
        if (l == null) {
            engine.discoverSoon(id, MagnetUriParser.lenientParser().parse(magnet).getTrackerUrls());
        }
        log.info("torrent {}: started ({})", infoHash, l != null ? "metadata known" : "fetching metadata");
    }

    synchronized boolean running() {
        return client != null && error == null;
    }

    /** Stops the Bt client, keeping the data, and waits until Bt has let go of the files. */
    synchronized void stop(long timeoutMillis) {
        BtClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        stopping = true;
        c.stop();
        Thread t = processing.get();
        if (t != null) {
            t.interrupt(); // Bt 1.10's stop leaves the processing thread waiting: see ProcessingExecutor
        }
        try {
            if (!stopped.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                log.warn("torrent {}: Bt did not report the stop within {} ms", infoHash, timeoutMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.disconnect(id);
    }

    void pause(long timeoutMillis) {
        paused = true;
        gate.close(TorrentException.Kind.GONE, "torrent " + infoHash + " was paused");
        stop(timeoutMillis);
    }

    /** Starts again; after a failure, with a new Bt client (the data verified so far is checked again and kept). */
    void resume(long timeoutMillis) {
        if (error != null) {
            stop(timeoutMillis); // a failed client may still be running
            error = null;
        }
        paused = false;
        evicted = false;
        start();
    }

    /** Stops for good: readers waiting or reading later fail with GONE. */
    void remove(long timeoutMillis) {
        gate.clear();
        gate.close(TorrentException.Kind.GONE, "torrent " + infoHash + " was removed");
        stop(timeoutMillis);
    }

    /** Forgets the verified pieces (their files are being deleted); the next start downloads again. */
    void forgetData() {
        gate.clear();
        LoadedTorrent l = loaded;
        if (l != null) {
            loaded = l.withNoData(policy);
            selector.attach(loaded.scheduler());
        }
    }

    // --- Bt events -------------------------------------------------------------------------------------------

    void onMetadata(Torrent torrent) {
        if (loaded != null) {
            return;
        }
        var hostile = Metainfo.hostileName(torrent);
        if (hostile.isPresent()) {
            fail("refused torrent: " + hostile.get());
            return;
        }
        load(torrent);
        log.info("torrent {}: metadata arrived: '{}', {} files, {} pieces", infoHash, name, torrent.getFiles().size(),
                loaded.layout().pieceCount());
        onMetadata.accept(this);
    }

    void onStarted() {
        engine.verifiedPieces(id).ifPresent(bits -> {
            gate.markAll(bits);
            LoadedTorrent l = loaded;
            if (l != null) {
                bits.stream().forEach(l.scheduler()::markVerified);
            }
            log.info("torrent {}: {} pieces verified on disk", infoHash, bits.cardinality());
        });
    }

    void onPieceVerified(int piece) {
        gate.markVerified(piece);
        LoadedTorrent l = loaded;
        if (l != null) {
            l.scheduler().markVerified(piece);
            if (gate.count() == l.layout().pieceCount()) {
                log.info("torrent {}: complete, {} pieces verified", infoHash, l.layout().pieceCount());
            }
        }
    }

    void onStopped() {
        if (!stopping) {
            fail("Bt stopped the torrent on its own (see the log)");
        }
        stopped.countDown();
    }

    void onPeerDiscovered(Peer peer) {
        if (knownPeers.size() < MAX_KNOWN_PEERS) {
            knownPeers.putIfAbsent(peer.getInetAddress().getHostAddress() + ":" + peer.getPort(), peer);
        }
    }

    private void load(Torrent torrent) {
        BitSet verified = gate.snapshot();
        LoadedTorrent l = LoadedTorrent.of(torrent, root, policy, verified);
        loaded = l;
        name = torrent.getName();
        selector.attach(l.scheduler());
    }

    /**
     * Fails a magnet whose metadata has not come within {@code limit} of its start (no peer has it, or none was
     * found), and stops its client; a resume tries again.
     */
    void checkMetadataWait(long nowNanos, Duration limit) {
        BtClient c;
        synchronized (this) {
            if (loaded != null || client == null || error != null || stopping || nowNanos - startedNanos <= limit.toNanos()) {
                return;
            }
            c = client;
        }
        fail("no peer sent the torrent's metadata within " + describe(limit) + " (" + knownPeers.size()
                + " peers found): resume it to try again, or add it from a .torrent file");
        Thread.ofVirtual().name("torrent-stop").start(() -> stopIfStill(c)); // not on the upkeep thread
    }

    private static String describe(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** The disk refused a read or write: fail with the reason and stop asking the swarm for data it cannot keep. */
    private void storageFailed(RuntimeException e) {
        if (error != null || stopping) {
            return;
        }
        log.warn("torrent {}: storage failed", infoHash, e);
        fail("cannot store the data: " + StorageErrors.describe(e, root));
        BtClient failed = client;
        Thread.ofVirtual().name("torrent-stop").start(() -> stopIfStill(failed)); // not on Bt's own thread
    }

    /** Stops {@code c} unless a resume has replaced it meanwhile. */
    private synchronized void stopIfStill(BtClient c) {
        if (c != null && client == c) {
            stop(FAILED_STOP_MILLIS);
        }
    }

    private void fail(String message) {
        if (error == null) {
            error = message;
            log.warn("torrent {}: failed: {}", infoHash, message);
        }
        gate.close(TorrentException.Kind.FAILED, message);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = StorageErrors.rootCause(t);
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}
