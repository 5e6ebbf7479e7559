package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.LocalSwarm;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: an aria2c seeder capped at 1 MiB/s behind opentracker on loopback, Kino's own torrent client, and
 * headless Chromium. An H.264 MP4 whose {@code moov} is at the end of the file starts playing long before the
 * download completes, a seek to 80% plays within seconds, and the download keeps the seeder's rate meanwhile.
 */
class TorrentSwarmPlaybackIT {
    private static final double CAP_BYTES_PER_SECOND = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void playsAndSeeksAFilmWhileItDownloads() throws Exception {
        Path film = Files.createDirectories(dir.resolve("seed")).resolve("Film.mp4");
        // 60 s at about 5.5 Mbit/s: ~40 MB, ~40 s to download at the cap; no +faststart, so moov is written last
        Ffmpeg.output(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "60", "-c:v", "libx264", "-preset", "ultrafast",
                "-b:v", "5M", "-maxrate", "5M", "-bufsize", "2M", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k",
                film.toString()));
        long size = Files.size(film);
        byte[] head = new byte[64];
        try (var in = Files.newInputStream(film)) {
            in.readNBytes(head, 0, head.length);
        }
        assertTrue(!new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).contains("moov"), "moov is not at the start");

        try (LocalSwarm swarm = LocalSwarm.start(dir.resolve("swarm"));
             TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"));
             Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(Browsers.chromium())) {
            LocalSwarm.Seeder seeder = swarm.seed(film, "1M");
            String hash = seeder.infoHash();
            String cookie = server.loginAdmin();
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 860));
            Browsers.logInAsAdmin(page, server);
            page.click(".topnav a:has-text('Torrents')");
            page.waitForURL("**/torrents.html");
            long added = System.nanoTime();
            page.fill("#magnet", seeder.magnet());
            page.click("#add-torrent");
            page.waitForSelector("#torrent-files tr[data-index='0']:has-text('Film.mp4') a.f-play",
                    new Page.WaitForSelectorOptions().setTimeout(30_000));
            double metadataSeconds = seconds(added);

            long pressed = System.nanoTime();
            page.click("#torrent-files tr[data-index='0'] a.f-play");
            page.waitForFunction("() => document.getElementById('player').currentTime > 0.5", null,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            double playSeconds = seconds(pressed);
            double progressAtPlay = progress(server, cookie, hash);
            assertTrue(progressAtPlay < 0.5, "playing long before the download completes: progress " + progressAtPlay);
            assertTrue(playSeconds < 15, "playing " + playSeconds + " s after Play");

            double duration = ((Number) page.evaluate("() => document.getElementById('player').duration")).doubleValue();
            assertEquals(60, duration, 1.5, "the whole film's duration is known (moov at the end arrived)");
            double target = duration * 0.8;
            long seeked = System.nanoTime();
            page.evaluate("t => { document.getElementById('player').currentTime = t; }", target);
            page.waitForFunction("t => { const v = document.getElementById('player'); return !v.seeking && v.currentTime > t + 0.5; }",
                    target, new Page.WaitForFunctionOptions().setTimeout(30_000));
            double seekSeconds = seconds(seeked);
            double progressAtSeek = progress(server, cookie, hash);
            assertTrue(seekSeconds < 10, "playing from 80% " + seekSeconds + " s after the seek");
            assertTrue(progressAtSeek < 0.95, "the seek played before the download completed: progress " + progressAtSeek);
            assertEquals(Boolean.TRUE, page.evaluate("() => document.getElementById('player').error === null"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-torrent-swarm.png")));

            long deadline = System.nanoTime() + 120_000_000_000L;
            while (progress(server, cookie, hash) < 1.0 && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            double total = seconds(added);
            double ideal = size / CAP_BYTES_PER_SECOND;
            System.out.printf("TorrentSwarmPlaybackIT: %d bytes; metadata %.1f s, playing %.1f s after Play (progress %.2f),"
                            + " 80%% seek playing in %.1f s (progress %.2f), complete after %.1f s (%.1f s at the cap)%n",
                    size, metadataSeconds, playSeconds, progressAtPlay, seekSeconds, progressAtSeek, total, ideal);
            assertEquals(1.0, progress(server, cookie, hash), "the download completed while the film played");
            assertTrue(total < ideal * 1.35 + 10, "the download kept the seeder's rate during playback: " + total
                    + " s against " + ideal + " s at the cap");
        }
    }

    private static double progress(TestServer server, String cookie, String hash) throws Exception {
        return new JsonObject(server.get("/api/torrents/" + hash, cookie).body()).getJsonObject("stats").getDouble("progress");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
