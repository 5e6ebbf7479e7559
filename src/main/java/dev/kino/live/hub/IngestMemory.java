package dev.kino.live.hub;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes every publisher of a hub has sent of fragments that are not complete yet (which the ingest must hold
 * until they are), against one limit for all of them ({@code live.ingest-mib}). Any thread.
 */
public final class IngestMemory {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public IngestMemory(long limit) {
        this.limit = limit;
    }

    /** Takes {@code n} bytes if they fit under the limit; false (nothing taken) if they do not. */
    public boolean reserve(long n) {
        while (true) {
            long u = used.get();
            if (u + n > limit) {
                return false;
            }
            if (used.compareAndSet(u, u + n)) {
                return true;
            }
        }
    }

    public void release(long n) {
        used.addAndGet(-n);
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }
}
