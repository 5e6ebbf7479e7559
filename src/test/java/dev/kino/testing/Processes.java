package dev.kino.testing;

import java.util.concurrent.TimeUnit;

/** Ending processes a test started, with their children. */
public final class Processes {
    private Processes() {}

    /** Asks the process and its descendants to end, then forces them after 5 s; returns once they are gone. */
    public static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
