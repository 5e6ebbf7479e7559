package dev.kino.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Await;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.FreePorts;
import dev.kino.testing.LiveViewer;
import dev.kino.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A publisher that dies and comes back, and a viewer that stops reading: the other viewers carry on. */
class LiveResilienceTest {
    @TempDir
    Path dir;

    @Test
    void viewersStayThroughAPublisherRestartAndPlayTheNewSession() throws Exception {
        int port = FreePorts.loopback();
        Vertx client = Vertx.vertx();
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.tcp", port + "=cam1:webm"))) {
            String cookie = server.loginAdmin();
            Process first = publisher(port, 30);
            List<LiveViewer> viewers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    viewers.add(LiveViewer.connect(client, server.port(), "cam1", cookie));
                }
                Await.until(Duration.ofSeconds(20), "every viewer plays the first session",
                        () -> viewers.stream().allMatch(v -> v.messages().size() > 10));
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // killed, not a clean end
            } finally {
                first.destroyForcibly();
            }
            Await.until(Duration.ofSeconds(10), "the stream waits for its publisher",
                    () -> "waiting".equals(stream(server, cookie).getString("state")));
            for (LiveViewer v : viewers) {
                assertFalse(v.socket().isClosed(), "viewers stay connected while the publisher is away");
            }
            int[] before = viewers.stream().mapToInt(v -> v.messages().size()).toArray();
            Process second = publisher(port, 4);
            try {
                assertTrue(second.waitFor(30, TimeUnit.SECONDS), "the second publisher ran");
            } finally {
                second.destroyForcibly();
            }
            Await.settled(Duration.ofMillis(500), Duration.ofSeconds(10), "the viewers' messages",
                    () -> viewers.stream().map(v -> v.messages().size()).toList());
            for (int i = 0; i < viewers.size(); i++) {
                LiveViewer v = viewers.get(i);
                List<LiveViewer.Message> after = v.messages().subList(before[i], v.messages().size());
                assertTrue(after.size() > 3 && after.get(0).text(), "a re-init comes first: " + after.size() + " messages");
                assertEquals("init", new JsonObject((String) after.get(0).body()).getString("type"));
                Path f = Files.write(dir.resolve("after" + i + ".webm"), v.media(before[i]));
                String[] frames = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_frames",
                        "-show_entries", "frame=key_frame", "-of", "csv=p=0", f.toString())).trim().split("\n");
                assertEquals("1", frames[0].trim(), "the new session starts at a keyframe");
                assertTrue(frames.length > 50, "and plays on: " + frames.length + " frames decode");
            }
        } finally {
            LiveViewer.closeClient(client);
        }
    }

    @Test
    void aViewerThatStopsReadingDoesNotDelayTheOthers() throws Exception {
        // 8 Mbit/s of noise, so a stalled reader's socket and queue overflow within seconds
        Path media = dir.resolve("noise.webm");
        Ffmpeg.output(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "nullsrc=s=320x240:r=25,geq=lum='random(1)*255':cb=128:cr=128",
                "-filter_complex", "[0][1]blend=all_mode=addition", "-t", "14", "-c:v", "libvpx", "-deadline", "realtime",
                "-cpu-used", "16", "-b:v", "8M", "-minrate", "8M", "-maxrate", "8M", "-bufsize", "2M", "-g", "25", "-f", "webm",
                media.toString()));
        byte[] file = Files.readAllBytes(media);
        int port = FreePorts.loopback();
        Vertx client = Vertx.vertx();
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.tcp", port + "=cam1:webm", "live.reader-queue-mib", "1", "live.max-behind", "3s"))) {
            String cookie = server.loginAdmin();
            try (Socket publisher = new Socket("127.0.0.1", port)) {
                publisher.getOutputStream().write(file, 0, 4096); // the stream exists and has its header
                Await.until(Duration.ofSeconds(10), "the stream goes live", () -> stream(server, cookie).getBoolean("live", false));
                List<LiveViewer> fast = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    fast.add(LiveViewer.connect(client, server.port(), "cam1", cookie));
                }
                try (Socket stalled = stalledViewer(server.port(), cookie)) {
                    Writes writes = paced(publisher.getOutputStream(), file, 4096, 12_000);
                    Await.until(Duration.ofSeconds(10), "the stalled viewer is dropped", () -> stream(server, cookie).getInteger("viewers") == 3);
                    Await.settled(Duration.ofMillis(500), Duration.ofSeconds(10), "the reading viewers' messages",
                            () -> fast.stream().map(v -> v.messages().size()).toList());
                    JsonObject status = stream(server, cookie);
                    assertTrue(status.getLong("droppedFragments") > 0, "the stalled viewer skipped ahead: " + status.encode());
                    assertEquals(3, status.getInteger("viewers"), "and was dropped after live.max-behind: " + status.encode());
                    for (LiveViewer v : fast) {
                        double[] lags = lags(v, file, writes);
                        Arrays.sort(lags);
                        assertTrue(lags.length >= 8, "one-second clusters arrived: " + lags.length);
                        double worst = lags[lags.length - 1];
                        assertTrue(worst < 1.0, "a reading viewer's lag stays under 1 s: worst " + worst + " s, p50 "
                                + lags[lags.length / 2] + " s");
                    }
                    assertEquals(fast.get(0).messages().size(), fast.get(1).messages().size(), "reading viewers lose nothing");
                }
            }
        } finally {
            LiveViewer.closeClient(client);
        }
    }

    /** When the publisher had written how much: {@code ends[i]} bytes by {@code times[i]}. */
    private record Writes(long[] ends, long[] times, int count) {
        /** When byte {@code offset} was written, or MAX_VALUE if it never was. */
        long at(long offset) {
            int i = Arrays.binarySearch(ends, 0, count, offset + 1);
            int idx = i >= 0 ? i : -i - 1;
            return idx < count ? times[idx] : Long.MAX_VALUE;
        }
    }

    /** Writes {@code file} from {@code from} on at its real-time rate for {@code millis}. */
    private static Writes paced(OutputStream out, byte[] file, int from, long millis) throws Exception {
        long[] ends = new long[(int) (millis / 10) + 10];
        long[] times = new long[ends.length];
        int count = 0;
        long start = System.nanoTime();
        double bytesPerMilli = file.length / 14_000.0;
        int pos = from;
        while (pos < file.length && count < ends.length && System.nanoTime() - start < millis * 1_000_000L) {
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000L;
            int target = (int) Math.min(file.length, from + (elapsedMillis + 20) * bytesPerMilli);
            if (target > pos) {
                out.write(file, pos, target - pos);
                out.flush();
                pos = target;
                ends[count] = pos;
                times[count++] = System.nanoTime();
            }
            Thread.sleep(10); // stays: the publisher writes at the recording's own rate, as a camera would
        }
        return new Writes(ends, times, count);
    }

    /** For each fragment the viewer got: seconds from the publisher writing its last byte to its arrival. */
    private static double[] lags(LiveViewer v, byte[] file, Writes writes) {
        List<Double> out = new ArrayList<>();
        int searchFrom = 0;
        for (LiveViewer.Message m : v.messages()) {
            if (m.text()) {
                continue;
            }
            byte[] body = (byte[]) m.body();
            int at = indexOf(file, Arrays.copyOf(body, Math.min(64, body.length)), searchFrom);
            if (at < 0 || body.length < 64) {
                continue; // the init segment and anything the hub rebuilt rather than forwarded
            }
            searchFrom = at + body.length;
            long written = writes.at(at + body.length - 1L);
            if (written != Long.MAX_VALUE) {
                out.add((m.arrivalNanos() - written) / 1e9);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A WebSocket viewer that completes the handshake and then never reads. */
    private static Socket stalledViewer(int port, String cookie) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        s.getOutputStream().write(("GET /live/cam1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nCookie: " + cookie + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] head = new byte[12];
        int n = s.getInputStream().read(head);
        assertEquals("HTTP/1.1 101", new String(head, 0, n, StandardCharsets.US_ASCII));
        return s;
    }

    private static Process publisher(int port, int seconds) throws Exception {
        return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi",
                "-i", "testsrc2=size=320x240:rate=25", "-t", String.valueOf(seconds), "-c:v", "libvpx", "-deadline", "realtime",
                "-g", "25", "-f", "webm", "tcp://127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static JsonObject stream(TestServer server, String cookie) throws Exception {
        return new JsonArray(server.get("/api/streams", cookie).body()).getJsonObject(0);
    }

}
