package dev.kino.live.rung;

import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.StreamHub;
import dev.kino.transcode.TranscodeService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where HLS reads a live stream from. A stream HLS players can take (fragmented MP4 with H.264, HEVC and AAC) is read
 * as it is; any other (WebM from a browser tab: VP8, VP9, Opus) gets one H.264/AAC rung: an ffmpeg transcode, counted
 * against the transcode cap, that reads the source as a hub reader and publishes into a derived stream named
 * {@code NAME~h264} (a name no user stream can have). There is at most one rung per source however many ask at once;
 * it starts on the first request and stops once the derived stream has had no reader for {@link #IDLE_AFTER}, when the
 * source ends, when ffmpeg dies (the next request starts it again) and on {@link #close()}. One per server.
 */
public final class LiveRungs implements AutoCloseable {
    /** How long a rung runs with nobody reading the derived stream. */
    public static final Duration IDLE_AFTER = Duration.ofSeconds(5);
    /** What a 503 answers when every transcode slot is taken: live rungs are long, so not too eagerly. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** What the derived stream's name adds to its source's. */
    public static final String SUFFIX = "~h264";
    private static final Logger log = LoggerFactory.getLogger(LiveRungs.class);
    private static final long CLOSE_WAIT_SECONDS = 10;

    /** Where to read HLS from. */
    public sealed interface Source permits Ready, Busy, NotLive {}

    /** Read HLS from this stream: the source itself, or the rung's derived stream (its init may not have come yet). */
    public record Ready(LiveStream stream) implements Source {}

    /** Every transcode slot is taken: answer 503 with {@code Retry-After}. */
    public record Busy(int retryAfterSeconds) implements Source {}

    /** No publisher, or no init segment yet. */
    public record NotLive() implements Source {}

    private final StreamHub hub;
    private final TranscodeService transcodes;
    private final Duration idleAfter;
    private final Map<String, Rung> rungs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public LiveRungs(StreamHub hub, TranscodeService transcodes) {
        this(hub, transcodes, IDLE_AFTER);
    }

    /** @param idleAfter how long a rung runs on once its last reader has gone */
    public LiveRungs(StreamHub hub, TranscodeService transcodes, Duration idleAfter) {
        this.hub = hub;
        this.transcodes = transcodes;
        this.idleAfter = idleAfter;
    }

    /**
     * Never blocks (callable from an event loop): the source itself when HLS can take its codecs, else the H.264/AAC
     * rung's derived stream, started if not running. Completes on a virtual thread (never on a stream's owner, so
     * what follows may ask the stream at once; a caller on an event loop hops back to its context); it fails (an {@code IOException} cause) when ffmpeg cannot be started at
     * all. A {@link Ready} derived stream may stop later (ffmpeg died, the source ended): its publisher then leaves,
     * and asking again starts a new rung.
     */
    public CompletableFuture<Source> hlsSource(String streamName) {
        Optional<LiveStream> found = hub.find(streamName);
        if (closed || found.isEmpty()) {
            return CompletableFuture.completedFuture(new NotLive());
        }
        LiveStream source = found.get();
        return source.statusAsync(System.nanoTime()).thenComposeAsync(status -> {
            if (!status.live() || status.mimeType() == null) {
                return CompletableFuture.completedFuture(new NotLive());
            }
            if (HlsCodecs.playable(status.mimeType())) {
                return CompletableFuture.completedFuture(new Ready(source));
            }
            return rung(source);
        }, LiveRungs::onVirtualThread);
    }

    /** The running rung of {@code source}, started if there is none; waits (without blocking) for one stopping to go. */
    private CompletableFuture<Source> rung(LiveStream source) {
        String name = source.name();
        Rung[] made = new Rung[1];
        Rung rung = rungs.computeIfAbsent(name, n -> made[0] = new Rung(source, hub.stream(n + SUFFIX), transcodes,
                idleAfter, () -> rungs.remove(n, made[0])));
        if (made[0] != null) {
            if (closed) {
                made[0].stop("Kino is shutting down");
            }
            made[0].start();
        }
        if (rung.isStopping()) { // its release reaches the derived stream before the next rung's claim
            return rung.stopped().thenCompose(v -> hlsSource(name));
        }
        rung.wanted();
        return rung.ready();
    }

    /** Off the stream's owner, which answered the status: a stream refuses to be asked on its own owner. */
    private static void onVirtualThread(Runnable task) {
        Thread.ofVirtual().name("hls-source").start(task);
    }

    /** The source streams that have a rung now (for tests and the API). */
    List<String> running() {
        return List.copyOf(rungs.keySet());
    }

    /** Stops every rung and waits (bounded) until their ffmpegs are gone and their threads have ended. */
    @Override
    public void close() {
        closed = true;
        List<Rung> all = new ArrayList<>(rungs.values());
        all.forEach(r -> r.stop("Kino is shutting down"));
        for (Rung r : all) {
            try {
                r.stopped().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                r.awaitThreads();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                log.warn("a rung did not stop within {} s: {}", CLOSE_WAIT_SECONDS, e.toString());
            }
        }
    }
}
