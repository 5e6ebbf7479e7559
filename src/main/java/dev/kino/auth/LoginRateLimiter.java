package dev.kino.auth;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per key in a sliding window. A key that reached its limit is refused until its oldest
 * failure leaves the window. Pure: the clock is passed in.
 */
final class LoginRateLimiter {
    private static final int MAX_KEYS = 100_000;

    private final Duration window;
    private final LongSupplier clockMillis;
    private final Map<String, ArrayDeque<Long>> failures = new HashMap<>();

    LoginRateLimiter(Duration window, LongSupplier clockMillis) {
        this.window = window;
        this.clockMillis = clockMillis;
    }

    /** Seconds until {@code key} may try again, or 0 if it has had fewer than {@code limit} failures in the window. */
    synchronized long retryAfterSeconds(String key, int limit) {
        ArrayDeque<Long> q = failures.get(key);
        if (q == null) {
            return 0;
        }
        long now = clockMillis.getAsLong();
        prune(q, now);
        if (q.size() < limit) {
            return 0;
        }
        // concurrent attempts can push the count past the limit: the key is free again once enough failures have
        // left the window for the count to drop below the limit
        long freeAt = q.stream().skip(q.size() - limit).findFirst().orElseThrow() + window.toMillis();
        return Math.max(1, (freeAt - now + 999) / 1000);
    }

    synchronized void recordFailure(String key) {
        long now = clockMillis.getAsLong();
        if (failures.size() >= MAX_KEYS) {
            evictStale(now);
        }
        ArrayDeque<Long> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(q, now);
        q.addLast(now);
    }

    /**
     * Counts an attempt under both keys before its password is checked, so a burst of parallel attempts cannot check
     * more passwords than the limit allows. Returns 0 if the attempt may go on (it is then counted as a failure until
     * {@link #succeeded} says otherwise), else the seconds to wait (nothing is counted).
     */
    synchronized long begin(String key, int limit, String wideKey, int wideLimit) {
        long wait = Math.max(retryAfterSeconds(key, limit), retryAfterSeconds(wideKey, wideLimit));
        if (wait == 0) {
            recordFailure(key);
            recordFailure(wideKey);
        }
        return wait;
    }

    /** The attempt {@link #begin} counted under these keys succeeded: {@code key} starts afresh, {@code wideKey} forgets it. */
    synchronized void succeeded(String key, String wideKey) {
        failures.remove(key);
        ArrayDeque<Long> q = failures.get(wideKey);
        if (q != null) {
            q.pollLast();
        }
    }

    synchronized void reset(String key) {
        failures.remove(key);
    }

    private void prune(ArrayDeque<Long> q, long now) {
        long oldest = now - window.toMillis();
        while (!q.isEmpty() && q.peekFirst() <= oldest) {
            q.pollFirst();
        }
    }

    private void evictStale(long now) {
        for (Iterator<ArrayDeque<Long>> it = failures.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Long> q = it.next();
            prune(q, now);
            if (q.isEmpty()) {
                it.remove();
            }
        }
        if (failures.size() >= MAX_KEYS) {
            failures.clear();
        }
    }
}
