package dev.kino.torrent.web;

import dev.kino.testing.PlayerCapabilities;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Await;
import dev.kino.testing.FakeTorrents;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torrent files through the remux/transcode ladder, over a fake torrent service and the real ffmpeg: the play answer
 * per file, playlists over the whole duration, segments that decode, the download state, access and hostile input.
 */
class TorrentLadderHttpTest {
    /** a.mkv (H.264/AAC), b.avi (MPEG-4 Part 2/MP3), notes.txt. */
    static final String FILM = "1111111111aaaaaaaaaa1111111111aaaaaaaaaa";
    /** c.mp4 (H.264 with AC-3 audio, moov first), added while its bytes arrive slowly. */
    static final String GROWING = "2222222222bbbbbbbbbb2222222222bbbbbbbbbb";

    @TempDir
    static Path dir;

    static TestServer server;
    static FakeTorrents torrents;
    static String cookie;
    static Path growing;

    @BeforeAll
    static void start() throws Exception {
        Path swarm = Files.createDirectories(dir.resolve("swarm"));
        Map<String, Path> film = new LinkedHashMap<>();
        film.put("Film/a.mkv", Ffmpeg.make(swarm.resolve("a.mkv"), 12, "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-c:a", "aac"));
        film.put("Film/b.avi", Ffmpeg.make(swarm.resolve("b.avi"), 12, "-c:v", "mpeg4", "-c:a", "libmp3lame"));
        film.put("Film/notes.txt", Files.writeString(swarm.resolve("notes.txt"), "not a video"));
        growing = Ffmpeg.make(swarm.resolve("c.mp4"), 12, "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-c:a", "ac3",
                "-movflags", "+faststart");
        torrents = new FakeTorrents().known(FILM, "Film", film).known(GROWING, "Growing", Map.of("Growing/c.mp4", growing));
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"), Map.of(), torrents);
        cookie = server.loginAdmin();
        assertEquals(201, server.post("/api/torrents", "{\"magnet\":\"magnet:?xt=urn:btih:" + FILM + "\"}", cookie).statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theCheapestRungPerFile() throws Exception {
        JsonObject mkv = play(FILM, 0);
        assertEquals("remux", mkv.getString("method"), mkv.encode());
        assertEquals("/torrents/" + FILM + "/files/0/hls/remux/index.m3u8", mkv.getString("url"));
        assertEquals(12.0, mkv.getDouble("duration"), 0.1);
        JsonObject avi = play(FILM, 1);
        assertEquals("transcode", avi.getString("method"), avi.encode());
        assertEquals("/torrents/" + FILM + "/files/1/hls/transcode/index.m3u8", avi.getString("url"));
        assertTrue(avi.getString("reason").contains("MPEG-4 Part 2"), avi.encode());
        var text = server.post("/api/torrents/" + FILM + "/files/2/play", PlayerCapabilities.CHROMIUM, cookie);
        assertEquals(422, text.statusCode(), "not media: " + text.body());
        assertTrue(!text.body().contains("sig="), "the signed loopback link stays inside: " + text.body());
    }

    @Test
    void playlistsCoverTheDurationAndSegmentsDecode() throws Exception {
        for (String[] c : new String[][] {{"0", "remux"}, {"1", "transcode"}}) {
            String base = "/torrents/" + FILM + "/files/" + c[0] + "/hls/" + c[1] + "/";
            RawHttp.Response playlist = RawHttp.get(server.port(), base + "index.m3u8", cookie);
            assertEquals(200, playlist.status(), playlist.bodyText());
            assertEquals("application/vnd.apple.mpegurl", playlist.headers().get("content-type"));
            List<Double> durations = new ArrayList<>();
            for (String line : playlist.bodyText().split("\n")) {
                if (line.startsWith("#EXTINF:")) {
                    durations.add(Double.parseDouble(line.substring(8, line.length() - 1)));
                }
            }
            assertEquals(12.0, durations.stream().mapToDouble(Double::doubleValue).sum(), 0.1, c[1] + ": the whole file");
            RawHttp.Response seg = RawHttp.get(server.port(), base + "1.ts", cookie);
            assertEquals(200, seg.status(), c[1] + ": " + seg.bodyText());
            assertEquals("video/mp2t", seg.headers().get("content-type"));
            Path ts = Files.write(dir.resolve(c[1] + "-1.ts"), seg.body());
            assertEquals("h264", Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                    "stream=codec_name", "-of", "csv=p=0", ts.toString())).lines().findFirst().orElse(""));
            double duration = Double.parseDouble(Ffmpeg.output(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration",
                    "-of", "csv=p=0", ts.toString())).lines().findFirst().orElse(""));
            assertEquals(durations.get(1), duration, 0.15, c[1] + ": segment 1 is as long as the playlist says");
            assertEquals(404, RawHttp.get(server.port(), base + durations.size() + ".ts", cookie).status());
        }
    }

    @Test
    void whileDownloadingARemuxIsATranscode() throws Exception {
        torrents.rate(Files.size(growing) / 6.0);
        try {
            assertEquals(201, server.post("/api/torrents", "{\"magnet\":\"magnet:?xt=urn:btih:" + GROWING + "\"}", cookie).statusCode());
            JsonObject early = play(GROWING, 0);
            assertEquals("transcode", early.getString("method"), early.encode());
            assertTrue(early.getString("reason").contains("still downloading"), early.encode());
            String base = "/torrents/" + GROWING + "/files/0/hls/";
            assertEquals(422, RawHttp.get(server.port(), base + "remux/index.m3u8", cookie).status(), "no keyframe scan of half a file");
            RawHttp.Response first = RawHttp.get(server.port(), base + "transcode/0.ts", cookie);
            assertEquals(200, first.status(), "the first segment is made from the first bytes");
            Await.until(Duration.ofSeconds(30), "the download completes",
                    () -> server.get("/api/torrents/" + GROWING, cookie).body().contains("\"state\":\"complete\""));
            JsonObject done = play(GROWING, 0);
            assertEquals("remux", done.getString("method"), "H.264 with AC-3 audio, downloaded: " + done.encode());
            assertEquals(200, RawHttp.get(server.port(), base + "remux/index.m3u8", cookie).status());
        } finally {
            torrents.rate(Double.POSITIVE_INFINITY);
        }
    }

    @Test
    void accessAndHostileInput() throws Exception {
        String hls = "/torrents/" + FILM + "/files/1/hls/transcode/";
        assertEquals(401, server.post("/api/torrents/" + FILM + "/files/1/play", PlayerCapabilities.CHROMIUM, null).statusCode());
        assertEquals(401, RawHttp.get(server.port(), hls + "index.m3u8", null).status());
        assertEquals(400, server.post("/api/torrents/xyz/files/1/play", PlayerCapabilities.CHROMIUM, cookie).statusCode());
        assertEquals(400, server.post("/api/torrents/" + FILM + "/files/-1/play", PlayerCapabilities.CHROMIUM, cookie).statusCode());
        assertEquals(400, server.post("/api/torrents/" + FILM + "/files/1/play", "{\"direct\":[]}", cookie).statusCode());
        assertEquals(404, server.post("/api/torrents/" + "9".repeat(40) + "/files/0/play", PlayerCapabilities.CHROMIUM, cookie).statusCode());
        assertEquals(404, server.post("/api/torrents/" + FILM + "/files/99999999999/play", PlayerCapabilities.CHROMIUM, cookie).statusCode());
        assertEquals(404, RawHttp.get(server.port(), "/torrents/" + FILM + "/files/7/hls/transcode/index.m3u8", cookie).status());
        assertEquals(404, RawHttp.get(server.port(), "/torrents/" + FILM + "/files/1/hls/fancy/index.m3u8", cookie).status());
        assertEquals(404, RawHttp.get(server.port(), hls + "..%2F..%2Fplaylist.m3u", cookie).status());
        assertEquals(404, RawHttp.get(server.port(), hls + "1.mp4", cookie).status());
        assertEquals(400, RawHttp.get(server.port(), "/torrents/" + FILM.substring(1) + "x/files/1/hls/transcode/index.m3u8", cookie).status());

        String url = new JsonObject(server.post("/api/sign", "{\"path\":\"/torrents/" + FILM + "\",\"ttl\":600}", cookie).body()).getString("url");
        String query = url.substring(url.indexOf('?'));
        RawHttp.Response playlist = RawHttp.get(server.port(), hls + "index.m3u8" + query, null);
        assertEquals(200, playlist.status(), playlist.bodyText());
        assertTrue(playlist.bodyText().contains("\n0.ts" + query + "\n"), "segments carry the link: " + playlist.bodyText());
        assertEquals(200, RawHttp.get(server.port(), hls + "2.ts" + query, null).status());
        assertEquals(403, RawHttp.get(server.port(), hls + "2.ts" + query.replace("sig=", "sig=x"), null).status());

        // a link to one file opens that file's renditions too, and nothing of the torrent's other files
        String fileUrl = new JsonObject(server.post("/api/sign", "{\"path\":\"/torrents/" + FILM + "/files/1\",\"ttl\":600}",
                cookie).body()).getString("url");
        String fileQuery = fileUrl.substring(fileUrl.indexOf('?'));
        assertEquals(200, RawHttp.get(server.port(), hls + "index.m3u8" + fileQuery, null).status());
        assertEquals(200, RawHttp.get(server.port(), hls + "2.ts" + fileQuery, null).status());
        assertEquals(403, RawHttp.get(server.port(), "/torrents/" + FILM + "/files/0/hls/remux/index.m3u8" + fileQuery, null).status());
        assertEquals(403, RawHttp.get(server.port(), "/torrents/" + FILM + "/files/0" + fileQuery, null).status());
        assertEquals(403, RawHttp.get(server.port(), "/torrents/" + FILM + "/playlist.m3u" + fileQuery, null).status());
    }

    private static JsonObject play(String hash, int index) throws Exception {
        var r = server.post("/api/torrents/" + hash + "/files/" + index + "/play", PlayerCapabilities.CHROMIUM, cookie);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }
}
