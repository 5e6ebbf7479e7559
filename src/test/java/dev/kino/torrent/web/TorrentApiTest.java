package dev.kino.torrent.web;

import dev.kino.http.ErrorMapper;
import dev.kino.torrent.web.TorrentUpload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.FakeTorrents;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import dev.kino.torrent.TorrentException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/torrents}, the M3U playlist, signed links and hostile input, against a fake torrent service. */
class TorrentApiTest {
    static final String HASH = "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd";
    static final String OTHER = "1111111111222222222233333333334444444444";
    static final byte[] METAINFO = "d4:infod4:name3:abcee".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;

    static TestServer server;
    static String cookie;
    static byte[] clip;

    @BeforeAll
    static void start() throws Exception {
        Path swarm = Files.createDirectories(dir.resolve("swarm"));
        clip = new byte[700_000];
        new Random(5).nextBytes(clip);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("Show/S01E01 Pilot.mp4", Files.write(swarm.resolve("a.mp4"), clip));
        files.put("Show/notes.txt", Files.writeString(swarm.resolve("notes.txt"), "notes"));
        files.put("Show/Extras/making of.mkv", Files.write(swarm.resolve("b.mkv"), new byte[1000]));
        FakeTorrents torrents = new FakeTorrents().known(HASH, "Show", files)
                .known(OTHER, "Other", Map.of("o.mp4", swarm.resolve("a.mp4")))
                .known(FakeTorrents.sha1(METAINFO), "From a file", Map.of("f.webm", swarm.resolve("a.mp4")));
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"), Map.of(), torrents);
        cookie = server.loginAdmin();
        assertEquals(201, addMagnet(HASH).statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> addMagnet(String hash) throws Exception {
        return server.post("/api/torrents", "{\"magnet\":\"magnet:?xt=urn:btih:" + hash + "&dn=x\"}", cookie);
    }

    static HttpResponse<String> send(String method, String path, String type, byte[] body, String withCookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (withCookie != null) {
            b.header("Cookie", withCookie);
        }
        return TestServer.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void addingAMagnetAnswersTheTorrent() throws Exception {
        HttpResponse<String> again = addMagnet(HASH.toUpperCase());
        assertEquals(200, again.statusCode(), "adding a known torrent is 200, a new one 201");
        assertEquals("/api/torrents/" + HASH, again.headers().firstValue("Location").orElseThrow());
        JsonObject t = new JsonObject(again.body());
        assertEquals(HASH, t.getString("infoHash"));
        assertEquals("Show", t.getString("name"));
        assertEquals("complete", t.getString("state"));
        assertEquals(clip.length + 5 + 1000, t.getLong("size"));
        assertEquals("admin", t.getString("addedBy"));
        assertTrue(t.getString("addedAt").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), t.getString("addedAt"));
        JsonObject f0 = t.getJsonArray("files").getJsonObject(0);
        assertEquals(Map.of("index", 0, "path", "Show/S01E01 Pilot.mp4", "size", clip.length, "progress", 1.0,
                "mimeType", "video/mp4", "kind", "video"), f0.getMap());
        assertNull(t.getJsonArray("files").getJsonObject(1).getValue("kind"), "unknown types have no kind");
        JsonObject stats = t.getJsonObject("stats");
        for (String k : List.of("peers", "knownPeers", "downloadSpeed", "uploadSpeed", "progress", "downloaded", "uploaded",
                "piecesTotal", "piecesVerified")) {
            assertTrue(stats.containsKey(k), k);
        }
        assertEquals(64, t.getJsonArray("pieceMap").size());
        assertEquals(1.0, t.getJsonArray("pieceMap").getDouble(0));
    }

    @Test
    void badMagnetsAre400WithAReason() throws Exception {
        for (String body : new String[] {"{\"magnet\":\"http://example.com/x.torrent\"}", "{\"magnet\":5}", "{}", "[1]", "not json"}) {
            HttpResponse<String> r = server.post("/api/torrents", body, cookie);
            assertEquals(400, r.statusCode(), body);
            assertTrue(new JsonObject(r.body()).getString("error").contains("magnet")
                    || new JsonObject(r.body()).getString("error").contains("JSON"), body + " → " + r.body());
        }
        HttpResponse<String> noHash = server.post("/api/torrents", "{\"magnet\":\"magnet:?dn=nothing\"}", cookie);
        assertEquals(400, noHash.statusCode());
        assertEquals("the magnet link has no xt=urn:btih: infohash", new JsonObject(noHash.body()).getString("error"));
        assertEquals(400, send("POST", "/api/torrents", "text/plain", "magnet:?xt=urn:btih:x".getBytes(), cookie).statusCode());
    }

    @Test
    void torrentFilesRawOrAsFormUpload() throws Exception {
        HttpResponse<String> raw = send("POST", "/api/torrents", "application/x-bittorrent", METAINFO, cookie);
        assertEquals(201, raw.statusCode(), raw.body());
        assertEquals("From a file", new JsonObject(raw.body()).getString("name"));
        String boundary = "----kino" + System.nanoTime();
        HttpResponse<String> form = send("POST", "/api/torrents", "multipart/form-data; boundary=" + boundary,
                multipart(boundary, "torrent", METAINFO), cookie);
        assertEquals(200, form.statusCode(), "the same torrent again: " + form.body());
        HttpResponse<String> bad = send("POST", "/api/torrents", "application/x-bittorrent", "<html>".getBytes(), cookie);
        assertEquals(400, bad.statusCode());
        byte[] huge = new byte[TorrentUpload.MAX_FILE + 1];
        huge[0] = 'd';
        assertEquals(413, send("POST", "/api/torrents", "multipart/form-data; boundary=" + boundary,
                multipart(boundary, "torrent", huge), cookie).statusCode());
        assertEquals(413, send("POST", "/api/torrents", "application/x-bittorrent", huge, cookie).statusCode());
        assertEquals(401, send("POST", "/api/torrents", "multipart/form-data; boundary=" + boundary,
                multipart(boundary, "torrent", METAINFO), null).statusCode());
    }

    static byte[] multipart(String boundary, String field, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"x.torrent\"\r\n"
                + "Content-Type: application/x-bittorrent\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void listShowsSummaries() throws Exception {
        HttpResponse<String> r = server.get("/api/torrents", cookie);
        assertEquals(200, r.statusCode());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
        JsonObject first = new JsonArray(r.body()).getJsonObject(0);
        assertEquals(HASH, first.getString("infoHash"));
        assertEquals(3, first.getInteger("fileCount"));
        assertTrue(first.containsKey("stats"));
        assertFalse(first.containsKey("pieceMap"), "lists stay small; one torrent shows its files and pieces");
    }

    @Test
    void pauseResumeAndDelete() throws Exception {
        assertEquals(201, addMagnet(OTHER).statusCode());
        HttpResponse<String> paused = server.post("/api/torrents/" + OTHER + "/pause", "", cookie);
        assertEquals(200, paused.statusCode());
        assertEquals("paused", new JsonObject(paused.body()).getString("state"));
        assertNotEquals("paused", new JsonObject(server.post("/api/torrents/" + OTHER + "/resume", "", cookie).body()).getString("state"));
        assertEquals(204, send("DELETE", "/api/torrents/" + OTHER + "?deleteData=true", null, null, cookie).statusCode());
        HttpResponse<String> gone = server.get("/api/torrents/" + OTHER, cookie);
        assertEquals(404, gone.statusCode());
        assertEquals("no torrent " + OTHER, new JsonObject(gone.body()).getString("error"));
        assertEquals(404, send("DELETE", "/api/torrents/" + OTHER, null, null, cookie).statusCode());
        assertEquals(404, server.post("/api/torrents/" + OTHER + "/pause", "", cookie).statusCode());
    }

    @Test
    void waitingForMetadata() throws Exception {
        String unknown = "9999999999999999999999999999999999999999";
        HttpResponse<String> added = addMagnet(unknown);
        assertEquals(201, added.statusCode());
        assertEquals("metadata", new JsonObject(added.body()).getString("state"));
        assertEquals(0, new JsonObject(added.body()).getJsonArray("files").size());
        for (String path : new String[] {"/torrents/" + unknown + "/files/0", "/torrents/" + unknown + "/playlist.m3u"}) {
            RawHttp.Response r = RawHttp.get(server.port(), path, cookie);
            assertEquals(503, r.status(), path);
            assertEquals(ErrorMapper.METADATA_RETRY_SECONDS, r.headers().get("retry-after"), path);
            assertTrue(r.bodyText().contains("metadata"), r.bodyText());
        }
    }

    @Test
    void everythingNeedsASessionOrASignedLink() throws Exception {
        assertEquals(401, server.get("/api/torrents", null).statusCode());
        assertEquals(401, server.get("/api/torrents/" + HASH, null).statusCode());
        assertEquals(401, server.post("/api/torrents", "{\"magnet\":\"magnet:?xt=urn:btih:" + HASH + "\"}", null).statusCode());
        assertEquals(401, server.post("/api/torrents/" + HASH + "/pause", "", null).statusCode());
        assertEquals(401, send("DELETE", "/api/torrents/" + HASH, null, null, null).statusCode());
        for (String path : new String[] {"/torrents/" + HASH + "/files/0", "/torrents/" + HASH + "/playlist.m3u"}) {
            RawHttp.Response r = RawHttp.get(server.port(), path, null);
            assertEquals(401, r.status(), path);
            assertEquals("application/json", r.headers().get("content-type"));
        }
    }

    @Test
    void signedLinksToAFileOrAWholeTorrent() throws Exception {
        String file = sign("/torrents/" + HASH + "/files/0");
        RawHttp.Response ok = RawHttp.get(server.port(), file, null);
        assertEquals(200, ok.status());
        assertArrayEquals(clip, ok.body());
        assertEquals(403, RawHttp.get(server.port(), file.replace("/files/0", "/files/2"), null).status(), "a link signs one file");

        String torrent = sign("/torrents/" + HASH);
        String query = torrent.substring(torrent.indexOf('?'));
        assertEquals(200, RawHttp.get(server.port(), "/torrents/" + HASH + "/files/2" + query, null).status(),
                "a link to a torrent opens its files");
        assertTrue(RawHttp.get(server.port(), "/torrents/" + HASH + "/playlist.m3u" + query, null).bodyText().startsWith("#EXTM3U"));
        assertEquals(403, RawHttp.get(server.port(), "/torrents/" + OTHER + "/files/0" + query, null).status());
        String flipped = query.substring(0, query.length() - 1) + (query.endsWith("A") ? "B" : "A");
        assertEquals(403, RawHttp.get(server.port(), "/torrents/" + HASH + "/files/0" + flipped, null).status());

        assertEquals(404, server.post("/api/sign", "{\"path\":\"/torrents/" + "5".repeat(40) + "\",\"ttl\":60}", cookie).statusCode());
        assertEquals(400, server.post("/api/sign", "{\"path\":\"/torrents/" + HASH + "/../x\",\"ttl\":60}", cookie).statusCode());
    }

    static String sign(String path) throws Exception {
        HttpResponse<String> r = server.post("/api/sign", "{\"path\":\"" + path + "\",\"ttl\":600}", cookie);
        assertEquals(200, r.statusCode(), r.body());
        String url = new JsonObject(r.body()).getString("url");
        return url.substring(url.indexOf("/torrents/"));
    }

    @Test
    void playlistListsTheMediaFilesAsSignedLinks() throws Exception {
        RawHttp.Response r = RawHttp.get(server.port(), "/torrents/" + HASH.toUpperCase() + "/playlist.m3u", cookie);
        assertEquals(200, r.status());
        assertEquals("audio/x-mpegurl; charset=utf-8", r.headers().get("content-type"));
        String[] lines = r.bodyText().split("\n");
        assertEquals(5, lines.length, r.bodyText());
        assertEquals("#EXTM3U", lines[0]);
        assertEquals("#EXTINF:-1,S01E01 Pilot.mp4", lines[1]);
        assertEquals("#EXTINF:-1,making of.mkv", lines[3], "notes.txt is not media and is left out");
        // absolute URLs on the host the client asked for (RawHttp sends "Host: 127.0.0.1")
        Matcher m = Pattern.compile("http://127\\.0\\.0\\.1(/torrents/" + HASH + "/files/0\\?expires=\\d+&sig=[A-Za-z0-9_-]+)")
                .matcher(lines[2]);
        assertTrue(m.matches(), lines[2]);
        RawHttp.Response played = RawHttp.get(server.port(), m.group(1), null);
        assertEquals(200, played.status(), "a player without a cookie can follow the playlist");
        assertArrayEquals(clip, played.body());
        assertTrue(lines[4].contains("/files/2?expires="), lines[4]);
    }

    @Test
    void hostileHashesAndIndexesAre400Or404() throws Exception {
        String[] targets = {
            "/torrents/xyz/files/0", "/torrents/" + HASH + "/files/-1", "/torrents/" + HASH + "/files/99999999999999999999",
            "/torrents/" + HASH + "/files/7", "/torrents/" + HASH + "/files/1e3", "/torrents/" + HASH + "/files/..%2F..%2Fetc%2Fpasswd",
            "/torrents/..%2F..%2Fetc%2Fpasswd/files/0", "/torrents/%2e%2e/files/0", "/torrents/" + HASH + "/files/0/../../../etc/passwd",
            "/torrents/" + HASH + "z/files/0", "/torrents/" + "g".repeat(40) + "/files/0", "/torrents/" + HASH + "/files/%00",
            "/torrents/" + "5".repeat(40) + "/files/0", "/torrents/" + "5".repeat(40) + "/playlist.m3u",
            "/api/torrents/xyz", "/api/torrents/" + "5".repeat(40), "/api/torrents/..%2F..", "/api/torrents/" + HASH + "%00",
        };
        for (String target : targets) {
            RawHttp.Response r = RawHttp.get(server.port(), target, cookie);
            assertTrue(r.status() == 400 || r.status() == 404, target + " → " + r.status() + " " + r.bodyText());
            assertFalse(r.bodyText().contains("Exception"), target);
        }
        assertEquals(400, RawHttp.get(server.port(), "/torrents/xyz/files/0", cookie).status());
        assertEquals(404, RawHttp.get(server.port(), "/torrents/" + HASH + "/files/99999999999999999999", cookie).status());
    }

    @Test
    void torrentFailuresMapToStatuses() {
        Map<TorrentException.Kind, Integer> expected = Map.of(TorrentException.Kind.BAD_INPUT, 400, TorrentException.Kind.NOT_FOUND, 404,
                TorrentException.Kind.CONFLICT, 409, TorrentException.Kind.NO_METADATA, 503, TorrentException.Kind.TIMEOUT, 504, TorrentException.Kind.GONE, 410,
                TorrentException.Kind.FAILED, 500);
        expected.forEach((kind, status) -> {
            ErrorMapper.Mapped m = ErrorMapper.map(new TorrentException(kind, "x".repeat(500), new IllegalStateException("inner")), 500);
            assertEquals(status, m.status(), kind.name());
            assertTrue(m.message().length() < 210, "a short message");
        });
    }
}
