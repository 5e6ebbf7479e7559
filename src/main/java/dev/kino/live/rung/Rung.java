package dev.kino.live.rung;

import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.hub.ReaderQueue;
import dev.kino.live.rung.LiveRungs.Busy;
import dev.kino.live.rung.LiveRungs.NotLive;
import dev.kino.live.rung.LiveRungs.Ready;
import dev.kino.live.rung.LiveRungs.Source;
import dev.kino.transcode.FfmpegTools;
import dev.kino.transcode.TranscodeService;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source stream's H.264/AAC rung: a hub reader of the source whose units (init, then fragments, in order) its
 * feeder thread writes into ffmpeg, which {@link RungProcess} parses into the derived stream. Everything blocking runs
 * on the rung's own virtual threads: the feeder (which also starts and restarts ffmpeg) and a watcher that stops the
 * rung once the derived stream has had no reader for {@code idleAfter}. It stops, once, for the first of: no readers,
 * the source ended (its queue closed: the publisher's grace is over, or the hub dropped this reader for being too far
 * behind), ffmpeg died, {@link LiveRungs#close()}. A re-init of the source restarts ffmpeg in place. A fragment that
 * waited too long for a busy ffmpeg is skipped, up to the next keyframe on time ({@link Backlog}).
 */
final class Rung {
    private static final Logger log = LoggerFactory.getLogger(Rung.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** How often the watcher asks the derived stream for its readers. */
    private static final long WATCH_MILLIS = 250;
    /** How long an idle feeder waits for a wakeup before it looks at its queue again. */
    private static final long FEED_WAIT_MILLIS = 1_000;
    private static final Duration THREAD_JOIN = Duration.ofSeconds(5);
    /** How long a fragment may wait for ffmpeg before the rung skips to the next keyframe ({@link Backlog}). */
    static final Duration MAX_BACKLOG = Duration.ofSeconds(3);
    private static final long REPORT_SKIPS_NANOS = 5_000_000_000L;

    private final String name;
    private final LiveStream source;
    private final LiveStream derived;
    private final TranscodeService transcodes;
    private final FfmpegTools tools;
    private final Duration idleAfter;
    private final Runnable forget;
    private final String id = "hls-rung-" + IDS.incrementAndGet();
    private final CompletableFuture<Source> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Semaphore arrivals = new Semaphore(0);
    private final Thread feeder;
    private final Thread watcher;
    private volatile long wantedAtNanos = System.nanoTime();
    private volatile ReaderQueue queue; // set and read by the feeder; the watcher only passes viewer counts to it
    private Backlog backlog; // feeder only
    private long skipsReportedAt; // feeder only
    private boolean claimed; // feeder only
    private RungProcess process; // guarded by this
    private String stopReason; // guarded by this

    /** @param forget takes this rung out of its owner's map; called as the last step of a stop */
    Rung(LiveStream source, LiveStream derived, TranscodeService transcodes, Duration idleAfter, Runnable forget) {
        this.name = source.name();
        this.source = source;
        this.derived = derived;
        this.transcodes = transcodes;
        this.tools = transcodes.tools();
        this.idleAfter = idleAfter;
        this.forget = forget;
        this.feeder = Thread.ofVirtual().name("hls-rung " + name + " feed").unstarted(this::run);
        this.watcher = Thread.ofVirtual().name("hls-rung " + name + " watch").unstarted(this::watch);
    }

    /** Starts the rung on its own thread; {@link #ready()} says how that went. Never blocks. */
    void start() {
        feeder.start();
    }

    /** {@link Ready} with the derived stream once ffmpeg runs, {@link Busy} or {@link NotLive} if it cannot. */
    CompletableFuture<Source> ready() {
        return ready;
    }

    /** Completes once the rung has stopped and left its owner's map. */
    CompletableFuture<Void> stopped() {
        return stopped;
    }

    boolean isStopping() {
        return stopping.getCount() == 0;
    }

    /** Someone asked for HLS of this stream just now: the idle clock starts again. */
    void wanted() {
        wantedAtNanos = System.nanoTime();
    }

    /**
     * Stops the rung (the first reason wins; later calls return at once): ffmpeg is killed here, so that a feeder
     * waiting on its pipe wakes up, and the feeder lets go of the slot and both streams as it ends.
     */
    void stop(String reason) {
        RungProcess p;
        synchronized (this) {
            if (stopReason != null) {
                return;
            }
            stopReason = reason;
            p = process;
        }
        stopping.countDown();
        arrivals.release(); // wakes an idle feeder, which sees the stop
        if (p != null) {
            p.close();
        }
    }

    /** Waits (bounded) for the rung's threads to end; after {@link #stop}. */
    void awaitThreads() throws InterruptedException {
        for (Thread t : new Thread[] {feeder, watcher}) {
            if (t.isAlive() && t != Thread.currentThread() && !t.join(THREAD_JOIN)) {
                log.warn("stream {}: rung thread {} did not end", name, t.getName());
            }
        }
    }

    /** The feeder: starts the rung, feeds it, and owns what it holds until it has let go of all of it. */
    private void run() {
        try {
            if (begin()) {
                watcher.start();
                feed();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("stream {}: H.264/AAC rung failed: {}", name, e.toString());
            ready.completeExceptionally(e);
            stop("failed: " + e);
        } catch (InterruptedException e) {
            stop("interrupted");
        } finally {
            end();
        }
    }

    /** Lets go of ffmpeg (and its slot), the source and the derived stream; then the rung is gone. */
    private void end() {
        RungProcess p;
        String reason;
        synchronized (this) {
            p = process;
            process = null;
            reason = stopReason;
        }
        try {
            if (p != null) {
                p.close();
            }
            if (queue != null) {
                source.unsubscribe(id);
            }
            if (claimed) {
                derived.release(id, System.nanoTime());
            }
            log.info("stream {}: H.264/AAC rung for HLS stopped: {}", name, reason);
        } finally {
            ready.complete(new NotLive()); // if it never started
            forget.run();
            stopped.complete(null);
        }
    }

    /** Joins the source, takes the derived stream and a transcode slot, starts ffmpeg; false if it could not. */
    private boolean begin() throws IOException {
        if (!tools.available()) {
            throw new IOException("no ffmpeg: " + FfmpegTools.HOW_TO_FIX);
        }
        backlog = new Backlog(MAX_BACKLOG.toNanos(), System.nanoTime());
        queue = source.subscribeUncounted(id, arrivals::release, System.nanoTime()); // counts what the watcher says
        MediaUnit init = queue.poll(); // the join queued the stream's init first, if it has one
        if (init == null || !init.init()) {
            stop("the source has no init segment (no publisher yet)");
            return false;
        }
        claimed = derived.claim(id, System.nanoTime()); // the id is this rung's alone, and the last rung released first
        if (!claimed) {
            throw new IllegalStateException("stream " + derived.name() + " has another publisher");
        }
        if (!launch(init)) {
            ready.complete(new Busy(LiveRungs.RETRY_AFTER_SECONDS));
            stop("every transcode slot is taken");
            return false;
        }
        ready.complete(new Ready(derived));
        return !isStopping();
    }

    /** Starts ffmpeg for the stream {@code init} begins and feeds it the init; false if no slot was free. */
    private boolean launch(MediaUnit init) throws IOException {
        Optional<String> demuxer = HlsCodecs.demuxer(init.mimeType());
        if (demuxer.isEmpty()) {
            throw new IOException("no demuxer for " + init.mimeType());
        }
        Optional<RungProcess> started = RungProcess.start(transcodes, name, RungCommand.argv(tools, demuxer.get()), derived, id,
                this::ended);
        if (started.isEmpty()) {
            return false;
        }
        RungProcess run = started.get();
        boolean stoppedMeanwhile;
        synchronized (this) {
            stoppedMeanwhile = stopReason != null;
            if (!stoppedMeanwhile) {
                process = run;
            }
        }
        if (stoppedMeanwhile) {
            run.close();
            return true;
        }
        log.info("stream {}: H.264/AAC rung for HLS: ffmpeg job {} reads {}", name, started.get().jobId(), init.mimeType());
        write(init);
        return true;
    }

    /** Hands the source's units to ffmpeg in order until the rung stops. */
    private void feed() throws IOException, InterruptedException {
        while (!isStopping()) {
            MediaUnit u = queue.poll();
            if (u == null) {
                if (queue.isClosed()) {
                    stop("the source stream ended (or dropped this reader for being too far behind)");
                    return;
                }
                arrivals.tryAcquire(FEED_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                arrivals.drainPermits();
            } else if (u.init()) {
                backlog.admit(u, System.nanoTime());
                restart(u);
            } else if (backlog.admit(u, System.nanoTime())) {
                write(u);
            } else {
                reportSkips();
            }
        }
    }

    /** At most every few seconds, says how much a slow ffmpeg made the rung skip. */
    private void reportSkips() {
        long now = System.nanoTime();
        if (now - skipsReportedAt >= REPORT_SKIPS_NANOS) {
            skipsReportedAt = now;
            log.info("stream {}: the rung's ffmpeg is over {} s behind: skipping to the next keyframe ({} fragments since "
                    + "the last report)", name, MAX_BACKLOG.toSeconds(), backlog.newlySkipped());
        }
    }

    /** The source was re-initialised (its publisher restarted): a fresh ffmpeg for the new stream. */
    private void restart(MediaUnit init) throws IOException {
        RungProcess old;
        synchronized (this) {
            old = process;
            process = null;
        }
        if (old != null) {
            old.close();
        }
        log.info("stream {}: the source was re-initialised: restarting the rung's ffmpeg", name);
        if (!launch(init)) {
            stop("the source was re-initialised and every transcode slot is taken");
        }
    }

    private void write(MediaUnit u) {
        RungProcess p;
        synchronized (this) {
            p = process;
        }
        if (p == null) {
            return;
        }
        try {
            p.write(u);
        } catch (IOException e) {
            if (!isStopping()) {
                log.debug("stream {}: writing to ffmpeg failed: {}", name, e.toString()); // its stdout thread says why
            }
        }
    }

    /** A run nobody closed has ended: ffmpeg died. */
    private void ended(RungProcess run, String why) {
        synchronized (this) {
            if (process != run) {
                return; // an old run, replaced at a re-init
            }
        }
        log.warn("stream {}: the rung's ffmpeg stopped: {}", name, why);
        stop("ffmpeg stopped");
    }

    /**
     * Passes the derived stream's viewers on to the source (whose status then counts the HLS players of the rung),
     * and stops the rung once the derived stream has had no reader, and nobody has asked for it, for {@code idleAfter}.
     */
    private void watch() {
        long watchedAt = System.nanoTime();
        try {
            while (!stopping.await(WATCH_MILLIS, TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                LiveStream.Status st = derived.status(now);
                ReaderQueue q = queue;
                if (q != null) {
                    q.viewers(st.viewers());
                }
                if (st.readers() > 0) {
                    watchedAt = now;
                } else if (now - Math.max(watchedAt, wantedAtNanos) > idleAfter.toNanos()) {
                    stop("no HLS reader for " + idleAfter.toSeconds() + " s");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
