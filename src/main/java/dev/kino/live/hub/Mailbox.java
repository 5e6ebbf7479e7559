package dev.kino.live.hub;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One owner's inbox: messages are handled one at a time, in the order they were posted, by runs submitted to an
 * executor, at most one run at a time (each run happens-before the next). Posting never waits. A run handles a batch
 * and then yields, so a busy owner does not keep a shared pool to itself. A handler that throws is reported and the
 * next message is handled.
 */
final class Mailbox<M> {
    private static final int BATCH = 64;

    private final Queue<M> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor executor;
    private final Consumer<M> handler;
    private final BiConsumer<M, RuntimeException> failed;
    private volatile Thread running;

    Mailbox(Executor executor, Consumer<M> handler, BiConsumer<M, RuntimeException> failed) {
        this.executor = executor;
        this.handler = handler;
        this.failed = failed;
    }

    void post(M message) {
        queue.add(message);
        schedule();
    }

    /** Whether the caller is the owner, handling a message right now (it must not wait for a reply from itself). */
    boolean onOwnerThread() {
        return running == Thread.currentThread();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::run);
        }
    }

    private void run() {
        running = Thread.currentThread();
        try {
            for (int i = 0; i < BATCH; i++) {
                M m = queue.poll();
                if (m == null) {
                    break;
                }
                try {
                    handler.accept(m);
                } catch (RuntimeException e) {
                    failed.accept(m, e);
                }
            }
        } finally {
            running = null;
            scheduled.set(false);
        }
        if (!queue.isEmpty()) {
            schedule(); // more came, or the batch ended: another run
        }
    }
}
