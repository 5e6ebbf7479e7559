package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.library.MediaIds;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page on a phone (390 by 844 CSS pixels, as an iPhone 14) in real headless Chromium: nothing runs past the
 * right edge, and every section link and the Log out button (where the page has one) are on the screen. And the player's keys: F puts the
 * picture full screen and back, M mutes and unmutes.
 */
class NarrowScreenIT {
    @TempDir
    Path dir;

    @Test
    void everyPageFitsAPhoneAndThePlayerTakesItsKeys() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Ffmpeg.h264Aac(media.resolve("Film.mp4"), 6);
        try (TestServer server = TestServer.start(media, dir.resolve("data"));
             Playwright playwright = Browsers.playwright();
             Browser browser = playwright.chromium().launch(Browsers.chromium())) {
            Browsers.adminWhenProbed(server);
            BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                    .setDeviceScaleFactor(2).setHasTouch(true));
            Page page = phone.newPage();
            Browsers.logInAsAdmin(page, server);
            String player = "/player.html?id=" + MediaIds.of("Film.mp4");
            for (String path : List.of("/", "/live", "/broadcast.html?name=cam", "/torrents.html", player)) {
                page.navigate(server.url(path));
                page.waitForSelector(".topnav a");
                page.waitForLoadState();
                page.waitForTimeout(500);
                page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-phone"
                        + path.replaceAll("[^a-z]+", "-") + ".png")));
                Object width = page.evaluate("() => document.documentElement.scrollWidth");
                assertEquals(390, ((Number) width).intValue(), path + ": the page is as wide as the screen, not wider");
                Object off = page.evaluate("() => Array.from(document.querySelectorAll('.topnav a, #logout'))"
                        + ".filter(e => e.getClientRects().length > 0).filter(e => { const r = e.getBoundingClientRect();"
                        + " return r.left < 0 || r.right > window.innerWidth; }).map(e => e.textContent.trim())");
                assertEquals(List.of(), off, path + ": links off the screen");
            }

            page.waitForFunction("() => document.getElementById('player').currentTime > 0.3");
            page.focus("#player");
            page.keyboard().press("m");
            assertEquals(true, page.evaluate("() => document.getElementById('player').muted"), "M mutes");
            page.keyboard().press("m");
            assertEquals(false, page.evaluate("() => document.getElementById('player').muted"), "M again unmutes");
            page.keyboard().press("f");
            page.waitForFunction("() => document.fullscreenElement && document.fullscreenElement.id === 'stage'");
            page.keyboard().press("f");
            page.waitForFunction("() => document.fullscreenElement === null");
            String keys = page.textContent(".keys");
            assertTrue(keys.contains("Full screen") && keys.contains("Mute"), "the keys are listed on the page: " + keys);
        }
    }
}
