package dev.kino.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Await;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.RawHttp;
import dev.kino.testing.LiveViewer;
import dev.kino.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams with keys, and ffmpeg publishing over HTTP PUT: 201/409 on creation, 403 for a wrong key, 409 for a second publisher. */
class LiveHttpIngestTest {
    @TempDir
    Path dir;

    @Test
    void keysGuardPublishingAndViewersGetTheStream() throws Exception {
        Vertx client = Vertx.vertx();
        try (TestServer s = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"))) {
            String cookie = s.loginAdmin();
            var created = s.post("/api/streams", "{\"name\":\"cam2\"}", cookie);
            assertEquals(201, created.statusCode(), created.body());
            String key = new JsonObject(created.body()).getString("streamKey");
            assertTrue(key.length() >= 20);
            assertEquals(409, s.post("/api/streams", "{\"name\":\"cam2\"}", cookie).statusCode());
            assertEquals(400, s.post("/api/streams", "{\"name\":\"../x\"}", cookie).statusCode());
            assertEquals(401, s.post("/api/streams", "{\"name\":\"cam3\"}", null).statusCode());

            assertEquals(403, put(s, "/live/cam2?key=wrong").status());
            assertEquals(403, put(s, "/live/cam2").status());
            assertEquals(403, put(s, "/live/nostream?key=" + key).status());

            ByteArrayOutputStream got = new ByteArrayOutputStream();
            client.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(64 << 20))
                    .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(s.port()).setURI("/live/cam2/ws")
                            .addHeader("Cookie", cookie))
                    .onSuccess(ws -> ws.binaryMessageHandler(b -> {
                        synchronized (got) {
                            got.writeBytes(b.getBytes());
                        }
                    }))
                    .await();
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                    "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "5",
                    "-c:v", "libvpx", "-deadline", "realtime", "-g", "25", "-c:a", "libopus", "-f", "webm",
                    "-method", "PUT", s.url("/live/cam2?key=" + key)).redirectErrorStream(true).start();
            Await.until(Duration.ofSeconds(20), "the viewer gets media from the PUT", () -> {
                synchronized (got) {
                    return got.size() > 10_000;
                }
            });
            assertEquals(409, put(s, "/live/cam2?key=" + key).status(), "a second publisher is refused");
            assertTrue(ffmpeg.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, ffmpeg.exitValue(), new String(ffmpeg.getInputStream().readAllBytes()));
            Await.settled(Duration.ofMillis(500), Duration.ofSeconds(10), "the viewer's bytes", () -> {
                synchronized (got) {
                    return got.size();
                }
            });
            Path viewed = dir.resolve("viewed.webm");
            synchronized (got) {
                Files.write(viewed, got.toByteArray());
            }
            String frames = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
                    "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", viewed.toString())).trim();
            assertTrue(Integer.parseInt(frames) > 50, "the viewer's stream decodes: " + frames + " frames");

            Process wrong = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    "testsrc2=size=160x120:rate=25", "-t", "2", "-c:v", "libvpx", "-f", "webm", "-method", "PUT",
                    s.url("/live/cam2?key=nope")).redirectErrorStream(true).start();
            assertTrue(wrong.waitFor(30, TimeUnit.SECONDS));
            assertNotEquals(0, wrong.exitValue(), "ffmpeg fails on a wrong key");

            String newKey = new JsonObject(s.post("/api/streams/cam2/key", "{}", cookie).body()).getString("streamKey");
            assertNotEquals(key, newKey);
            assertEquals(403, put(s, "/live/cam2?key=" + key).status(), "the old key stops working");
        } finally {
            LiveViewer.closeClient(client);
        }
    }

    private static RawHttp.Response put(TestServer s, String target) throws Exception {
        return RawHttp.send(s.port(), "PUT " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: video/webm\r\n"
                + "Content-Length: 4\r\nConnection: close\r\n\r\n\u001aE\u00df\u00a3");
    }
}
