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
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume in real headless Chromium, on a Matroska film played as remuxed HLS: play to past 60 s, open it again in
 * another browser (nothing cached), and playback starts where it stopped, in the segment that holds that point, asked for first (one ffmpeg start, not one at 0 and
 * then another at the seek); the library shows the film under "Continue watching"; "Start over" goes back to 0.
 */
class ResumeIT {
    private static final String VIDEO = "document.getElementById('player')";
    private static final Pattern SEGMENT = Pattern.compile("/hls/remux/(\\d+)\\.ts");

    @TempDir
    Path dir;

    @Test
    void openingAgainResumesWhereItStoppedWithOneFfmpegStart() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Ffmpeg.make(media.resolve("Film.mkv"), 90, "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-c:a", "aac");
        String id = MediaIds.of("Film.mkv");
        try (TestServer server = TestServer.start(media, dir.resolve("data"));
             Playwright playwright = Browsers.playwright();
             Browser browser = playwright.chromium().launch(Browsers.chromium())) {
            String cookie = Browsers.adminWhenProbed(server);
            Page page = browser.newContext().newPage();
            page.addInitScript("document.addEventListener('playing', e => {"
                    + " if (window.firstPlaying === undefined) window.firstPlaying = e.target.currentTime; }, true);");
            Browsers.logInAsAdmin(page, server);
            List<String> errors;
            page.navigate(server.url("/player.html?id=" + id));
            page.waitForFunction("() => " + VIDEO + ".currentTime > 0.5", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
            assertEquals("remux", page.evaluate("() => " + VIDEO + ".dataset.method"));
            page.evaluate("() => { " + VIDEO + ".currentTime = 58; }");
            page.waitForFunction("() => " + VIDEO + ".currentTime > 60.3", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
            page.evaluate("() => " + VIDEO + ".pause()");
            double[] saved = {0};
            Await.until(Duration.ofSeconds(10), "the position is saved on pause", () -> {
                saved[0] = new JsonObject(server.get("/api/progress/" + id, cookie).body()).getDouble("position");
                return saved[0] > 60;
            });
            assertTrue(saved[0] < 62, "saved at " + saved[0]);
            int resumeSegment = segmentHolding(server, id, cookie, saved[0]);

            // on another device (a fresh browser context, nothing cached): the segments must be made again
            page.close();
            page = browser.newContext().newPage();
            page.addInitScript("document.addEventListener('playing', e => {"
                    + " if (window.firstPlaying === undefined) window.firstPlaying = e.target.currentTime; }, true);");
            Browsers.logInAsAdmin(page, server);
            errors = Browsers.consoleErrors(page);
            List<Integer> segments = Collections.synchronizedList(new ArrayList<>());
            page.onRequest(r -> {
                Matcher m = SEGMENT.matcher(r.url());
                if (m.find()) {
                    segments.add(Integer.parseInt(m.group(1)));
                }
            });
            long before = ffmpegJobs(server);
            page.navigate(server.url("/player.html?id=" + id));
            page.waitForFunction("() => window.firstPlaying !== undefined", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
            long atPlaying = ffmpegJobs(server);
            double first = ((Number) page.evaluate("() => window.firstPlaying")).doubleValue();
            assertTrue(Math.abs(first - saved[0]) <= 1, "playback began at " + first + " s, within 1 s of " + saved[0]);
            List<Integer> asked = List.copyOf(segments);
            assertEquals(resumeSegment, asked.get(0), "the first segment asked for holds the resume point: " + asked);
            assertTrue(asked.stream().allMatch(n -> n >= resumeSegment), "nothing from before it: " + asked);
            assertTrue(atPlaying - before <= 2 && atPlaying - before >= 1,
                    (atPlaying - before) + " ffmpeg starts by the first frame (the segment, perhaps the next one): " + asked);
            assertTrue(page.textContent("#player-notice-text").startsWith("Resumed at 1:0"), page.textContent("#player-notice-text"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-resume.png")));

            page.click("#start-over");
            page.waitForFunction("() => " + VIDEO + ".currentTime < 5 && !" + VIDEO + ".seeking", null,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));

            page.evaluate("() => " + VIDEO + ".pause()");
            page.evaluate("() => { " + VIDEO + ".currentTime = 30; }");
            Await.until(Duration.ofSeconds(10), "the new position is saved after the seek", () ->
                    new JsonObject(server.get("/api/progress/" + id, cookie).body()).getDouble("position") < 35);
            page.navigate(server.url("/"));
            page.waitForSelector("#continue:not([hidden])");
            String row = page.textContent("#continue-list");
            assertTrue(row.contains("Film.mkv") && row.contains("Resume at 0:3"), row);
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/e2e-continue.png")));
            assertEquals(List.of(), errors, "no console errors");
        }
    }

    /** The index of the remux segment whose span holds {@code t}, from the media playlist's durations. */
    private static int segmentHolding(TestServer server, String id, String cookie, double t) throws Exception {
        String playlist = server.get("/media/" + id + "/hls/remux/index.m3u8", cookie).body();
        Matcher m = Pattern.compile("#EXTINF:([0-9.]+),").matcher(playlist);
        double start = 0;
        int n = 0;
        while (m.find()) {
            double d = Double.parseDouble(m.group(1));
            if (t < start + d) {
                return n;
            }
            start += d;
            n++;
        }
        throw new AssertionError(t + " s is past the playlist:\n" + playlist);
    }

    private static long ffmpegJobs(TestServer server) throws Exception {
        Matcher m = Pattern.compile("(?m)^kino_ffmpeg_jobs_started_total ([0-9.eE+]+)").matcher(server.get("/metrics", null).body());
        assertTrue(m.find(), "the metric is there");
        return (long) Double.parseDouble(m.group(1));
    }
}
