package dev.kino.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Await;
import dev.kino.testing.FreePorts;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage instead of media ends that publisher only: a clear refusal, the stream freed for the next publisher. */
class LiveBadInputTest {
    private static final byte[] GARBAGE = "this is not a WebM or MP4 stream at all, just text\n".repeat(200)
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void garbageOverTcpAndHttpIsRefusedAndTheStreamStaysUsable() throws Exception {
        int port = FreePorts.loopback();
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.tcp", port + "=cam1:webm"))) {
            String cookie = server.loginAdmin();
            try (Socket publisher = new Socket("127.0.0.1", port)) {
                publisher.setSoTimeout(5000);
                OutputStream out = publisher.getOutputStream();
                out.write(GARBAGE);
                out.flush();
                assertTrue(disconnected(publisher), "the TCP publisher of garbage is disconnected");
            }
            Await.until(Duration.ofSeconds(10), "the stream is free again", () -> !stream(server, cookie, "cam1").getBoolean("live"));
            assertEquals(0, publish("tcp://127.0.0.1:" + port), "a real publisher can take it");

            String key = new JsonObject(server.post("/api/streams", "{\"name\":\"cam2\"}", cookie).body()).getString("streamKey");
            String text = "this is not a WebM or MP4 stream, just text";
            RawHttp.Response refused = RawHttp.send(server.port(), "PUT /live/cam2?key=" + key + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + text.length() + "\r\nConnection: close\r\n\r\n" + text);
            String body = new String(refused.body(), StandardCharsets.UTF_8);
            assertEquals(400, refused.status());
            assertTrue(body.contains("cannot read the stream"), body);
            assertFalse(body.contains("Exception"), "no stack trace: " + body);
            assertEquals(0, publish(server.url("/live/cam2?key=" + key)), "the key still publishes");
        }
    }

    /** The server hung up: end of stream, or a reset because it left our bytes unread. */
    private static boolean disconnected(Socket s) throws Exception {
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    private static JsonObject stream(TestServer server, String cookie, String name) throws Exception {
        JsonArray all = new JsonArray(server.get("/api/streams", cookie).body());
        return all.stream().map(o -> (JsonObject) o).filter(o -> o.getString("name").equals(name)).findFirst().orElseThrow();
    }

    /** ffmpeg publishes two seconds of WebM; its exit code. */
    private static int publish(String target) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("ffmpeg", "-hide_banner", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "2", "-c:v", "libvpx", "-deadline", "realtime",
                "-f", "webm"));
        if (target.startsWith("http")) {
            cmd.addAll(java.util.List.of("-method", "PUT"));
        }
        cmd.add(target);
        Process ffmpeg = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ffmpeg.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertTrue(ffmpeg.waitFor(30, TimeUnit.SECONDS));
        return ffmpeg.exitValue();
    }
}
