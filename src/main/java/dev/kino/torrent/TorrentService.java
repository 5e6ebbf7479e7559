package dev.kino.torrent;

import bt.event.EventSource;
import bt.magnet.MagnetUri;
import bt.magnet.MagnetUriParser;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentId;
import dev.kino.config.TorrentConfig;
import dev.kino.store.TorrentStore;
import dev.kino.store.TorrentStore.TorrentRow;
import dev.kino.store.User;
import dev.kino.torrent.schedule.SchedulePolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The torrent service: one Bt runtime, one {@link TorrentSession} per torrent, rows in {@link TorrentStore}, data
 * under {@code <data>/torrents/<infohash>/}. Stored torrents are added again on {@link #start()}; Bt checks the data
 * already on disk and downloads the rest.
 */
public final class TorrentService implements Torrents {
    private static final Logger log = LoggerFactory.getLogger(TorrentService.class);

    private final Path torrentsDir;
    private final TorrentConfig config;
    private final EngineTuning tuning;
    private final TorrentStore store;
    private final SchedulePolicy policy;
    private final Map<String, TorrentSession> sessions = new ConcurrentHashMap<>();
    private BtEngine engine;
    private TorrentUpkeep upkeep;

    public TorrentService(Path dataDir, TorrentConfig config, TorrentStore store) {
        this(dataDir, config, store, EngineTuning.DEFAULTS);
    }

    public TorrentService(Path dataDir, TorrentConfig config, TorrentStore store, EngineTuning tuning) {
        this.torrentsDir = dataDir.resolve("torrents").toAbsolutePath();
        this.config = config;
        this.tuning = tuning;
        this.store = store;
        this.policy = SchedulePolicy.DEFAULTS.withReadAhead(config.readAhead());
    }

    /** Starts Bt and adds every stored torrent again. */
    public void start() {
        engine = new BtEngine(config, tuning);
        listen(engine.events());
        for (TorrentRow row : store.all()) {
            try {
                TorrentSession s = session(row);
                sessions.put(s.infoHash, s);
                s.start();
            } catch (TorrentException e) {
                log.warn("torrent {}: cannot add again: {}", row.infoHash(), e.getMessage());
            }
        }
        upkeep = new TorrentUpkeep(sessions, engine, store, config.diskBudgetBytes(), config.metadataTimeout(), this::evict);
        upkeep.start();
        log.info("torrents: {} added again from the database", sessions.size());
    }

    /** The port Bt listens on for peers. */
    public int port() {
        return engine.port();
    }

    @Override
    public TorrentView addMagnet(String magnetUri, User addedBy) throws TorrentException {
        MagnetUri uri;
        try {
            uri = MagnetUriParser.lenientParser().parse(magnetUri);
        } catch (RuntimeException e) {
            throw new TorrentException(TorrentException.Kind.BAD_INPUT, "not a magnet link: " + e.getMessage(), e);
        }
        String hash = Metainfo.infoHash(uri.getTorrentId());
        String name = uri.getDisplayName().orElse(hash);
        return add(new TorrentRow(hash, magnetUri, null, name, addedBy.username(), addedBy.id(), Instant.now(), false, null,
                0, 0, false), null);
    }

    @Override
    public TorrentView addTorrentFile(byte[] metainfo, User addedBy) throws TorrentException {
        Torrent torrent = Metainfo.parse(metainfo);
        String hash = Metainfo.infoHash(torrent.getTorrentId());
        return add(new TorrentRow(hash, null, metainfo, torrent.getName(), addedBy.username(), addedBy.id(),
                Instant.now(), false, null, torrent.getSize(), 0, false), torrent);
    }

    private synchronized TorrentView add(TorrentRow row, Torrent torrent) throws TorrentException {
        TorrentSession existing = sessions.get(row.infoHash());
        if (existing != null) {
            return view(existing);
        }
        store.insert(row);
        TorrentSession s = new TorrentSession(info(row, torrent), engine, policy, this::metadataArrived);
        sessions.put(s.infoHash, s);
        s.start();
        log.info("torrent {}: added by {}: '{}'", s.infoHash, row.addedBy(), s.name());
        return view(s);
    }

    @Override
    public List<TorrentView> list() {
        return sessions.values().stream()
                .sorted(Comparator.comparing((TorrentSession s) -> s.addedAt).thenComparing(s -> s.infoHash))
                .map(this::view).toList();
    }

    @Override
    public Optional<TorrentView> get(String infoHash) {
        return Optional.ofNullable(sessions.get(infoHash)).map(this::view);
    }

    @Override
    public synchronized void remove(String infoHash, boolean deleteData) throws TorrentException {
        TorrentSession s = require(infoHash);
        s.remove(tuning.stopTimeout().toMillis());
        sessions.remove(infoHash);
        store.delete(infoHash);
        if (deleteData) {
            TorrentFiles.deleteTree(s.root);
        }
        log.info("torrent {}: removed{}", infoHash, deleteData ? " with its data" : "");
    }

    @Override
    public void pause(String infoHash) throws TorrentException {
        TorrentSession s = require(infoHash);
        s.pause(tuning.stopTimeout().toMillis());
        s.evicted = false; // paused by hand now: watching it no longer resumes it
        store.setPaused(infoHash, true);
        store.setEvicted(infoHash, false);
        log.info("torrent {}: paused", infoHash);
    }

    @Override
    public void resume(String infoHash) throws TorrentException {
        TorrentSession s = require(infoHash);
        store.setPaused(infoHash, false);
        store.setEvicted(infoHash, false);
        s.resume(tuning.stopTimeout().toMillis());
        log.info("torrent {}: resumed", infoHash);
    }

    @Override
    public TorrentFileReader open(String infoHash, int fileIndex) throws TorrentException {
        TorrentSession s = require(infoHash);
        LoadedTorrent l = s.loaded();
        if (l == null) {
            throw new TorrentException(TorrentException.Kind.NO_METADATA, "torrent " + infoHash + " has no metadata yet");
        }
        if (fileIndex < 0 || fileIndex >= l.layout().files().size()) {
            throw new TorrentException(TorrentException.Kind.NOT_FOUND, "torrent " + infoHash + " has no file " + fileIndex);
        }
        if (s.evicted && s.paused()) {
            resume(infoHash);
        }
        Instant now = Instant.now();
        s.watched(now);
        store.setLastWatched(infoHash, now);
        return new SessionFileReader(s, l, fileIndex);
    }

    @Override
    public void close() {
        if (upkeep != null) {
            upkeep.close();
        }
        sessions.values().forEach(s -> s.gate.close(TorrentException.Kind.GONE, "the server is stopping"));
        if (engine != null) {
            engine.close();
        }
        sessions.clear();
    }

    // --- internals -------------------------------------------------------------------------------------------

    private TorrentView view(TorrentSession s) {
        return TorrentViews.of(s, engine.sessionState(s.id));
    }

    private TorrentSession require(String infoHash) throws TorrentException {
        TorrentSession s = infoHash == null ? null : sessions.get(infoHash);
        if (s == null) {
            throw new TorrentException(TorrentException.Kind.NOT_FOUND, "no torrent " + infoHash);
        }
        return s;
    }

    private TorrentSession session(TorrentRow row) throws TorrentException {
        Torrent torrent = row.metainfo() == null ? null : Metainfo.parse(row.metainfo());
        return new TorrentSession(info(row, torrent), engine, policy, this::metadataArrived);
    }

    private SessionInfo info(TorrentRow row, Torrent torrent) {
        return new SessionInfo(row.infoHash(), row.magnet(), torrent, row.name(), torrentsDir.resolve(row.infoHash()),
                row.addedAt(), row.addedBy(), row.ownerId(), row.paused(), row.lastWatchedAt(), row.evicted());
    }

    /** Stores a magnet's metadata, so that the next start needs no swarm for it (on a Bt thread: a quick write). */
    private void metadataArrived(TorrentSession s) {
        Torrent t = s.loaded().torrent();
        List<String> trackers = List.copyOf(MagnetUriParser.lenientParser().parse(s.magnet).getTrackerUrls());
        store.setMetainfo(s.infoHash, Metainfo.fileBytes(t, trackers), t.getName(), t.getSize());
    }

    /**
     * Deletes an idle torrent's data to stay within the disk budget (on the upkeep thread). The torrent stays listed,
     * paused so that it does not fill the disk again; opening one of its files resumes it.
     */
    private void evict(TorrentSession s) {
        s.pause(tuning.stopTimeout().toMillis());
        s.forgetData();
        s.evicted = true;
        TorrentFiles.deleteTree(s.root);
        store.setPaused(s.infoHash, true);
        store.setEvicted(s.infoHash, true);
        store.setBytesVerified(s.infoHash, 0);
        log.info("torrent {}: data deleted to stay within the disk budget; paused until watched again", s.infoHash);
    }

    private void listen(EventSource events) {
        events.onMetadataAvailable(null, e -> with(e.getTorrentId(), s -> s.onMetadata(e.getTorrent())));
        events.onTorrentStarted(null, e -> with(e.getTorrentId(), TorrentSession::onStarted));
        events.onPieceVerified(null, e -> with(e.getTorrentId(), s -> s.onPieceVerified(e.getPieceIndex())));
        events.onTorrentStopped(null, e -> with(e.getTorrentId(), TorrentSession::onStopped));
        events.onPeerDiscovered(null, e -> with(e.getTorrentId(), s -> s.onPeerDiscovered(e.getPeer())));
    }

    private void with(TorrentId id, Consumer<TorrentSession> action) {
        TorrentSession s = sessions.get(Metainfo.infoHash(id));
        if (s != null) {
            action.accept(s);
        }
    }
}
