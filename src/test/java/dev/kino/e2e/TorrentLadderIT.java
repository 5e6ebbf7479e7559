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
 * An AVI (MPEG-4 Part 2, which no browser decodes) from a torrent whose pieces are still arriving, in headless
 * Chromium: the player asks the server, which transcodes it to HLS reading the torrent over loopback; it plays, shows
 * the real duration, and plays on after a seek.
 */
class TorrentLadderIT {
    private static final String HASH = "a71a71a71a71a71a71a71a71a71a71a71a71a71a";
    private static final int SECONDS = 20;

    @TempDir
    Path dir;

    @Test
    void anAviFromATorrentIsTranscodedAndPlays() throws Exception {
        Path swarm = Files.createDirectories(dir.resolve("swarm"));
        Path avi = Ffmpeg.make(swarm.resolve("old.avi"), SECONDS, "-c:v", "mpeg4", "-c:a", "libmp3lame");
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("Old Film/readme.txt", Files.writeString(swarm.resolve("readme.txt"), "enjoy"));
        files.put("Old Film/old.avi", avi);
        FakeTorrents torrents = new FakeTorrents().known(HASH, "Old Film", files);
        torrents.rate(Files.size(avi) / 8.0);
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"), Map.of(), torrents);
             Playwright pw = Browsers.playwright();
             Browser browser = pw.chromium().launch(Browsers.chromium())) {
            String cookie = server.loginAdmin();
            assertEquals(201, server.post("/api/torrents", "{\"magnet\":\"magnet:?xt=urn:btih:" + HASH + "\"}", cookie).statusCode());
            Page page = browser.newPage();
            List<String> consoleErrors = Browsers.consoleErrors(page);
            Browsers.logInAsAdmin(page, server);

            page.navigate(server.url("/player.html?torrent=" + HASH + "&file=1"));
            page.waitForFunction("() => document.getElementById('player').dataset.method", null,
                    new Page.WaitForFunctionOptions().setTimeout(60_000));
            assertEquals("transcode", page.textContent("#play-method").trim());
            assertEquals("hlsjs", page.evaluate("() => document.getElementById('player').dataset.engine"));
            page.waitForFunction("() => document.getElementById('player').currentTime > 1", null,
                    new Page.WaitForFunctionOptions().setTimeout(60_000));
            assertEquals("old.avi", page.textContent("#title"));
            double duration = ((Number) page.evaluate("() => document.getElementById('player').duration")).doubleValue();
            assertEquals(SECONDS, duration, 1.0, "the player shows the real duration");

            double target = duration * 0.75;
            page.evaluate("t => { document.getElementById('player').currentTime = t; }", target);
            page.waitForFunction("t => { const v = document.getElementById('player'); return !v.seeking && v.currentTime > t + 1; }",
                    target, new Page.WaitForFunctionOptions().setTimeout(60_000));
            assertTrue(page.isHidden("#player-error"), "no error shown: " + page.textContent("#player-error"));
            assertEquals(Boolean.TRUE, page.evaluate("() => document.getElementById('player').error === null"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-torrent-ladder.png")));
            assertEquals(List.of(), consoleErrors.stream().filter(e -> e.contains("Content Security Policy")).toList());
        }
    }
}
