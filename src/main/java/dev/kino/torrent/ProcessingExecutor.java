package dev.kino.torrent;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bt's client executor, which runs each torrent's processing chain on a thread of its own. Bt 1.10 stops a client
 * without interrupting that thread, which then waits for the last piece forever and never releases the torrent; so
 * the thread is handed to whoever starts the client ({@link #run}), and stopping interrupts it, as Bt's own stages
 * expect.
 */
final class ProcessingExecutor extends AbstractExecutorService {
    private static final ThreadLocal<AtomicReference<Thread>> STARTING = new ThreadLocal<>();
    private final AtomicInteger count = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(
            r -> Thread.ofPlatform().name("bt-torrent-" + count.incrementAndGet()).daemon().unstarted(r));

    /** Runs {@code start} (a client's start) so that the processing it submits records its thread in {@code thread}. */
    static void run(AtomicReference<Thread> thread, Runnable start) {
        STARTING.set(thread);
        try {
            start.run();
        } finally {
            STARTING.remove();
        }
    }

    @Override
    public void execute(Runnable task) {
        AtomicReference<Thread> owner = STARTING.get();
        pool.execute(() -> {
            if (owner != null) {
                owner.set(Thread.currentThread());
            }
            try {
                task.run();
            } finally {
                if (owner != null) {
                    owner.compareAndSet(Thread.currentThread(), null);
                }
            }
        });
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
