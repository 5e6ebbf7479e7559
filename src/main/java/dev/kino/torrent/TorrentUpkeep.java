package dev.kino.torrent;

import dev.kino.store.TorrentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one background thread: samples transfer counters every second, reconnects torrents left without
 * peers, and every few seconds stores the verified byte counts and deletes the data of idle torrents past the disk
 * budget.
 */
final class TorrentUpkeep implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TorrentUpkeep.class);
    private static final int SLOW_EVERY_TICKS = 10;
    /**
     * How often a torrent without connected peers offers Bt the peers it has seen again: trackers may ask for 30 min
     * between announces, and Bt does not retry a peer that went away.
     */
    private static final int RETRY_PEERS_EVERY_TICKS = 5;
    private static final int REPORT_EVERY_TICKS = 60;

    private final Map<String, TorrentSession> sessions;
    private final BtEngine engine;
    private final TorrentStore store;
    private final long budgetBytes;
    private final Duration metadataTimeout;
    private final Consumer<TorrentSession> deleteData;
    private final Map<String, Long> storedBytes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("kino-torrent-upkeep").daemon().unstarted(r));
    private long ticks;

    TorrentUpkeep(Map<String, TorrentSession> sessions, BtEngine engine, TorrentStore store, long budgetBytes,
                  Duration metadataTimeout, Consumer<TorrentSession> deleteData) {
        this.metadataTimeout = metadataTimeout;
        this.sessions = sessions;
        this.engine = engine;
        this.store = store;
        this.budgetBytes = budgetBytes;
        this.deleteData = deleteData;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            ticks++;
            for (TorrentSession s : sessions.values()) {
                var st = engine.sessionState(s.id);
                s.meters.sample(now, st.map(x -> x.getDownloaded()).orElse(0L), st.map(x -> x.getUploaded()).orElse(0L));
                s.checkMetadataWait(now, metadataTimeout);
                if (ticks % RETRY_PEERS_EVERY_TICKS == 0 && s.running() && !s.complete()
                        && st.map(x -> x.getConnectedPeers().isEmpty()).orElse(true)) {
                    engine.addPeers(s.id, s.knownPeers.values());
                }
                if (ticks % REPORT_EVERY_TICKS == 0 && s.running() && !s.complete()) {
                    report(s, st.map(x -> x.getConnectedPeers().size()).orElse(0));
                }
            }
            if (ticks % SLOW_EVERY_TICKS == 0) {
                storeProgress();
                enforceBudget();
            }
        } catch (RuntimeException e) {
            log.warn("torrent upkeep failed: {}", e.toString(), e);
        }
    }

    private static void report(TorrentSession s, int peers) {
        LoadedTorrent l = s.loaded();
        log.info("torrent {}: {} peers ({} known), {} B/s down, {} B/s up, {}/{} pieces", s.infoHash, peers,
                s.knownPeers.size(), s.meters.downloadSpeed(), s.meters.uploadSpeed(), s.gate.count(),
                l == null ? "?" : l.layout().pieceCount());
    }

    /** Stores each torrent's verified byte count when it changed. */
    void storeProgress() {
        for (TorrentSession s : sessions.values()) {
            LoadedTorrent l = s.loaded();
            if (l == null) {
                continue;
            }
            long bytes = l.verifiedBytes(s.gate.snapshot());
            Long before = storedBytes.put(s.infoHash, bytes);
            if (before == null || before != bytes) {
                store.setBytesVerified(s.infoHash, bytes);
            }
        }
    }

    /** Deletes the data of the least recently watched idle torrents while the total is over the budget. */
    void enforceBudget() {
        List<DiskBudget.Holder> holders = new ArrayList<>();
        for (TorrentSession s : sessions.values()) {
            LoadedTorrent l = s.loaded();
            long bytes = l == null ? 0 : l.verifiedBytes(s.gate.snapshot());
            holders.add(new DiskBudget.Holder(s.infoHash, bytes, s.lastUsed(), s.openReaders.get() > 0));
        }
        for (String hash : DiskBudget.evict(holders, budgetBytes)) {
            TorrentSession s = sessions.get(hash);
            if (s != null && s.openReaders.get() == 0) {
                deleteData.accept(s);
                storedBytes.remove(hash);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        storeProgress();
    }
}
