package dev.kino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.FillHeap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options the {@code ./kino} launcher starts the server with, taken from the script itself (its
 * {@code jvm_options} function, run by bash), make a JVM that runs out of heap exit at once, and dump the heap first
 * when {@code KINO_HEAP_DUMP_DIR} is set.
 */
class LauncherOptionsTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultOptionsEndAJvmThatRunsOutOfHeap() throws Exception {
        List<String> options = launcherOptions(Map.of());
        assertTrue(options.contains("-Xmx256m"), "the default heap, " + options);
        assertEquals(Runtime.version().feature() >= 22, options.contains("-XX:TrimNativeHeapInterval=5000"),
                "free C heap is trimmed on a JDK that has the option (this is " + Runtime.version() + "): " + options);
        Run run = fillHeap(options);
        assertEquals(3, run.exit(), "exit status of a JVM ended by -XX:+ExitOnOutOfMemoryError; output: " + run.output());
        assertTrue(run.output().contains("Terminating due to java.lang.OutOfMemoryError"), run.output());
        assertTrue(run.seconds() < 20, "exited within seconds, took " + run.seconds());
    }

    @Test
    void kinoJavaOptsReplaceTheDefaultsButKeepTheExitAndAHeapDumpGoesToKinoHeapDumpDir() throws Exception {
        Path dumps = dir.resolve("dumps");
        Files.createDirectories(dumps);
        List<String> options = launcherOptions(Map.of("KINO_JAVA_OPTS", "-XX:+UseSerialGC -Xmx24m", "KINO_HEAP_DUMP_DIR",
                dumps.toString()));
        assertFalse(options.contains("-Xmx256m"), options.toString());
        Run run = fillHeap(options);
        assertEquals(3, run.exit(), "output: " + run.output());
        try (Stream<Path> files = Files.list(dumps)) {
            List<Path> hprof = files.filter(f -> f.getFileName().toString().endsWith(".hprof")).toList();
            assertEquals(1, hprof.size(), "one heap dump in " + dumps + "; output: " + run.output());
            assertTrue(Files.size(hprof.get(0)) > 1 << 20, "a heap dump of the full heap");
        }
    }

    @Test
    void onAJdk21TheDefaultsLeaveOutTheTrimOptionItDoesNotHave() throws Exception {
        Path jdk21 = dir.resolve("jdk-21");
        Files.createDirectories(jdk21);
        Files.writeString(jdk21.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"21.0.5\"\n");
        List<String> options = launcherOptions(Map.of("JAVA_HOME", jdk21.toString()));
        assertTrue(options.contains("-XX:+UseSerialGC"), options.toString());
        assertFalse(options.stream().anyMatch(o -> o.startsWith("-XX:TrimNativeHeapInterval")), options.toString());
    }

    private record Run(int exit, String output, double seconds) {}

    /** The options {@code ./kino} would pass to java, one per line from its own {@code jvm_options}, for {@code env}. */
    private static List<String> launcherOptions(Map<String, String> env) throws IOException, InterruptedException {
        Path script = Path.of("kino").toAbsolutePath();
        assertTrue(Files.isRegularFile(script), "the launcher at " + script);
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; eval \"$(sed -n '/^java_major() {/,/^}/p;/^jvm_options() {/,/^}/p' \"$1\")\"; jvm_options", "bash", script.toString());
        pb.environment().remove("KINO_JAVA_OPTS");
        pb.environment().remove("KINO_HEAP_DUMP_DIR");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home")); // the JDK the launcher would have picked
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "bash ran the launcher's jvm_options");
        List<String> options = out.lines().filter(l -> !l.isBlank()).toList();
        assertTrue(options.contains("-Xmx256m") || options.stream().anyMatch(o -> o.startsWith("-Xmx")),
                "the launcher's jvm_options gives a heap size: " + options);
        return options;
    }

    /** Runs {@link FillHeap} under {@code options}; fails if the JVM is still running after 30 s. */
    private static Run fillHeap(List<String> options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(Path.of(FillHeap.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString());
        cmd.add(FillHeap.class.getName());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start(); // the JVM says why it ends on stdout
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        boolean exited = p.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        reader.join();
        String output = new String(out[0], StandardCharsets.UTF_8);
        assertTrue(exited, "the JVM exits when it runs out of heap; it was still running after 30 s; output: " + output);
        return new Run(p.exitValue(), output, (System.nanoTime() - start) / 1e9);
    }
}
