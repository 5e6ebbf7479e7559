package dev.kino.live.hub;

import java.util.ArrayDeque;

/**
 * One reader's bounded queue. The stream's owner offers and never waits: when the queue would exceed its byte
 * budget, what is queued is dropped and the reader skips ahead to the next keyframe (an init segment is always
 * kept, since nothing plays without it). The reader's side polls. Drops are counted; a reader that has been behind
 * for longer than the hub allows is told to leave ({@link #overrun()}).
 */
public final class ReaderQueue {
    private final String id;
    private final long maxBytes;
    private final Runnable wakeup;
    private volatile int viewers;
    private final ArrayDeque<MediaUnit> queue = new ArrayDeque<>();
    private long bytes;
    private boolean skipping;
    private long behindSinceNanos; // 0 while the reader keeps up; set at its first drop, cleared once it drains
    private long droppedLogged;
    private long droppedFragments;
    private long delivered;
    private boolean closed;

    /**
     * @param wakeup called (on the stream's owner, without locks held by the queue) when data arrives
     * @param viewers how many viewers the API counts for this reader until it says otherwise (a player's
     *                connection: 1; a recorder, an HLS muxer or a rung: 0, see {@link #viewers(int)})
     */
    ReaderQueue(String id, long maxBytes, Runnable wakeup, int viewers) {
        this.id = id;
        this.maxBytes = maxBytes;
        this.wakeup = wakeup;
        this.viewers = viewers;
    }

    public String id() {
        return id;
    }

    long maxBytes() {
        return maxBytes;
    }

    int viewers() {
        return viewers;
    }

    /**
     * How many people this reader stands for, as the API counts them: an HLS muxer counts the players that have
     * asked for its playlist lately, a rung the viewers of the stream it feeds. Any thread.
     */
    public void viewers(int n) {
        viewers = Math.max(0, n);
    }

    /** Adds a unit; returns false if it was dropped. Never blocks. */
    boolean offer(MediaUnit u, long nowNanos) {
        boolean wasEmpty;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (u.init()) {
                dropAll();
                skipping = true; // after a re-init, media must restart at a keyframe
                add(u);
            } else if (skipping && !u.keyframe()) {
                droppedFragments++;
                return false;
            } else if (bytes + u.size() > maxBytes) {
                droppedFragments += countFragments() + 1;
                keepInitOnly();
                skipping = true;
                if (behindSinceNanos == 0) {
                    behindSinceNanos = nowNanos;
                }
                return false;
            } else {
                skipping = false;
                add(u);
            }
            wasEmpty = queue.size() == 1;
        }
        if (wasEmpty) {
            wakeup.run();
        }
        return true;
    }

    /** The next unit for the reader, or null if there is none yet. */
    public synchronized MediaUnit poll() {
        MediaUnit u = queue.poll();
        if (u != null) {
            bytes -= u.size();
            delivered++;
        }
        if (queue.isEmpty()) {
            behindSinceNanos = 0; // it has taken everything there was: caught up
        }
        return u;
    }

    /**
     * Whether this reader has been behind (had to skip, and not yet drained its queue since) for longer than
     * {@code maxBehindNanos}: it cannot keep up.
     */
    synchronized boolean overrun(long nowNanos, long maxBehindNanos) {
        return behindSinceNanos != 0 && nowNanos - behindSinceNanos > maxBehindNanos;
    }

    /** Fragments dropped since the last call: for a reader's owner to log now and then. */
    public synchronized long newlyDropped() {
        long n = droppedFragments - droppedLogged;
        droppedLogged = droppedFragments;
        return n;
    }

    public synchronized long droppedFragments() {
        return droppedFragments;
    }

    public synchronized long queuedBytes() {
        return bytes;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the queue and wakes the reader, which sees {@link #isClosed()} and leaves. */
    void close() {
        synchronized (this) {
            closed = true;
            queue.clear();
            bytes = 0;
        }
        wakeup.run();
    }

    private void add(MediaUnit u) {
        queue.add(u);
        bytes += u.size();
    }

    private void dropAll() {
        droppedFragments += countFragments();
        queue.clear();
        bytes = 0;
    }

    private void keepInitOnly() {
        MediaUnit init = null;
        for (MediaUnit q : queue) {
            if (q.init()) {
                init = q;
            }
        }
        queue.clear();
        bytes = 0;
        if (init != null) {
            add(init);
        }
    }

    private long countFragments() {
        return queue.stream().filter(q -> !q.init()).count();
    }
}
