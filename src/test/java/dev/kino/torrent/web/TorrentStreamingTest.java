package dev.kino.torrent.web;

import dev.kino.torrent.web.TorrentBody;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Await;
import dev.kino.testing.FakeTorrents;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torrent reads that wait for pieces: bytes as they arrive, clients that leave, and reads that time out. */
class TorrentStreamingTest {
    @TempDir
    static Path dir;

    static FakeTorrents torrents = new FakeTorrents();
    static TestServer server;
    static String cookie;
    static byte[] movie;
    static Path movieFile;

    @BeforeAll
    static void start() throws Exception {
        movie = new byte[4 * 1024 * 1024];
        new Random(3).nextBytes(movie);
        movieFile = Files.write(Files.createDirectories(dir.resolve("swarm")).resolve("movie.mp4"), movie);
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"), Map.of(), torrents);
        cookie = server.loginAdmin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Adds a fresh torrent of the movie, whose bytes start arriving now at {@code bytesPerSecond}. */
    static String addMovie(String hash, double bytesPerSecond) throws Exception {
        torrents.rate(bytesPerSecond);
        torrents.known(hash, "Movie " + hash.charAt(0), Map.of("movie.mp4", movieFile));
        assertEquals(201, server.post("/api/torrents", "{\"magnet\":\"magnet:?xt=urn:btih:" + hash + "\"}", cookie).statusCode());
        return "/torrents/" + hash + "/files/0";
    }

    @Test
    void readsWaitUntilTheirPiecesArrive() throws Exception {
        String path = addMovie("a".repeat(40), 2_000_000);
        long t0 = System.nanoTime();
        RawHttp.Response r = RawHttp.send(server.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie
                + "\r\nRange: bytes=3000000-3099999\r\nConnection: close\r\n\r\n");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(206, r.status());
        assertArrayEquals(Arrays.copyOfRange(movie, 3_000_000, 3_100_000), r.body());
        assertTrue(millis >= 1200, "byte 3,100,000 arrives after about 1.5 s at 2 MB/s, took " + millis + " ms");
        RawHttp.Response whole = RawHttp.get(server.port(), path, cookie);
        assertArrayEquals(movie, whole.body(), "the whole file, as it arrives, byte for byte");
        awaitNoOpenReaders(); // a reader closes just after its response has ended
    }

    @Test
    void aClientThatLeavesClosesItsReader() throws Exception {
        String path = addMovie("b".repeat(40), 100_000);
        for (int i = 0; i < 5; i++) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                String range = i % 2 == 0 ? "" : "Range: bytes=0-99,200000-4000000\r\n";
                s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n" + range + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                assertTrue(in.readNBytes(2000).length == 2000, "the first bytes come");
                s.setSoLinger(true, 0);
            }
        }
        awaitNoOpenReaders();
    }

    @Test
    void aClientThatLeavesWhileAReadWaitsInterruptsIt() throws Exception {
        String path = addMovie("e".repeat(40), 0);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 100 && torrents.openReaders() == 0; i++) {
                Thread.sleep(20);
            }
            assertEquals(1, torrents.openReaders(), "the read is waiting for its first piece");
            s.setSoLinger(true, 0);
        }
        long t0 = System.nanoTime();
        awaitNoOpenReaders();
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "closed at once, not after the 60 s read timeout");
    }

    @Test
    void noDataBeforeTheFirstByteIs504() throws Exception {
        String path = addMovie("c".repeat(40), 0);
        torrents.maxWait(Duration.ofMillis(700));
        try {
            RawHttp.Response r = RawHttp.get(server.port(), path, cookie);
            assertEquals(504, r.status());
            assertEquals("application/json", r.headers().get("content-type"));
            assertTrue(r.bodyText().contains("no data within"), r.bodyText());
            assertTrue(!r.headers().containsKey("content-range"));
        } finally {
            torrents.maxWait(Duration.ofSeconds(60));
        }
        awaitNoOpenReaders();
    }

    @Test
    void aStallMidBodyResetsTheConnection() throws Exception {
        String hash = "d".repeat(40);
        String path = addMovie(hash, 2_000_000);
        Await.until(Duration.ofSeconds(10), "two chunks arrive", () -> downloaded(hash) >= 2L * TorrentBody.CHUNK);
        assertEquals(200, server.post("/api/torrents/" + hash + "/pause", "", cookie).statusCode());
        long arrived = downloaded(hash);
        assertTrue(arrived < movie.length, "paused before the end, so the body stalls: " + arrived);
        torrents.maxWait(Duration.ofMillis(700));
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] got = readUntilClosed(s.getInputStream());
            String text = new String(got, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("HTTP/1.1 200"), text.substring(0, Math.min(100, text.length())));
            int headEnd = text.indexOf("\r\n\r\n") + 4;
            assertTrue(text.substring(0, headEnd).toLowerCase().contains("content-length: " + movie.length), "the whole file was promised");
            int body = got.length - headEnd;
            assertTrue(body >= arrived - TorrentBody.CHUNK && body <= arrived, "what had arrived, then the cut: " + body + " of " + arrived);
        } finally {
            torrents.maxWait(Duration.ofSeconds(60));
        }
        awaitNoOpenReaders();
    }

    private static byte[] readUntilClosed(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
        } catch (IOException reset) {
            // a reset is how a cut response ends
        }
        return out.toByteArray();
    }

    private static long downloaded(String hash) throws Exception {
        return new JsonObject(server.get("/api/torrents/" + hash, cookie).body()).getJsonObject("stats").getLong("downloaded");
    }

    private static void awaitNoOpenReaders() throws InterruptedException {
        for (int i = 0; i < 100 && torrents.openReaders() > 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(0, torrents.openReaders(), "every reader is closed");
    }
}
