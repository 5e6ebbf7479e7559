package dev.kino.live.output;

import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.hub.ReaderQueue;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part every live output shares: one reader's queue in the hub, drained on the connection's event loop. The
 * stream's owner only schedules a drain (once, however much arrives); the drain writes while the connection's
 * send queue has room and resumes when it drains. An output says how to write a unit and how to give up.
 */
public abstract class ReaderPump {
    private static final Logger log = LoggerFactory.getLogger(ReaderPump.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final Context context;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private static final long LOG_DROPS_EVERY_NANOS = 5_000_000_000L;

    private ReaderQueue queue;
    private String streamName;
    private String readerId;
    private long dropsLoggedAt;
    private int reported = -1; // the last count given to reportViewers, applied when the join lands if it came first

    protected ReaderPump(Context context) {
        this.context = context;
    }

    /**
     * Joins {@code stream} as a reader; call on the connection's event loop.
     *
     * @param onClose   registers the connection's close handler
     * @param onDrained registers the connection's drain handler
     */
    protected final void start(LiveStream stream, String kind, String remote, Consumer<Handler<Void>> onClose,
                               Consumer<Handler<Void>> onDrained) {
        String id = kind + "-" + IDS.incrementAndGet() + " " + remote;
        streamName = stream.name();
        readerId = id;
        AtomicBoolean gone = new AtomicBoolean();
        onClose.accept(v -> {
            gone.set(true);
            stream.unsubscribe(id); // posted after the join, so the owner handles it after the join
            log.info("stream {}: viewer {} left", stream.name(), id);
        });
        // the join waits for the stream's owner: its reply comes back onto this connection's event loop
        stream.subscribeAsync(id, this::schedule, history(), viewersAtJoin(), System.nanoTime()).whenComplete((q, err) -> context.runOnContext(v -> {
            if (err != null) {
                log.warn("stream {}: viewer {} could not join: {}", stream.name(), id, err.toString());
                leave();
                return;
            }
            queue = q;
            if (reported >= 0) {
                q.viewers(reported);
            }
            if (gone.get()) {
                return; // the connection closed first; its leave was posted after the join
            }
            onDrained.accept(d -> drain());
            log.info("stream {}: viewer {} joined", stream.name(), id);
            schedule();
        }));
    }

    /** Called from the stream's owner when data arrives: hop onto the connection's event loop once. */
    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                scheduled.set(false);
                drain();
            });
        }
    }

    private void drain() {
        if (queue == null) {
            return; // the join's reply is still on its way; it drains when it lands
        }
        if (queue.isClosed()) {
            leave();
            return;
        }
        logDrops();
        while (!closed() && !writeQueueFull()) {
            MediaUnit u = queue.poll();
            if (u == null) {
                idle();
                return;
            }
            write(u);
        }
    }

    /** At most every few seconds, says how much a slow viewer had to skip. */
    private void logDrops() {
        long now = System.nanoTime();
        if (now - dropsLoggedAt < LOG_DROPS_EVERY_NANOS) {
            return;
        }
        long dropped = queue.newlyDropped();
        if (dropped > 0) {
            dropsLoggedAt = now;
            log.info("stream {}: viewer {} is too slow: skipped {} fragments to the next keyframe", streamName, readerId, dropped);
        }
    }

    /** Writes one unit to the connection. */
    protected abstract void write(MediaUnit u);

    /** The hub dropped this reader (too far behind): close the connection. */
    protected abstract void leave();

    protected abstract boolean closed();

    protected abstract boolean writeQueueFull();

    /** Whether this reader starts a whole GOP back, when the hub still has it (see {@link LiveStream#subscribeAsync}). */
    protected boolean history() {
        return false;
    }

    /** How many viewers the API counts for this reader at first: a player's connection is one, an HLS muxer none. */
    protected int viewersAtJoin() {
        return 1;
    }

    /** Tells the hub how many people this reader stands for now (an HLS muxer: the players it serves). */
    protected final void reportViewers(int n) {
        reported = n;
        if (queue != null) {
            queue.viewers(n);
        }
    }

    /** Nothing queued right now. */
    protected void idle() {
    }
}
