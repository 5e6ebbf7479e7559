package dev.kino.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Await;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.LiveViewer;
import dev.kino.testing.TestServer;
import dev.kino.transcode.BundledTools;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ffmpeg publishes over RTMP, as OBS and hardware encoders do ({@code rtmp://HOST:PORT/live/NAME?key=KEY}): WebSocket
 * viewers get the exact codecs, an init segment and keyframe-first fMP4 that ffprobe decodes; H.264 + AAC from the
 * system's ffmpeg, HEVC and AV1 over Enhanced RTMP from the bundled ffmpeg 6.1; RTMPS; and every refusal ends the
 * publisher with an error while nothing is published.
 */
class LiveRtmpIngestTest {
    private static final List<String> SOURCES = List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi",
            "-i", "sine=frequency=440:sample_rate=48000");
    private static final List<String> H264_AAC = List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-bf", "2",
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv");

    @TempDir
    Path dir;
    private Vertx client;
    private TestServer server;
    private String cookie;

    @BeforeEach
    void start() throws Exception {
        client = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        LiveViewer.closeClient(client);
    }

    private void startServer(Map<String, String> config) throws Exception {
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"), config);
        cookie = server.loginAdmin();
    }

    private JsonObject declare(String name) throws Exception {
        var r = server.post("/api/streams", "{\"name\":\"" + name + "\"}", cookie);
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    void h264AacFromFfmpegReachesEveryViewerAndTheApiShowsWhatIsSent() throws Exception {
        startServer(Map.of());
        JsonObject created = declare("cam1");
        String key = created.getString("streamKey");
        JsonObject obs = created.getJsonObject("obs");
        assertEquals("rtmp://127.0.0.1:" + server.rtmpPort() + "/live", obs.getString("server"), "OBS's Server, to copy");
        assertEquals("cam1?key=" + key, obs.getString("streamKey"), "OBS's Stream key, to copy");
        LiveViewer early = LiveViewer.connect(client, server.port(), "cam1", cookie);
        Process ffmpeg = publish("ffmpeg", rtmpUrl("cam1", key), 8, H264_AAC);
        try {
            JsonObject live = awaitLive("cam1");
            assertEquals("rtmp", live.getString("protocol"), live.encode());
            Await.until(Duration.ofSeconds(10), "the API shows the picture size and frame rate", () -> {
                JsonObject s = stream("cam1");
                return Integer.valueOf(320).equals(s.getInteger("width")) && Integer.valueOf(240).equals(s.getInteger("height"))
                        && s.getDouble("framesPerSecond") != null && Math.abs(s.getDouble("framesPerSecond") - 25) < 0.5;
            });
            Thread.sleep(1000); // stays: the late viewers join a second into the stream, past its first keyframe
            LiveViewer late1 = LiveViewer.connect(client, server.port(), "cam1", cookie);
            LiveViewer late2 = LiveViewer.connect(client, server.port(), "cam1", cookie);
            assertTrue(ffmpeg.waitFor(30, TimeUnit.SECONDS), "ffmpeg finished");
            assertEquals(0, ffmpeg.exitValue(), "ffmpeg published without an error");
            Await.settled(Duration.ofMillis(500), Duration.ofSeconds(10), "the viewers' messages",
                    () -> List.of(early, late1, late2).stream().map(v -> v.messages().size()).toList());
            for (LiveViewer v : List.of(early, late1, late2)) {
                String mime = checkViewer(v, 25);
                assertTrue(mime.startsWith("video/mp4; codecs=\"avc1.64"), mime);
                assertTrue(mime.endsWith(", mp4a.40.2\""), mime);
            }
            Path late = Files.write(dir.resolve("late.mp4"), late1.media(0));
            assertEquals("1", firstVideoFrameKey(late), "a late joiner starts at a keyframe");
            String audio = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                    "stream=codec_name,sample_rate", "-of", "csv=p=0", late.toString())).trim();
            assertEquals("aac,48000", audio, "the audio arrives as it was sent");
        } finally {
            ffmpeg.destroyForcibly();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"libx265", "libsvtav1"})
    void hevcAndAv1OverEnhancedRtmpArriveWithTheirCodecStrings(String encoder) throws Exception {
        startServer(Map.of());
        String key = declare("cam1").getString("streamKey");
        LiveViewer viewer = LiveViewer.connect(client, server.port(), "cam1", cookie);
        List<String> codec = new ArrayList<>(List.of("-c:v", encoder, "-g", "25", "-pix_fmt", "yuv420p"));
        codec.addAll(encoder.equals("libx265") ? List.of("-preset", "ultrafast", "-x265-params", "log-level=error")
                : List.of("-preset", "12"));
        codec.addAll(List.of("-c:a", "aac", "-f", "flv"));
        Process ffmpeg = publish(BundledTools.get().ffmpeg().toString(), rtmpUrl("cam1", key), 6, codec);
        try {
            awaitLive("cam1");
            assertTrue(ffmpeg.waitFor(60, TimeUnit.SECONDS), "ffmpeg finished");
            assertEquals(0, ffmpeg.exitValue(), "ffmpeg published without an error");
            Await.settled(Duration.ofMillis(500), Duration.ofSeconds(10), "the viewer's messages", () -> viewer.messages().size());
            String mime = checkViewer(viewer, 25);
            String prefix = encoder.equals("libx265") ? "video/mp4; codecs=\"hvc1." : "video/mp4; codecs=\"av01.0.";
            assertTrue(mime.startsWith(prefix) && mime.endsWith(", mp4a.40.2\""), mime);
        } finally {
            ffmpeg.destroyForcibly();
        }
    }

    @Test
    void rtmpsCarriesThePublisherOverTls() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path keyFile = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-keyout", keyFile.toString(), "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl made a certificate");
        startServer(Map.of("live.rtmps", "127.0.0.1:0", "live.rtmps-cert", cert.toString(), "live.rtmps-key", keyFile.toString()));
        String key = declare("cam1").getString("streamKey");
        LiveViewer viewer = LiveViewer.connect(client, server.port(), "cam1", cookie);
        Process ffmpeg = publish("ffmpeg", "rtmps://127.0.0.1:" + server.rtmpsPort() + "/live/cam1?key=" + key, 4, H264_AAC);
        try {
            assertEquals("rtmp", awaitLive("cam1").getString("protocol"));
            assertTrue(ffmpeg.waitFor(30, TimeUnit.SECONDS), "ffmpeg finished");
            assertEquals(0, ffmpeg.exitValue(), "ffmpeg published over TLS without an error");
            Await.settled(Duration.ofMillis(500), Duration.ofSeconds(10), "the viewer's messages", () -> viewer.messages().size());
            checkViewer(viewer, 25);
        } finally {
            ffmpeg.destroyForcibly();
        }
    }

    @Test
    void wrongKeysUnknownStreamsAndSecondPublishersAreRefusedAndNothingIsPublished() throws Exception {
        startServer(Map.of());
        String key = declare("cam1").getString("streamKey");
        for (String url : List.of(rtmpUrl("cam1", key + "x"), "rtmp://127.0.0.1:" + server.rtmpPort() + "/live/cam1",
                rtmpUrl("nosuch", key), "rtmp://127.0.0.1:" + server.rtmpPort() + "/other/cam1?key=" + key)) {
            Process refused = publish("ffmpeg", url, 5, H264_AAC);
            try {
                assertTrue(refused.waitFor(20, TimeUnit.SECONDS), "ffmpeg stops at once: " + url);
                assertNotEquals(0, refused.exitValue(), "ffmpeg fails: " + url);
            } finally {
                refused.destroyForcibly();
            }
            JsonArray streams = new JsonArray(server.get("/api/streams", cookie).body());
            for (int i = 0; i < streams.size(); i++) {
                assertFalse(streams.getJsonObject(i).getBoolean("live"), "nothing is published: " + streams.encode());
                assertEquals(null, streams.getJsonObject(i).getString("mimeType"), "no init reached the hub: " + url);
            }
        }
        Process first = publish("ffmpeg", rtmpUrl("cam1", key), 20, H264_AAC);
        try {
            awaitLive("cam1");
            Process second = publish("ffmpeg", rtmpUrl("cam1", key), 5, H264_AAC);
            try {
                assertTrue(second.waitFor(20, TimeUnit.SECONDS), "the second publisher stops at once");
                assertNotEquals(0, second.exitValue(), "the second publisher fails");
            } finally {
                second.destroyForcibly();
            }
            assertTrue(first.isAlive(), "the first publisher goes on");
            assertTrue(stream("cam1").getBoolean("live"), "the stream stays live");
        } finally {
            first.destroyForcibly();
        }
    }

    private String rtmpUrl(String name, String key) {
        return "rtmp://127.0.0.1:" + server.rtmpPort() + "/live/" + name + "?key=" + key;
    }

    private static Process publish(String ffmpeg, String url, int seconds, List<String> codec) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "error"));
        cmd.addAll(SOURCES);
        cmd.addAll(List.of("-t", String.valueOf(seconds)));
        cmd.addAll(codec);
        cmd.add(url);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private JsonObject stream(String name) throws Exception {
        return server.stream(name, cookie);
    }

    private JsonObject awaitLive(String name) throws Exception {
        return server.awaitLive(name, cookie, Duration.ofSeconds(30));
    }

    /** The viewer's init message, init segment and media, which ffprobe decodes; returns the MSE type. */
    private String checkViewer(LiveViewer v, int minFrames) throws Exception {
        List<Object> m = v.messages().stream().map(LiveViewer.Message::body).toList();
        assertTrue(m.size() > 3, "got messages: " + m.size());
        JsonObject first = new JsonObject((String) m.get(0));
        assertEquals("init", first.getString("type"));
        assertTrue(m.get(1) instanceof byte[], "then the init segment");
        assertFalse(m.stream().skip(2).anyMatch(x -> x instanceof String), "one init only");
        Path f = Files.createTempFile(dir, "viewer", ".mp4");
        Files.write(f, v.media(0));
        String frames = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", f.toString())).trim();
        assertTrue(Integer.parseInt(frames) > minFrames, "ffprobe decodes the viewer's stream: " + frames + " frames");
        assertEquals("1", firstVideoFrameKey(f), "the viewer's stream starts at a keyframe");
        return first.getString("mimeType");
    }

    private static String firstVideoFrameKey(Path f) throws Exception {
        return Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_frames", "-read_intervals", "%+#1",
                "-show_entries", "frame=key_frame", "-of", "csv=p=0", f.toString())).trim().split(",")[0];
    }
}
