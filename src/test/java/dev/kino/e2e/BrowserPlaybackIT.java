package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person's path in real headless Chromium: log in, open a video from the library, it plays, seek to 80%, it plays on. */
class BrowserPlaybackIT {
    @TempDir
    Path dir;

    @Test
    void loginOpenPlayAndSeek() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media/Films"));
        Ffmpeg.h264Aac(media.resolve("Test Pattern.mp4"), 30);
        try (TestServer server = TestServer.start(dir.resolve("media"), dir.resolve("data"));
             Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(Browsers.chromium())) {
            Page page = browser.newPage();
            List<String> consoleErrors = Browsers.consoleErrors(page);
            Browsers.logInAsAdmin(page, server);
            page.waitForSelector("li.item:has-text('Test Pattern.mp4') .item-duration:has-text('0:30')",
                    new Page.WaitForSelectorOptions().setTimeout(25_000));
            assertTrue(page.textContent("li.item:has-text('Test Pattern.mp4') .item-tech").contains("640×360 · H.264 / AAC"),
                    "the library shows what ffprobe found");
            page.waitForFunction("() => { const i = document.querySelector('li.item img.thumb-img'); return i && i.complete && i.naturalWidth > 0; }",
                    null, new Page.WaitForFunctionOptions().setTimeout(20_000));
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-library.png")));
            page.click("a.item-link:has-text('Test Pattern.mp4')");
            page.waitForURL("**/player.html?id=*");
            page.evaluate("() => { window.kinoErrors = []; const v = document.getElementById('player');"
                    + " v.addEventListener('error', () => window.kinoErrors.push(v.error ? v.error.code : -1)); }");

            page.waitForFunction("() => document.getElementById('player').currentTime > 1", null,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            double duration = ((Number) page.evaluate("() => document.getElementById('player').duration")).doubleValue();
            assertEquals(30.0, duration, 0.5, "the player knows the real duration");

            double target = duration * 0.8;
            page.evaluate("t => { document.getElementById('player').currentTime = t; }", target);
            page.waitForFunction("t => { const v = document.getElementById('player'); return !v.seeking && v.currentTime > t + 1; }",
                    target, new Page.WaitForFunctionOptions().setTimeout(30_000));
            double after = ((Number) page.evaluate("() => document.getElementById('player').currentTime")).doubleValue();
            assertTrue(after > target && after < target + 10, "plays on from the seek point: " + after);

            assertEquals(List.of(), page.evaluate("() => window.kinoErrors"), "no error event");
            assertEquals(Boolean.TRUE, page.evaluate("() => document.getElementById('player').error === null"));
            assertTrue(page.isHidden("#player-error"), "no error shown to the user");
            assertEquals(List.of(), consoleErrors.stream().filter(e -> e.contains("Content Security Policy")).toList());
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-player.png")));
        }
    }

    @Test
    void theLibraryNeedsALogin() throws Exception {
        Files.createDirectories(dir.resolve("media"));
        try (TestServer server = TestServer.start(dir.resolve("media"), dir.resolve("data"));
             Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(Browsers.chromium())) {
            Page page = browser.newPage();
            page.navigate(server.url("/"));
            page.fill("#username", "admin");
            page.fill("#password", "not-the-password");
            page.click("#login-button");
            page.waitForSelector("#login-error:not([hidden])");
            assertTrue(page.textContent("#login-error").toLowerCase().contains("wrong"), page.textContent("#login-error"));
            assertTrue(page.isHidden("#app-view"));
            page.navigate(server.url("/player.html?id=000000000000000000000000"));
            page.waitForURL(server.url("/"));
        }
    }
}
