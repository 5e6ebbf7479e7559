package dev.kino.transcode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Ends a process and everything it started: SIGTERM to all (descendants first), then SIGKILL to survivors. */
final class ProcessTree {
    private static final long POLL_MS = 10;

    private ProcessTree() {}

    /**
     * Sends SIGTERM to the descendants of {@code root} and waits up to half of {@code grace} for them to go (so that
     * {@code root}, still alive, can reap them rather than leave zombies to an init that may not), then SIGTERM to
     * {@code root} and up to {@code grace} more, then SIGKILL to whatever is still alive. Does not wait for the
     * SIGKILLed ones to go. Returns within 1.5 × {@code grace} plus a poll; an interrupted caller skips the waits
     * (and keeps its interrupt).
     */
    static void kill(ProcessHandle root, Duration grace) {
        // descendants first: once the root dies its children are re-parented and no longer its descendants
        List<ProcessHandle> tree = new ArrayList<>();
        terminateNewDescendants(root, tree);
        if (!tree.isEmpty()) {
            awaitExit(tree, grace.dividedBy(2));
            terminateNewDescendants(root, tree);
        }
        root.destroy();
        tree.add(root);
        awaitExit(tree, grace);
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    /** SIGTERM to descendants not yet in {@code seen}; looks again (a few times) for children forked meanwhile. */
    private static void terminateNewDescendants(ProcessHandle root, List<ProcessHandle> seen) {
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> fresh = root.descendants().filter(d -> !seen.contains(d)).toList();
            if (fresh.isEmpty()) {
                return;
            }
            fresh.forEach(ProcessHandle::destroy);
            seen.addAll(fresh);
        }
    }

    private static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (anyAlive(processes) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean anyAlive(List<ProcessHandle> processes) {
        for (ProcessHandle p : processes) {
            if (p.isAlive()) {
                return true;
            }
        }
        return false;
    }
}
