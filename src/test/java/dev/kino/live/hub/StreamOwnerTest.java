package dev.kino.live.hub;

import static dev.kino.live.hub.StreamHubTest.CONFIG;
import static dev.kino.live.hub.StreamHubTest.SEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hub with its real owners (one per stream) and several threads calling it at once, on a fake clock. */
class StreamOwnerTest {
    static final long T0 = 100 * SEC;
    static final long EXPIRED = T0 + 40 * SEC; // past the 30 s grace period after T0
    static final int STREAMS = 20;
    static final int MAX_ROUNDS = 150;
    static final long MAX_NANOS = 20 * SEC;

    @Test
    void aPublisherReconnectingWhileItsStreamExpiresReachesTheViewersWhoJoinAfterIt() throws Exception {
        long start = System.nanoTime();
        int rounds = 0;
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            while (rounds < MAX_ROUNDS && System.nanoTime() - start < MAX_NANOS) {
                StreamHub hub = new StreamHub(CONFIG);
                for (int i = 0; i < STREAMS; i++) {
                    LiveStream s = hub.stream("cam" + i);
                    assertTrue(s.claim("old", T0));
                    s.release("old", T0); // due to end at the next tick
                }
                CountDownLatch go = new CountDownLatch(1);
                Future<?> ticker = threads.submit(() -> {
                    go.await();
                    hub.tick(EXPIRED, (name, q) -> { });
                    return null;
                });
                Future<?> publisher = threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < STREAMS; i++) {
                        LiveStream s = hub.stream("cam" + i);
                        assertTrue(s.claim("new", EXPIRED), "the old publisher has left");
                        s.publish(MediaUnit.init(new byte[10], "video/webm", EXPIRED));
                        s.publish(MediaUnit.fragment(new byte[20], true, 7, EXPIRED));
                    }
                    return null;
                });
                go.countDown();
                ticker.get(10, TimeUnit.SECONDS);
                publisher.get(10, TimeUnit.SECONDS);
                for (int i = 0; i < STREAMS; i++) {
                    Semaphore wakeups = new Semaphore(0);
                    ReaderQueue viewer = hub.stream("cam" + i).subscribe("v", wakeups::release, EXPIRED);
                    assertTrue(receives(viewer, wakeups, 7), "round " + rounds + ", cam" + i
                            + ": a viewer who joins after the claim gets the new publisher's keyframe");
                }
                rounds++;
            }
        }
        assertTrue(rounds > 0);
    }

    @Test
    void aStreamNobodyPublishedToEndsAfterTheGracePeriod() throws Exception {
        StreamHub hub = new StreamHub(CONFIG);
        Semaphore wakeups = new Semaphore(0);
        ReaderQueue waiting = hub.stream("typo").subscribe("v", wakeups::release, T0);
        hub.stream("left").subscribe("w", () -> { }, T0);
        hub.stream("left").unsubscribe("w");
        hub.stream("untouched");
        hub.tick(T0 + 20 * SEC, (name, q) -> { });
        assertEquals(List.of("left", "typo", "untouched"), names(hub), "a viewer may wait for a publisher during the grace period");
        assertFalse(waiting.isClosed());
        hub.tick(T0 + 31 * SEC, (name, q) -> { });
        assertEquals(List.of("untouched"), names(hub), "then the stream ends (one never touched counts from its first tick)");
        assertTrue(wakeups.tryAcquire(10, TimeUnit.SECONDS), "the waiting viewer is woken");
        assertTrue(waiting.isClosed(), "and told to leave");
        hub.tick(T0 + 51 * SEC, (name, q) -> { });
        assertEquals(List.of(), names(hub));
    }

    static List<String> names(StreamHub hub) {
        return hub.statuses(T0).stream().map(LiveStream.Status::name).toList();
    }

    /** Whether the reader gets the fragment stamped {@code ts} within a few seconds (waiting on its wakeups). */
    static boolean receives(ReaderQueue q, Semaphore wakeups, long ts) throws InterruptedException {
        List<MediaUnit> got = new ArrayList<>();
        while (true) {
            for (MediaUnit u = q.poll(); u != null; u = q.poll()) {
                got.add(u);
            }
            if (StreamHubTest.timestamps(got).contains(ts)) {
                return true;
            }
            if (!wakeups.tryAcquire(5, TimeUnit.SECONDS)) {
                return false;
            }
        }
    }
}
