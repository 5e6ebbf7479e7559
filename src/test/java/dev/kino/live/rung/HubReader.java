package dev.kino.live.rung;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.hub.ReaderQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A hub reader as the HLS muxer is one, taking units as they come. */
final class HubReader {
    private final Semaphore arrivals = new Semaphore(0);
    private final LiveStream stream;
    private final ReaderQueue queue;

    HubReader(LiveStream stream) {
        this.stream = stream;
        this.queue = stream.subscribe("test hls", arrivals::release, System.nanoTime());
    }

    MediaUnit next() throws InterruptedException {
        long end = System.nanoTime() + LiveRungsTest.WAIT.toNanos();
        while (true) {
            MediaUnit u = queue.poll();
            if (u != null) {
                return u;
            }
            assertFalse(queue.isClosed(), "the hub closed the reader");
            long left = end - System.nanoTime();
            assertTrue(left > 0, "no unit within " + LiveRungsTest.WAIT.toSeconds() + " s");
            arrivals.tryAcquire(left, TimeUnit.NANOSECONDS);
        }
    }

    /** Skips fragments until an init segment comes. */
    MediaUnit nextInit() throws InterruptedException {
        MediaUnit u;
        do {
            u = next();
        } while (!u.init());
        return u;
    }

    /** Skips init segments until a fragment comes. */
    MediaUnit nextFragment() throws InterruptedException {
        MediaUnit u;
        do {
            u = next();
        } while (u.init());
        return u;
    }

    /** {@code first} and the fragments after it up to {@code millis} of media later. */
    List<MediaUnit> fragmentsSpanning(MediaUnit first, long millis) throws InterruptedException {
        List<MediaUnit> out = new ArrayList<>(List.of(first));
        while (out.get(out.size() - 1).timestampMillis() - first.timestampMillis() < millis) {
            MediaUnit u = next();
            assertFalse(u.init(), "no re-init");
            out.add(u);
        }
        return out;
    }

    LiveStream stream() {
        return stream;
    }

    void leave() {
        stream.unsubscribe("test hls");
    }
}
