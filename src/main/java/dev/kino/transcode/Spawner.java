package dev.kino.transcode;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts every child process so that it cannot outlive the JVM: through {@code setpriv --pdeathsig KILL} (util-linux),
 * which asks the kernel to SIGKILL the child when its parent goes, however the JVM ends (SIGKILL, the OOM killer, a
 * crash), and from one platform thread that lives as long as the JVM. That thread matters: the kernel's "parent" is
 * the thread that forked, and the JDK forks ({@code posix_spawn} of {@code jspawnhelper}, which then execs the
 * command in place) on the thread that calls {@link ProcessBuilder#start()}, so a child started from a pooled or
 * carrier thread would be killed when that thread retires. Without {@code setpriv} children start plainly (logged
 * once).
 */
final class Spawner {
    private static final Logger log = LoggerFactory.getLogger(Spawner.class);
    private static final List<String> PREFIX = probe();

    private record Spawn(ProcessBuilder builder, CompletableFuture<Process> result) {}

    /** The spawner thread and its queue, apart so that the thread never waits for {@link Spawner}'s own set-up. */
    private static final class Worker {
        static final BlockingQueue<Spawn> QUEUE = new LinkedBlockingQueue<>();

        static {
            Thread.ofPlatform().daemon().name("process-spawner").start(Worker::loop);
        }

        /** The spawner thread's loop. It never ends, whatever happens: its end would kill every child. */
        private static void loop() {
            while (true) {
                Spawn s;
                try {
                    s = QUEUE.take();
                } catch (InterruptedException e) {
                    continue;
                }
                try {
                    s.result().complete(s.builder().start());
                } catch (Throwable t) {
                    s.result().completeExceptionally(t);
                }
            }
        }
    }

    private Spawner() {}

    /** True when children are started under {@code setpriv --pdeathsig KILL}. */
    static boolean tiedToJvm() {
        return !PREFIX.isEmpty();
    }

    /**
     * Starts {@code builder}'s command (its environment and redirects as set) on the spawner thread, under
     * {@code setpriv} when there is one; the process's pid is the command's ({@code setpriv} execs it in place). Throws
     * as {@link ProcessBuilder#start()} does when the program cannot be found. Waits, uninterruptibly, for the start.
     */
    static Process start(ProcessBuilder builder) throws IOException {
        if (!PREFIX.isEmpty()) {
            List<String> command = builder.command();
            requireExecutable(command.get(0));
            List<String> wrapped = new ArrayList<>(PREFIX);
            wrapped.addAll(command);
            builder.command(wrapped);
        }
        return spawn(builder);
    }

    private static Process spawn(ProcessBuilder builder) throws IOException {
        Spawn s = new Spawn(builder, new CompletableFuture<>());
        Worker.QUEUE.add(s);
        try {
            return s.result().join(); // not interruptible: a process started for a caller who left would be lost
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case Error err -> throw err;
                default -> throw e;
            }
        }
    }

    /** {@code setpriv --pdeathsig KILL --} when that runs here, else empty. */
    private static List<String> probe() {
        List<String> prefix = List.of("setpriv", "--pdeathsig", "KILL", "--");
        try {
            requireExecutable(prefix.get(0));
            List<String> test = new ArrayList<>(prefix);
            test.add("true");
            Process p = spawn(new ProcessBuilder(test).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
            p.getOutputStream().close();
            if (p.waitFor() == 0) {
                return prefix;
            }
            log.warn("`setpriv --pdeathsig` fails here (exit {}): ffmpeg processes may outlive a Kino that is killed; "
                    + "a newer util-linux has it", p.exitValue());
        } catch (IOException e) {
            log.warn("no setpriv (util-linux) on the PATH: ffmpeg processes may outlive a Kino that is killed; "
                    + "to fix: apt-get install util-linux");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }

    /** Throws the IOException {@link ProcessBuilder#start()} would when {@code program} is not an executable file. */
    private static void requireExecutable(String program) throws IOException {
        if (program.indexOf('/') >= 0) {
            if (Files.isRegularFile(Path.of(program)) && Files.isExecutable(Path.of(program))) {
                return;
            }
        } else {
            String path = System.getenv("PATH");
            for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return;
                }
            }
        }
        throw new IOException("Cannot run program \"" + program + "\": no such executable file");
    }
}
