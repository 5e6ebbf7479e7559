package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.testing.FreePorts;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ffmpeg publishes over raw TCP; headless Chromium plays the stream with MSE from the live page. */
class LiveBrowserIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"webm", "mp4"})
    void chromiumPlaysALiveStream(String format) throws Exception {
        int port = FreePorts.loopback();
        List<String> codec = format.equals("webm")
                ? List.of("-c:v", "libvpx", "-deadline", "realtime", "-g", "25", "-c:a", "libopus", "-f", "webm")
                : List.of("-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
                        "-c:a", "aac", "-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe");
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.tcp", port + "=cam1:" + format));
             Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(Browsers.chromium())) {
            List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                    "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "25"));
            cmd.addAll(codec);
            cmd.add("tcp://127.0.0.1:" + port);
            Process ffmpeg = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try {
                Page page = browser.newPage();
                page.navigate(server.url("/"));
                page.fill("#username", "admin");
                page.fill("#password", server.adminPassword());
                page.click("#login-button");
                page.waitForSelector("#app-view:not([hidden])");
                Thread.sleep(4000); // stays: the scenario, a late join: the picture must come from the GOP cache at once
                long joined = System.nanoTime();
                page.navigate(server.url("/live.html?name=cam1"));
                page.waitForFunction("() => { const v = document.getElementById('live'); const q = v.getVideoPlaybackQuality();"
                        + " return q.totalVideoFrames - q.droppedVideoFrames > 0; }", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
                double firstFrameSeconds = (System.nanoTime() - joined) / 1e9;
                double t0 = ((Number) page.evaluate("() => document.getElementById('live').currentTime")).doubleValue();
                page.waitForFunction("t => document.getElementById('live').currentTime > t + 2", t0,
                        new Page.WaitForFunctionOptions().setTimeout(15_000));
                page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-live-" + format + ".png")));
                assertTrue(firstFrameSeconds < 5, format + ": first frame " + firstFrameSeconds + " s after opening the page");
            } finally {
                ffmpeg.destroyForcibly();
            }
        }
    }
}
