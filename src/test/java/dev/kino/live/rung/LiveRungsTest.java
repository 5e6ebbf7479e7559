package dev.kino.live.rung;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kino.config.LiveConfig;
import dev.kino.config.TranscodeConfig;
import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.rung.LiveRungs.Busy;
import dev.kino.live.rung.LiveRungs.NotLive;
import dev.kino.live.rung.LiveRungs.Ready;
import dev.kino.live.rung.LiveRungs.Source;
import dev.kino.testing.Await;
import dev.kino.transcode.BundledTools;
import dev.kino.transcode.FfmpegTools;
import dev.kino.transcode.TranscodeService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The H.264/AAC rung with the real ffmpeg: a WebM publisher (VP8/Opus, as a browser tab sends) is read through a
 * derived stream whose fragments ffprobe decodes; one ffmpeg however many ask; it goes when its last reader does,
 * when its source ends and when it dies, and the next request starts it again.
 */
class LiveRungsTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final FfmpegTools SYSTEM = new FfmpegTools(Path.of("ffmpeg"), Path.of("ffprobe"), FfmpegTools.SYSTEM);

    private final StreamHub hub = new StreamHub(LiveConfig.defaults());
    private final List<TestPublisher> publishers = new ArrayList<>();
    private TranscodeService transcodes;
    private LiveRungs rungs;

    private void slots(int n) {
        slots(n, SYSTEM);
    }

    private void slots(int n, FfmpegTools tools) {
        transcodes = new TranscodeService(tools, new TranscodeConfig(n));
        rungs = new LiveRungs(hub, transcodes);
    }

    @AfterEach
    void closeAll() throws Exception {
        rungs.close();
        for (TestPublisher p : publishers) {
            p.close();
        }
        transcodes.close();
        assertEquals(List.of(), rungFfmpegs(), "no rung's ffmpeg outlives the rungs");
    }

    /** With the system's ffmpeg (5.1 here) and the bundled one (6.1), which a machine without ffmpeg runs. */
    @ParameterizedTest
    @ValueSource(strings = {"system", "bundled"})
    void aWebmStreamIsReadThroughAnH264AacRungWhoseFragmentsDecode(String ffmpeg, @TempDir Path dir) throws Exception {
        slots(2, ffmpeg.equals("system") ? SYSTEM : BundledTools.get());
        publish("cam1", TestPublisher.VP8_OPUS);
        long asked = System.nanoTime();
        LiveStream derived = ready(rungs.hlsSource("cam1"));
        assertEquals("cam1~h264", derived.name());
        HubReader hls = new HubReader(derived);
        MediaUnit init = hls.next();
        assertTrue(init.init());
        assertTrue(init.mimeType().startsWith("video/mp4;") && init.mimeType().contains("avc1.")
                && init.mimeType().contains("mp4a.40.2"), init.mimeType());
        MediaUnit first = hls.next();
        long firstMillis = (System.nanoTime() - asked) / 1_000_000;
        System.out.println(ffmpeg + " ffmpeg: first derived fragment " + firstMillis + " ms after the request");
        assertTrue(firstMillis < 5_000, "first fragment after " + firstMillis + " ms");
        assertTrue(first.keyframe(), "the derived stream starts at a keyframe");
        List<MediaUnit> fragments = hls.fragmentsSpanning(first, 4_500);
        List<Long> keyframes = fragments.stream().filter(MediaUnit::keyframe).map(MediaUnit::timestampMillis).toList();
        assertTrue(keyframes.size() >= 3, "keyframes at " + keyframes);
        for (int i = 1; i < keyframes.size(); i++) {
            assertEquals(2_000, keyframes.get(i) - keyframes.get(i - 1), 150, "a keyframe every 2 s: " + keyframes);
        }
        assertTrue(fragments.size() >= 4_500 / 300, fragments.size() + " fragments in 4.5 s: too long for LL-HLS parts");
        assertDecodes(write(dir.resolve("rung.mp4"), init, fragments), "h264", "aac");
    }

    @Test
    void anOpusOnlyStreamBecomesAacOnly(@TempDir Path dir) throws Exception {
        slots(1);
        publish("mic", TestPublisher.OPUS_ONLY);
        HubReader hls = new HubReader(ready(rungs.hlsSource("mic")));
        MediaUnit init = hls.next();
        assertEquals("audio/mp4; codecs=\"mp4a.40.2\"", init.mimeType());
        List<MediaUnit> fragments = hls.fragmentsSpanning(hls.next(), 1_000);
        assertDecodes(write(dir.resolve("mic.mp4"), init, fragments), "aac");
    }

    @Test
    void anH264AacStreamIsReadAsItIsWithNoFfmpeg() throws Exception {
        slots(1);
        publish("enc", TestPublisher.H264_AAC);
        assertEquals(new Ready(hub.find("enc").orElseThrow()), rungs.hlsSource("enc").get(WAIT.toSeconds(), TimeUnit.SECONDS));
        // what follows the answer may ask the stream at once: it does not run on the stream's owner
        assertTrue(rungs.hlsSource("enc").thenCompose(s -> ((Ready) s).stream().statusAsync(System.nanoTime()))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS).live());
        assertEquals(List.of(), transcodes.jobs());
        assertEquals(List.of(), rungFfmpegs());
    }

    @Test
    void aStreamWithNoPublisherOrNoInitYetIsNotLive() throws Exception {
        slots(1);
        assertEquals(new NotLive(), rungs.hlsSource("nobody").get(WAIT.toSeconds(), TimeUnit.SECONDS));
        LiveStream early = hub.stream("early");
        assertTrue(early.claim("publisher", System.nanoTime())); // claimed, nothing sent yet
        assertEquals(new NotLive(), rungs.hlsSource("early").get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(List.of(), transcodes.jobs());
    }

    @Test
    void withEveryTranscodeSlotTakenTheAnswerIsBusyAndNoFfmpegStarts() throws Exception {
        slots(1);
        publish("cam1", TestPublisher.VP8_OPUS);
        try (TranscodeService.Job other = transcodes.start("a conversion", "mp4", 0, List.of("ffmpeg", "-nostdin", "-hide_banner",
                "-loglevel", "error", "-re", "-f", "lavfi", "-i", "anullsrc", "-f", "null", "-")).orElseThrow()) {
            assertEquals(new Busy(5), rungs.hlsSource("cam1").get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(List.of(), rungFfmpegs());
            assertEquals(List.of(other.id()), transcodes.jobs().stream().map(TranscodeService.JobStatus::id).toList());
        }
        ready(rungs.hlsSource("cam1")); // the slot is free again
        assertEquals(1, rungFfmpegs().size());
    }

    @Test
    void tenRequestsAtOnceShareOneFfmpegWhichGoesFiveSecondsAfterTheLastReader() throws Exception {
        slots(4);
        publish("cam1", TestPublisher.VP8_OPUS);
        Set<LiveStream> answers = new HashSet<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<LiveStream>> asks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                asks.add(pool.submit(() -> {
                    go.await();
                    return ready(rungs.hlsSource("cam1"));
                }));
            }
            go.countDown();
            for (Future<LiveStream> a : asks) {
                answers.add(a.get());
            }
        }
        assertEquals(1, answers.size(), "one derived stream");
        assertEquals(1, transcodes.jobs().size(), "one transcode slot");
        List<ProcessHandle> ffmpeg = rungFfmpegs();
        assertEquals(1, ffmpeg.size(), "one ffmpeg");

        HubReader hls = new HubReader(answers.iterator().next());
        hls.next(); // init
        hls.fragmentsSpanning(hls.next(), LiveRungs.IDLE_AFTER.toMillis() + 1_000);
        assertTrue(ffmpeg.get(0).isAlive(), "a reader keeps the rung running past the idle time");
        long left = System.nanoTime();
        hls.leave();
        Await.until(LiveRungs.IDLE_AFTER.plusSeconds(3), "ffmpeg gone and its slot free",
                () -> !ffmpeg.get(0).isAlive() && transcodes.jobs().isEmpty() && rungs.running().isEmpty());
        double seconds = (System.nanoTime() - left) / 1e9;
        System.out.printf("rung gone %.2f s after the last reader left%n", seconds);
        assertTrue(seconds > LiveRungs.IDLE_AFTER.toSeconds() - 1, "gone after " + seconds + " s: too soon");
        assertTrue(seconds < LiveRungs.IDLE_AFTER.toSeconds() + 1.5, "gone after " + seconds + " s: too late");
        assertFalse(hls.stream().status(System.nanoTime()).live(), "the derived stream has lost its publisher");
    }

    @Test
    void ffmpegKilledMidRunStopsTheRungAndTheNextRequestStartsAnother() throws Exception {
        slots(1); // the next rung needs the dead one's slot
        publish("cam1", TestPublisher.VP8_OPUS);
        HubReader hls = readingRung("cam1");
        ProcessHandle killed = rungFfmpegs().get(0);
        killed.destroyForcibly();
        Await.until(WAIT, "the rung stopped", () -> transcodes.jobs().isEmpty() && rungs.running().isEmpty()
                && !hls.stream().status(System.nanoTime()).live());

        LiveStream again = ready(rungs.hlsSource("cam1"));
        assertEquals(hls.stream().name(), again.name());
        List<ProcessHandle> now = rungFfmpegs();
        assertEquals(1, now.size());
        assertNotEquals(killed.pid(), now.get(0).pid());
        assertTrue(hls.nextInit().mimeType().contains("avc1."), "a reader that stayed gets the new rung's init");
        assertFalse(hls.next().init(), "and its fragments");
    }

    @Test
    void anFfmpegThatCannotReadItsInputIsLoggedWithItsLastWordsAndItsSlotFreed() throws Exception {
        slots(1);
        LiveStream bad = hub.stream("bad");
        assertTrue(bad.claim("publisher", System.nanoTime()));
        byte[] garbage = new byte[4096];
        Arrays.fill(garbage, (byte) 0x42);
        bad.publish(MediaUnit.init(garbage, "video/webm; codecs=\"vp8, opus\"", System.nanoTime())); // says WebM, is not
        ListAppender<ILoggingEvent> logged = captureLog();
        try {
            ready(rungs.hlsSource("bad"));
            Await.until(WAIT, "the rung stopped", () -> transcodes.jobs().isEmpty() && rungs.running().isEmpty());
            String warning = logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                    .findFirst().orElseThrow(() -> new AssertionError("no warning: " + logged.list));
            assertTrue(warning.startsWith("stream bad: the rung's ffmpeg stopped") && warning.contains("last stderr:\n  ")
                    && warning.contains("Invalid data"), warning);
        } finally {
            releaseLog(logged);
        }
    }

    @Test
    void withNoFfmpegTheAnswerFailsWithTheFix() throws Exception {
        slots(1, FfmpegTools.missing());
        LiveStream cam = hub.stream("cam1");
        assertTrue(cam.claim("publisher", System.nanoTime()));
        cam.publish(MediaUnit.init(new byte[16], "video/webm; codecs=\"vp8, opus\"", System.nanoTime()));
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> rungs.hlsSource("cam1").get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failed.getCause());
        assertTrue(failed.getCause().getMessage().contains(FfmpegTools.HOW_TO_FIX), failed.getCause().getMessage());
        Await.until(WAIT, "the rung is gone", () -> rungs.running().isEmpty() && cam.status(System.nanoTime()).viewers() == 0);
    }

    @Test
    void aRungWhoseFfmpegFellBehindSkipsAheadToTheLiveEdge() throws Exception {
        slots(1);
        publish("cam1", TestPublisher.VP8_OPUS);
        HubReader hls = readingRung("cam1");
        HubReader source = new HubReader(hub.find("cam1").orElseThrow());
        MediaUnit sourceFirst = source.nextFragment();
        long pid = rungFfmpegs().get(0).pid();
        ListAppender<ILoggingEvent> logged = captureLog();
        try {
            run("kill", "-STOP", Long.toString(pid)); // a busy machine: ffmpeg takes nothing for 6 s of media
            source.fragmentsSpanning(sourceFirst, 6_000);
            run("kill", "-CONT", Long.toString(pid));
            List<MediaUnit> after = hls.fragmentsSpanning(hls.nextFragment(), 4_000);
            long gap = 0;
            for (int i = 1; i < after.size() && gap < 1_000; i++) {
                gap = after.get(i).timestampMillis() - after.get(i - 1).timestampMillis();
            }
            assertTrue(gap >= 1_000, "the derived stream jumps ahead rather than play the backlog through");
            assertTrue(logged.list.stream().anyMatch(e -> e.getFormattedMessage().contains("over 3 s behind")), () -> "log: " + logged.list);
        } finally {
            releaseLog(logged);
        }
    }

    @Test
    void theRungStopsWhenItsSourceEnds() throws Exception {
        slots(1);
        TestPublisher publisher = publish("cam1", TestPublisher.VP8_OPUS);
        HubReader hls = readingRung("cam1");
        List<ProcessHandle> ffmpeg = rungFfmpegs();
        publisher.close();
        hub.tick(System.nanoTime() + LiveConfig.defaults().grace().plusSeconds(1).toNanos(), (name, q) -> { });
        Await.until(WAIT, "the rung stopped with its source", () -> ffmpeg.stream().noneMatch(ProcessHandle::isAlive)
                && transcodes.jobs().isEmpty() && rungs.running().isEmpty());
    }

    @Test
    void aPublisherThatComesBackReinitialisesTheDerivedStreamThroughTheSameRung() throws Exception {
        slots(1);
        TestPublisher first = publish("cam1", TestPublisher.VP8_OPUS);
        HubReader hls = readingRung("cam1");
        long before = rungFfmpegs().get(0).pid();
        first.close();
        publish("cam1", TestPublisher.VP8_OPUS); // within the grace period: the same source stream, re-initialised
        assertTrue(hls.nextInit().mimeType().contains("avc1."));
        assertFalse(hls.next().init());
        List<ProcessHandle> now = rungFfmpegs();
        assertEquals(1, now.size(), "one ffmpeg");
        assertNotEquals(before, now.get(0).pid(), "a fresh one for the new WebM header");
        assertEquals(List.of("cam1"), rungs.running());
    }

    private TestPublisher publish(String name, List<String> outputArgs) throws Exception {
        TestPublisher p = TestPublisher.start(hub, name, outputArgs);
        publishers.add(p);
        Await.until(WAIT, name + " has its init", () -> hub.stream(name).status(System.nanoTime()).mimeType() != null);
        return p;
    }

    /** A reader of {@code name}'s rung that has had the derived stream's init and first fragment. */
    private HubReader readingRung(String name) throws Exception {
        HubReader hls = new HubReader(ready(rungs.hlsSource(name)));
        assertTrue(hls.next().init());
        assertFalse(hls.next().init());
        return hls;
    }

    /** What the rung logs from now on, INFO included (the tests' root level is WARN). */
    private static ListAppender<ILoggingEvent> captureLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger rungLog = (Logger) LoggerFactory.getLogger(Rung.class);
        rungLog.setLevel(Level.INFO);
        rungLog.addAppender(appender);
        return appender;
    }

    private static void releaseLog(ListAppender<ILoggingEvent> appender) {
        Logger rungLog = (Logger) LoggerFactory.getLogger(Rung.class);
        rungLog.detachAppender(appender);
        rungLog.setLevel(null);
    }

    private static LiveStream ready(CompletableFuture<Source> answer) throws Exception {
        Source s = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return assertInstanceOf(Ready.class, s, () -> "answer: " + s).stream();
    }

    /** The rung ffmpegs this JVM runs: reading stdin, making H.264 (the publishers write to stdout only). */
    private static List<ProcessHandle> rungFfmpegs() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).filter(p -> p.info().arguments()
                .map(Arrays::asList).map(a -> a.contains("pipe:0") && a.contains("libx264")).orElse(false)).toList();
    }

    private static Path write(Path file, MediaUnit init, List<MediaUnit> fragments) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(init.data());
        for (MediaUnit f : fragments) {
            out.write(f.data());
        }
        return Files.write(file, out.toByteArray());
    }

    /**
     * ffprobe finds exactly {@code codecs}, and decodes every packet of each into a frame without a complaint (counted
     * by ffprobe rather than by {@code ffmpeg -f null}, whose own muxer re-times uneven frames onto 1/frame rate and
     * then complains of the collisions it made).
     */
    static void assertDecodes(Path file, String... codecs) throws Exception {
        List<String> streams = run("ffprobe", "-v", "error", "-count_frames", "-count_packets", "-show_entries",
                "stream=codec_name,nb_read_frames,nb_read_packets", "-of", "csv=p=0", file.toString()).lines().toList();
        assertEquals(List.of(codecs), streams.stream().map(l -> l.split(",")[0]).toList(), () -> "ffprobe: " + streams);
        for (String s : streams) {
            String[] f = s.split(",");
            assertTrue(f.length == 3 && f[1].equals(f[2]) && Integer.parseInt(f[1]) > 0, () -> "every packet decodes: " + streams);
        }
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + ": " + out);
        return out;
    }
}
