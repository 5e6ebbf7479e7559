package dev.kino.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Await;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.LiveViewer;
import dev.kino.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broadcast page's path without the browser: a logged-in owner publishes WebM over {@code /live/NAME/publish} in
 * large messages, as MediaRecorder hands over a screen share at a high bitrate (a 200 ms slice with a keyframe can
 * pass 256 KiB), each sent as one frame; a viewer gets media that decodes.
 */
class LiveWebSocketPublishTest {
    private static final int MESSAGE_BYTES = 512 * 1024;

    @TempDir
    Path dir;

    @Test
    void largeRecorderSlicesArePublished() throws Exception {
        Path source = dir.resolve("screen.webm");
        String log = Ffmpeg.output(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=1280x720:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "6", "-c:v", "libvpx",
                "-deadline", "realtime", "-cpu-used", "8", "-b:v", "8M", "-minrate", "8M", "-maxrate", "8M", "-g", "25",
                "-c:a", "libopus", "-f", "webm", source.toString()));
        byte[] file = Files.readAllBytes(source);
        assertTrue(file.length > 3 * MESSAGE_BYTES, "the recording is large enough: " + file.length + " bytes " + log);

        Vertx client = Vertx.vertx();
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"))) {
            String cookie = server.loginAdmin();
            assertEquals(201, server.post("/api/streams", "{\"name\":\"screen\"}", cookie).statusCode());
            LiveViewer viewer = LiveViewer.connect(client, server.port(), "screen", cookie);

            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
                    .setURI("/live/screen/publish?format=webm").addHeader("Cookie", cookie);
            AtomicReference<String> closedWith = new AtomicReference<>();
            WebSocket publisher = client.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(4 << 20))
                    .connect(options)
                    .onSuccess(ws -> ws.closeHandler(v -> closedWith.set(ws.closeStatusCode() + " " + ws.closeReason())))
                    .await();
            for (int at = 0; at < file.length; at += MESSAGE_BYTES) {
                assertEquals(null, closedWith.get(), "the server closed the publisher after " + at + " bytes");
                publisher.writeBinaryMessage(Buffer.buffer(Arrays.copyOfRange(file, at, Math.min(file.length, at + MESSAGE_BYTES))))
                        .await();
                Thread.sleep(100); // stays: the scenario paces the slices as a recorder hands them over, not all at once
            }
            Await.settled(Duration.ofMillis(1000), Duration.ofSeconds(20), "the viewer's messages", () -> viewer.messages().size());
            assertEquals(null, closedWith.get(), "the server kept the publisher");
            publisher.close().await();

            Path got = Files.write(dir.resolve("viewer.webm"), viewer.media(0));
            String frames = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
                    "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", got.toString())).trim();
            assertFalse(frames.isEmpty(), "the viewer got media");
            assertTrue(Integer.parseInt(frames) >= 125, "the viewer decodes nearly all 150 frames: " + frames);
        } finally {
            LiveViewer.closeClient(client);
        }
    }
}
