package dev.kino.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.store.MediaInfo;
import dev.kino.testing.Ffmpeg;
import dev.kino.transcode.MediaSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceProberTest {
    @TempDir
    Path dir;

    @Test
    void probesOnceAndKeepsTheResult() throws Exception {
        Path clip = Ffmpeg.make(dir.resolve("a.avi"), 2, "-c:v", "mpeg4", "-c:a", "libmp3lame");
        Path text = Files.writeString(dir.resolve("b.txt"), "not media");
        try (SourceProber prober = new SourceProber(Path.of("ffprobe"), Duration.ofSeconds(30))) {
            MediaSource source = MediaSource.file("k1", "a.avi", clip);
            MediaInfo info = prober.info(source).get(30, TimeUnit.SECONDS);
            assertEquals("mpeg4", info.videoCodec());
            assertEquals("mp3", info.audioCodec());
            assertEquals(2.0, info.durationSeconds(), 0.1);
            assertSame(prober.info(source), prober.info(MediaSource.file("k1", "a.avi", text)), "one result per key");
            MediaInfo bad = prober.info(MediaSource.file("k2", "b.txt", text)).get(30, TimeUnit.SECONDS);
            assertNotNull(bad.error(), "not media is an answer, kept like any other");
        }
    }

    @Test
    void aSourceThatCannotBeReadYetIsTriedAgain() throws Exception {
        try (SourceProber prober = new SourceProber(Path.of("ffprobe"), Duration.ofSeconds(30))) {
            // nothing listens on port 9 of loopback: refused, as when the server is not there yet
            MediaSource source = MediaSource.http("k", "a.mkv", "http://127.0.0.1:9/torrents/x/files/0");
            CompletableFuture<MediaInfo> first = prober.info(source);
            ExecutionException e = assertThrows(ExecutionException.class, () -> first.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof ProbePendingException, e.getCause().toString());
            assertFalse(e.getCause().getMessage().contains("127.0.0.1:9"), "the URL stays out of messages: " + e.getCause().getMessage());
            assertNotSame(first, prober.info(source), "forgotten: the next call runs ffprobe again");
        }
    }

    @Test
    void serverAnswersAndTimeoutsAreNotTheContentsFault() {
        assertTrue(SourceProber.pending("a.mkv: Server returned 5XX Server Error reply"));
        assertTrue(SourceProber.pending("a.mkv: Connection timed out"));
        assertTrue(SourceProber.pending("Connection to tcp://127.0.0.1:9 failed: Connection refused"));
        assertFalse(SourceProber.pending("a.mkv: Invalid data found when processing input"));
    }
}
