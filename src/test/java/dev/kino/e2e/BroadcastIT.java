package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.testing.Await;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Browser to browser: Chromium with a fake camera broadcasts from /broadcast.html, a second browser plays it live. */
class BroadcastIT {
    @TempDir
    Path dir;

    @Test
    void aTabBroadcastsAndAnotherWatches() throws Exception {
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"));
             Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser broadcaster = pw.chromium().launch(withCamera()); Browser viewer = pw.chromium().launch(Browsers.chromium())) {
            Page b = broadcast(server, broadcaster);
            Page v = login(viewer.newContext(), server);
            v.navigate(server.url("/live.html?name=tab1"));
            plays(v, 1.5);
            b.waitForFunction("() => document.getElementById('bc-viewers').textContent === '1'", null,
                    new Page.WaitForFunctionOptions().setTimeout(10_000));
            v.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-broadcast-viewer.png")));
            assertTrue(v.textContent("#live-status").startsWith("live"), v.textContent("#live-status"));
        }
    }

    /**
     * A tab's VP8/Opus as HLS: hls.js plays it through the H.264/AAC rung, and the rung's ffmpeg stops within 5 s of
     * the last HLS viewer leaving.
     */
    @Test
    void aTabBroadcastPlaysAsHlsThroughTheH264RungWhichStopsWhenTheViewerLeaves() throws Exception {
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"));
             Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser broadcaster = pw.chromium().launch(withCamera()); Browser viewer = pw.chromium().launch(Browsers.chromium())) {
            broadcast(server, broadcaster);
            Page v = login(viewer.newContext(), server);
            v.navigate(server.url("/live/tab1?hls=1"));
            plays(v, 3);
            assertEquals("hls.js", v.evaluate("() => document.getElementById('live').dataset.mode"));
            String cookie = server.loginAdmin();
            assertTrue(server.get("/api/transcodes", cookie).body().contains("live h264"), "the rung runs");
            v.close();
            long left = System.nanoTime();
            Await.until(Duration.ofSeconds(20), "the rung's ffmpeg stops",
                    () -> !server.get("/api/transcodes", cookie).body().contains("live h264"));
            double seconds = (System.nanoTime() - left) / 1e9;
            assertTrue(seconds <= 5, "the transcode stopped " + seconds + " s after the HLS viewer left");
        }
    }

    private static BrowserType.LaunchOptions withCamera() {
        BrowserType.LaunchOptions options = Browsers.chromium();
        List<String> args = new ArrayList<>(options.args);
        args.addAll(List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"));
        return options.setArgs(args);
    }

    /** Declares stream tab1 and starts broadcasting it from the fake camera. */
    private static Page broadcast(TestServer server, Browser broadcaster) throws Exception {
        assertEquals(201, server.post("/api/streams", "{\"name\":\"tab1\"}", server.loginAdmin()).statusCode());
        Page b = login(broadcaster.newContext(), server);
        b.navigate(server.url("/broadcast.html?name=tab1"));
        b.click("#start");
        b.waitForFunction("() => document.getElementById('bc-status').textContent.startsWith('live')", null,
                new Page.WaitForFunctionOptions().setTimeout(15_000));
        return b;
    }

    /** The page shows frames and plays on for {@code seconds}. */
    private static void plays(Page v, double seconds) {
        v.waitForFunction("() => { const q = document.getElementById('live').getVideoPlaybackQuality();"
                + " return q.totalVideoFrames - q.droppedVideoFrames > 0; }", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
        double t0 = ((Number) v.evaluate("() => document.getElementById('live').currentTime")).doubleValue();
        v.waitForFunction("([t, s]) => document.getElementById('live').currentTime > t + s", List.of(t0, seconds),
                new Page.WaitForFunctionOptions().setTimeout(20_000));
    }

    private static Page login(BrowserContext context, TestServer server) {
        Page p = context.newPage();
        p.navigate(server.url("/"));
        p.fill("#username", "admin");
        p.fill("#password", server.adminPassword());
        p.click("#login-button");
        p.waitForSelector("#app-view:not([hidden])");
        return p;
    }
}
