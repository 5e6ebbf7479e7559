package dev.kino.bench.live;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.util.Arrays;

/**
 * One WebSocket viewer. Its frames are handled on its event loop; what it records is read by the main thread
 * (under this object's lock, which is uncontended on the hot path).
 *
 * <p>Per completed unit (a WebM Cluster, an fMP4 fragment or an FLV video tag: see {@link MediaScanner}) it keeps
 * three longs: the unit's media start time (µs), the arrival time of the frame that completed it
 * ({@link System#nanoTime()}), and its media end relative to the start (µs) shifted left by 2, with bit 1 = keyframe
 * and bit 0 = "the stream was broken before this unit". The code below says "cluster" for any unit.
 */
final class Viewer implements MediaScanner.Sink {
    static final int STRIDE = 3;

    final int id;
    final long connectStartNanos;
    private final MediaScanner scanner;
    private long[] recs = new long[STRIDE * 256];
    private int size;
    private boolean brokenBefore;
    private long jsonNanos;
    private long initNanos;
    private long frames;
    private long messages;
    private long bytes;
    private long closedNanos;
    private long upgradedNanos;
    private String failure;
    private volatile WebSocket ws;

    Viewer(int id, long connectStartNanos, String format) {
        this.id = id;
        this.connectStartNanos = connectStartNanos;
        this.scanner = MediaScanner.of(format, this);
    }

    void connected(WebSocket ws) {
        synchronized (this) {
            upgradedNanos = System.nanoTime();
        }
        this.ws = ws;
        ws.frameHandler(this::frame);
        ws.closeHandler(v -> closed());
        ws.exceptionHandler(e -> { });
    }

    WebSocket socket() {
        return ws;
    }

    synchronized void failed(String why) {
        failure = why;
    }

    private void frame(WebSocketFrame f) {
        long now = System.nanoTime();
        synchronized (this) {
            frames++;
            if (f.isFinal()) {
                messages++;
            }
            if (f.isText()) {
                if (jsonNanos == 0) {
                    jsonNanos = now;
                }
                return;
            }
            if (f.isBinary() || f.isContinuation()) {
                io.vertx.core.buffer.Buffer data = f.binaryData();
                bytes += data.length();
                scanner.feed(data, now);
                if (f.isFinal()) {
                    scanner.messageEnd(now);
                }
            }
        }
    }

    private synchronized void closed() {
        if (closedNanos == 0) {
            closedNanos = System.nanoTime();
        }
    }

    @Override
    public void init(long nowNanos) {
        if (initNanos == 0) {
            initNanos = nowNanos;
        }
    }

    @Override
    public void unit(long timecodeMicros, long maxRelMicros, boolean key, long nowNanos) {
        if (size + STRIDE > recs.length) {
            recs = Arrays.copyOf(recs, recs.length * 2);
        }
        recs[size] = timecodeMicros;
        recs[size + 1] = nowNanos;
        recs[size + 2] = (Math.max(0, maxRelMicros) << 2) | (key ? 2 : 0) | (brokenBefore ? 1 : 0);
        size += STRIDE;
        brokenBefore = false;
    }

    @Override
    public void resync() {
        brokenBefore = true;
    }

    /** What the main thread reads: a copy of the records and the counters. */
    synchronized Snapshot snapshot() {
        return new Snapshot(Arrays.copyOf(recs, size), size / STRIDE, connectStartNanos, upgradedNanos, System.nanoTime(),
                jsonNanos, initNanos, frames, messages, bytes, closedNanos, failure, ws != null);
    }

    /** {@link Snapshot#joinNanos} != 0 now, without copying the records (the wait before a window asks often). */
    synchronized boolean canPlay(boolean expectJson, long maxGapMicros) {
        return new Snapshot(recs, size / STRIDE, connectStartNanos, upgradedNanos, 0, jsonNanos, initNanos, frames,
                messages, bytes, closedNanos, failure, ws != null).joinNanos(expectJson, maxGapMicros) != 0;
    }

    record Snapshot(long[] recs, int clusters, long connectStartNanos, long upgradedNanos, long takenNanos, long jsonNanos, long initNanos, long frames,
                    long messages, long bytes, long closedNanos, String failure, boolean connected) {
        /** Connect → first frame decodable, or Long.MAX_VALUE if it never became so. */
        long joinTime(boolean expectJson, long maxGapMicros) {
            long j = joinNanos(expectJson, maxGapMicros);
            return j == 0 ? Long.MAX_VALUE : j - connectStartNanos;
        }

        /** Connect → WebSocket handshake done, or Long.MAX_VALUE. */
        long handshakeTime() {
            return upgradedNanos == 0 ? Long.MAX_VALUE : upgradedNanos - connectStartNanos;
        }

        /** Seconds since the connect started. */
        double age() {
            return (takenNanos - connectStartNanos) / 1e9;
        }

        long tc(int i) {
            return recs[i * STRIDE];
        }

        long arrival(int i) {
            return recs[i * STRIDE + 1];
        }

        long mediaEndMicros(int i) {
            return recs[i * STRIDE] + (recs[i * STRIDE + 2] >>> 2);
        }

        boolean key(int i) {
            return (recs[i * STRIDE + 2] & 2) != 0;
        }

        boolean brokenBefore(int i) {
            return (recs[i * STRIDE + 2] & 1) != 0;
        }

        /**
         * When the first frame became decodable: the arrival of the first keyframe Cluster from which the stream goes
         * on without a break up to the next keyframe Cluster (or to now), and not before the init segment, nor before
         * the JSON message when one is expected; 0 if never. A stale keyframe Cluster followed by a jump (a relay's
         * cached first packets) does not count.
         */
        long joinNanos(boolean expectJson, long maxGapMicros) {
            if (initNanos == 0 || (expectJson && jsonNanos == 0)) {
                return 0;
            }
            int candidate = -1;
            for (int i = 0; i < clusters(); i++) {
                boolean contiguous = i > 0 && !brokenBefore(i) && tc(i) > tc(i - 1)
                        && tc(i) <= mediaEndMicros(i - 1) + maxGapMicros;
                if (candidate >= 0 && contiguous && key(i)) {
                    break; // a whole GOP from the candidate on
                }
                if (!contiguous) {
                    candidate = -1;
                }
                if (candidate < 0 && key(i)) {
                    candidate = i;
                }
            }
            if (candidate < 0) {
                return 0;
            }
            long t = Math.max(arrival(candidate), initNanos);
            return expectJson ? Math.max(t, jsonNanos) : t;
        }
    }
}
