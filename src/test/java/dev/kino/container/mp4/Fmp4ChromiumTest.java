package dev.kino.container.mp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.container.mp4.RecordingListener.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import dev.kino.testing.Chromium;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks with Debian's headless Chromium (skipped without it): MSE accepts the MIME types the parser derives,
 * plays init + a keyframe fragment alone but nothing from a non-keyframe one, and MediaRecorder's MP4 parses.
 */
class Fmp4ChromiumTest {

    /** Appends base64 chunks to a SourceBuffer of the given type; returns the buffered ranges [[start, end]…]. */
    private static final String APPEND = """
            async ([mime, chunks]) => {
              const ms = new MediaSource();
              const video = document.createElement('video');
              video.src = URL.createObjectURL(ms);
              await new Promise(r => ms.addEventListener('sourceopen', r, {once: true}));
              const sb = ms.addSourceBuffer(mime);
              for (const b64 of chunks) {
                const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                await new Promise((resolve, reject) => {
                  sb.addEventListener('updateend', resolve, {once: true});
                  sb.addEventListener('error', () => reject(new Error('append error')), {once: true});
                  sb.appendBuffer(bytes);
                });
              }
              const ranges = [];
              for (let i = 0; i < sb.buffered.length; i++) ranges.push([sb.buffered.start(i), sb.buffered.end(i)]);
              return ranges;
            }""";

    /** Records a canvas animation and an oscillator for 2.5 s in 500 ms slices; returns the chunks in base64. */
    private static final String RECORD = """
            async (mime) => {
              const canvas = document.createElement('canvas');
              canvas.width = 320; canvas.height = 240;
              const ctx = canvas.getContext('2d');
              let frame = 0;
              const timer = setInterval(() => {
                ctx.fillStyle = `hsl(${(frame * 7) % 360}, 80%, 50%)`; ctx.fillRect(0, 0, 320, 240);
                ctx.fillStyle = '#fff'; ctx.font = '48px sans-serif'; ctx.fillText(String(frame++), 20, 120);
              }, 40);
              const stream = canvas.captureStream(25);
              const audio = new AudioContext();
              const osc = audio.createOscillator();
              const dest = audio.createMediaStreamDestination();
              osc.connect(dest); osc.start();
              stream.addTrack(dest.stream.getAudioTracks()[0]);
              const rec = new MediaRecorder(stream, {mimeType: mime, videoBitsPerSecond: 500000});
              const chunks = [];
              rec.ondataavailable = e => chunks.push(e.data);
              const stopped = new Promise(r => rec.onstop = r);
              rec.start(500);
              await new Promise(r => setTimeout(r, 2500));
              rec.stop();
              await stopped;
              clearInterval(timer);
              const out = [];
              for (const c of chunks) {
                const b = new Uint8Array(await c.arrayBuffer());
                let s = '';
                for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
                out.push(btoa(s));
              }
              return out;
            }""";

    private static Playwright playwright;
    private static Browser browser;
    private static Page page;

    @BeforeAll
    static void launch() {
        Path chromium = Chromium.require();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required")));
        page = browser.newPage();
    }

    @AfterAll
    static void close() {
        if (playwright != null) {
            playwright.close();
        }
    }

    /** Every derived type is accepted, except HEVC, which Debian's Chromium cannot decode (printed for the record). */
    @Test
    void mediaSourceAcceptsTheDerivedTypes() throws Exception {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (LiveClip clip : LiveClip.values()) {
            String mime = RecordingListener.whole(clip.bytes()).getFirst().mime();
            answers.put(mime, page.evaluate("m => MediaSource.isTypeSupported(m)", mime));
        }
        System.out.println("MediaSource.isTypeSupported: " + answers);
        answers.forEach((mime, supported) -> {
            if (!mime.contains("hvc1")) {
                assertEquals(Boolean.TRUE, supported, mime);
            }
        });
    }

    /** What a late joiner gets: init + a keyframe fragment from mid-stream is playable from there; a non-key one is not. */
    @Test
    void initAndOneKeyframeFragmentPlayFromItsTimestamp() throws Exception {
        List<Event> events = RecordingListener.whole(LiveClip.H264_AAC_500MS.bytes());
        Event init = events.getFirst();
        List<Event> fragments = events.subList(1, events.size());
        Event lateKey = fragments.stream().filter(e -> e.keyframe() && e.millis() > 0).findFirst().orElseThrow();
        Event nonKey = fragments.stream().filter(e -> !e.keyframe() && e.millis() > 0).findFirst().orElseThrow();

        List<?> ranges = append(init.mime(), List.of(init, lateKey));
        assertEquals(1, ranges.size(), "buffered " + ranges);
        assertEquals(lateKey.millis() / 1000.0, ((Number) ((List<?>) ranges.getFirst()).getFirst()).doubleValue(), 0.1);

        assertEquals(List.of(), append(init.mime(), List.of(init, nonKey)), "nothing playable without a keyframe");

        List<?> all = append(init.mime(), events);
        assertEquals(LiveClip.H264_AAC_500MS.seconds, ((Number) ((List<?>) all.getLast()).getLast()).doubleValue(), 0.1);
    }

    private static List<?> append(String mime, List<Event> events) {
        List<String> chunks = events.stream().map(e -> Base64.getEncoder().encodeToString(e.bytes())).toList();
        return (List<?>) page.evaluate(APPEND, List.of(mime, chunks));
    }

    /** Chromium's MediaRecorder writes fragmented MP4 where it offers video/mp4; the parser reads it as recorded. */
    @Test
    void mediaRecorderMp4Parses() throws Exception {
        Map<String, Object> offered = new LinkedHashMap<>();
        for (String type : List.of("video/mp4;codecs=avc1,opus", "video/mp4;codecs=avc1,mp4a.40.2", "video/mp4;codecs=vp9,opus",
                "video/mp4;codecs=av01,opus", "video/mp4")) {
            offered.put(type, page.evaluate("t => MediaRecorder.isTypeSupported(t)", type));
        }
        System.out.println("MediaRecorder.isTypeSupported: " + offered);
        String type = offered.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue())).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(type != null, "this Chromium's MediaRecorder offers no MP4");

        RecordingListener listener = new RecordingListener();
        Fmp4Parser parser = new Fmp4Parser(listener);
        List<byte[]> chunks = new ArrayList<>();
        for (Object chunk : (List<?>) page.evaluate(RECORD, type)) {
            byte[] bytes = Base64.getDecoder().decode((String) chunk);
            chunks.add(bytes);
            parser.feed(bytes, 0, bytes.length);
        }
        parser.endOfInput();
        List<Event> events = listener.events;
        System.out.println("MediaRecorder " + type + ": " + chunks.size() + " chunks → " + events);
        assertTrue(events.getFirst().isInit());
        assertTrue(events.size() >= 2, "fragments: " + events);
        assertTrue(events.get(1).keyframe(), "the first fragment starts with a keyframe");
        assertEquals(Boolean.TRUE, page.evaluate("m => MediaSource.isTypeSupported(m)", events.getFirst().mime()));
        assertTrue(append(events.getFirst().mime(), events).size() >= 1, "Chromium plays back what it recorded");
    }
}
