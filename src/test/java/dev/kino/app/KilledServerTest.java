package dev.kino.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.library.MediaIds;
import dev.kino.testing.Await;
import dev.kino.testing.FreePorts;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: a Kino killed with SIGKILL in the middle of a conversion leaves no ffmpeg behind. The server is a JVM of
 * its own (this test's classpath, {@code dev.kino.Main serve}); the conversion is a slow one (1080p to HEVC), killed
 * between two of its MP4 fragments, when ffmpeg is busy encoding and writes nothing: an ffmpeg that is only ended by
 * its next write into the dead server's pipe would live on for seconds.
 */
class KilledServerTest {
    private static final Duration ORPHAN_LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void ffmpegEndsWithTheKilledServer() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Path clip = media.resolve("clip.mp4");
        new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=1920x1080:rate=25", "-t", "30", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50",
                "-pix_fmt", "yuv420p", clip.toString()).inheritIO().start().waitFor(120, TimeUnit.SECONDS);
        assertTrue(Files.size(clip) > 0, "the clip was made");
        int port = FreePorts.loopback();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Process server = startServer(media, dir.resolve("data"), port, lines);
        List<ProcessHandle> ffmpegs = List.of();
        try {
            String base = "http://127.0.0.1:" + port;
            String cookie = login(base, lines);
            String url = base + "/media/" + MediaIds.of("clip.mp4") + "/convert?format=mp4&vcodec=hevc";
            HttpResponse<InputStream> convert = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (convert == null || convert.statusCode() == 404) { // until the library scan has found the clip
                assertTrue(System.nanoTime() < deadline, "the clip is listed");
                if (convert != null) {
                    convert.body().close();
                    Thread.sleep(100);
                }
                convert = TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            }
            assertEquals(200, convert.statusCode());
            AtomicLong received = new AtomicLong();
            AtomicLong lastRead = new AtomicLong(System.nanoTime());
            InputStream body = convert.body();
            Thread reader = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[64 * 1024];
                try (body) {
                    for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
                        received.addAndGet(n);
                        lastRead.set(System.nanoTime());
                    }
                } catch (IOException e) {
                    // the server is gone
                }
            });
            ffmpegs = server.descendants().filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(clip.toString()))
                    .orElse(false)).toList();
            assertEquals(1, ffmpegs.size(), "one ffmpeg converts: " + server.descendants().map(p -> p.info().toString()).toList());
            // a fragment or more has come (the header alone is a few hundred bytes), and nothing since: ffmpeg is encoding
            Await.until(Duration.ofSeconds(90), "a first fragment, then a pause", () -> received.get() > 100_000
                    && System.nanoTime() - lastRead.get() > TimeUnit.MILLISECONDS.toNanos(300));
            long killedAt = System.nanoTime();
            server.destroyForcibly(); // SIGKILL
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server died");
            List<ProcessHandle> running = ffmpegs;
            while (running.stream().anyMatch(KilledServerTest::running) && System.nanoTime() - killedAt < ORPHAN_LIMIT.toNanos() * 3) {
                Thread.sleep(20);
            }
            long endedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            System.out.printf("ffmpeg children before SIGKILL: %d; still running %d ms after it: %d%n", ffmpegs.size(),
                    endedMillis, ffmpegs.stream().filter(KilledServerTest::running).count());
            assertTrue(endedMillis <= ORPHAN_LIMIT.toMillis(), "ffmpeg ended " + endedMillis + " ms after the server was killed");
            reader.join(Duration.ofSeconds(5));
        } finally {
            server.destroyForcibly();
            ffmpegs.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Alive and not a zombie (an orphan that ended but whose new parent has not reaped it yet is dead). */
    private static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code kino serve} in a JVM of its own, on this test's classpath, offline as the other tests' servers. */
    private static Process startServer(Path media, Path data, int port, List<String> lines) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "dev.kino.Main", "serve", "--media", media.toString(), "--data",
                data.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port)).redirectErrorStream(true);
        pb.environment().put("KINO_TORRENT_HOST", "127.0.0.1");
        pb.environment().put("KINO_TORRENT_PORT", "0");
        pb.environment().put("KINO_TORRENT_DHT", "false");
        pb.environment().put("KINO_LIVE_RTMP", "127.0.0.1:0");
        Process p = pb.start();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("read failed: " + e);
            }
        });
        try {
            // the test classpath's logging shows warnings only, so no "listening on" line: the port answers when ready
            Await.until(Duration.ofSeconds(120), "the server listens; log: " + lines, () -> {
                assertTrue(p.isAlive(), "the server runs; log: " + lines);
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (AssertionError | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
        return p;
    }

    private static String login(String base, List<String> lines) throws Exception {
        String password = lines.stream().filter(l -> l.contains("created user 'admin' with password: ")).findFirst()
                .map(l -> l.replaceAll(".*with password: (\\S+).*", "$1")).orElseThrow(() -> new AssertionError("no admin password: " + lines));
        HttpResponse<String> r = TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin").put("password", password).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }
}
