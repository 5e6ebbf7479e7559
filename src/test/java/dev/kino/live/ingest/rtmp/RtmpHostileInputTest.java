package dev.kino.live.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishers that send garbage, a 4 GB chunk size, or nothing at all lose their connection with a reason, and the
 * server goes on taking real publishers.
 */
class RtmpHostileInputTest {
    private static final String KEY = "0123456789abcdef-key";

    @TempDir
    Path dir;
    private Vertx vertx;
    private RtmpTestServer server;
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = RtmpTestServer.start(vertx, dir, KEY, new RtmpIngestServer.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        port = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        vertx.close().await();
    }

    @Test
    void anHttpRequestIsNotRtmpAndIsHungUpOn() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, s.getInputStream().read(), "closed without an answer");
        }
        publishesWithFfmpeg();
    }

    @Test
    void aFourGigabyteChunkSizeEndsTheSession() throws Exception {
        try (Socket s = connect()) {
            handshake(s);
            // chunk stream 2, type 0 header: timestamp 0, length 4, Set Chunk Size, message stream 0; then 0xFFFFFFFF
            s.getOutputStream().write(new byte[] {2, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0, -1, -1, -1, -1});
            assertEquals(-1, drain(s.getInputStream()), "closed");
        }
        publishesWithFfmpeg();
    }

    @Test
    void aPublisherThatStallsIsEnded() throws Exception {
        try (Socket s = connect()) {
            handshake(s);
            long t0 = System.nanoTime();
            assertEquals(-1, drain(s.getInputStream()), "closed");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            assertTrue(seconds < 10, "ended by the server's timeout, not the test's: " + seconds + " s");
        }
        publishesWithFfmpeg();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(15_000);
        return s;
    }

    private static void handshake(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        byte[] c0c1 = new byte[1 + 1536];
        c0c1[0] = 3;
        out.write(c0c1);
        byte[] s0s1s2 = new byte[1 + 1536 + 1536];
        new DataInputStream(s.getInputStream()).readFully(s0s1s2);
        assertEquals(3, s0s1s2[0], "S0 says RTMP 3");
        out.write(new byte[1536]);
    }

    /** Reads until the end of the stream; returns -1 then. */
    private static int drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        int n;
        do {
            n = in.read(buf);
        } while (n >= 0);
        return n;
    }

    private void publishesWithFfmpeg() throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25",
                "-t", "1", "-c:v", "libx264", "-preset", "ultrafast", "-f", "flv",
                "rtmp://127.0.0.1:" + port + "/live/cam1?key=" + KEY)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ffmpeg finished");
            assertEquals(0, p.exitValue(), "the server still takes publishers");
        } finally {
            p.destroyForcibly();
        }
        assertTrue(server.hub().find("cam1").isPresent(), "and their streams");
    }
}
