package dev.kino.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Waiting for an event instead of for a clock: polls a condition until it holds or a generous deadline passes, so a
 * test is as fast as the machine allows and does not fail just because a loaded 2-core runner was slow.
 */
public final class Await {
    private static final long POLL_MILLIS = 50;

    private Await() {}

    /** Polls {@code condition} until it is true; fails with {@code what} (and the last error seen) after {@code timeout}. */
    public static void until(Duration timeout, String what, Callable<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for: " + what + (last == null ? "" : " (last: " + last + ")"), last);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * Waits until {@code value} has stopped changing for {@code quiet} (say, a viewer's byte count once its
     * publisher has gone), at most {@code timeout}; fails if it never settles.
     */
    public static void settled(Duration quiet, Duration timeout, String what, Supplier<?> value) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        Object seen = value.get();
        long since = System.nanoTime();
        while (System.nanoTime() - since < quiet.toNanos()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + " to settle; last: " + seen);
            }
            Thread.sleep(POLL_MILLIS);
            Object now = value.get();
            if (!now.equals(seen)) {
                seen = now;
                since = System.nanoTime();
            }
        }
    }
}
