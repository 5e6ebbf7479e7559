package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.library.MediaIds;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A film's chapters in real headless Chromium: listed by start and title, ticked under the picture, picked to jump. */
class ChaptersIT {
    private static final String VIDEO = "document.getElementById('player')";

    @TempDir
    Path dir;

    @Test
    void theChapterMenuJumpsAndFollowsPlayback() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Path plain = Ffmpeg.h264Aac(dir.resolve("plain.mp4"), 30);
        Path meta = Files.writeString(dir.resolve("chapters.txt"), """
                ;FFMETADATA1
                [CHAPTER]
                TIMEBASE=1/1000
                START=0
                END=10000
                title=Cold open
                [CHAPTER]
                TIMEBASE=1/1000
                START=10000
                END=20000
                title=The heist
                [CHAPTER]
                TIMEBASE=1/1000
                START=20000
                END=30000
                """);
        Ffmpeg.output(List.of("ffmpeg", "-v", "error", "-y", "-i", plain.toString(), "-i", meta.toString(), "-map", "0",
                "-map_chapters", "1", "-c", "copy", "-movflags", "+faststart", media.resolve("Film.mp4").toString()));
        try (TestServer server = TestServer.start(media, dir.resolve("data"));
             Playwright playwright = Browsers.playwright();
             Browser browser = playwright.chromium().launch(Browsers.chromium())) {
            Browsers.adminWhenProbed(server);
            Page page = browser.newPage();
            Browsers.logInAsAdmin(page, server);
            List<String> errors = Browsers.consoleErrors(page);
            page.navigate(server.url("/player.html?id=" + MediaIds.of("Film.mp4")));
            page.waitForSelector("#chapters-field:not([hidden])");
            assertEquals(List.of("0:00 · Cold open", "0:10 · The heist", "0:20 · Chapter 3"),
                    page.evaluate("() => Array.from(document.querySelectorAll('#chapters option')).map(o => o.textContent)"));
            assertEquals(List.of("33.333%", "66.667%"),
                    page.evaluate("() => Array.from(document.querySelectorAll('.chapter-tick')).map(t => t.style.left)"));
            page.waitForFunction("() => " + VIDEO + ".currentTime > 0.3");
            page.selectOption("#chapters", "1");
            page.waitForFunction("() => { const v = " + VIDEO + "; return !v.seeking && v.currentTime >= 10 && v.currentTime < 12; }");
            page.evaluate("() => { " + VIDEO + ".currentTime = 21; }");
            page.waitForFunction("() => document.getElementById('chapters').value === '2'", null,
                    new Page.WaitForFunctionOptions().setTimeout(10_000));
            assertEquals(List.of(), errors, "no console errors");
        }
    }
}
