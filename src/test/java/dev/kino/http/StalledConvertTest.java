package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.library.MediaIds;
import dev.kino.testing.Await;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: clients that stop reading hold no transcode slot. Two downloads that never read a byte take both slots;
 * past {@code transcode.idle-timeout} their ffmpeg is killed and a third viewer is served. A client that keeps reading,
 * slowly, is cut off at {@code transcode.max-duration}.
 */
class StalledConvertTest {
    private static final Duration IDLE = Duration.ofSeconds(3);
    private static final Duration MAX = Duration.ofSeconds(6);

    private static TestServer server;
    private static String cookie;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        // lossless: a copy makes some 25 MB at once, far more than the sockets and the pipe hold
        Ffmpeg.make(media.resolve("long.mkv"), 120, "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-c:a", "aac");
        Ffmpeg.make(media.resolve("clip.mkv"), 4, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        server = TestServer.start(media, dir.resolve("data"), Map.of("transcode.max-concurrent", "2",
                "transcode.idle-timeout", IDLE.toSeconds() + "s", "transcode.max-duration", MAX.toSeconds() + "s"));
        cookie = server.loginAdmin();
        // the probe's ffprobe of the big file must be done before ffmpeg processes are counted (a loaded runner is slow)
        Await.until(Duration.ofSeconds(60), "both files are probed",
                () -> server.get("/api/library", cookie).body().split("\"duration\"").length == 3);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void clientsThatStopReadingFreeTheirSlotsAfterTheIdleTimeout() throws Exception {
        String third = "/media/" + MediaIds.of("clip.mkv") + "/convert?format=mkv&vcodec=copy&acodec=copy";
        try (Socket a = conversion(MediaIds.of("long.mkv"), 4096); Socket b = conversion(MediaIds.of("long.mkv"), 4096)) {
            Await.until(Duration.ofSeconds(10), "both conversions run",
                    () -> new JsonArray(server.get("/api/transcodes", cookie).body()).size() == 2);
            long stalledAt = System.nanoTime();
            assertEquals(2, ffmpegs(), "two ffmpeg processes run");
            assertEquals(503, status(third), "the cap is 2, and both slots are held");
            int status = 503;
            while (status == 503 && System.nanoTime() - stalledAt < IDLE.plusSeconds(10).toNanos()) {
                Thread.sleep(250);
                status = status(third);
            }
            long servedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalledAt);
            System.out.printf("a third conversion was answered %d %d ms after two clients stalled (idle timeout %d ms)%n",
                    status, servedMillis, IDLE.toMillis());
            assertEquals(200, status, "a third viewer is served once the stalled ones time out");
            assertTrue(servedMillis >= IDLE.toMillis() - 500, "not before the idle timeout: " + servedMillis + " ms");
            Await.until(Duration.ofSeconds(5), "the stalled clients' ffmpeg processes are gone", () -> ffmpegs() == 0);
            Await.until(Duration.ofSeconds(5), "no job is listed",
                    () -> server.get("/api/transcodes", cookie).body().equals("[]"));
        }
    }

    @Test
    void aClientReadingAtATrickleIsCutOffAtTheMaxDuration() throws Exception {
        AtomicLong read = new AtomicLong();
        long started = System.nanoTime();
        try (Socket s = conversion(MediaIds.of("long.mkv"), 0)) {
            Thread reader = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[32 * 1024];
                try (InputStream in = s.getInputStream()) {
                    // about 1.5 MB/s: never idle for long, even where a full send buffer (up to 4 MB here) wakes the
                    // writer only once half of it has drained; yet the copy, some 25 MB, would last far longer
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        read.addAndGet(n);
                        Thread.sleep(20);
                    }
                } catch (IOException | InterruptedException e) {
                    // cut off, or closed by the test
                }
            });
            Await.until(Duration.ofSeconds(10), "the conversion runs", () -> ffmpegs() == 1);
            Await.until(MAX.plusSeconds(10), "its ffmpeg is gone and its job ended",
                    () -> ffmpegs() == 0 && server.get("/api/transcodes", cookie).body().equals("[]"));
            long endedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.printf("a trickling client's conversion ended after %d ms, %d bytes read (max duration %d ms)%n",
                    endedMillis, read.get(), MAX.toMillis());
            assertTrue(read.get() > 100_000, "the client got bytes all along: " + read.get());
            assertTrue(endedMillis >= MAX.toMillis() - 500, "ended by the max duration, not before: " + endedMillis + " ms");
            s.close();
            reader.join(Duration.ofSeconds(5));
        }
    }

    /** A conversion (a copy) asked for on a new socket, with the receive buffer given unless 0; nothing is read. */
    private static Socket conversion(String id, int receiveBuffer) throws Exception {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", server.port()));
        s.getOutputStream().write(("GET /media/" + id + "/convert?format=mkv&vcodec=copy&acodec=copy HTTP/1.1\r\nHost: x\r\nCookie: "
                + cookie + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    private static int status(String path) throws Exception {
        return TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** ffmpeg processes of this server working on this test's media. */
    private static long ffmpegs() {
        String media = server.media().toString();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(media)).orElse(false))
                .count();
    }
}
