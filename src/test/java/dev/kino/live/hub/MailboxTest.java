package dev.kino.live.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An owner's inbox: one message at a time, in each poster's order, and a failing message does not stop it. */
class MailboxTest {
    static final int POSTERS = 4;
    static final int EACH = 20_000;

    @Test
    void messagesFromManyThreadsAreHandledOneAtATimeInEachPostersOrder() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        int[] last = new int[POSTERS];
        List<String> problems = new ArrayList<>(); // touched by the owner only, read after the latch
        CountDownLatch all = new CountDownLatch(POSTERS * EACH);
        try (ExecutorService pool = Executors.newFixedThreadPool(2); ExecutorService posters = Executors.newFixedThreadPool(POSTERS)) {
            Mailbox<int[]> box = new Mailbox<>(pool, m -> {
                if (inside.incrementAndGet() != 1) {
                    problems.add("two at once");
                }
                if (m[1] != last[m[0]] + 1) {
                    problems.add("poster " + m[0] + ": " + m[1] + " after " + last[m[0]]);
                }
                last[m[0]] = m[1];
                inside.decrementAndGet();
                all.countDown();
            }, (m, e) -> problems.add(e.toString()));
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < POSTERS; p++) {
                int poster = p;
                done.add(posters.submit(() -> {
                    for (int i = 1; i <= EACH; i++) {
                        box.post(new int[] {poster, i});
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertTrue(all.await(30, TimeUnit.SECONDS), "every message handled");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aHandlerThatThrowsIsReportedAndTheNextMessageStillRuns() throws Exception {
        List<String> handled = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Mailbox<String> box = new Mailbox<>(Runnable::run, m -> {
            if (m.equals("boom")) {
                throw new IllegalStateException(m);
            }
            handled.add(m);
        }, (m, e) -> failures.add(m + ": " + e.getMessage()));
        box.post("a");
        box.post("boom");
        box.post("b");
        assertEquals(List.of("a", "b"), handled);
        assertEquals(List.of("boom: boom"), failures);
    }
}
