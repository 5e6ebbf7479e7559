package dev.kino.live.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Await;
import dev.kino.testing.FreePorts;
import dev.kino.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What publishers may make the server hold before a fragment is complete is bounded by configuration, not by what
 * they send: one publisher's oversized WebM Cluster ends its session, and publishers who together would pass the
 * server's ingest memory are ended one by one while the others stay live. Real TCP ingests of a real server; the
 * Clusters are raw bytes after a real WebM header (ffmpeg's).
 */
class IngestLimitsTest {
    private static final int MIB = 1 << 20;
    private static final byte[] CLUSTER_ID = {0x1F, 0x43, (byte) 0xB6, 0x75};

    @TempDir
    Path dir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * ffmpeg's live WebM (written to a pipe, so its Segment has an unknown size, as a publisher's has) up to its
     * first Cluster: the EBML header, Segment, Info and Tracks.
     */
    private byte[] webmHead() throws Exception {
        Path out = dir.resolve("live.webm");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f",
                "lavfi", "-i", "sine=sample_rate=48000", "-t", "1", "-c:v", "libvpx", "-deadline", "realtime", "-c:a",
                "libopus", "-f", "webm", "pipe:1").redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertEquals(0, p.waitFor(), "ffmpeg made the WebM");
        byte[] file = Files.readAllBytes(out);
        for (int i = 0; i + 4 <= file.length; i++) {
            if (Arrays.equals(file, i, i + 4, CLUSTER_ID, 0, 4)) {
                return Arrays.copyOf(file, i);
            }
        }
        throw new AssertionError("no Cluster in ffmpeg's WebM");
    }

    /** A Cluster of unknown size with a Timecode and the start of a SimpleBlock that declares {@code blockBytes}. */
    private static byte[] openCluster(int blockBytes) {
        byte[] c = {0x1F, 0x43, (byte) 0xB6, 0x75, 0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xE7, (byte) 0x81, 0x00, (byte) 0xA3, 0x10, 0, 0, 0};
        c[17] = (byte) (blockBytes >>> 16);
        c[18] = (byte) (blockBytes >>> 8);
        c[19] = (byte) blockBytes;
        return c;
    }

    /** Connects a publisher to {@code port} and sends the head and the start of a Cluster. */
    private static Socket publisher(int port, byte[] head, int blockBytes) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(head);
        out.write(openCluster(blockBytes));
        return s;
    }

    /** Sends up to {@code bytes} of block payload; returns how many went before the server closed the connection. */
    private static long send(Socket s, long bytes) {
        byte[] chunk = new byte[64 << 10];
        long sent = 0;
        try {
            OutputStream out = s.getOutputStream();
            while (sent < bytes) {
                int n = (int) Math.min(chunk.length, bytes - sent);
                out.write(chunk, 0, n);
                sent += n;
            }
            out.flush();
        } catch (IOException closed) {
            return sent;
        }
        return sent;
    }

    /** Whether the server closes the connection (a read sees its end) within 10 s. */
    private static boolean closedByServer(Socket s) {
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException e) {
            return true; // reset: closed as well
        }
    }

    @Test
    void aClusterLargerThanTheFragmentLimitEndsThePublishSession() throws Exception {
        int port = FreePorts.loopback();
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.tcp", port + "=big:webm:public", "live.max-fragment-mib", "1"));
        String cookie = server.loginAdmin();
        byte[] head = webmHead();
        try (Socket s = publisher(port, head, 8 * MIB)) { // of which 3 MiB are sent: the block never completes
            Await.until(Duration.ofSeconds(10), "the publisher is on", () -> "waiting".equals(server.stream("big", cookie).getString("state"))
                    || server.stream("big", cookie).getBoolean("live"));
            long sent = send(s, 3L * MIB);
            assertTrue(closedByServer(s), "the server ended the session of a publisher whose Cluster passed 1 MiB (it took "
                    + sent + " bytes)");
        }
        Await.until(Duration.ofSeconds(10), "the stream is free again", () -> !server.stream("big", cookie).getBoolean("live"));
    }

    @Test
    void publishersWhoTogetherPassTheIngestMemoryAreEndedAndTheOthersStayLive() throws Exception {
        int a = FreePorts.loopback();
        int b = FreePorts.loopback();
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.tcp", a + "=one:webm:public," + b + "=two:webm:public", "live.max-fragment-mib", "2",
                        "live.ingest-mib", "3"));
        String cookie = server.loginAdmin();
        byte[] head = webmHead();
        int block = 2 * MIB - 4096; // under each publisher's limit; two of them pass the server's 3 MiB
        try (Socket one = publisher(a, head, block); Socket two = publisher(b, head, block)) {
            Await.until(Duration.ofSeconds(10), "both publishers are on", () -> server.stream("one", cookie).getBoolean("live")
                    && server.stream("two", cookie).getBoolean("live"));
            assertEquals(block - 1024, send(one, block - 1024), "the first publisher's unfinished Cluster fits");
            Thread.sleep(500); // the server has read it (a TCP write returns once the kernel has the bytes)
            long sent = send(two, block - 1024);
            assertTrue(closedByServer(two), "the second publisher was ended once both together passed 3 MiB (it sent "
                    + sent + " bytes)");
            assertTrue(server.stream("one", cookie).getBoolean("live"), "the first publisher is still live");
            assertEquals(1024, send(one, 1024), "and may finish its Cluster");
        }
    }
}
