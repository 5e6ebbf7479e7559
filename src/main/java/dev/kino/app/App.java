package dev.kino.app;

import dev.kino.auth.AuthService;
import dev.kino.auth.LinkSigner;
import dev.kino.auth.SecretKeyFile;
import dev.kino.config.HttpConfig;
import dev.kino.config.ServerConfig;
import dev.kino.http.HttpDeps;
import dev.kino.http.KinoHttpServer;
import dev.kino.http.LinkTargets;
import dev.kino.http.WebModule;
import dev.kino.library.MediaLibrary;
import dev.kino.library.MediaProber;
import dev.kino.library.PosterCache;
import dev.kino.store.WatchStore;
import dev.kino.subtitles.SubtitleService;
import dev.kino.library.SourceProber;
import dev.kino.library.web.LibraryWeb;
import dev.kino.live.StreamDirectory;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.output.hls.HlsOutputs;
import dev.kino.live.output.record.LiveRecorder;
import dev.kino.live.rung.LiveRungs;
import dev.kino.live.web.LiveWeb;
import dev.kino.store.Database;
import dev.kino.store.MediaInfoStore;
import dev.kino.store.SettingsStore;
import dev.kino.store.StreamStore;
import dev.kino.store.TorrentStore;
import dev.kino.torrent.TorrentService;
import dev.kino.torrent.Torrents;
import dev.kino.torrent.web.TorrentWeb;
import dev.kino.transcode.FfmpegLocator;
import dev.kino.transcode.FfmpegRemux;
import dev.kino.transcode.FfmpegTools;
import dev.kino.transcode.HlsService;
import dev.kino.transcode.Leftovers;
import dev.kino.transcode.TranscodeService;
import dev.kino.transcode.web.FfmpegGate;
import dev.kino.transcode.web.HlsResponder;
import dev.kino.transcode.web.TranscodeWeb;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the components, starts them in order and closes them in reverse. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    private static final long SESSION_SWEEP_MILLIS = TimeUnit.MINUTES.toMillis(10);
    /** How soon a password changed or an account removed by the CLI ends the sessions this server holds. */
    private static final long SESSION_SYNC_MILLIS = 2_000;

    private final ServerConfig config;
    private static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(30);
    /** How long probing a torrent file may wait for its first and last pieces (a 503 to try again after). */
    private static final java.time.Duration SOURCE_PROBE_TIMEOUT = java.time.Duration.ofSeconds(60);
    /** How long joining a recording's pieces may take (a copy: about a minute for a long session on a slow disk). */
    private static final java.time.Duration REMUX_TIMEOUT = java.time.Duration.ofHours(1);

    private MediaLibrary library;
    private MediaProber prober;
    private SourceProber sourceProber;
    private SubtitleService subtitles;
    private TranscodeService transcodes;
    private LiveRungs liveRungs;
    private Torrents torrents;
    private LiveRecorder recorder;
    private Vertx vertx;
    private int port;
    private LiveIngests.Ports ingestPorts = new LiveIngests.Ports(0, 0);
    private DataDirLock lock;
    private Optional<String> generatedAdminPassword = Optional.empty();

    private App(ServerConfig config) {
        this.config = config;
    }

    /** Starts everything; returns once the HTTP port is bound. */
    public static App start(ServerConfig config) {
        return start(config, null);
    }

    /** Starts everything with the given torrent service (tests pass their own), or Kino's own if null; the app closes it. */
    public static App start(ServerConfig config, Supplier<Torrents> torrentService) {
        App app = new App(config);
        try {
            app.doStart(torrentService);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void doStart(Supplier<Torrents> torrentService) {
        lock = DataDirLock.acquire(config.dataDir());
        // the lock is ours, so any ffmpeg recorded here was an earlier server's, left running when it was killed
        Leftovers leftovers = new Leftovers(config.dataDir().resolve("ffmpeg-pids"));
        leftovers.endAll();
        Database db = Database.open(config.dataDir());
        AuthService auth = Services.auth(db, config.auth());
        auth.reloadSessions();
        generatedAdminPassword = auth.ensureAdmin();
        generatedAdminPassword.ifPresent(pw -> log.warn(
                "created user 'admin' with password: {}  (shown only this once; change it with: ./kino user passwd admin --data {})",
                pw, config.dataDir()));
        LinkSigner signer = new LinkSigner(SecretKeyFile.loadOrCreate(config.dataDir()));
        FfmpegTools ffmpeg = FfmpegLocator.locate(config.dataDir().resolve("bundled"));
        if (ffmpeg.available()) {
            log.info("ffmpeg: {} ({})", ffmpeg.ffmpeg(), ffmpeg.source());
        }
        library = new MediaLibrary(config.library());
        new SettingsStore(db).put(SettingsStore.MEDIA_ROOT, library.root().toString());
        prober = new MediaProber(new MediaInfoStore(db), MediaProber.ffprobe(ffmpeg.ffprobe(), PROBE_TIMEOUT), library::realFile);
        prober.start();
        if (ffmpeg.available()) { // without ffprobe nothing new is probed, so no file is recorded as unreadable
            library.onScan(prober::onScan);
        }
        library.start();

        vertx = Vertx.vertx(new VertxOptions()
                .setPreferNativeTransport(true)
                .setEventLoopPoolSize(config.http().eventLoops())
                .setFileSystemOptions(new FileSystemOptions()
                        .setFileCacheDir(config.dataDir().resolve("cache").toAbsolutePath().toString())));
        log.info("network transport: {}", vertx.isNativeTransportEnabled() ? "native (epoll)" : "NIO");
        vertx.setPeriodic(SESSION_SWEEP_MILLIS, id -> vertx.executeBlocking(() -> {
            auth.reloadSessions();
            return null;
        }, false));
        vertx.setPeriodic(SESSION_SYNC_MILLIS, id -> vertx.executeBlocking(() -> {
            auth.syncSessions();
            return null;
        }, false));
        transcodes = new TranscodeService(ffmpeg, config.transcode(), leftovers);
        if (torrentService == null) {
            TorrentService service = new TorrentService(config.dataDir(), config.torrent(), new TorrentStore(db));
            torrents = service;
            service.start();
        } else {
            torrents = torrentService.get();
        }
        PosterCache posters = new PosterCache(config.dataDir(), ffmpeg, prober, library);
        subtitles = new SubtitleService(config.dataDir(), ffmpeg);
        sourceProber = new SourceProber(ffmpeg.ffprobe(), SOURCE_PROBE_TIMEOUT);
        StreamHub hub = new StreamHub(config.live());
        vertx.setPeriodic(1000, id -> vertx.executeBlocking(() -> { // tick waits for every stream's owner: not on an event loop
            hub.tick(System.nanoTime(), (name, q) -> log.info("stream {}: dropped viewer {}: too far behind", name, q.id()));
            return null;
        }));
        // HLS rung (issue 14): the H.264/AAC transcode of WebM streams; the HLS output asks it where to read from
        liveRungs = new LiveRungs(hub, transcodes, HlsOutputs.RUNG_LINGER);
        StreamDirectory streams = new StreamDirectory(new StreamStore(db), config.live());
        recorder = new LiveRecorder(hub, library.root().resolve("recordings"), config.recording(), streams::records,
                (pieces, out, format) -> FfmpegRemux.run(ffmpeg, pieces, out, format, REMUX_TIMEOUT), library::refresh);
        recorder.start();
        ingestPorts = LiveIngests.start(vertx, hub, streams, config.live());
        HlsResponder hls = new HlsResponder(new HlsService(transcodes));
        Handler<RoutingContext> requireFfmpeg = FfmpegGate.of(ffmpeg);
        LinkTargets linkTargets = (target, user) -> switch (target.kind()) {
            case LIVE -> true;
            case MEDIA -> library.find(target.key()).isPresent();
            case TORRENT -> torrents.get(target.key()).filter(t -> t.visibleTo(user)).isPresent();
        };
        HttpConfig http = config.http();
        List<WebModule> modules = List.of(
                new LibraryWeb(library, prober, posters, subtitles, new WatchStore(db), transcodes, hls, http.maxRanges(), requireFfmpeg),
                new TranscodeWeb(transcodes),
                new LiveWeb(hub, streams, ingestPorts.rtmp(), new HlsOutputs(vertx, liveRungs, config.live().hls(),
                        config.dataDir().resolve("hls-dvr")),
                        recorder),
                new TorrentWeb(torrents, signer, http.host(), http.maxRanges(), http.baseUrl(), config.auth().maxLinkTtl(),
                        sourceProber, hls, requireFfmpeg));
        HttpDeps deps = new HttpDeps(http, config.auth(), auth, signer, http.baseUrl(), Metrics.create(auth, library, transcodes),
                linkTargets, modules);
        try {
            port = KinoHttpServer.start(vertx, deps).await();
        } catch (Exception e) { // await() rethrows the bind's IOException as it is
            if (addressInUse(e)) {
                throw new StartupException("port " + config.http().port() + " on " + config.http().host() + " is already in use "
                        + "(another Kino, or another server?): choose another with --port or KINO_PORT");
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("cannot listen: " + e.getMessage(), e);
        }
        log.info("media folder: {}", library.root());
        log.info("listening on http://{}:{}", config.http().host(), port);
    }

    private static boolean addressInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    public int port() {
        return port;
    }

    /** The RTMP ingest's port; 0 when RTMP is off. */
    public int rtmpPort() {
        return ingestPorts.rtmp();
    }

    /** The RTMPS ingest's port; 0 when RTMPS is off. */
    public int rtmpsPort() {
        return ingestPorts.rtmps();
    }

    /** The password of the {@code admin} account created on this first start, if one was. */
    public Optional<String> generatedAdminPassword() {
        return generatedAdminPassword;
    }

    @Override
    public void close() {
        if (recorder != null) {
            recorder.close(); // first: what is being recorded is finished while ffmpeg and the library are still there
        }
        if (torrents != null) {
            torrents.close(); // first: readers blocked on pieces are told the torrent is gone
        }
        if (vertx != null) {
            try {
                vertx.close().await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("vert.x did not close cleanly: {}", e.toString());
            }
        }
        if (liveRungs != null) {
            liveRungs.close(); // before the transcodes: each rung lets go of its own ffmpeg and slot
        }
        if (transcodes != null) {
            transcodes.close();
        }
        if (library != null) {
            library.close();
        }
        if (prober != null) {
            prober.close();
        }
        if (sourceProber != null) {
            sourceProber.close();
        }
        if (subtitles != null) {
            subtitles.close();
        }
        if (lock != null) {
            lock.close();
        }
        log.info("stopped");
    }
}
