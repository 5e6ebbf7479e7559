package dev.kino.live.output.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.config.LiveConfig;
import dev.kino.config.RecordingConfig;
import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.hub.ReaderQueue;
import dev.kino.live.hub.StreamHub;
import dev.kino.testing.Await;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder against a real hub, with made-up units and a remuxer that only concatenates the pieces it is
 * listed: sessions and pieces, a new codec, a disk that fills up, switching off, and leftovers of an earlier run.
 */
class LiveRecorderTest {
    private static final String MP4 = "video/mp4; codecs=\"avc1.64001F,mp4a.40.2\"";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final StreamHub hub = new StreamHub(LiveConfig.defaults());
    private final List<List<String>> remuxed = new CopyOnWriteArrayList<>();
    private LiveRecorder recorder;

    @AfterEach
    void close() {
        if (recorder != null) {
            recorder.close();
        }
    }

    /** Joins the pieces byte by byte, in order, and remembers their names. */
    private void concat(List<Path> pieces, Path out, String format) throws IOException {
        remuxed.add(pieces.stream().map(p -> p.getFileName().toString()).toList());
        try (var o = Files.newOutputStream(out)) {
            for (Path p : pieces) {
                o.write(Files.readAllBytes(p));
            }
        }
    }

    private LiveRecorder recorder(Storage storage) {
        recorder = new LiveRecorder(hub, dir.resolve("recordings"), RecordingConfig.keepAll(), "cam1"::equals, this::concat, () -> {},
                storage, NOON);
        recorder.start();
        return recorder;
    }

    private static void session(LiveStream s, String publisher, String mimeType, String tag, int fragments) {
        assertTrue(s.claim(publisher, System.nanoTime()));
        s.publish(MediaUnit.init(bytes("init-" + tag + ";"), mimeType, System.nanoTime()));
        for (int i = 0; i < fragments; i++) {
            s.publish(MediaUnit.fragment(bytes(tag + i + ";"), i == 0, i * 200L, System.nanoTime()));
        }
    }

    private void endStream(LiveStream s, String publisher) {
        s.release(publisher, System.nanoTime());
        hub.tick(System.nanoTime() + LiveConfig.defaults().grace().toNanos() + 1_000_000_000L, (n, q) -> {});
    }

    /** Waits until the piece being written ends with {@code tail}: the recorder has taken what was published. */
    private void awaitWritten(String folder, String piece, String tail) throws InterruptedException {
        Path p = dir.resolve("recordings/cam1/." + folder + ".rec/" + piece);
        try {
            Await.until(WAIT, piece + " ends with " + tail, () -> Files.exists(p) && Files.readString(p).endsWith(tail));
        } catch (AssertionError e) {
            try (Stream<Path> all = Files.walk(dir)) {
                throw new AssertionError(e.getMessage() + ": " + all.map(Path::toString).toList(), e);
            } catch (IOException io) {
                throw e;
            }
        }
    }

    private List<Path> finished() throws IOException {
        Path cam = dir.resolve("recordings/cam1");
        if (!Files.isDirectory(cam)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cam)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aPublisherThatComesBackWithinTheGraceGoesOnInTheSameFile() throws Exception {
        recorder(Storage.FILES);
        LiveStream s = hub.stream("cam1");
        session(s, "first", MP4, "a", 3);
        awaitWritten("2026-12-03_12-00-00", "001.mp4", "a2;");
        assertTrue(recorder.recording("cam1"));
        s.release("first", System.nanoTime()); // gone, but within the grace period
        session(s, "second", MP4, "b", 2);
        awaitWritten("2026-12-03_12-00-00", "002.mp4", "b1;");
        endStream(s, "second");
        Path folder = dir.resolve("recordings/cam1/.2026-12-03_12-00-00.rec");
        Await.until(WAIT, "the recording is finished and its folder gone", () -> !finished().isEmpty() && !Files.exists(folder));
        assertEquals(List.of(dir.resolve("recordings/cam1/2026-12-03_12-00-00.mp4")), finished(),
                "one file, named by the session's start");
        assertEquals(List.of(List.of("001.mp4", "002.mp4")), remuxed, "one piece per publisher, joined in order");
        assertEquals("init-a;a0;a1;a2;init-b;b0;b1;", Files.readString(finished().getFirst()),
                "each piece is the init segment and the fragments as they came from the hub");
        assertFalse(recorder.recording("cam1"));
    }

    @Test
    void aNewCodecStartsANewFile() throws Exception {
        recorder(Storage.FILES);
        LiveStream s = hub.stream("cam1");
        session(s, "first", MP4, "a", 2);
        awaitWritten("2026-12-03_12-00-00", "001.mp4", "a1;");
        s.release("first", System.nanoTime());
        session(s, "second", "video/webm; codecs=\"vp8,opus\"", "b", 2);
        awaitWritten("2026-12-03_12-00-00-2", "001.webm", "b1;");
        endStream(s, "second");
        Await.until(WAIT, "both recordings are finished", () -> finished().size() == 2);
        assertEquals(List.of(dir.resolve("recordings/cam1/2026-12-03_12-00-00-2.webm"),
                dir.resolve("recordings/cam1/2026-12-03_12-00-00.mp4")), finished());
        assertEquals("init-b;b0;b1;", Files.readString(finished().getFirst()));
    }

    @Test
    void aFullDiskStopsTheRecordingAndNeverTheStream() throws Exception {
        Storage fillsUp = file -> new FullAfter(Storage.FILES.create(file), 14);
        recorder(fillsUp);
        LiveStream s = hub.stream("cam1");
        ReaderQueue viewer = s.subscribe("viewer", () -> {}, System.nanoTime());
        session(s, "pub", MP4, "a", 3); // 16 bytes: the third fragment does not fit
        Await.until(WAIT, "the recording stops with the reason", () -> recorder.lastError("cam1").isPresent());
        assertEquals("No space left on device", recorder.lastError("cam1").get());
        for (int i = 3; i < 10; i++) {
            s.publish(MediaUnit.fragment(bytes("a" + i + ";"), false, i * 200L, System.nanoTime()));
        }
        List<String> seen = new ArrayList<>();
        Await.until(WAIT, "the viewer gets every fragment", () -> {
            for (MediaUnit u = viewer.poll(); u != null; u = viewer.poll()) {
                seen.add(new String(u.data(), StandardCharsets.US_ASCII));
            }
            return seen.size() == 11;
        });
        LiveStream.Status status = s.status(System.nanoTime());
        assertTrue(status.live(), "the publisher is still live");
        assertEquals(1, status.viewers(), "and the viewer still watches (a recorder is never counted as one)");
        assertFalse(recorder.recording("cam1"));
        Await.until(WAIT, "what was written before the disk filled up is kept", () -> finished().size() == 1);
        assertEquals(List.of(dir.resolve("recordings/cam1/2026-12-03_12-00-00.mp4")), finished());
        assertEquals("init-a;a0;a1;", Files.readString(finished().getFirst()));
        assertEquals(List.of(), remuxed, "as it was written: a full disk is not asked to hold a second copy");
    }

    @Test
    void switchingOffFinishesTheRecordingAndSwitchingOnRecordsALiveStream() throws Exception {
        recorder(Storage.FILES);
        LiveStream s = hub.stream("other"); // not recorded at its claim
        session(s, "pub", MP4, "a", 2);
        recorder.setRecording("other", true);
        Await.until(WAIT, "recording starts from the hub's last keyframe", () -> recorder.recording("other"));
        s.publish(MediaUnit.fragment(bytes("a2;"), false, 400, System.nanoTime()));
        Path piece = dir.resolve("recordings/other/.2026-12-03_12-00-00.rec/001.mp4");
        Await.until(WAIT, "the recording has the newest fragment", () -> Files.readString(piece).endsWith("a2;"));
        recorder.setRecording("other", false);
        Path other = dir.resolve("recordings/other/2026-12-03_12-00-00.mp4");
        Await.until(WAIT, "the recording is finished", () -> Files.exists(other));
        assertEquals("init-a;a0;a1;a2;", Files.readString(other));
        assertTrue(s.status(System.nanoTime()).live(), "the stream goes on");
    }

    @Test
    void stoppingKinoFinishesWhatIsBeingRecorded() throws Exception {
        recorder(Storage.FILES);
        LiveStream s = hub.stream("cam1");
        session(s, "pub", MP4, "a", 2);
        awaitWritten("2026-12-03_12-00-00", "001.mp4", "a1;");
        recorder.close(); // waits for the recording to be finished
        assertEquals(List.of(dir.resolve("recordings/cam1/2026-12-03_12-00-00.mp4")), finished());
        assertEquals("init-a;a0;a1;", Files.readString(finished().getFirst()));
        assertTrue(s.status(System.nanoTime()).live(), "the stream is the hub's: it goes on until the hub stops");
    }

    @Test
    void aRecordingLeftByAnEarlierRunIsFinishedAtStart() throws Exception {
        Path left = Files.createDirectories(dir.resolve("recordings/cam1/.2026-01-02_03-04-05.rec"));
        Files.writeString(left.resolve("001.mp4"), "init;f0;");
        Files.writeString(left.resolve("002.mp4"), "init;f1;");
        Files.writeString(left.resolve("whole.mp4"), "half a join"); // the join itself was cut short
        recorder(Storage.FILES);
        Path done = dir.resolve("recordings/cam1/2026-01-02_03-04-05.mp4");
        Await.until(WAIT, "the leftover is finished", () -> Files.exists(done));
        assertEquals("init;f0;init;f1;", Files.readString(done));
        assertFalse(Files.exists(left), "its folder is gone");
    }

    /** A file on a disk that is full after {@code room} bytes. */
    private static final class FullAfter implements WritableByteChannel {
        private final WritableByteChannel file;
        private long room;

        FullAfter(WritableByteChannel file, long room) {
            this.file = file;
            this.room = room;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (src.remaining() > room) {
                throw new IOException("No space left on device");
            }
            room -= src.remaining();
            return file.write(src);
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
