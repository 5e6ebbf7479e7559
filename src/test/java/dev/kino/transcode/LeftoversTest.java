package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.config.TranscodeConfig;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17's backstop: running jobs are recorded in the data dir, and the next server there ends what is left. */
class LeftoversTest {
    @TempDir
    Path dir;

    @Test
    void theNextServerOnTheDataDirEndsRecordedLeftoversButNotAProcessThatGotTheirPid() throws Exception {
        Process leftover = new ProcessBuilder("sleep", "60").start();
        Process stranger = new ProcessBuilder("sleep", "60").start();
        try {
            Path records = Files.createDirectories(dir.resolve("data").resolve("ffmpeg-pids"));
            Files.writeString(records.resolve(Long.toString(leftover.pid())), Leftovers.startTime(leftover.pid()).orElseThrow() + "\n");
            // the pid a killed server recorded, since given to another process, which started at another time
            Files.writeString(records.resolve(Long.toString(stranger.pid())), (Leftovers.startTime(stranger.pid()).orElseThrow() - 1) + "\n");
            Files.writeString(records.resolve("notes.txt"), "not a record");
            try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"))) {
                assertTrue(leftover.waitFor(5, TimeUnit.SECONDS), "the recorded process was ended");
                assertTrue(stranger.isAlive(), "the process that has the pid now runs on");
                try (var left = Files.list(records)) {
                    assertEquals(List.of(), left.toList(), "the records are dropped");
                }
            }
        } finally {
            leftover.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    @Test
    void aJobIsRecordedWhileItRunsAndForgottenOnceClosed() throws Exception {
        Path records = dir.resolve("ffmpeg-pids");
        TranscodeService transcodes = new TranscodeService(TestClips.system(), new TranscodeConfig(1), new Leftovers(records));
        TranscodeService.Job job = transcodes.start("a test", "null", 0, List.of(TestClips.system().ffmpeg().toString(),
                "-nostdin", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=64x64:rate=5",
                "-t", "60", "-f", "null", "-")).orElseThrow();
        try (var running = Files.list(records)) {
            List<Path> files = running.toList();
            assertEquals(1, files.size(), files.toString());
            long pid = Long.parseLong(files.get(0).getFileName().toString());
            assertEquals(Leftovers.startTime(pid).orElseThrow(), Long.parseLong(Files.readString(files.get(0)).trim()));
        } finally {
            job.close();
        }
        try (var after = Files.list(records)) {
            assertFalse(after.findAny().isPresent(), "the record goes with the process");
        }
    }
}
