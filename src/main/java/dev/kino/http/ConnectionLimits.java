package dev.kino.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the open HTTP connections, in all and per remote address, shared by every event loop's listener (as nginx
 * {@code worker_connections} and {@code limit_conn}). A connection is admitted only if both counts stay within their
 * caps; an admitted one is given back with {@link #release} when it closes.
 */
final class ConnectionLimits {
    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();

    /** @param maxPerAddress 0: no cap per address */
    ConnectionLimits(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts a connection from {@code address} in, or returns false (counting nothing) when a cap is reached. */
    boolean tryAcquire(String address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return false;
        }
        if (maxPerAddress == 0) {
            return true;
        }
        boolean[] admitted = {false};
        perAddress.compute(address, (a, n) -> {
            int held = n == null ? 0 : n;
            admitted[0] = held < maxPerAddress;
            return admitted[0] ? held + 1 : n;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
        }
        return admitted[0];
    }

    /** Gives back a connection {@link #tryAcquire} admitted. */
    void release(String address) {
        total.decrementAndGet();
        if (maxPerAddress != 0) {
            perAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
        }
    }

    int total() {
        return total.get();
    }

    int held(String address) {
        return perAddress.getOrDefault(address, 0);
    }
}
