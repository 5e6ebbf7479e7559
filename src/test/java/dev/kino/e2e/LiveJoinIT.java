package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.testing.FreePorts;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A public stream in headless Chromium, with no login: a viewer who opens the page 20 s into the stream sees a
 * picture within 1 s; when the publisher dies and another takes its place, the same connection plays on.
 */
class LiveJoinIT {
    /**
     * Notes, in ms since navigation began, when the page opens its WebSocket (the viewer joins), when each message
     * arrives, and when the video presents its first frame.
     */
    private static final String JOIN_PROBE = """
            window.marks = [];
            const PageSocket = window.WebSocket;
            window.WebSocket = function (url) {
              const ws = new PageSocket(url);
              window.joinedAt = window.joinedAt ?? performance.now();
              ws.addEventListener('message', e => window.marks.push(Math.round(performance.now())));
              return ws;
            };
            document.addEventListener('DOMContentLoaded', () => {
              const v = document.getElementById('live');
              v.requestVideoFrameCallback(() => { window.firstFrameAt = performance.now(); });
            });""";

    @TempDir
    Path dir;

    @Test
    void lateJoinShowsAPictureAtOnceAndAPublisherRestartPlaysOn() throws Exception {
        int port = FreePorts.loopback();
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.tcp", port + "=cam1:webm:public"));
             Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(Browsers.chromium())) {
            Process first = publisher(port, 60);
            Process second = null;
            try {
                Thread.sleep(20_000); // stays: the scenario, a viewer who comes 20 s into the stream
                Page page = browser.newPage();
                page.navigate(server.url("/live")); // the list of streams, as a viewer would come
                page.waitForSelector("tr[data-stream=cam1][data-state=live]");
                page.addInitScript(JOIN_PROBE);
                page.navigate(server.url("/live/cam1"));
                page.waitForFunction("() => window.firstFrameAt !== undefined", null,
                        new Page.WaitForFunctionOptions().setTimeout(10_000));
                double joinMillis = ((Number) page.evaluate("() => window.firstFrameAt - window.joinedAt")).doubleValue();
                System.out.printf("LiveJoinIT: first frame %.0f ms after joining%n", joinMillis);
                assertTrue(joinMillis < 1000, "first frame " + joinMillis + " ms after joining 20 s in; page opened its socket at "
                        + page.evaluate("() => Math.round(window.joinedAt)") + " ms, messages at " + page.evaluate("() => window.marks.slice(0, 6).join(', ')"));
                waitForProgress(page, 2);

                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                Thread.sleep(3000); // stays: the scenario, the publisher is away for 3 s before it comes back
                second = publisher(port, 30);
                page.waitForFunction("() => document.getElementById('live').dataset.inits === '2'", null,
                        new Page.WaitForFunctionOptions().setTimeout(15_000));
                waitForProgress(page, 2);
                assertEquals("1", page.evaluate("() => document.getElementById('live').dataset.connects"),
                        "the viewer kept its connection through the publisher's restart");
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroyForcibly();
                }
            }
        }
    }

    private static void waitForProgress(Page page, double seconds) {
        double t0 = ((Number) page.evaluate("() => document.getElementById('live').currentTime")).doubleValue();
        page.waitForFunction("t => { const v = document.getElementById('live'); return v.currentTime > t && !v.paused"
                + " && v.getVideoPlaybackQuality().totalVideoFrames > 0; }", t0 + seconds,
                new Page.WaitForFunctionOptions().setTimeout(15_000));
    }

    private static Process publisher(int port, int seconds) throws Exception {
        return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi",
                "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", String.valueOf(seconds),
                "-c:v", "libvpx", "-deadline", "realtime", "-g", "50", "-c:a", "libopus", "-f", "webm",
                "tcp://127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
