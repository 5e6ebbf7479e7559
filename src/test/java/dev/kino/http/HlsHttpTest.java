package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.library.MediaIds;
import dev.kino.testing.Await;
import dev.kino.testing.PlayerCapabilities;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HLS renditions over real HTTP with the real ffmpeg: the plan per file, playlists, and segments that join up. */
class HlsHttpTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static String cookie;

    @BeforeAll
    static void start() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Ffmpeg.make(media.resolve("a.mkv"), 12, "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-c:a", "aac"); // B-frames: the hard case for cutting copies
        Ffmpeg.make(media.resolve("b.avi"), 12, "-c:v", "mpeg4", "-c:a", "libmp3lame");
        Ffmpeg.make(media.resolve("c.mp4"), 3, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        server = TestServer.start(media, dir.resolve("data"));
        cookie = server.loginAdmin();
        Await.until(Duration.ofSeconds(60), "the three files are probed",
                () -> server.get("/api/library", cookie).body().split("\"duration\"").length >= 4);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theCheapestWayPerFile() throws Exception {
        assertPlan("c.mp4", "direct", "/media/" + MediaIds.of("c.mp4"));
        assertPlan("a.mkv", "remux", "/media/" + MediaIds.of("a.mkv") + "/hls/remux/main.m3u8");
        assertPlan("b.avi", "transcode", "/media/" + MediaIds.of("b.avi") + "/hls/transcode/main.m3u8");
        assertEquals(400, server.post("/api/play/" + MediaIds.of("a.mkv"), "{\"direct\":[]}", cookie).statusCode());
        assertEquals(404, server.post("/api/play/000000000000000000000000", PlayerCapabilities.CHROMIUM, cookie).statusCode());
        assertEquals(401, server.post("/api/play/" + MediaIds.of("a.mkv"), PlayerCapabilities.CHROMIUM, null).statusCode());
    }

    private static void assertPlan(String file, String method, String url) throws Exception {
        JsonObject r = new JsonObject(server.post("/api/play/" + MediaIds.of(file), PlayerCapabilities.CHROMIUM, cookie).body());
        assertEquals(method, r.getString("method"), file + ": " + r);
        assertEquals(url, r.getString("url"));
        assertTrue(r.getString("reason").length() > 10, r.encode());
    }

    @Test
    void remuxAndTranscodeSegmentsJoinUpOverTheWholeDuration() throws Exception {
        for (String[] c : new String[][] {{"a.mkv", "remux"}, {"b.avi", "transcode"}}) {
            String base = "/media/" + MediaIds.of(c[0]) + "/hls/" + c[1] + "/";
            RawHttp.Response playlist = RawHttp.get(server.port(), base + "index.m3u8", cookie);
            assertEquals(200, playlist.status());
            assertEquals("application/vnd.apple.mpegurl", playlist.headers().get("content-type"));
            String m3u8 = playlist.bodyText();
            assertTrue(m3u8.startsWith("#EXTM3U") && m3u8.contains("#EXT-X-PLAYLIST-TYPE:VOD") && m3u8.endsWith("#EXT-X-ENDLIST\n"), m3u8);
            double total = 0;
            List<String> uris = new ArrayList<>();
            for (String line : m3u8.split("\n")) {
                if (line.startsWith("#EXTINF:")) {
                    total += Double.parseDouble(line.substring(8, line.length() - 1));
                } else if (!line.startsWith("#")) {
                    uris.add(line);
                }
            }
            assertEquals(12.0, total, 0.1, c[1] + ": the playlist covers the whole file");
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (String uri : uris) {
                RawHttp.Response seg = RawHttp.get(server.port(), base + uri, cookie);
                assertEquals(200, seg.status(), uri);
                assertEquals("video/mp2t", seg.headers().get("content-type"));
                all.write(seg.body());
            }
            Path joined = Files.write(dir.resolve(c[1] + ".ts"), all.toByteArray());
            List<Double> pts = videoPts(joined);
            assertEquals(0.0, pts.get(0), 0.25, c[1] + ": starts at the start");
            assertEquals(12.0, pts.get(pts.size() - 1), 0.25, c[1] + ": ends at the end");
            for (int i = 1; i < pts.size(); i++) {
                assertTrue(pts.get(i) - pts.get(i - 1) < 0.3, c[1] + ": no gap at " + pts.get(i - 1));
                assertTrue(pts.get(i) - pts.get(i - 1) > 0.001, c[1] + ": no frame twice (segments overlap) at " + pts.get(i));
            }
            assertEquals(12 * 25, pts.size(), 2, c[1] + ": every frame once");
            assertEquals(404, RawHttp.get(server.port(), base + uris.size() + ".ts", cookie).status());
        }
    }

    @Test
    void badRenditionsAndSignedLinks() throws Exception {
        String id = MediaIds.of("a.mkv");
        assertEquals(404, RawHttp.get(server.port(), "/media/" + id + "/hls/fancy/index.m3u8", cookie).status());
        assertEquals(404, RawHttp.get(server.port(), "/media/" + id + "/hls/remux/x.ts", cookie).status());
        assertEquals(401, RawHttp.get(server.port(), "/media/" + id + "/hls/remux/index.m3u8", null).status());
        String url = new JsonObject(server.post("/api/sign", "{\"path\":\"/media/" + id + "\",\"ttl\":600}", cookie).body()).getString("url");
        String query = url.substring(url.indexOf('?'));
        RawHttp.Response playlist = RawHttp.get(server.port(), "/media/" + id + "/hls/remux/index.m3u8" + query, null);
        assertEquals(200, playlist.status());
        assertTrue(playlist.bodyText().contains("\n0.ts" + query + "\n"), "segments carry the link: " + playlist.bodyText());
        assertEquals(200, RawHttp.get(server.port(), "/media/" + id + "/hls/remux/1.ts" + query, null).status());
    }

    private static List<Double> videoPts(Path ts) throws Exception {
        List<Double> out = new ArrayList<>();
        for (String line : Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time",
                "-of", "csv=p=0", ts.toString())).split("\n")) {
            if (!line.isBlank() && !line.startsWith("N/A")) {
                out.add(Double.parseDouble(line.trim().replace(",", "")));
            }
        }
        out.sort(Double::compare);
        return out;
    }
}
