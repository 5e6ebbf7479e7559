package dev.kino.transcode;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of a running ffmpeg or ffprobe process. Started without a shell, tied to the JVM's life
 * ({@link Spawner}); stderr is drained on a daemon thread
 * of its own (the last {@value #STDERR_LINES} lines are kept, {@code -progress} lines go to an optional listener).
 * {@link #close()} kills the whole process tree, reaps it and closes the pipes; it is idempotent and returns within
 * about {@link #KILL_GRACE} (1.5 × that if the process has children). Whoever starts a process closes it
 * (try-with-resources).
 */
public final class FfmpegProcess implements AutoCloseable {
    /** How long {@link #close()} waits after SIGTERM before SIGKILL. */
    static final Duration KILL_GRACE = Duration.ofMillis(500);
    static final int STDERR_LINES = 30;
    private static final Logger log = LoggerFactory.getLogger(FfmpegProcess.class);
    private static final long REAP_TIMEOUT_MS = 2_000;
    private static final long CLOSE_WAIT_MS = 10_000;
    private static final long EXIT_SETTLE_MS = 50;
    private static final int MAX_CAPTURED_STDOUT = 16 * 1024 * 1024;

    private final Process process;
    private final String name;
    private final StderrDrainer drainer;
    private final Thread drainerThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closeDone = new CountDownLatch(1);
    private volatile boolean killedByOwner;

    private FfmpegProcess(Process process, String name, Consumer<String> progressListener) {
        this.process = process;
        this.name = name + " [pid " + process.pid() + "]";
        this.drainer = new StderrDrainer(process.getErrorStream(), progressListener, STDERR_LINES);
        this.drainerThread = Thread.ofPlatform().daemon().name("ffmpeg-stderr-" + process.pid()).unstarted(this::drainStderr);
    }

    /** Starts {@code argv} (argv[0] is the executable) with no progress listener. */
    public static FfmpegProcess start(List<String> argv) throws IOException {
        return start(argv, null);
    }

    /**
     * Starts {@code argv}. Stderr lines shaped {@code key=value} go to {@code progressListener} (on the stderr thread;
     * keep it quick) when it is not null, and into {@link #lastStderr()} otherwise.
     */
    public static FfmpegProcess start(List<String> argv, Consumer<String> progressListener) throws IOException {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv");
        }
        ProcessBuilder builder = new ProcessBuilder(List.copyOf(argv));
        builder.environment().put("AV_LOG_FORCE_NOCOLOR", "1");
        Process process = Spawner.start(builder);
        String name = fileName(argv.get(0));
        FfmpegProcess owner = new FfmpegProcess(process, name, progressListener);
        try {
            owner.drainerThread.start();
        } catch (RuntimeException | Error e) {
            owner.close();
            throw e;
        }
        log.debug("started {}: {}", owner.name, argv);
        return owner;
    }

    /**
     * Runs {@code argv} to completion, collecting stdout (up to 16 MiB) as UTF-8 text. Kills the process and throws
     * if it takes longer than {@code timeout}. Meant for short jobs: {@code -version}, ffprobe, thumbnails.
     */
    public static Result run(List<String> argv, Duration timeout) throws IOException, InterruptedException {
        try (FfmpegProcess p = start(argv)) {
            p.stdin().close();
            AtomicBoolean timedOut = new AtomicBoolean();
            Thread watchdog = Thread.ofVirtual().name("ffmpeg-watchdog-" + p.pid()).start(() -> {
                try {
                    if (!p.waitFor(timeout)) {
                        timedOut.set(true);
                        p.close();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            String out;
            try {
                out = readCapped(p.stdout());
            } finally {
                p.close();
                watchdog.join();
            }
            if (timedOut.get()) {
                throw new IOException(p.name + " did not finish within " + timeout.toMillis() + " ms");
            }
            return new Result(p.exitCode().orElseThrow(), out, p.lastStderr());
        }
    }

    /** What a finished {@link #run} left behind. */
    public record Result(int exitCode, String stdout, List<String> stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** The process's standard output. Read it on a worker thread, never on an event loop. */
    public InputStream stdout() {
        return process.getInputStream();
    }

    /** The process's standard input. */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public long pid() {
        return process.pid();
    }

    /** The last stderr lines that were not progress lines, oldest first. */
    public List<String> lastStderr() {
        return drainer.lastLines();
    }

    /**
     * Waits up to {@code timeout} for the process to exit; true if it has. Within the same time it also waits for
     * stderr to be read to its end, so that {@link #lastStderr()} is then complete.
     */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        long left = deadline - System.nanoTime();
        if (left > 0 && Thread.currentThread() != drainerThread) {
            drainerThread.join(Duration.ofNanos(left));
        }
        return true;
    }

    /** The exit code, or empty while the process runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** True once {@link #close()} found the process still running and killed it. */
    public boolean killedByOwner() {
        return killedByOwner;
    }

    /**
     * Kills the process tree (descendants first; SIGTERM, then SIGKILL after {@link #KILL_GRACE}), reaps the process,
     * closes its pipes and waits for the stderr thread. Idempotent; safe to call from any thread.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            closeOnce();
        } finally {
            closeDone.countDown();
        }
    }

    private void closeOnce() {
        if (!waitForExit(process, EXIT_SETTLE_MS)) {
            killedByOwner = true;
            ProcessTree.kill(process.toHandle(), KILL_GRACE);
        }
        if (!waitForExit(process, REAP_TIMEOUT_MS)) {
            log.warn("{} still alive {} ms after SIGKILL", name, REAP_TIMEOUT_MS);
        }
        closeQuietly(process.getOutputStream());
        closeQuietly(process.getInputStream());
        if (!joinUninterruptibly(drainerThread, process.isAlive() ? 1 : REAP_TIMEOUT_MS)) {
            // only a process that escaped the kill still holds the pipe; the thread ends when that process does
            log.warn("{}: stderr is still open after exit; its reader thread stays until the last writer goes", name);
        }
        log.debug("closed {} (exit {})", name, exitCode());
    }

    /** A second caller of {@link #close()} returns only once the first has finished. */
    private void awaitClosed() {
        try {
            if (!closeDone.await(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                log.warn("{}: gave up waiting for a concurrent close()", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@link Process#waitFor(long, TimeUnit)} that an interrupt does not cut short, so that even an interrupted owner
     * closes properly; the interrupt is kept for the caller. Waiting a moment first also tells an exit of the
     * process's own (an owner who read stdout to its end usually closes before the JDK has reaped the process) from
     * one we cause.
     */
    private static boolean waitForExit(Process p, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean joinUninterruptibly(Thread t, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drainStderr() {
        drainer.run();
        try {
            int code = process.waitFor();
            if (code != 0 && !killedByOwner) {
                List<String> last = drainer.lastLines();
                log.warn("{} exited with {}; {}", name, code,
                        last.isEmpty() ? "it wrote nothing to stderr" : "last stderr:\n  " + String.join("\n  ", last));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + n > MAX_CAPTURED_STDOUT) {
                throw new IOException("output larger than " + MAX_CAPTURED_STDOUT + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            log.debug("{}: closing a pipe failed: {}", name, e.toString());
        }
    }

    /** The last path element of an executable, for log lines. */
    private static String fileName(String executable) {
        int slash = executable.lastIndexOf('/');
        return slash < 0 ? executable : executable.substring(slash + 1);
    }
}
