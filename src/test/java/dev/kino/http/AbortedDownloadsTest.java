package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.library.MediaIds;
import dev.kino.testing.Await;
import dev.kino.testing.TestServer;
import java.io.File;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that vanish mid-transfer leave no open file behind: 1,000 aborted downloads, then the fd count is back. */
class AbortedDownloadsTest {
    @TempDir
    Path dir;

    @Test
    void abortedDownloadsLeakNoFileDescriptors() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        byte[] data = new byte[16 * 1024 * 1024];
        new Random(1).nextBytes(data);
        Files.write(media.resolve("big.mp4"), data);
        try (TestServer server = TestServer.start(media, dir.resolve("data"))) {
            String cookie = server.loginAdmin();
            String id = MediaIds.of("big.mp4");
            abort(server.port(), id, cookie, 20, new Random(2));
            // the baseline once the server has closed what the warm-up left open, however long that takes here
            Await.settled(Duration.ofMillis(500), Duration.ofSeconds(20), "the open descriptors", AbortedDownloadsTest::openDescriptors);
            int baseline = openDescriptors();
            long deadline = System.nanoTime() + 120_000_000_000L;
            Random random = new Random(3);
            int done = 0;
            for (; done < 1000 && System.nanoTime() < deadline; done++) {
                abort(server.port(), id, cookie, 1, random);
            }
            assertTrue(done == 1000, "1,000 aborted downloads within the time bound, got " + done);
            int now = openDescriptors();
            for (int i = 0; i < 100 && now > baseline + 4; i++) {
                Thread.sleep(100);
                now = openDescriptors();
            }
            assertTrue(now <= baseline + 4, "open descriptors back to baseline " + baseline + ", now " + now);
        }
    }

    /** Starts a download (whole file or a large range), reads a little of it, then resets the connection. */
    private static void abort(int port, String id, String cookie, int times, Random random) throws Exception {
        for (int i = 0; i < times; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                String range = random.nextBoolean() ? "" : "Range: bytes=" + random.nextInt(1 << 20) + "-\r\n";
                String multi = random.nextInt(10) == 0 ? "Range: bytes=0-4000000,8000000-12000000\r\n" : range;
                s.getOutputStream().write(("GET /media/" + id + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n" + multi + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                in.readNBytes(1 + random.nextInt(64 * 1024));
                s.setSoLinger(true, 0);
            }
        }
    }

    private static int openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
