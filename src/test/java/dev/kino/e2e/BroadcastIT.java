package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
             Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            String cookie = server.loginAdmin();
            assertEquals(201, server.post("/api/streams", "{\"name\":\"tab1\"}", cookie).statusCode());
            BrowserType.LaunchOptions withCamera = Browsers.chromium();
            List<String> args = new ArrayList<>(withCamera.args);
            args.addAll(List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"));
            withCamera.setArgs(args);
            try (Browser broadcaster = pw.chromium().launch(withCamera); Browser viewer = pw.chromium().launch(Browsers.chromium())) {
                Page b = login(broadcaster.newContext(), server);
                b.navigate(server.url("/broadcast.html?name=tab1"));
                b.click("#start");
                b.waitForFunction("() => document.getElementById('bc-status').textContent.startsWith('live')", null,
                        new Page.WaitForFunctionOptions().setTimeout(15_000));

                Page v = login(viewer.newContext(), server);
                v.navigate(server.url("/live.html?name=tab1"));
                v.waitForFunction("() => { const q = document.getElementById('live').getVideoPlaybackQuality();"
                        + " return q.totalVideoFrames - q.droppedVideoFrames > 0; }", null, new Page.WaitForFunctionOptions().setTimeout(20_000));
                double t0 = ((Number) v.evaluate("() => document.getElementById('live').currentTime")).doubleValue();
                v.waitForFunction("t => document.getElementById('live').currentTime > t + 1.5", t0,
                        new Page.WaitForFunctionOptions().setTimeout(20_000));
                b.waitForFunction("() => document.getElementById('bc-viewers').textContent === '1'", null,
                        new Page.WaitForFunctionOptions().setTimeout(10_000));
                v.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-broadcast-viewer.png")));
                assertTrue(v.textContent("#live-status").startsWith("live"), v.textContent("#live-status"));
            }
        }
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
