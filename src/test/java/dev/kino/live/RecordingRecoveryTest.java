package dev.kino.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.config.LiveConfig;
import dev.kino.config.RecordingConfig;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.output.record.LiveRecorder;
import dev.kino.testing.Await;
import dev.kino.testing.Ffmpeg;
import dev.kino.transcode.FfmpegRemux;
import dev.kino.transcode.FfmpegTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kino that was killed while recording left a recording folder: two pieces as the hub gave them (fragmented MP4,
 * each session's timestamps starting at 0), the last one cut off mid-fragment. The next start joins them with real
 * ffmpeg into one file that plays through.
 */
class RecordingRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aRecordingLeftByAKilledKinoIsJoinedIntoAFileThatPlays() throws Exception {
        Path left = Files.createDirectories(dir.resolve("recordings/cam1/.2026-01-02_03-04-05.rec"));
        for (String piece : List.of("001.mp4", "002.mp4")) {
            Ffmpeg.make(left.resolve(piece), 2, "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe", "-frag_duration", "500000");
        }
        byte[] last = Files.readAllBytes(left.resolve("002.mp4"));
        Files.write(left.resolve("002.mp4"), Arrays.copyOf(last, last.length - 3000)); // the write that never finished
        FfmpegTools ffmpeg = new FfmpegTools(Path.of("ffmpeg"), Path.of("ffprobe"), FfmpegTools.SYSTEM);
        try (LiveRecorder recorder = new LiveRecorder(new StreamHub(LiveConfig.defaults()), dir.resolve("recordings"),
                RecordingConfig.keepAll(), name -> false, (pieces, out, format) -> FfmpegRemux.run(ffmpeg, pieces, out, format,
                Duration.ofSeconds(60)), () -> {})) {
            recorder.start();
            Path done = dir.resolve("recordings/cam1/2026-01-02_03-04-05.mp4");
            Await.until(Duration.ofSeconds(30), "the leftover is finished", () -> Files.exists(done) && !Files.exists(left));
            double duration = RecordedFile.duration(done);
            assertTrue(duration > 3.0 && duration < 4.2, "both pieces, one after the other: " + duration);
            assertEquals(RecordedFile.videoFrames(done) / 25.0, duration, 0.3, "the second piece follows the first");
            assertEquals("", RecordedFile.decodeErrors(done));
            List<String> boxes = RecordedFile.topLevelBoxes(done);
            assertTrue(boxes.indexOf("moov") < boxes.indexOf("mdat"), boxes.toString());
            assertFalse(Files.exists(left));
        }
    }
}
