package dev.kino.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Await;
import dev.kino.testing.FreePorts;
import dev.kino.testing.Processes;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording live streams into the library, with real ffmpeg publishers: a 30 s session becomes one seekable file of
 * 30 s whose every frame decodes; a publisher that comes back within the grace period (over RTMP, after fMP4 over raw
 * TCP: two packagers, two timescales) goes on in the same file, and one killed with SIGKILL still leaves a playable
 * file; a WebM publisher, recorded after it was switched on in the API and back within the grace period, becomes one
 * WebM file with Cues.
 */
class LiveRecordingTest {
    private static final Duration FINISH = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    /** ffmpeg encoding {@code seconds} of test picture and tone as H.264/AAC in real time, without its output yet. */
    private static List<String> encoder(int seconds) {
        return new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", String.valueOf(seconds),
                "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac"));
    }

    /** Publishing fragmented MP4 to a raw TCP ingest port. */
    private static List<String> h264Aac(int seconds, int port) {
        List<String> cmd = encoder(seconds);
        cmd.addAll(List.of("-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe", "-frag_duration", "500000",
                "tcp://127.0.0.1:" + port));
        return cmd;
    }

    /** A WebM (VP8/Opus) publisher over HTTP PUT, as ffmpeg does it (the browser page sends the same over WebSocket). */
    private static List<String> webmPut(int seconds, String url) {
        return List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", String.valueOf(seconds), "-c:v", "libvpx", "-deadline", "realtime",
                "-g", "25", "-c:a", "libopus", "-f", "webm", "-method", "PUT", url);
    }

    private static Process start(List<String> cmd) throws Exception {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private TestServer server(Map<String, String> config) throws Exception {
        return TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"), config);
    }

    /** The recording's entry in {@code GET /api/library} once ffprobe has read it. */
    private static JsonObject awaitInLibrary(TestServer server, String cookie, String stream) throws Exception {
        JsonObject[] found = new JsonObject[1];
        Await.until(FINISH, "a recording of " + stream + " in the library, probed", () -> {
            for (Object o : new JsonArray(server.get("/api/library", cookie).body())) {
                JsonObject item = (JsonObject) o;
                if (item.getString("path").startsWith("recordings/" + stream + "/") && item.containsKey("duration")) {
                    found[0] = item;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    /** The piece being written now: the newest file in the stream's hidden recording folder. */
    private static long pieceBytes(Path streamDir, String piece) throws Exception {
        for (Path p : files(streamDir)) {
            if (p.getFileName().toString().startsWith(".") && Files.exists(p.resolve(piece))) {
                return Files.size(p.resolve(piece));
            }
        }
        return 0;
    }

    @Test
    void aThirtySecondSessionBecomesOneSeekableFileThatPlays() throws Exception {
        int port = FreePorts.loopback();
        try (TestServer server = server(Map.of("live.tcp", port + "=cam1:mp4:record", "live.grace", "1s"))) {
            String cookie = server.loginAdmin();
            Process ffmpeg = start(h264Aac(30, port));
            try {
                JsonObject live = server.awaitLive("cam1", cookie, Duration.ofSeconds(20));
                assertTrue(live.getBoolean("record"), live.encode());
                Await.until(Duration.ofSeconds(10), "the recording runs", () -> server.stream("cam1", cookie).getBoolean("recording"));
                assertEquals(0, server.stream("cam1", cookie).getInteger("viewers"), "the recorder is not counted as a viewer");
                assertFalse(server.get("/api/library", cookie).body().contains("recordings/"),
                        "the library does not list a recording while it is written");
                assertTrue(ffmpeg.waitFor(60, TimeUnit.SECONDS), "the publisher ran its 30 s");
            } finally {
                Processes.kill(ffmpeg);
            }
            JsonObject item = awaitInLibrary(server, cookie, "cam1");
            assertTrue(item.getString("path").matches("recordings/cam1/\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d\\.mp4"), item.encode());
            Path file = server.media().resolve(item.getString("path"));
            assertEquals(30.0, item.getDouble("duration"), 1.0, "the library's duration: " + item.encode());
            assertEquals(30.0, RecordedFile.duration(file), 1.0);
            List<String> boxes = RecordedFile.topLevelBoxes(file);
            assertTrue(boxes.indexOf("moov") >= 0 && boxes.indexOf("moov") < boxes.indexOf("mdat"),
                    "seekable at once: the index comes before the media " + boxes);
            assertFalse(boxes.contains("moof"), "a normal MP4, not fragments: " + boxes);
            assertEquals("", RecordedFile.decodeErrors(file), "every frame decodes");
            assertEquals(List.of(file), files(file.getParent()), "one file, and nothing left of the recording folder");
            assertFalse(server.stream("cam1", cookie).getBoolean("recording"));
        }
    }

    @Test
    void aPublisherBackWithinTheGraceGoesOnInTheSameFileAndOneKilledLeavesAPlayableFile() throws Exception {
        int port = FreePorts.loopback();
        String key = "0123456789abcdef-rec";
        try (TestServer server = server(Map.of("live.tcp", port + "=cam1:mp4:record", "live.streams", "cam1=" + key,
                "live.grace", "5s"))) {
            String cookie = server.loginAdmin();
            Path cam = server.media().resolve("recordings/cam1");
            Process first = start(h264Aac(3, port));
            try {
                server.awaitLive("cam1", cookie, Duration.ofSeconds(20));
                assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the first publisher ran its 3 s");
            } finally {
                Processes.kill(first);
            }
            // the second comes back over RTMP: Kino's own FLV → fMP4 packaging, after ffmpeg's fMP4
            List<String> rtmp = encoder(60);
            rtmp.addAll(List.of("-f", "flv", "rtmp://127.0.0.1:" + server.rtmpPort() + "/live/cam1?key=" + key));
            Process second = start(rtmp);
            try {
                Await.until(Duration.ofSeconds(20), "the second session is recorded", () -> pieceBytes(cam, "002.mp4") > 60_000);
                second.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no clean end of its stream
            } finally {
                Processes.kill(second);
            }
            JsonObject item = awaitInLibrary(server, cookie, "cam1");
            Path file = server.media().resolve(item.getString("path"));
            assertEquals(List.of(file), files(cam), "both sessions are in one file");
            double duration = RecordedFile.duration(file);
            assertTrue(duration > 4.0, "3 s of the first session and more of the second: " + duration);
            assertEquals(RecordedFile.videoFrames(file) / 25.0, duration, 0.5,
                    "the second session's timestamps go on from the first's: no overlap, no gap");
            assertEquals("", RecordedFile.decodeErrors(file), "every frame decodes, the killed publisher's last ones included");
        }
    }

    @Test
    void aWebmPublisherSwitchedOnInTheApiAndBackWithinTheGraceIsRecordedAsOneWebmWithCues() throws Exception {
        int port = FreePorts.loopback();
        Map<String, String> config = Map.of("live.grace", "4s", "live.tcp", port + "=cam9:webm");
        String adminPassword;
        try (TestServer server = server(config)) {
            adminPassword = server.adminPassword();
            String admin = server.loginAdmin();
            server.addUser("bob", "bob-password-1", false);
            String bob = server.login("bob", "bob-password-1");
            String key = new JsonObject(server.post("/api/streams", "{\"name\":\"web1\"}", admin).body()).getString("streamKey");
            assertEquals(404, server.post("/api/streams/web1/record", "{\"on\":true}", bob).statusCode(), "not bob's stream");
            assertEquals(409, server.post("/api/streams/cam9/record", "{\"on\":true}", admin).statusCode(), "config says");
            assertEquals(400, server.post("/api/streams/web1/record", "{\"on\":\"yes\"}", admin).statusCode());
            assertEquals(401, server.post("/api/streams/web1/record", "{\"on\":true}", null).statusCode());
            Process ffmpeg = start(webmPut(6, server.url("/live/web1?key=" + key)));
            try {
                server.awaitLive("web1", admin, Duration.ofSeconds(20));
                assertFalse(server.stream("web1", admin).getBoolean("record"));
                var on = server.post("/api/streams/web1/record", "{\"on\":true}", admin);
                assertEquals(200, on.statusCode(), on.body());
                Await.until(Duration.ofSeconds(10), "the live stream is recorded from now on",
                        () -> server.stream("web1", admin).getBoolean("recording"));
                assertTrue(server.stream("web1", admin).getBoolean("record"));
                assertTrue(ffmpeg.waitFor(30, TimeUnit.SECONDS), "the publisher ran");
            } finally {
                Processes.kill(ffmpeg);
            }
            Process again = start(webmPut(3, server.url("/live/web1?key=" + key))); // back within the grace period
            try {
                assertTrue(again.waitFor(30, TimeUnit.SECONDS), "the publisher ran again");
            } finally {
                Processes.kill(again);
            }
            JsonObject item = awaitInLibrary(server, admin, "web1");
            assertTrue(item.getString("path").endsWith(".webm"), item.encode());
            assertEquals("video/webm", item.getString("mimeType"));
            Path file = server.media().resolve(item.getString("path"));
            assertEquals(List.of(file), files(file.getParent()), "both sessions in one file");
            double duration = RecordedFile.duration(file);
            assertTrue(duration > 5, "from the switch on to the end of the second session: " + duration);
            assertEquals(RecordedFile.videoFrames(file) / 25.0, duration, 0.5, "the second session follows the first");
            assertTrue(RecordedFile.hasCues(file), "seekable: the remux wrote Cues");
            assertEquals("", RecordedFile.decodeErrors(file), "every frame decodes");
        }
        try (TestServer again = server(config)) {
            assertTrue(again.stream("web1", again.login("admin", adminPassword)).getBoolean("record"),
                    "the switch is kept across a restart");
        }
    }
}
