package dev.kino.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sliding-window limit on failed logins. */
class LoginRateLimiterTest {
    private static final int LIMIT = 3;
    private static final String KEY = "203.0.113.7|alice";

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final LoginRateLimiter limiter = new LoginRateLimiter(Duration.ofSeconds(60), clock::get);

    private void advanceMillis(long millis) {
        clock.addAndGet(millis);
    }

    private void fail(String key, int times) {
        for (int i = 0; i < times; i++) {
            limiter.recordFailure(key);
        }
    }

    @Test
    void unknownKeyMayTry() {
        assertEquals(0, limiter.retryAfterSeconds(KEY, LIMIT));
    }

    @Test
    void failuresBelowTheLimitAreAllowed() {
        fail(KEY, LIMIT - 1);
        assertEquals(0, limiter.retryAfterSeconds(KEY, LIMIT));
    }

    @Test
    void reachingTheLimitRefusesForTheWholeWindow() {
        fail(KEY, LIMIT);
        assertEquals(60, limiter.retryAfterSeconds(KEY, LIMIT));
    }

    @Test
    void retryAfterCountsDownToWhenTheOldestFailureLeavesTheWindow() {
        limiter.recordFailure(KEY);          // t = 0
        advanceMillis(10_000);
        limiter.recordFailure(KEY);          // t = 10 s
        advanceMillis(10_000);
        limiter.recordFailure(KEY);          // t = 20 s
        assertEquals(40, limiter.retryAfterSeconds(KEY, LIMIT));

        advanceMillis(15_000);               // t = 35 s
        assertEquals(25, limiter.retryAfterSeconds(KEY, LIMIT));

        advanceMillis(24_500);               // t = 59.5 s: rounded up, never 0 while refused
        assertEquals(1, limiter.retryAfterSeconds(KEY, LIMIT));

        advanceMillis(499);                  // t = 59.999 s
        assertEquals(1, limiter.retryAfterSeconds(KEY, LIMIT));

        advanceMillis(1);                    // t = 60 s: the first failure has left the window
        assertEquals(0, limiter.retryAfterSeconds(KEY, LIMIT));
    }

    @Test
    void windowSlides() {
        limiter.recordFailure(KEY);          // t = 0
        advanceMillis(10_000);
        fail(KEY, 2);                        // t = 10 s
        advanceMillis(50_000);               // t = 60 s: only the two at 10 s remain
        assertEquals(0, limiter.retryAfterSeconds(KEY, LIMIT));

        limiter.recordFailure(KEY);          // t = 60 s: three in the window again
        assertEquals(10, limiter.retryAfterSeconds(KEY, LIMIT));

        advanceMillis(10_000);               // t = 70 s: both failures at 10 s have left
        assertEquals(0, limiter.retryAfterSeconds(KEY, LIMIT));
        fail(KEY, 1);
        assertEquals(0, limiter.retryAfterSeconds(KEY, LIMIT));
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        fail(KEY, LIMIT);
        advanceMillis(Duration.ofHours(1).toMillis());
        fail(KEY, LIMIT - 1);
        assertEquals(0, limiter.retryAfterSeconds(KEY, LIMIT));
    }

    @Test
    void resetClearsTheFailures() {
        fail(KEY, LIMIT);
        limiter.reset(KEY);
        assertEquals(0, limiter.retryAfterSeconds(KEY, LIMIT));
        fail(KEY, LIMIT - 1);
        assertEquals(0, limiter.retryAfterSeconds(KEY, LIMIT));
    }

    @Test
    void keysAreCountedSeparately() {
        fail(KEY, LIMIT);
        assertEquals(0, limiter.retryAfterSeconds("203.0.113.7|bob", LIMIT));
        assertEquals(0, limiter.retryAfterSeconds("198.51.100.1|alice", LIMIT));
    }

    @Test
    void resetOfOneKeyLeavesOthersAlone() {
        fail(KEY, LIMIT);
        fail("203.0.113.7", LIMIT);
        limiter.reset(KEY);
        assertEquals(60, limiter.retryAfterSeconds("203.0.113.7", LIMIT));
    }

    @Test
    void sameKeyCanBeCheckedAgainstDifferentLimits() {
        fail(KEY, 4);
        assertEquals(60, limiter.retryAfterSeconds(KEY, 4));
        assertEquals(0, limiter.retryAfterSeconds(KEY, 5));
    }

    @Test
    void retryAfterIsHonestWhenFailuresExceedTheLimit() {
        for (int i = 0; i < LIMIT + 2; i++) {   // failures at t = 0, 1, 2, 3, 4 s (e.g. concurrent attempts)
            limiter.recordFailure(KEY);
            advanceMillis(1_000);
        }
        advanceMillis(-1_000);                  // t = 4 s
        long wait = limiter.retryAfterSeconds(KEY, LIMIT);
        advanceMillis(wait * 1000);
        assertEquals(0, limiter.retryAfterSeconds(KEY, LIMIT), "still refused after waiting " + wait + " s");
    }
}
