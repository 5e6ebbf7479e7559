package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.library.MediaIds;
import dev.kino.testing.Await;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversion endpoint with the real ffmpeg: every format probed afterwards, errors, disconnects and the cap. */
class ConvertHttpTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static String cookie;
    static String clipId;
    static String longId;

    @BeforeAll
    static void start() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Ffmpeg.make(media.resolve("clip.mkv"), 4, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        Ffmpeg.make(media.resolve("long.mkv"), 120, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        byte[] junk = new byte[40_000];
        new Random(9).nextBytes(junk);
        Files.write(media.resolve("broken.avi"), junk);
        server = TestServer.start(media, dir.resolve("data"), Map.of("transcode.max-concurrent", "2"));
        cookie = server.loginAdmin();
        clipId = MediaIds.of("clip.mkv");
        longId = MediaIds.of("long.mkv");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Expect(String query, String contentType, String videoCodec, String audioCodec) {}

    @Test
    void everyFormatIsProbedWithTheAskedCodecsAndFullDuration() throws Exception {
        List<Expect> cases = List.of(
                new Expect("format=mp4", "video/mp4", "h264", "aac"),
                new Expect("format=webm", "video/webm", "vp9", "opus"),
                new Expect("format=webm&vcodec=vp8&acodec=vorbis", "video/webm", "vp8", "vorbis"),
                new Expect("format=mkv&vcodec=hevc&height=144", "video/x-matroska", "hevc", "aac"),
                new Expect("format=flv", "video/x-flv", "h264", "aac"),
                new Expect("format=ts", "video/mp2t", "h264", "aac"),
                new Expect("format=mp3", "audio/mpeg", null, "mp3"),
                new Expect("format=m4a", "audio/mp4", null, "aac"),
                new Expect("format=ogg", "audio/ogg", null, "opus"));
        for (Expect e : cases) {
            HttpResponse<Path> r = TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(server.url("/media/" + clipId + "/convert?" + e.query())))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofFile(dir.resolve("out-" + e.query().hashCode())));
            assertEquals(200, r.statusCode(), e.query());
            assertEquals(e.contentType(), r.headers().firstValue("Content-Type").orElse(null), e.query());
            assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("clip."), e.query());
            String probe = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-print_format", "flat", "-show_format", "-show_streams",
                    r.body().toString()));
            if (e.videoCodec() != null) {
                assertTrue(probe.contains("codec_name=\"" + e.videoCodec() + "\""), e.query() + ": " + probe);
            } else {
                assertFalse(probe.contains("codec_type=\"video\""), e.query());
            }
            assertTrue(probe.contains("codec_name=\"" + e.audioCodec() + "\""), e.query() + ": " + probe);
            assertEquals(4.0, duration(r.body()), 0.5, e.query());
            if (e.query().contains("height=144")) {
                assertTrue(probe.contains("height=144"), probe);
            }
        }
    }

    @Test
    void startTimeSkipsAhead() throws Exception {
        HttpResponse<Path> r = TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(server.url("/media/" + clipId + "/convert?format=mkv&t=2")))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofFile(dir.resolve("t2.mkv")));
        assertEquals(200, r.statusCode());
        assertEquals(2.0, duration(r.body()), 0.5);
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        assertError(400, "/media/" + clipId + "/convert?format=avi", cookie, "format");
        assertError(400, "/media/" + clipId + "/convert?format=webm&vcodec=h264", cookie, "vcodec");
        assertError(400, "/media/" + clipId + "/convert?format=mp4&height=99999", cookie, "height");
        assertError(400, "/media/" + clipId + "/convert?format=mp4&t=-3", cookie, "t");
        assertError(404, "/media/000000000000000000000000/convert?format=mp4", cookie, "not found");
        assertError(401, "/media/" + clipId + "/convert?format=mp4", null, "login");
        assertError(422, "/media/" + MediaIds.of("broken.avi") + "/convert?format=mp4", cookie, "cannot convert");
        String broken = RawHttp.get(server.port(), "/media/" + MediaIds.of("broken.avi") + "/convert?format=mp4", cookie).bodyText();
        assertFalse(broken.contains(server.media().toRealPath().toString()), "no server path in the error: " + broken);
        assertTrue(broken.contains("broken.avi"), "the file is named as the library names it: " + broken);
    }

    @Test
    void aSignedLinkToTheFileAlsoConvertsIt() throws Exception {
        String url = new JsonObject(server.post("/api/sign", "{\"path\":\"/media/" + clipId + "\",\"ttl\":600}", cookie).body()).getString("url");
        String query = url.substring(url.indexOf('?') + 1);
        RawHttp.Response r = RawHttp.get(server.port(), "/media/" + clipId + "/convert?format=mp3&" + query, null);
        assertEquals(200, r.status());
        assertEquals("audio/mpeg", r.headers().get("content-type"));
        assertEquals(403, RawHttp.get(server.port(), "/media/" + clipId + "/convert?format=mp3&" + query.replace("sig=", "sig=x"), null).status());
    }

    @Test
    void aClientThatGoesAwayKillsFfmpegAndTheCapAnswers503() throws Exception {
        try (Socket a = openConversion(longId); Socket b = openConversion(longId)) {
            JsonArray jobs = new JsonArray(server.get("/api/transcodes", cookie).body());
            assertEquals(2, jobs.size(), jobs.encode());
            HttpResponse<String> third = server.get("/media/" + longId + "/convert?format=webm", cookie);
            assertEquals(503, third.statusCode(), "the cap is 2");
            assertTrue(Integer.parseInt(third.headers().firstValue("Retry-After").orElseThrow()) > 0);
            assertEquals(2, ffmpegChildren(), "two ffmpeg processes run");
        }
        // the slots are what the next viewer waits for: freed within seconds, long before the 120 s clip would end
        Await.until(Duration.ofSeconds(5), "ffmpeg is gone after the clients left", () -> ffmpegChildren() == 0);
        Await.until(Duration.ofSeconds(5), "no job left running (it leaves the list once its owner has reaped ffmpeg)",
                () -> server.get("/api/transcodes", cookie).body().equals("[]"));
        assertEquals(200, TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(server.url("/media/" + clipId + "/convert?format=mp3")))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.discarding()).statusCode(), "slots are free again");
    }

    /** Starts a slow conversion and reads its first bytes, leaving it running. */
    private static Socket openConversion(String id) throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(20_000);
        s.getOutputStream().write(("GET /media/" + id + "/convert?format=webm HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        byte[] head = in.readNBytes(12);
        assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
        in.readNBytes(4096);
        return s;
    }

    private static long ffmpegChildren() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false))
                .count();
    }

    private static void assertError(int status, String target, String cookie, String words) throws Exception {
        RawHttp.Response r = RawHttp.get(server.port(), target, cookie);
        assertEquals(status, r.status(), target + " → " + r.bodyText());
        assertEquals("application/json", r.headers().get("content-type"), target);
        String error = new JsonObject(r.bodyText()).getString("error");
        assertNotNull(error);
        assertTrue(error.toLowerCase().contains(words), target + ": " + error);
    }

    /**
     * Playing time from the audio packets themselves (last end minus first start): a file written to a pipe has no
     * duration in its header, and a stale tag copied from the source would lie.
     */
    private static double duration(Path file) throws Exception {
        String out = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                "packet=pts_time,duration_time", "-of", "csv=p=0", file.toString()));
        double first = Double.NaN;
        double end = 0;
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length < 1 || f[0].isEmpty() || f[0].equals("N/A")) {
                continue;
            }
            double pts = Double.parseDouble(f[0]);
            double d = f.length > 1 && !f[1].equals("N/A") ? Double.parseDouble(f[1]) : 0;
            first = Double.isNaN(first) ? pts : Math.min(first, pts);
            end = Math.max(end, pts + d);
        }
        return end - first;
    }
}
