package dev.kino.container.webm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import dev.kino.testing.Chromium;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Chromium MediaRecorder output (fake camera and microphone, 200 ms timeslice): unknown-size Segment and
 * Clusters, blobs cut anywhere. Four sessions run at once on one camera: VP8, VP9 and H.264 for 3 s, and a second
 * VP8 recorder started 1.5 s in, standing for a publisher that restarted its recorder.
 */
class WebmMediaRecorderTest {
    private static final String[] SESSIONS = {"video/webm;codecs=vp8,opus", "video/webm;codecs=vp9,opus",
            "video/webm;codecs=h264,opus", "video/webm;codecs=vp8,opus"};
    private static final String RECORD = """
            async (sessions) => {
              const stream = await navigator.mediaDevices.getUserMedia({video: true, audio: true});
              const base64 = bytes => {
                let s = '';
                for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
                return btoa(s);
              };
              const sleep = ms => new Promise(r => setTimeout(r, ms));
              const record = async ([mimeType, startMs, stopMs]) => {
                await sleep(startMs);
                const recorder = new MediaRecorder(stream, {mimeType});
                const blobs = [];
                recorder.ondataavailable = e => blobs.push(e.data);
                const stopped = new Promise(r => recorder.onstop = r);
                recorder.start(200);
                await sleep(stopMs - startMs);
                recorder.stop();
                await stopped;
                const out = [];
                for (const blob of blobs) out.push(base64(new Uint8Array(await blob.arrayBuffer())));
                return out;
              };
              const results = await Promise.all(sessions.map(record));
              stream.getTracks().forEach(t => t.stop());
              return results;
            }""";
    private static final String APPEND_TO_MSE = """
            async ([mime, parts]) => {
              const ms = new MediaSource();
              const video = document.createElement('video');
              video.src = URL.createObjectURL(ms);
              document.body.append(video);
              await new Promise(r => ms.addEventListener('sourceopen', r, {once: true}));
              const sb = ms.addSourceBuffer(mime);
              for (const part of parts) {
                sb.appendBuffer(Uint8Array.from(atob(part), c => c.charCodeAt(0)));
                await new Promise((ok, ko) => { sb.onupdateend = ok; sb.onerror = () => ko(new Error('append failed')); });
              }
              const b = sb.buffered;
              return b.length + ' ' + (b.length ? b.start(0) + ' ' + b.end(0) : '');
            }""";

    private static Playwright playwright;
    private static Page page;
    /** Per session: the blobs as the recorder handed them out. */
    private static final List<List<byte[]>> BLOBS = new ArrayList<>();

    @BeforeAll
    static void record() {
        Path chromium = Chromium.require();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--use-fake-device-for-media-stream",
                        "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run")));
        page = browser.newPage();
        // getUserMedia needs a secure context: http://localhost is one; the page never touches the network
        page.route("**/*", route -> route.fulfill(new Route.FulfillOptions().setStatus(200)
                .setContentType("text/html").setBody("<!doctype html><title>recorder</title><body></body>")));
        page.navigate("http://localhost/");
        List<List<Object>> sessions = List.of(List.of(SESSIONS[0], 0, 3000), List.of(SESSIONS[1], 0, 3000),
                List.of(SESSIONS[2], 0, 3000), List.of(SESSIONS[3], 1500, 4500));
        for (Object session : (List<?>) page.evaluate(RECORD, sessions)) {
            List<byte[]> blobs = new ArrayList<>();
            for (Object blob : (List<?>) session) {
                blobs.add(Base64.getDecoder().decode((String) blob));
            }
            BLOBS.add(blobs);
        }
    }

    @AfterAll
    static void close() {
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void vp8RecordingGivesInitAndKeyframeFirstFragments() {
        checkRecording(0, "video/webm; codecs=\"vp8, opus\"");
    }

    @Test
    void vp9RecordingGivesInitAndKeyframeFirstFragments() {
        checkRecording(1, "video/webm; codecs=\"vp9, opus\"");
    }

    @Test
    void h264RecordingTakesItsCodecStringFromTheSps() {
        RecordingListener listener = checkRecording(2, null);
        String mime = listener.inits().get(0).mimeType();
        assertTrue(mime.matches("video/webm; codecs=\"avc1\\.[0-9A-F]{6}, opus\""), mime);
    }

    @Test
    void chromiumsMseAcceptsInitPlusFragmentsWithTheDerivedType() {
        for (int session : new int[] {0, 1}) {
            RecordingListener listener = Feeds.whole(Ebml.cat(BLOBS.get(session).toArray(byte[][]::new))).listener();
            List<String> parts = listener.events.stream().map(e -> Base64.getEncoder().encodeToString(e.bytes())).toList();
            String buffered = (String) page.evaluate(APPEND_TO_MSE, List.of(listener.inits().get(0).mimeType(), parts));
            String[] range = buffered.split(" ");
            Bufferable expected = Bufferable.of(listener.concatenated());
            if (!expected.stalls()) {
                assertEquals("1", range[0], "the fragments join up: " + buffered);
            }
            assertEquals(0, Double.parseDouble(range[1]), 0.1, buffered);
            assertTrue(Double.parseDouble(range[2]) >= expected.end() - 0.05, expected + ": " + buffered);
        }
    }

    @Test
    void aRestartedRecorderAppendedToTheFirstGivesASecondInit() {
        byte[] first = Ebml.cat(BLOBS.get(0).toArray(byte[][]::new));
        byte[] second = Ebml.cat(BLOBS.get(3).toArray(byte[][]::new));
        Feeds.Outcome outcome = Feeds.whole(Ebml.cat(first, second));

        assertNull(outcome.error());
        List<RecordingListener.Event> inits = outcome.listener().inits();
        assertEquals(2, inits.size(), "the second recording: " + BLOBS.get(3).size() + " blobs, " + second.length + " bytes");
        assertEquals(inits.get(0).mimeType(), inits.get(1).mimeType());
        int firstFragments = Feeds.whole(first).listener().fragments().size();
        RecordingListener.Event afterReinit = outcome.listener().events.get(firstFragments + 2);
        assertTrue(afterReinit.keyframe(), "the new session starts with a keyframe");
        assertTrue(afterReinit.timestampMillis() < 100, "and its timestamps start again near 0");
    }

    /**
     * How far Chromium's MSE should buffer a recording from 0, from ffprobe's packets: to where audio and video overlap
     * (the earlier of the last audio and the last video packet), but no further than the first stall in the video (a
     * gap over 80 ms between frames that come 50 ms apart from the fake camera): after a gap of more than twice the last
     * frame duration MSE drops frames until the next keyframe, which for VP8 comes seconds later.
     */
    private record Bufferable(double end, boolean stalls) {
        static Bufferable of(byte[] file) {
            String probe = TestMedia.ffprobe(file, "-show_entries", "stream=index,codec_type:packet=stream_index,pts_time",
                    "-of", "compact");
            String video = WebmFfmpegTest.entries(probe, "stream").stream()
                    .filter(s -> s.get("codec_type").equals("video")).findFirst().orElseThrow().get("index");
            Map<String, Double> last = new HashMap<>();
            List<Double> frames = new ArrayList<>();
            for (Map<String, String> packet : WebmFfmpegTest.entries(probe, "packet")) {
                double pts = Double.parseDouble(packet.get("pts_time"));
                last.merge(packet.get("stream_index"), pts, Math::max);
                if (packet.get("stream_index").equals(video)) {
                    frames.add(pts);
                }
            }
            double end = last.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            frames.sort(null);
            for (int i = 1; i < frames.size(); i++) {
                if (frames.get(i) - frames.get(i - 1) > 0.08) {
                    return new Bufferable(Math.min(end, frames.get(i - 1)), true);
                }
            }
            return new Bufferable(end, false);
        }
    }

    /** Parses one session whole, blob by blob, one byte at a time and in random splits; checks the common facts. */
    private static RecordingListener checkRecording(int session, String expectedMime) {
        List<byte[]> blobs = BLOBS.get(session);
        byte[] whole = Ebml.cat(blobs.toArray(byte[][]::new));
        Feeds.Outcome outcome = Feeds.whole(whole);
        assertNull(outcome.error());
        RecordingListener listener = outcome.listener();

        int[] blobSizes = blobs.stream().mapToInt(b -> b.length).toArray();
        assertEquals(outcome.described(), Feeds.chunked(whole, blobSizes).described(), "fed blob by blob");
        assertEquals(outcome.described(), Feeds.oneByteAtATime(whole).described(), "one byte at a time");
        assertEquals(outcome.described(), Feeds.randomSplits(whole, session).described(), "random splits");

        assertEquals(1, listener.inits().size());
        assertTrue(listener.events.get(0).isInit());
        RecordingListener.Event init = listener.inits().get(0);
        assertTrue(Ebml.toHex(init.bytes()).contains("18538067" + Ebml.UNKNOWN_SIZE_8), "unknown-size Segment");
        if (expectedMime != null) {
            assertEquals(expectedMime, init.mimeType());
        }
        List<RecordingListener.Event> fragments = listener.fragments();
        assertTrue(fragments.size() >= 5, listener.described()::toString);
        assertTrue(fragments.get(0).keyframe(), "the first Cluster starts with a keyframe");
        assertTrue(fragments.get(0).timestampMillis() < 100, "the recording starts at 0");
        for (int i = 1; i < fragments.size(); i++) {
            assertTrue(fragments.get(i).timestampMillis() >= fragments.get(i - 1).timestampMillis(), listener.described()::toString);
        }
        return listener;
    }
}
