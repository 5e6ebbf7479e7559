package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.testing.Await;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.LiveViewer;
import dev.kino.testing.Prerequisites;
import dev.kino.testing.Processes;
import dev.kino.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real RTMP publishers: ffmpeg, watched by a viewer who joins 20 s in and by headless Chromium; and OBS Studio itself,
 * under Xvfb, with a colour source and the stream settings a user pastes from the /live page.
 */
class RtmpPublishIT {
    @TempDir
    Path dir;

    @Test
    void aViewerJoining20sIntoAnFfmpegRtmpStreamSeesAFrameAtOnceAndChromiumPlaysIt() throws Exception {
        Vertx client = Vertx.vertx();
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"));
             Playwright pw = Browsers.playwright();
             Browser browser = pw.chromium().launch(Browsers.chromium())) {
            String cookie = server.loginAdmin();
            JsonObject obs = declare(server, cookie);
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
                    "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=44100", "-t", "40", "-c:v", "libx264",
                    "-preset", "veryfast", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv",
                    obs.getString("server") + "/" + obs.getString("streamKey"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                server.awaitLive("cam1", cookie, Duration.ofSeconds(30));
                Thread.sleep(20_000); // stays: the scenario is a viewer who joins 20 s into the stream
                long joined = System.nanoTime();
                LiveViewer late = LiveViewer.connect(client, server.port(), "cam1", cookie);
                Await.until(Duration.ofSeconds(10), "the late viewer gets media", () -> late.messages().size() >= 3);
                LiveViewer.Message firstMedia = late.messages().get(2);
                double seconds = (firstMedia.arrivalNanos() - joined) / 1e9;
                assertTrue(seconds < 1, "the first decodable fragment arrived " + seconds + " s after joining");
                Path first = Files.write(dir.resolve("late.mp4"), late.media(1));
                assertEquals("1", Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_frames",
                        "-read_intervals", "%+#1", "-show_entries", "frame=key_frame", "-of", "csv=p=0", first.toString()))
                        .trim().split(",")[0], "and it starts at a keyframe");
                Page page = browser.newPage();
                Browsers.logInAsAdmin(page, server);
                plays(page, server, "target/e2e-live-rtmp.png");
            } finally {
                Processes.kill(ffmpeg);
            }
        } finally {
            LiveViewer.closeClient(client);
        }
    }

    @Test
    void obsStudioStreamsForTwentySecondsAndTheStreamPlays() throws Exception {
        Prerequisites.require(onPath("obs") && onPath("xvfb-run"), "OBS Studio and Xvfb are not installed (apt-get install obs-studio xvfb xauth)");
        Vertx client = Vertx.vertx();
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"));
             Playwright pw = Browsers.playwright();
             Browser browser = pw.chromium().launch(Browsers.chromium())) {
            String cookie = server.loginAdmin();
            JsonObject settings = declare(server, cookie);
            Path home = ObsProfile.write(dir.resolve("obs-home"), settings.getString("server"), settings.getString("streamKey"));
            LiveViewer viewer = LiveViewer.connect(client, server.port(), "cam1", cookie);
            ProcessBuilder pb = new ProcessBuilder("xvfb-run", "-a", "-s", "-screen 0 1280x720x24", "obs", "--startstreaming",
                    "--disable-updater", "--disable-shutdown-check", "--multi")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("obs.log").toFile());
            pb.environment().put("HOME", home.toString());
            pb.environment().put("LIBGL_ALWAYS_SOFTWARE", "1");
            Process obs = pb.start();
            try {
                JsonObject live = server.awaitLive("cam1", cookie, Duration.ofSeconds(60));
                assertEquals("rtmp", live.getString("protocol"), live.encode());
                String mime = live.getString("mimeType");
                assertTrue(mime.startsWith("video/mp4; codecs=\"avc1.") && mime.endsWith(", mp4a.40.2\""), mime);
                Thread.sleep(20_000); // stays: OBS publishes for 20 s
                JsonObject after = server.stream("cam1", cookie);
                assertEquals(640, after.getInteger("width"), after.encode());
                assertEquals(360, after.getInteger("height"), after.encode());
                Path got = Files.write(dir.resolve("obs.mp4"), viewer.media(1));
                int frames = Integer.parseInt(Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
                        "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", got.toString())).trim());
                assertTrue(frames > 15 * 30, "ffprobe decodes 20 s of OBS at 30 fps: " + frames + " frames");
                Page page = browser.newPage();
                Browsers.logInAsAdmin(page, server);
                plays(page, server, "target/e2e-live-obs.png");
            } finally {
                Processes.kill(obs);
            }
        } finally {
            LiveViewer.closeClient(client);
        }
    }

    /** The live page shows a picture and plays on for 2 s. */
    private static void plays(Page page, TestServer server, String screenshot) {
        page.navigate(server.url("/live/cam1"));
        page.waitForFunction("() => { const v = document.getElementById('live'); const q = v.getVideoPlaybackQuality();"
                + " return q.totalVideoFrames - q.droppedVideoFrames > 0; }", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
        double t0 = ((Number) page.evaluate("() => document.getElementById('live').currentTime")).doubleValue();
        page.waitForFunction("t => document.getElementById('live').currentTime > t + 2", t0,
                new Page.WaitForFunctionOptions().setTimeout(15_000));
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get(screenshot)));
    }

    private static JsonObject declare(TestServer server, String cookie) throws Exception {
        var r = server.post("/api/streams", "{\"name\":\"cam1\"}", cookie);
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getJsonObject("obs");
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
