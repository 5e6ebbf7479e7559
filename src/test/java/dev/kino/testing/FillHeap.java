package dev.kino.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A program that runs out of heap on a thread of its own while its main thread waits a minute: a JVM that does not
 * exit on an OutOfMemoryError outlives the allocating thread, one that does exits at once.
 */
public final class FillHeap {
    private FillHeap() {}

    public static void main(String[] args) throws InterruptedException {
        Thread.ofPlatform().name("fill").start(() -> {
            List<byte[]> kept = new ArrayList<>();
            while (true) {
                kept.add(new byte[1 << 20]);
            }
        });
        Thread.sleep(60_000);
    }
}
