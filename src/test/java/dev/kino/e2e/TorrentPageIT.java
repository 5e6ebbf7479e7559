package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.testing.FakeTorrents;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The torrents page in headless Chromium, over a fake torrent service whose pieces arrive at a few hundred KB/s:
 * add a magnet, see its files and live stats, press Play on the MP4 and watch it play while it downloads.
 */
class TorrentPageIT {
    private static final String HASH = "c0ffee0000c0ffee0000c0ffee0000c0ffee0000";

    @TempDir
    Path dir;

    @Test
    void addAMagnetWatchItArriveAndPlayIt() throws Exception {
        Path swarm = Files.createDirectories(dir.resolve("swarm"));
        Path movie = Ffmpeg.h264Aac(swarm.resolve("movie.mp4"), 20);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("Test Movie/Test Movie.mp4", movie);
        files.put("Test Movie/readme.txt", Files.writeString(swarm.resolve("readme.txt"), "enjoy"));
        FakeTorrents torrents = new FakeTorrents().known(HASH, "Test Movie", files);
        torrents.rate(Files.size(movie) / 8.0);
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"), Map.of(), torrents);
             Playwright pw = Browsers.playwright();
             Browser browser = pw.chromium().launch(Browsers.chromium())) {
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 860));
            List<String> consoleErrors = Browsers.consoleErrors(page);
            Browsers.logInAsAdmin(page, server);
            page.click(".topnav a:has-text('Torrents')");
            page.waitForURL("**/torrents.html");

            page.fill("#magnet", "magnet:?xt=urn:btih:" + HASH + "&dn=Test+Movie");
            page.click("#add-torrent");
            page.waitForSelector("#torrent-list li[data-infohash='" + HASH + "']:has-text('Test Movie')");
            page.waitForSelector("#torrent-files tr[data-index='0']:has-text('Test Movie.mp4') a.f-play");
            assertTrue(page.textContent("#torrent-files tr[data-index='1']").contains("readme.txt"));
            assertTrue(page.textContent("#torrent-files tr[data-index='0'] .f-type").contains("MP4 video"));

            String before = page.textContent("#stat-progress");
            page.waitForFunction("b => document.getElementById('stat-progress').textContent !== b", before);
            page.waitForFunction("() => Number(document.getElementById('piece-map').dataset.done) > 8");
            assertTrue(page.textContent("#stat-peers").contains("7 connected · 42 known"), page.textContent("#stat-peers"));
            assertTrue(page.textContent("#stat-down").endsWith("/s"), page.textContent("#stat-down"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-torrents.png")));

            page.click("#torrent-files tr[data-index='0'] a.f-play");
            page.waitForURL("**/player.html?torrent=" + HASH + "&file=0");
            page.waitForFunction("() => document.getElementById('player').currentTime > 1", null,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            assertEquals("Test Movie.mp4", page.textContent("#title"));
            assertEquals("direct", page.textContent("#play-method"));
            assertEquals(Boolean.TRUE, page.evaluate("() => document.getElementById('player').error === null"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-torrent-player.png")));
            assertEquals(List.of(), consoleErrors.stream().filter(e -> e.contains("Content Security Policy")).toList());
        }
    }
}
