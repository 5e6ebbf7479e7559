package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.testing.Processes;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real HLS players on a live RTMP stream: hls.js in headless Chromium in low-latency mode (the live page with
 * {@code ?hls=1}), mpv and VLC, the last two through a signed link (a private stream, no session).
 */
class LiveHlsIT {
    @TempDir
    Path dir;

    @Test
    void hlsJsInLowLatencyModeMpvAndVlcPlayALiveStream() throws Exception {
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"));
             Playwright pw = Browsers.playwright();
             Browser browser = pw.chromium().launch(Browsers.chromium())) {
            String cookie = server.loginAdmin();
            var created = server.post("/api/streams", "{\"name\":\"cam1\"}", cookie);
            assertEquals(201, created.statusCode(), created.body());
            JsonObject obs = new JsonObject(created.body()).getJsonObject("obs");
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
                    "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "90", "-c:v", "libx264",
                    "-preset", "veryfast", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv",
                    obs.getString("server") + "/" + obs.getString("streamKey"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                server.awaitLive("cam1", cookie, Duration.ofSeconds(30));
                Page page = browser.newPage();
                Browsers.logInAsAdmin(page, server);
                page.navigate(server.url("/live/cam1?hls=1"));
                page.waitForFunction("() => { const v = document.getElementById('live'); const q = v.getVideoPlaybackQuality();"
                        + " return v.dataset.mode === 'hls.js' && q.totalVideoFrames - q.droppedVideoFrames > 0; }", null,
                        new Page.WaitForFunctionOptions().setTimeout(20_000));
                double t0 = ((Number) page.evaluate("() => document.getElementById('live').currentTime")).doubleValue();
                page.waitForFunction("t => document.getElementById('live').currentTime > t + 4", t0,
                        new Page.WaitForFunctionOptions().setTimeout(20_000));
                double latency = Double.parseDouble((String) page.evaluate(
                        "() => document.getElementById('live').dataset.latency || '99'"));
                assertTrue(latency < 3, "hls.js in low-latency mode plays " + latency + " s behind the live edge");
                assertTrue(Browsers.consoleErrors(page).isEmpty(), "console errors: " + Browsers.consoleErrors(page));
                page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-live-hls.png")));

                JsonObject signed = new JsonObject(server.post("/api/sign", "{\"path\":\"/live/cam1\",\"ttl\":300}", cookie).body());
                String url = server.url("/live/cam1/index.m3u8" + signed.getString("url").substring(signed.getString("url").indexOf('?')));
                String mpv = Players.run(dir, List.of("mpv", "--no-config", "--vo=null", "--ao=null", "--length=6", "--msg-level=all=info", url));
                assertTrue(mpv.contains("Video --vid=1") && mpv.contains("(h264"), "mpv found the video track:\n" + mpv);
                assertTrue(mpv.contains("Exiting... (End of file)"), "mpv played to the end of its 6 s:\n" + mpv);
                String vlc = Players.run(dir, Players.asUser(List.of("cvlc", "-I", "dummy", "--vout=dummy", "--aout=dummy", "--play-and-exit",
                        "--run-time=6", "-v", url)));
                assertTrue(!vlc.contains("main input error") && vlc.contains("adaptive"), "VLC's HLS demuxer played it:\n" + vlc);
            } finally {
                Processes.kill(ffmpeg);
            }
        }
    }
}
