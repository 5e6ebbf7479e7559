package dev.kino.live.hub;

import dev.kino.config.LiveConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one stream knows: its publisher, its readers, the init segment, the fragments since the last keyframe and
 * the whole GOP before them (each bounded in bytes), the recent bit rate. Touched only by the stream's owner, one message at a time, so it has no
 * locks; offering to readers never blocks.
 */
final class StreamState {
    private static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    private final String name;
    private final LiveConfig config;
    private final Map<String, ReaderQueue> readers = new LinkedHashMap<>();
    private final List<MediaUnit> gop = new ArrayList<>();
    private List<MediaUnit> previousGop = List.of(); // the last whole GOP before gop, if it fitted the cache
    private long previousGopBytes;
    private final ArrayDeque<long[]> recent = new ArrayDeque<>();
    private MediaUnit init;
    private long gopBytes;
    private String publisher;
    private String protocol;
    private VideoInfo video = VideoInfo.UNKNOWN;
    private long publishingSinceNanos;
    private boolean idleKnown;
    private long idleSinceNanos; // with no publisher: since it left, or since the stream was first seen without one
    private long droppedByLeavers;

    StreamState(String name, LiveConfig config) {
        this.name = name;
        this.config = config;
    }

    boolean claim(String publisherId, String publisherProtocol, long nowNanos) {
        if (publisher != null && !publisher.equals(publisherId)) {
            return false;
        }
        if (!publisherId.equals(publisher)) {
            video = VideoInfo.UNKNOWN; // a new publisher says anew what it sends
        }
        publisher = publisherId;
        protocol = publisherProtocol;
        publishingSinceNanos = nowNanos;
        return true;
    }

    void release(String publisherId, long nowNanos) {
        if (publisherId.equals(publisher)) {
            publisher = null;
            idleKnown = true;
            idleSinceNanos = nowNanos;
        }
    }

    void describe(String publisherId, VideoInfo info) {
        if (publisherId.equals(publisher)) {
            video = info;
        }
    }

    /** Marks when a stream that never had a publisher was first seen, so that it ends too. */
    void seen(long nowNanos) {
        if (publisher == null && !idleKnown) {
            idleKnown = true;
            idleSinceNanos = nowNanos;
        }
    }

    void publish(MediaUnit u) {
        if (u.init()) {
            init = u;
            clearGop();
            clearPreviousGop();
        } else if (u.keyframe()) {
            if (gop.isEmpty()) {
                clearPreviousGop(); // the GOP before did not fit: there is no whole one to keep
            } else {
                previousGop = List.copyOf(gop);
                previousGopBytes = gopBytes;
            }
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
        for (ReaderQueue q : readers.values()) {
            q.offer(u, u.arrivalNanos());
        }
    }

    void join(ReaderQueue q, boolean history, long nowNanos) {
        if (init != null) {
            q.offer(init, nowNanos);
            if (history && !gop.isEmpty() && previousGopBytes + gopBytes <= q.maxBytes() / 2) {
                previousGop.forEach(g -> q.offer(g, nowNanos));
            }
            gop.forEach(g -> q.offer(g, nowNanos));
        }
        readers.put(q.id(), q);
    }

    void leave(String readerId) {
        ReaderQueue q = readers.remove(readerId);
        if (q != null) {
            q.close();
            droppedByLeavers += q.droppedFragments();
        }
    }

    /** Removes (and closes) the readers that could not keep up for longer than allowed, and returns them. */
    List<ReaderQueue> dropOverrun(long nowNanos) {
        List<ReaderQueue> out = new ArrayList<>();
        for (ReaderQueue q : readers.values()) {
            if (q.overrun(nowNanos, config.maxBehind().toNanos())) {
                out.add(q);
            }
        }
        out.forEach(q -> leave(q.id()));
        return out;
    }

    /** True when the stream has had no publisher for longer than the grace period: it should end. */
    boolean expired(long nowNanos) {
        return publisher == null && idleKnown && nowNanos - idleSinceNanos > config.grace().toNanos();
    }

    LiveStream.Status status(long nowNanos) {
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
        int viewers = 0;
        for (ReaderQueue q : readers.values()) {
            viewers += q.viewers();
        }
        return new LiveStream.Status(name, publisher != null, viewers, init == null ? null : init.mimeType(),
                bytes * 8 * 1_000_000_000L / RATE_WINDOW_NANOS,
                publisher == null ? 0 : (nowNanos - publishingSinceNanos) / 1_000_000_000L, dropped,
                publisher == null ? null : protocol, video, readers.size());
    }

    /** Ends the stream: every reader is closed. */
    void close() {
        List.copyOf(readers.keySet()).forEach(this::leave);
    }

    private void clearGop() {
        gop.clear();
        gopBytes = 0;
    }

    private void clearPreviousGop() {
        previousGop = List.of();
        previousGopBytes = 0;
    }

    private void addGop(MediaUnit u) {
        gop.add(u);
        gopBytes += u.size();
    }
}
