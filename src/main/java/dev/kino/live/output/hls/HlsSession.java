package dev.kino.live.output.hls;

import dev.kino.config.HlsConfig;
import dev.kino.container.ParseException;
import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.output.ReaderPump;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's HLS muxer as a reader of the hub: it joins a GOP back (so a whole segment is there at once), cuts
 * what arrives into segments and parts, and answers requests, holding those that ask for what does not exist yet
 * (blocking playlist reload, the preload hint) until it does or a bound passes. Everything runs on the session's
 * own context, one thing at a time; requests hop onto it and their answers hop back. It stops once no request has
 * come for the idle time, or when the stream ends.
 */
final class HlsSession extends ReaderPump {
    private static final Logger log = LoggerFactory.getLogger(HlsSession.class);
    /** Segments kept in memory: the playlist's last few (as many as MediaMTX keeps); older ones go to disk. */
    static final int HOT_SEGMENTS = 7;
    /**
     * How long the first requests wait for the first complete segment (a playlist is written only from then on):
     * one GOP of a stream that has just started, which encoders keep under 10 s.
     */
    static final Duration FIRST_SEGMENT_WAIT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final Context context;
    private final String name;
    private final HlsConfig config;
    private final Duration idle;
    private final HlsMuxer muxer;
    private final Runnable onClosed;
    private final Path spool; // this session's folder for the older segments of the time-shift window
    private boolean spoolFailed;
    private final List<Waiter> waiters = new ArrayList<>();
    private final List<Handler<Void>> closeHandlers = new ArrayList<>();
    private boolean closed;
    private long lastRequestNanos = System.nanoTime();
    /** The players seen lately (by address and User-Agent) and when each last asked for the playlist. */
    private final Map<String, Long> players = new HashMap<>();
    private long idleTimer;

    private record Waiter(Predicate<HlsMuxer> ready, Function<HlsMuxer, HlsAnswer> answer, Consumer<HlsAnswer> reply,
                          long timer) {}

    private HlsSession(Vertx vertx, Context context, String name, HlsConfig config, Duration idle, Path spools,
                       Runnable onClosed) {
        super(context);
        this.idle = idle;
        this.vertx = vertx;
        this.context = context;
        this.name = name;
        this.config = config;
        this.onClosed = onClosed;
        long firstMsn = System.currentTimeMillis() / 1000;
        this.spool = spools.resolve(name + "-" + firstMsn);
        this.muxer = new HlsMuxer(config.segment().toMillis(), config.part().toMillis(), config.windowSegments(),
                HOT_SEGMENTS, firstMsn);
    }

    /**
     * A session of stream {@code name} reading {@code stream} (the stream itself or its rung), on a context of its
     * own; {@code onClosed} runs once it has stopped.
     *
     * @param idle   how long it lives without a request
     * @param spools the folder under which this session keeps the older segments of its time-shift window
     */
    static HlsSession open(Vertx vertx, String name, LiveStream stream, HlsConfig config, Duration idle, Path spools,
                           Runnable onClosed) {
        Context context = vertx.getOrCreateContext();
        HlsSession s = new HlsSession(vertx, context, name, config, idle, spools, onClosed);
        context.runOnContext(v -> {
            s.start(stream, "hls", "muxer", s.closeHandlers::add, d -> { });
            long every = Math.max(250, s.idle.toMillis() / 10);
            s.idleTimer = vertx.setPeriodic(every, id -> s.checkIdle());
        });
        return s;
    }

    /**
     * Answers a request once {@code ready} holds (at once if it does), or with 503 after three target durations
     * (before the first segment is complete: after {@link #FIRST_SEGMENT_WAIT}); {@code reply} runs on the session's
     * context.
     *
     * @param player who asks for the playlist (address and User-Agent), counted as a viewer while it keeps asking;
     *               {@code null} for media requests
     */
    void request(String player, Predicate<HlsMuxer> ready, Function<HlsMuxer, HlsAnswer> answer, Consumer<HlsAnswer> then) {
        // a player is seen when it asks and again when it is answered (a blocking request may wait a while)
        Consumer<HlsAnswer> reply = player == null ? then : a -> {
            players.put(player, System.nanoTime());
            then.accept(a);
        };
        context.runOnContext(v -> {
            lastRequestNanos = System.nanoTime();
            if (player != null && players.put(player, lastRequestNanos) == null) {
                countPlayers(lastRequestNanos);
            }
            if (closed) {
                reply.accept(HlsAnswer.error(503, "the stream's HLS output has just stopped: try again"));
            } else if (ready.test(muxer)) {
                reply.accept(answer.apply(muxer));
            } else {
                Waiter[] self = new Waiter[1];
                long maxWaitMillis = muxer.started() ? 3000L * muxer.targetDuration() : FIRST_SEGMENT_WAIT.toMillis();
                long timer = vertx.setTimer(maxWaitMillis, id -> {
                    if (waiters.remove(self[0])) {
                        reply.accept(HlsAnswer.error(503, "not available yet: try again"));
                    }
                });
                self[0] = new Waiter(ready, answer, reply, timer);
                waiters.add(self[0]);
            }
        });
    }

    @Override
    protected boolean history() {
        return true;
    }

    @Override
    protected void write(MediaUnit u) {
        try {
            if (u.init()) {
                muxer.init(u.data(), u.mimeType());
            } else {
                long wall = System.currentTimeMillis() - (System.nanoTime() - u.arrivalNanos()) / 1_000_000;
                muxer.fragment(u.data(), wall);
            }
        } catch (ParseException e) {
            log.warn("stream {}: HLS cannot read the stream ({}); stopping its HLS output", name, e.getMessage());
            close();
        }
    }

    /** All that had arrived is in: only now are waiting requests answered (a joiner's whole cached GOP at once). */
    @Override
    protected void idle() {
        wakeWaiters();
        spill();
    }

    /**
     * Moves the segments that have left the in-memory window to disk (written by Vert.x's file system, off this
     * loop) and deletes those that have left the time-shift window. A disk that refuses keeps them in memory,
     * said once in the log.
     */
    private void spill() {
        FileSystem fs = vertx.fileSystem();
        for (HlsMuxer.Segment s : muxer.takeDropped()) {
            if (s.file() != null) {
                fs.delete(s.file().toString());
            }
        }
        for (HlsMuxer.Segment s : muxer.takeCooled()) {
            Path file = spool.resolve(HlsPlaylist.segmentUri(s.msn));
            fs.mkdirs(spool.toString()).compose(v -> fs.writeFile(file.toString(), Buffer.buffer(s.data())))
                    .onComplete(r -> context.runOnContext(v -> {
                        if (r.succeeded()) {
                            s.spilled(file);
                        } else if (!spoolFailed) {
                            spoolFailed = true;
                            log.warn("stream {}: cannot keep HLS segments in {} ({}): they stay in memory", name, spool,
                                    r.cause().getMessage());
                        }
                    }));
        }
    }

    @Override
    protected void leave() {
        muxer.end();
        wakeWaiters();
        close();
    }

    @Override
    protected boolean closed() {
        return closed;
    }

    @Override
    protected boolean writeQueueFull() {
        return false;
    }

    private void wakeWaiters() {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.ready().test(muxer)) {
                it.remove();
                vertx.cancelTimer(w.timer());
                w.reply().accept(w.answer().apply(muxer));
            }
        }
    }

    /**
     * Tells the hub how many players this muxer serves: those that asked for the playlist within the last three
     * target durations (at least 3 s). Every player reloads it at least once a target duration (a low-latency one
     * once a part), so one that has not for that long has gone.
     */
    private void countPlayers(long nowNanos) {
        long window = Math.max(3_000_000_000L, 3_000_000_000L * muxer.targetDuration());
        players.values().removeIf(seen -> nowNanos - seen > window);
        reportViewers(players.size());
    }

    @Override
    protected int viewersAtJoin() {
        return 0; // the players are counted as they come (countPlayers)
    }

    private void checkIdle() {
        countPlayers(System.nanoTime());
        if (!closed && System.nanoTime() - lastRequestNanos > idle.toNanos()) {
            log.info("stream {}: no HLS request for {} s: its HLS output stops", name, idle.toSeconds());
            close();
        }
    }

    /** Stops reading the stream; requests still waiting get 503. */
    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(idleTimer);
        for (Waiter w : waiters) {
            vertx.cancelTimer(w.timer());
            w.reply().accept(HlsAnswer.error(503, "the stream's HLS output has stopped: try again"));
        }
        waiters.clear();
        closeHandlers.forEach(h -> h.handle(null));
        vertx.fileSystem().exists(spool.toString()).onSuccess(there -> {
            if (there) {
                vertx.fileSystem().deleteRecursive(spool.toString());
            }
        });
        onClosed.run();
    }
}
