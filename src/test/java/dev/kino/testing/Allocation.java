package dev.kino.testing;

import java.lang.management.ManagementFactory;

/** Heap bytes allocated by the calling thread so far (HotSpot's per-thread counter), for tests of what a parser holds. */
public final class Allocation {
    private Allocation() {}

    public static long ofThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
