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
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** ffmpeg publishes WebM, fMP4 or FLV over raw TCP, or WebM over HTTP PUT; WebSocket viewers (one early, two late) get JSON, init and keyframe-first media. */
class LiveTcpToWebSocketTest {
    @TempDir
    Path dir;

    /** How ffmpeg publishes: raw TCP in WebM or fragmented MP4, or HTTP PUT with a stream key. */
    enum Ingest {
        TCP_WEBM("webm", "webm", "video/webm; codecs=\"vp8"), TCP_MP4("mp4", "mp4", "video/mp4; codecs=\"avc1."),
        TCP_FLV("flv", "mp4", "video/mp4; codecs=\"avc1."), PUT_WEBM("webm", "webm", "video/webm; codecs=\"vp8");

        /** What ffmpeg sends, and what viewers get: FLV is re-packaged into fragmented MP4. */
        final String in;
        final String ext;
        final String mimePrefix;

        Ingest(String in, String ext, String mimePrefix) {
            this.in = in;
            this.ext = ext;
            this.mimePrefix = mimePrefix;
        }

        List<String> codec() {
            if (in.equals("flv")) {
                return List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv");
            }
            return ext.equals("webm")
                    ? List.of("-c:v", "libvpx", "-deadline", "realtime", "-g", "25", "-c:a", "libopus", "-f", "webm")
                    : List.of("-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
                            "-c:a", "aac", "-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe");
        }
    }

    @ParameterizedTest
    @EnumSource(Ingest.class)
    void viewersGetInitAndKeyframeFirstMediaThatDecodes(Ingest ingest) throws Exception {
        int port = FreePorts.loopback();
        Vertx client = Vertx.vertx();
        // a PUT publishes to a stream a user declared; a name bound to a TCP port in config cannot be declared
        Map<String, String> config = ingest == Ingest.PUT_WEBM ? Map.of() : Map.of("live.tcp", port + "=cam1:" + ingest.in);
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"), config)) {
            String cookie = server.loginAdmin();
            String target = "tcp://127.0.0.1:" + port;
            if (ingest == Ingest.PUT_WEBM) {
                String key = new JsonObject(server.post("/api/streams", "{\"name\":\"cam1\"}", cookie).body()).getString("streamKey");
                target = server.url("/live/cam1?key=" + key);
            }
            LiveViewer early = LiveViewer.connect(client, server.port(), "cam1", cookie);
            List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                    "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "8"));
            cmd.addAll(ingest.codec());
            if (ingest == Ingest.PUT_WEBM) {
                cmd.addAll(List.of("-method", "PUT"));
            }
            cmd.add(target);
            Process ffmpeg = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                // ffmpeg's start (libvpx, libx264) takes seconds on a loaded 2-core runner: wait for the stream, not a clock
                Await.until(Duration.ofSeconds(20), "the stream goes live", () -> {
                    var list = new io.vertx.core.json.JsonArray(server.get("/api/streams", cookie).body());
                    return !list.isEmpty() && list.getJsonObject(0).getBoolean("live", false);
                });
                Thread.sleep(1000); // stays: the late viewers join a second into the stream, past its first keyframe
                if (ingest != Ingest.PUT_WEBM) {
                    try (Socket second = new Socket("127.0.0.1", port)) {
                        second.setSoTimeout(5000);
                        assertEquals(-1, second.getInputStream().read(), "a second publisher is turned away");
                    }
                }
                LiveViewer late1 = LiveViewer.connect(client, server.port(), "cam1", cookie);
                LiveViewer late2 = LiveViewer.connect(client, server.port(), "cam1", cookie);
                JsonObject streams = streamWithViewers(server, cookie, 3);
                assertEquals("cam1", streams.getString("name"));
                assertTrue(streams.getBoolean("live"));
                assertEquals(3, streams.getInteger("viewers"), streams.encode());
                assertEquals(ingest.in.equals("webm") ? null : 320, streams.getInteger("width"), streams.encode());
                assertEquals(ingest == Ingest.PUT_WEBM ? "http" : "tcp", streams.getString("protocol"), streams.encode());
                byte[] progressive = readFor(server, cookie, "/live/cam1." + ingest.ext, 2000, ingest.ext);
                Path progressiveFile = Files.write(dir.resolve("progressive." + ingest.ext), progressive);
                String progressiveFrames = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
                        "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", progressiveFile.toString())).trim();
                assertTrue(Integer.parseInt(progressiveFrames) > 10, "the progressive stream plays: " + progressiveFrames + " frames");
                assertTrue(ffmpeg.waitFor(20, TimeUnit.SECONDS), "ffmpeg finished");
                Await.settled(Duration.ofMillis(500), Duration.ofSeconds(10), "the viewers' messages",
                        () -> List.of(early, late1, late2).stream().map(v -> v.messages().size()).toList());
                for (LiveViewer v : List.of(early, late1, late2)) {
                    check(v, ingest);
                }
                Path lateFile = Files.write(dir.resolve("late." + ingest.ext), late1.media(0));
                String firstFrame = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_frames",
                        "-read_intervals", "%+#1", "-show_entries", "frame=key_frame", "-of", "csv=p=0", lateFile.toString())).trim()
                        .split(",")[0]; // newer ffprobes add the frame's side data (an SEI) after the flag
                assertEquals("1", firstFrame, "a late joiner starts at a keyframe");
            } finally {
                ffmpeg.destroyForcibly();
            }
        } finally {
            LiveViewer.closeClient(client);
        }
    }

    /**
     * The stream's entry in {@code /api/streams} once it counts {@code viewers}, or the last one seen after 5 s. The
     * server joins a viewer to the hub just after its 101 goes out, so a count taken the instant a client has
     * connected can miss it by a scheduling slice.
     */
    private static JsonObject streamWithViewers(TestServer server, String cookie, int viewers) throws Exception {
        long end = System.nanoTime() + 5_000_000_000L;
        while (true) {
            JsonObject s = new io.vertx.core.json.JsonArray(server.get("/api/streams", cookie).body()).getJsonObject(0);
            if (s.getInteger("viewers") == viewers || System.nanoTime() > end) {
                return s;
            }
            Thread.sleep(50);
        }
    }

    /** Reads a progressive live response for a while, as mpv would, then hangs up. */
    private static byte[] readFor(TestServer server, String cookie, String path, long millis, String ext) throws Exception {
        var response = TestServer.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url(path)))
                .header("Cookie", cookie).build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("video/" + ext, response.headers().firstValue("Content-Type").orElse(""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long end = System.currentTimeMillis() + millis;
        try (var in = response.body()) {
            byte[] buf = new byte[65536];
            int n;
            while (System.currentTimeMillis() < end && (n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static void check(LiveViewer v, Ingest ingest) throws Exception {
        List<Object> m = v.messages().stream().map(LiveViewer.Message::body).toList();
        assertTrue(m.size() > 3, "got messages: " + m.size());
        JsonObject first = new JsonObject((String) m.get(0));
        assertEquals("init", first.getString("type"));
        assertTrue(first.getString("mimeType").startsWith(ingest.mimePrefix), first.encode());
        assertTrue(m.get(1) instanceof byte[], "then the init segment");
        Path f = Files.createTempFile("viewer", "." + ingest.ext);
        try {
            Files.write(f, v.media(0));
            String frames = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
                    "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", f.toString())).trim();
            assertTrue(Integer.parseInt(frames) > 25, "ffprobe decodes the viewer's stream: " + frames + " frames");
        } finally {
            Files.deleteIfExists(f);
        }
        assertFalse(m.stream().skip(2).anyMatch(x -> x instanceof String), "one init only");
    }
}
