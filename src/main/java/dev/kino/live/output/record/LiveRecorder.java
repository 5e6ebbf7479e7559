package dev.kino.live.output.record;

import dev.kino.config.RecordingConfig;
import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.StreamHub;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records live streams into the library: each publish session of a stream that records becomes one file
 * {@code recordings/NAME/yyyy-MM-dd_HH-mm-ss.mp4} (or {@code .webm} for WebM publishers) under the media folder. The
 * hub tells it of every publisher that claims a stream; a recording ({@link Recording}) is then one more reader of
 * that stream, and a publisher that comes back within the grace period goes on in the same recording. When the
 * session ends, the recording is finished ({@link Finaliser}) on this recorder's own thread, the library is told,
 * and {@code live.record-keep} is applied; the same thread finishes, at start, any recording a previous run left.
 */
public final class LiveRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveRecorder.class);
    private static final long SWEEP_EVERY_MINUTES = 10;
    private static final long STOP_WAIT_MILLIS = 10_000;
    private static final long FINISH_WAIT_SECONDS = 120;

    private final StreamHub hub;
    private final Path root;
    private final RecordingConfig config;
    private final Predicate<String> records;
    private final Finaliser finaliser;
    private final Runnable libraryChanged;
    private final Storage storage;
    private final Clock clock;
    private final Map<String, Recording> active = new ConcurrentHashMap<>();
    private final Map<String, String> errors = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "recordings");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /**
     * @param root           the recordings folder ({@code recordings} in the media folder)
     * @param records        whether a stream, by name, is to be recorded (asked at each publisher's claim)
     * @param libraryChanged called (on the recorder's thread) when a finished recording is in place or one is deleted
     */
    public LiveRecorder(StreamHub hub, Path root, RecordingConfig config, Predicate<String> records, Remuxer remuxer,
                        Runnable libraryChanged) {
        this(hub, root, config, records, remuxer, libraryChanged, Storage.FILES, Clock.systemDefaultZone());
    }

    LiveRecorder(StreamHub hub, Path root, RecordingConfig config, Predicate<String> records, Remuxer remuxer,
                 Runnable libraryChanged, Storage storage, Clock clock) {
        this.hub = hub;
        this.root = root;
        this.config = config;
        this.records = records;
        this.finaliser = new Finaliser(remuxer);
        this.libraryChanged = libraryChanged;
        this.storage = storage;
        this.clock = clock;
    }

    /** Listens for publishers, finishes what a previous run left, and applies {@code live.record-keep} now and then. */
    public void start() {
        List<RecordingFolder> left = leftovers(); // before any publisher: these are a previous run's alone
        hub.onPublisher((stream, nowNanos) -> {
            if (!closed && records.test(stream.name())) {
                begin(stream, nowNanos);
            }
        });
        worker.execute(() -> recover(left));
        worker.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY_MINUTES, SWEEP_EVERY_MINUTES, TimeUnit.MINUTES);
    }

    /**
     * Starts or stops recording {@code name} now, after its setting changed: a live stream starts recording (from
     * the last keyframe the hub holds); a running recording stops and is finished. Waits for the stream's answer: not
     * for event loops.
     */
    public void setRecording(String name, boolean on) {
        if (!on) {
            Recording r = active.get(name);
            if (r != null) {
                r.stop();
            }
            return;
        }
        Optional<LiveStream> stream = hub.find(name);
        if (!closed && stream.isPresent() && stream.get().hasPublisher()) {
            begin(stream.get(), 0);
        }
    }

    /** Whether a recording of {@code name} is running right now. */
    public boolean recording(String name) {
        Recording r = active.get(name);
        return r != null && r.running();
    }

    /** Why the last recording of {@code name} stopped early (a write that failed), until another starts. */
    public Optional<String> lastError(String name) {
        return Optional.ofNullable(errors.get(name));
    }

    /**
     * A publisher claimed {@code stream}: record it, unless it is recorded already. One that has stopped reading, or
     * reads a stream that has ended (its name now another stream's), is replaced. Quick: it runs on the stream's owner.
     */
    private void begin(LiveStream stream, long notBeforeNanos) {
        Recording[] made = new Recording[1];
        active.compute(stream.name(), (name, r) -> {
            if (r != null && r.stream() == stream && !r.ending()) {
                return r;
            }
            made[0] = new Recording(this, stream, notBeforeNanos);
            return made[0];
        });
        if (made[0] != null) {
            errors.remove(stream.name());
            made[0].start();
        }
    }

    /** Whether {@code stream} still holds its name in the hub: it has not ended (a reader it dropped may join again). */
    boolean stillLive(LiveStream stream) {
        return hub.find(stream.name()).orElse(null) == stream;
    }

    Storage storage() {
        return storage;
    }

    RecordingFolder newFolder(String name) throws IOException {
        return RecordingFolder.create(root, name, clock.instant().atZone(clock.getZone()));
    }

    /** Called by a recording's thread as it ends, with what it wrote (null if nothing) and why it failed (or null). */
    void ended(Recording r, RecordingFolder folder, String error) {
        if (error != null) {
            errors.put(r.stream().name(), error);
        }
        active.remove(r.stream().name(), r);
        if (folder != null) {
            finish(folder, error == null);
        }
    }

    /** Hands a recording's folder to this recorder's thread to be finished ({@code join}: see {@link Finaliser#finish}). */
    void finish(RecordingFolder folder, boolean join) {
        try {
            worker.execute(() -> finishNow(folder, join));
        } catch (RejectedExecutionException e) {
            log.warn("stream {}: {} is left as it was written: Kino is stopping; the next start finishes it", folder.stream(), folder);
        }
    }

    private void finishNow(RecordingFolder folder, boolean join) {
        finishQuietly(folder, join);
        sweep();
        libraryChanged.run();
    }

    private void finishQuietly(RecordingFolder folder, boolean join) {
        try {
            finaliser.finish(folder, join);
        } catch (IOException e) {
            log.warn("stream {}: cannot finish {}: {}; the next start tries again", folder.stream(), folder, e.toString());
        }
    }

    private List<RecordingFolder> leftovers() {
        try {
            return RecordingFolder.leftovers(root);
        } catch (IOException e) {
            log.warn("recordings: cannot look for unfinished recordings in {}: {}", root, e.toString());
            return List.of();
        }
    }

    private void recover(List<RecordingFolder> left) {
        for (RecordingFolder f : left) {
            log.info("stream {}: finishing {}, left unfinished by an earlier run", f.stream(), f);
            finishQuietly(f, true);
        }
        if (!left.isEmpty()) {
            libraryChanged.run();
        }
        sweep();
    }

    private void sweep() {
        try {
            if (Retention.sweep(root, config, clock.instant()) > 0) {
                libraryChanged.run();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("recordings: live.record-keep sweep of {} failed: {}", root, e.toString());
        }
    }

    /** Stops every recording and finishes what they wrote (waits for that, within bounds). */
    @Override
    public void close() {
        closed = true;
        List<Recording> running = List.copyOf(active.values());
        running.forEach(Recording::stop);
        try {
            for (Recording r : running) {
                if (!r.join(STOP_WAIT_MILLIS)) {
                    log.warn("stream {}: the recording did not stop within {} ms", r.stream().name(), STOP_WAIT_MILLIS);
                }
            }
            worker.shutdown();
            if (!worker.awaitTermination(FINISH_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("recordings: still finishing after {} s; the next start finishes what is left", FINISH_WAIT_SECONDS);
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
