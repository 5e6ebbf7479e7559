package dev.kino.live.rung;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import dev.kino.config.LiveConfig;
import dev.kino.config.TranscodeConfig;
import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.ingest.ContainerFormat;
import dev.kino.live.ingest.PublisherSession;
import dev.kino.testing.Await;
import dev.kino.testing.Chromium;
import dev.kino.transcode.FfmpegTools;
import dev.kino.transcode.TranscodeService;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a browser tab really publishes: Chromium's MediaRecorder (fake camera and microphone, VP8 + Opus, 200 ms
 * timeslices: unknown-size Segment and Clusters, timestamps in milliseconds at whatever rate the camera gives) goes
 * through the ingest's parser into the hub and through the rung; every frame of the derived stream decodes.
 */
class BrowserRecordingRungTest {
    private static final String RECORD = """
            async (millis) => {
              const stream = await navigator.mediaDevices.getUserMedia({video: true, audio: true});
              const recorder = new MediaRecorder(stream, {mimeType: 'video/webm;codecs=vp8,opus'});
              const blobs = [];
              recorder.ondataavailable = e => blobs.push(e.data);
              const stopped = new Promise(r => recorder.onstop = r);
              recorder.start(200);
              await new Promise(r => setTimeout(r, millis));
              recorder.stop();
              await stopped;
              stream.getTracks().forEach(t => t.stop());
              const bytes = new Uint8Array(await new Blob(blobs).arrayBuffer());
              let s = '';
              for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
              return btoa(s);
            }""";

    @Test
    void aMediaRecorderStreamBecomesH264AacThatDecodes(@TempDir Path dir) throws Exception {
        byte[] recording = record(3_000);
        StreamHub hub = new StreamHub(LiveConfig.defaults());
        TranscodeService transcodes = new TranscodeService(new FfmpegTools(Path.of("ffmpeg"), Path.of("ffprobe"), "system"),
                new TranscodeConfig(1));
        try (LiveRungs rungs = new LiveRungs(hub, transcodes)) {
            PublisherSession tab = PublisherSession.claim(hub, "tab", "browser", "websocket", Optional.of(ContainerFormat.WEBM))
                    .join().orElseThrow();
            LiveStream source = tab.stream();
            int sent = 0;
            while (source.status(System.nanoTime()).mimeType() == null) { // the init first, as the page's first blob
                assertNull(tab.feed(Arrays.copyOfRange(recording, sent, sent += 1024)));
            }
            LiveStream derived = assertInstanceOf(LiveRungs.Ready.class, rungs.hlsSource("tab").get(20, TimeUnit.SECONDS)).stream();
            HubReader hls = new HubReader(derived);
            assertNull(tab.feed(Arrays.copyOfRange(recording, sent, recording.length)));
            MediaUnit init = hls.next();
            assertTrue(init.mimeType().contains("avc1.") && init.mimeType().contains("mp4a.40.2"), init.mimeType());
            MediaUnit first = hls.next();
            assertTrue(first.keyframe());
            List<MediaUnit> fragments = hls.fragmentsSpanning(first, 1_500);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.write(init.data());
            for (MediaUnit f : fragments) {
                file.write(f.data());
            }
            Path out = Files.write(dir.resolve("tab.mp4"), file.toByteArray());
            LiveRungsTest.assertDecodes(out, "h264", "aac");
            tab.end("test over");
        } finally {
            transcodes.close();
        }
        assertEquals(List.of(), transcodes.jobs());
        Await.until(LiveRungsTest.WAIT, "no rung ffmpeg left", () -> ProcessHandle.current().descendants()
                .noneMatch(p -> p.isAlive() && p.info().commandLine().orElse("").contains("pipe:0")));
    }

    /** {@code millis} of Chromium's MediaRecorder output, as the page would send it. */
    private static byte[] record(int millis) {
        Path chromium = Chromium.require();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Page page = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--use-fake-device-for-media-stream",
                            "--use-fake-ui-for-media-stream", "--disable-background-networking", "--no-first-run"))).newPage();
            // getUserMedia needs a secure context: http://localhost is one; the page never touches the network
            page.route("**/*", route -> route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html")
                    .setBody("<!doctype html><title>tab</title>")));
            page.navigate("http://localhost/");
            return Base64.getDecoder().decode((String) page.evaluate(RECORD, millis));
        }
    }
}
