package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.library.MediaIds;
import dev.kino.testing.Await;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of file in real headless Chromium: the player takes the expected way (direct, remux, transcode), the
 * video plays, and after a seek to 75 % of the duration it plays from there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlayAnythingIT {
    static final int SECONDS = 20;

    record Media(String file, String method, List<String> ffmpegArgs) {
        @Override
        public String toString() {
            return file + " → " + method;
        }
    }

    static List<Media> media() {
        return List.of(
                new Media("h264-aac.mp4", "direct", List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-movflags", "+faststart")),
                new Media("h264-aac.mkv", "remux", List.of("-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-c:a", "aac")),
                new Media("mpeg4.avi", "transcode", List.of("-c:v", "mpeg4", "-c:a", "libmp3lame")),
                new Media("flash.flv", "transcode", List.of("-c:v", "flv1", "-c:a", "libmp3lame", "-ar", "44100")),
                new Media("mpeg2.ts", "transcode", List.of("-c:v", "mpeg2video", "-c:a", "mp2", "-f", "mpegts")),
                new Media("hevc.mkv", "transcode", List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-c:a", "aac")),
                new Media("vp9-opus.webm", "direct", List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus")),
                new Media("song.mp3", "direct", List.of()));
    }

    Path dir;
    TestServer server;
    Playwright playwright;
    Browser browser;
    Page page;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("kino-play-anything");
        Path media = Files.createDirectories(dir.resolve("media"));
        for (Media m : media()) {
            if (m.file().endsWith(".mp3")) {
                Ffmpeg.audio(media.resolve(m.file()), SECONDS, "-c:a", "libmp3lame");
            } else {
                Ffmpeg.make(media.resolve(m.file()), SECONDS, m.ffmpegArgs().toArray(String[]::new));
            }
        }
        server = TestServer.start(media, dir.resolve("data"));
        String cookie = server.loginAdmin();
        Await.until(Duration.ofSeconds(60), "every file is probed",
                () -> server.get("/api/library", cookie).body().split("\"duration\"").length > media().size());
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(Browsers.chromium());
        page = browser.newPage();
        page.navigate(server.url("/"));
        page.fill("#username", "admin");
        page.fill("#password", server.adminPassword());
        page.click("#login-button");
        page.waitForSelector("a.item-link");
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("media")
    void playsAndSeeks(Media m) {
        List<String> errors = new ArrayList<>();
        page.onConsoleMessage(msg -> {
            if ("error".equals(msg.type())) {
                errors.add(msg.text());
            }
        });
        page.navigate(server.url("/player.html?id=" + MediaIds.of(m.file())));
        page.waitForFunction("() => document.getElementById('player').dataset.method", null,
                new Page.WaitForFunctionOptions().setTimeout(20_000));
        assertEquals(m.method(), page.evaluate("() => document.getElementById('player').dataset.method"), m.file());
        assertEquals(m.method(), page.textContent("#play-method").trim());
        page.evaluate("() => { window.kinoErrors = []; const v = document.getElementById('player');"
                + " v.addEventListener('error', () => window.kinoErrors.push(v.error ? v.error.code : -1)); }");
        page.waitForFunction("() => document.getElementById('player').currentTime > 1", null,
                new Page.WaitForFunctionOptions().setTimeout(30_000));
        double duration = ((Number) page.evaluate("() => document.getElementById('player').duration")).doubleValue();
        assertEquals(SECONDS, duration, 1.0, m.file() + ": the player shows the real duration");

        double target = duration * 0.75;
        page.evaluate("t => { document.getElementById('player').currentTime = t; }", target);
        page.waitForFunction("t => { const v = document.getElementById('player'); return !v.seeking && v.currentTime > t + 1; }",
                target, new Page.WaitForFunctionOptions().setTimeout(30_000));
        double after = ((Number) page.evaluate("() => document.getElementById('player').currentTime")).doubleValue();
        assertTrue(after > target && after < target + 4, m.file() + ": plays on from the seek point, at " + after);
        assertEquals(List.of(), page.evaluate("() => window.kinoErrors"), m.file() + ": no error event");
        assertTrue(page.isHidden("#player-error"), m.file() + ": no error shown");
        assertEquals(List.of(), errors.stream().filter(e -> e.contains("Content Security Policy")).toList());
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-" + m.file() + ".png")));
    }
}
