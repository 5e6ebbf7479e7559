package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kino.testing.Await;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@Timeout(30)
class FfmpegProcessTest {
    private static final FfmpegTools TOOLS = TestClips.system();

    @TempDir
    Path dir;

    @Test
    void closeKillsARunningFfmpegQuicklyAndLeavesNothingBehind() throws Exception {
        FfmpegProcess p = FfmpegProcess.start(List.of(TOOLS.ffmpeg().toString(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-re", "-f", "lavfi", "-i", "testsrc2", "-f", "null", "-"));
        ProcessHandle handle = ProcessHandle.of(p.pid()).orElseThrow();
        assertFalse(p.waitFor(Duration.ofMillis(300)), "still running");
        assertTrue(p.exitCode().isEmpty());
        List<ProcessHandle> children = handle.descendants().toList();
        long start = System.nanoTime();
        p.close();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1500, "close took " + millis + " ms");
        assertFalse(handle.isAlive());
        assertTrue(children.stream().noneMatch(ProcessHandle::isAlive));
        assertTrue(p.exitCode().isPresent(), "reaped");
        assertTrue(p.killedByOwner());
        p.close(); // idempotent
    }

    @Test
    void anInterruptedOwnerStillClosesProperly() throws Exception {
        FfmpegProcess p = FfmpegProcess.start(List.of(TOOLS.ffmpeg().toString(), "-nostdin", "-re", "-f", "lavfi", "-i", "testsrc2",
                "-f", "null", "-"));
        Thread.currentThread().interrupt();
        try {
            p.close();
            assertTrue(Thread.interrupted(), "the interrupt is kept");
        } finally {
            Thread.interrupted();
        }
        assertTrue(p.exitCode().isPresent(), "reaped");
        assertTrue(p.waitFor(Duration.ofSeconds(1)));
        assertEquals(0, stderrThreadOf(p), "stderr thread ended");
    }

    @Test
    void concurrentClosersAllReturnOnceTheProcessIsGone() throws Exception {
        FfmpegProcess p = FfmpegProcess.start(List.of(TOOLS.ffmpeg().toString(), "-nostdin", "-re", "-f", "lavfi", "-i", "testsrc2",
                "-f", "null", "-"));
        List<Thread> closers = new java.util.ArrayList<>();
        List<Boolean> goneAfterClose = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            closers.add(Thread.ofVirtual().start(() -> {
                p.close();
                goneAfterClose.add(p.exitCode().isPresent());
            }));
        }
        for (Thread t : closers) {
            t.join(Duration.ofSeconds(5));
        }
        assertEquals(List.of(true, true, true, true), goneAfterClose);
    }

    @Test
    void closeKillsTheWholeTree() throws Exception {
        FfmpegProcess p = FfmpegProcess.start(List.of("/bin/sh", "-c", "sleep 30 & sleep 30 & wait"));
        ProcessHandle handle = ProcessHandle.of(p.pid()).orElseThrow();
        List<ProcessHandle> children = awaitDescendants(handle, 2);
        long start = System.nanoTime();
        p.close();
        assertTrue(System.nanoTime() - start < 1_500_000_000L);
        assertFalse(handle.isAlive());
        for (ProcessHandle child : children) {
            assertTrue(child.onExit().get(1, java.util.concurrent.TimeUnit.SECONDS) != null && !child.isAlive(),
                    "child " + child.pid() + " left behind");
        }
    }

    @Test
    void closeIsQuickEvenWhenNobodyReadsStdout() throws Exception {
        // ffmpeg blocks writing to the full pipe, where SIGTERM alone does not stop it: SIGKILL must follow
        FfmpegProcess p = FfmpegProcess.start(List.of(TOOLS.ffmpeg().toString(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc2=size=640x480", "-f", "rawvideo", "pipe:1"));
        // a frame is 460,800 bytes: once the pipe holds some and takes no more, ffmpeg is blocked writing
        Await.until(Duration.ofSeconds(20), "ffmpeg writes to its stdout", () -> unread(p) > 0);
        Await.settled(Duration.ofMillis(300), Duration.ofSeconds(20), "the stdout pipe filling", () -> unread(p));
        long start = System.nanoTime();
        p.close();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1500, "close took " + millis + " ms");
        assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false));
        assertThrows(IOException.class, () -> p.stdout().read(), "stdout is closed");
    }

    @Test
    void aFailingFfmpegReportsItsError() throws Exception {
        Path missing = dir.resolve("missing.mp4");
        ListAppender<ILoggingEvent> logged = captureLog();
        try (FfmpegProcess p = FfmpegProcess.start(FfmpegCommand.convert(TOOLS, missing, ConversionRequest.of(OutputFormat.MP4)))) {
            assertEquals(-1, p.stdout().read(), "nothing on stdout");
            assertTrue(p.waitFor(Duration.ofSeconds(10)));
            assertNotEquals(0, p.exitCode().getAsInt());
            assertFalse(p.killedByOwner());
            String stderr = String.join("\n", p.lastStderr());
            assertTrue(stderr.contains("missing.mp4") && stderr.contains("No such file or directory"), stderr);
            ILoggingEvent warn = logged.list.stream().filter(e -> e.getLevel() == Level.WARN).findFirst().orElseThrow();
            assertTrue(warn.getFormattedMessage().contains("No such file or directory"), warn.getFormattedMessage());
        } finally {
            releaseLog(logged);
        }
    }

    @Test
    void aFailureIsLoggedEvenWhenTheOwnerClosesRightAfterEndOfStdout() throws Exception {
        ListAppender<ILoggingEvent> logged = captureLog();
        try {
            for (int i = 0; i < 5; i++) {
                try (FfmpegProcess p = FfmpegProcess.start(List.of("/bin/sh", "-c", "echo bad input >&2; exit 1"))) {
                    p.stdout().transferTo(OutputStream.nullOutputStream());
                }
            }
            assertEquals(5, logged.list.stream().filter(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("exited with 1; last stderr:\n  bad input")).count(), () -> logged.list.toString());
        } finally {
            releaseLog(logged);
        }
    }

    @Test
    void aProcessItsOwnerKilledIsNotReportedAsFailed() throws Exception {
        ListAppender<ILoggingEvent> logged = captureLog();
        try {
            FfmpegProcess p = FfmpegProcess.start(List.of("/bin/sh", "-c", "echo working >&2; sleep 30"));
            Await.until(Duration.ofSeconds(10), "the process is at work", () -> p.lastStderr().contains("working"));
            p.close();
            assertTrue(p.waitFor(Duration.ofSeconds(1)));
            assertNotEquals(0, p.exitCode().getAsInt());
            assertTrue(logged.list.stream().noneMatch(e -> e.getLevel() == Level.WARN), () -> logged.list.toString());
        } finally {
            releaseLog(logged);
        }
    }

    private static ListAppender<ILoggingEvent> captureLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(FfmpegProcess.class)).addAppender(appender);
        return appender;
    }

    private static void releaseLog(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(FfmpegProcess.class)).detachAppender(appender);
    }

    @Test
    void stdinAndStdoutArePipes() throws Exception {
        byte[] samples = new byte[64 * 1024];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (byte) (i * 7);
        }
        try (FfmpegProcess p = FfmpegProcess.start(List.of(TOOLS.ffmpeg().toString(), "-hide_banner", "-loglevel", "error",
                "-f", "u8", "-ar", "8000", "-ac", "1", "-i", "pipe:0", "-f", "u8", "pipe:1"))) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try (OutputStream in = p.stdin()) {
                    in.write(samples);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] out = p.stdout().readAllBytes();
            writer.join();
            assertTrue(p.waitFor(Duration.ofSeconds(10)));
            assertEquals(0, p.exitCode().getAsInt(), () -> p.lastStderr().toString());
            assertArrayEquals(samples, out);
        }
    }

    @Test
    void stderrKeepsTheLastLinesAndSendsProgressLinesToTheListener() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        String script = "i=0; while [ $i -lt 100 ]; do i=$((i+1)); echo \"line $i\" >&2; done;"
                + " printf 'frame=3\\nprogress=end\\r\\nlast words\\n' >&2; exit 3";
        try (FfmpegProcess p = FfmpegProcess.start(List.of("/bin/sh", "-c", script), progress::add)) {
            assertTrue(p.waitFor(Duration.ofSeconds(10)));
            assertEquals(3, p.exitCode().getAsInt());
            List<String> last = p.lastStderr();
            assertEquals(FfmpegProcess.STDERR_LINES, last.size());
            assertEquals("line 72", last.getFirst());
            assertEquals("last words", last.getLast());
            assertEquals(List.of("frame=3", "progress=end"), progress);
        }
    }

    @Test
    void withoutAListenerProgressLinesAreKept() throws Exception {
        try (FfmpegProcess p = FfmpegProcess.start(List.of("/bin/sh", "-c", "echo frame=3 >&2; echo oops >&2"))) {
            assertTrue(p.waitFor(Duration.ofSeconds(10)));
            assertEquals(List.of("frame=3", "oops"), p.lastStderr());
        }
    }

    @Test
    void longLinesAreCutAndAThrowingListenerDoesNotStopTheDrain() throws Exception {
        String script = "head -c 100000 /dev/zero | tr '\\0' x >&2; echo >&2; echo a=1 >&2; echo done >&2";
        try (FfmpegProcess p = FfmpegProcess.start(List.of("/bin/sh", "-c", script), line -> {
            throw new IllegalStateException("listener bug");
        })) {
            assertTrue(p.waitFor(Duration.ofSeconds(10)));
            List<String> last = p.lastStderr();
            assertEquals(StderrDrainer.MAX_LINE_BYTES, last.getFirst().length());
            assertEquals("done", last.getLast());
        }
    }

    @Test
    void runCollectsStdoutAndEnforcesItsTimeout() throws Exception {
        FfmpegProcess.Result r = FfmpegProcess.run(List.of(TOOLS.ffprobe().toString(), "-version"), Duration.ofSeconds(10));
        assertTrue(r.succeeded());
        assertTrue(r.stdout().startsWith("ffprobe version"), r.stdout());
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> FfmpegProcess.run(List.of(TOOLS.ffmpeg().toString(), "-nostdin",
                "-re", "-f", "lavfi", "-i", "testsrc2", "-f", "null", "-"), Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("did not finish within 300 ms"), e.getMessage());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5000, "the 300 ms timeout ends an endless run, within " + millis + " ms on a loaded machine");
        assertThrows(IOException.class, () -> FfmpegProcess.run(List.of(dir.resolve("nope").toString()), Duration.ofSeconds(1)));
    }

    @Test
    void noThreadsOrDescriptorsLeak() throws Exception {
        FfmpegProcess.run(List.of(TOOLS.ffmpeg().toString(), "-version"), Duration.ofSeconds(10)); // warm up
        long fds = openDescriptors();
        for (int i = 0; i < 10; i++) {
            FfmpegProcess.run(List.of(TOOLS.ffmpeg().toString(), "-version"), Duration.ofSeconds(10));
            try (FfmpegProcess p = FfmpegProcess.start(List.of(TOOLS.ffmpeg().toString(), "-nostdin", "-re", "-f", "lavfi",
                    "-i", "testsrc2=size=160x120", "-f", "null", "-"))) {
                assertFalse(p.waitFor(Duration.ofMillis(20)));
            }
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (stderrThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, stderrThreads(), "stderr threads left");
        assertTrue(openDescriptors() <= fds + 2, "descriptors: " + fds + " before, " + openDescriptors() + " after");
    }

    @Test
    void argvIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> FfmpegProcess.start(List.of()));
        assertThrows(IOException.class, () -> FfmpegProcess.start(List.of(dir.resolve("no-such-ffmpeg").toString())));
    }

    /** The bytes waiting in the process's stdout pipe, read by nobody. */
    private static int unread(FfmpegProcess p) {
        try {
            return p.stdout().available();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ProcessHandle> awaitDescendants(ProcessHandle handle, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        List<ProcessHandle> d = handle.descendants().toList();
        while (d.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            d = handle.descendants().toList();
        }
        assertEquals(count, d.size(), "descendants: " + d);
        return d;
    }

    private static long stderrThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ffmpeg-stderr-")).count();
    }

    private static long stderrThreadOf(FfmpegProcess p) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("ffmpeg-stderr-" + p.pid())).count();
    }

    private static long openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? 0 : fds.length;
    }
}
