package dev.kino.live.hub;

import dev.kino.config.LiveConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One named stream: at most one publisher, any number of readers. Keeps the init segment and the fragments since
 * the last keyframe (bounded in bytes) so that a reader who joins gets a picture at once. State changes happen under
 * this object's lock, with no I/O under it; offering to readers happens outside it and never blocks.
 */
public final class LiveStream {
    private static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    /** What the API shows of a stream. */
    public record Status(String name, boolean live, int viewers, String mimeType, long bitsPerSecond, long uptimeSeconds,
                         long droppedFragments) {}

    private final String name;
    private final LiveConfig config;
    private final Map<String, ReaderQueue> readers = new ConcurrentHashMap<>();
    private final List<MediaUnit> gop = new ArrayList<>();
    private final ArrayDeque<long[]> recent = new ArrayDeque<>();
    private MediaUnit init;
    private long gopBytes;
    private String publisher;
    private long publishingSinceNanos;
    private long leftAtNanos;
    private long droppedByLeavers;

    LiveStream(String name, LiveConfig config) {
        this.name = name;
        this.config = config;
    }

    public String name() {
        return name;
    }

    /** Takes the publisher's place; false if another publisher holds it (answer 409). */
    public synchronized boolean claim(String publisherId, long nowNanos) {
        if (publisher != null && !publisher.equals(publisherId)) {
            return false;
        }
        publisher = publisherId;
        publishingSinceNanos = nowNanos;
        return true;
    }

    /** The publisher left; readers stay for the grace period. */
    public synchronized void release(String publisherId, long nowNanos) {
        if (publisherId.equals(publisher)) {
            publisher = null;
            leftAtNanos = nowNanos;
        }
    }

    public synchronized boolean hasPublisher() {
        return publisher != null;
    }

    /** Hands a unit from the publisher to every reader. Never blocks on a reader. */
    public void publish(MediaUnit u) {
        List<ReaderQueue> targets;
        synchronized (this) {
            if (u.init()) {
                init = u;
                clearGop();
            } else if (u.keyframe()) {
                clearGop();
                addGop(u);
            } else if (!gop.isEmpty()) {
                if (gopBytes + u.size() > config.gopCacheBytes()) {
                    clearGop(); // this GOP is too big to keep: late joiners wait for the next keyframe
                } else {
                    addGop(u);
                }
            }
            recent.addLast(new long[] {u.arrivalNanos(), u.size()});
            while (!recent.isEmpty() && u.arrivalNanos() - recent.peekFirst()[0] > RATE_WINDOW_NANOS) {
                recent.pollFirst();
            }
            targets = List.copyOf(readers.values());
        }
        for (ReaderQueue q : targets) {
            q.offer(u, u.arrivalNanos());
        }
    }

    /** Adds a reader, its queue filled with the init segment and the cached fragments since the last keyframe. */
    public ReaderQueue subscribe(String readerId, Runnable wakeup, long nowNanos) {
        ReaderQueue q = new ReaderQueue(readerId, config.readerQueueBytes(), wakeup);
        synchronized (this) {
            if (init != null) {
                q.offer(init, nowNanos);
                gop.forEach(g -> q.offer(g, nowNanos));
            }
            readers.put(readerId, q);
        }
        return q;
    }

    public void unsubscribe(String readerId) {
        ReaderQueue q = readers.remove(readerId);
        if (q != null) {
            q.close();
            synchronized (this) {
                droppedByLeavers += q.droppedFragments();
            }
        }
    }

    /** Readers that could not keep up for longer than allowed; the caller disconnects them. */
    public List<ReaderQueue> overrunReaders(long nowNanos) {
        List<ReaderQueue> out = new ArrayList<>();
        for (ReaderQueue q : readers.values()) {
            if (q.overrun(nowNanos, config.maxBehind().toNanos())) {
                out.add(q);
            }
        }
        return out;
    }

    /** True when the publisher has been gone longer than the grace period: the stream should end. */
    public synchronized boolean graceOver(long nowNanos) {
        return publisher == null && leftAtNanos != 0 && nowNanos - leftAtNanos > config.grace().toNanos();
    }

    public int viewers() {
        return readers.size();
    }

    public synchronized Status status(long nowNanos) {
        long bytes = 0;
        for (long[] r : recent) {
            if (nowNanos - r[0] <= RATE_WINDOW_NANOS) {
                bytes += r[1];
            }
        }
        long dropped = droppedByLeavers;
        for (ReaderQueue q : readers.values()) {
            dropped += q.droppedFragments();
        }
        return new Status(name, publisher != null, readers.size(), init == null ? null : init.mimeType(),
                bytes * 8 * 1_000_000_000L / RATE_WINDOW_NANOS,
                publisher == null ? 0 : (nowNanos - publishingSinceNanos) / 1_000_000_000L, dropped);
    }

    /** Ends the stream: every reader is closed. */
    public void close() {
        readers.keySet().forEach(this::unsubscribe);
    }

    private void clearGop() {
        gop.clear();
        gopBytes = 0;
    }

    private void addGop(MediaUnit u) {
        gop.add(u);
        gopBytes += u.size();
    }
}
