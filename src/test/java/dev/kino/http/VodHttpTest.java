package dev.kino.http;

import dev.kino.testing.RangeClient;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte-range VOD against a real server on loopback, checked byte for byte against the file. */
class VodHttpTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static String cookie;
    static RangeClient client;
    static byte[] clip;
    static String clipId;
    static Map<String, String> idByPath = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        clip = new byte[3 * 1024 * 1024 + 12345];
        new Random(7).nextBytes(clip);
        Files.write(media.resolve("clip.mp4"), clip);
        Files.createDirectories(media.resolve("Music/Albums"));
        Files.write(media.resolve("Music/Albums/song.mp3"), new byte[] {1, 2, 3});
        Files.write(media.resolve("talk.webm"), new byte[] {4, 5});
        Files.write(media.resolve("empty.mkv"), new byte[0]);
        server = TestServer.start(media, dir.resolve("data"));
        cookie = server.loginAdmin();
        JsonArray items = new JsonArray(server.get("/api/library", cookie).body());
        for (Object o : items) {
            JsonObject item = (JsonObject) o;
            idByPath.put(item.getString("path"), item.getString("id"));
        }
        clipId = idByPath.get("clip.mp4");
        assertNotNull(clipId, "library lists clip.mp4: " + items);
        client = new RangeClient(server.port(), cookie, clip, "video/mp4");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static RawHttp.Response get(String id, String... headers) throws IOException {
        return request("GET", "/media/" + id, headers);
    }

    static RawHttp.Response request(String method, String target, String... headers) throws IOException {
        return client.request(method, target, headers);
    }

    static byte[] slice(long start, long endInclusive) {
        return client.slice(start, endInclusive);
    }

    @Test
    void fullFileWithValidators() throws IOException {
        RawHttp.Response r = client.checkFull("/media/" + clipId);
        assertTrue(r.headers().get("etag").matches("\"[0-9a-f]+-[0-9a-f]+\""), "strong ETag: " + r.headers().get("etag"));
        assertTrue(r.headers().get("last-modified").endsWith(" GMT"));
    }

    @Test
    void singleRanges() throws IOException {
        client.checkSingleRanges("/media/" + clipId);
    }

    @Test
    void noResponseCap() throws IOException {
        RawHttp.Response r = get(clipId, "Range: bytes=1-");
        assertEquals(206, r.status());
        assertEquals(clip.length - 1, r.body().length, "the whole range to the end, not a 1 MB chunk");
    }

    private static void assertRange(RawHttp.Response r, long start, long end) {
        client.assertRange(r, start, end);
    }

    @Test
    void unsatisfiableRanges() throws IOException {
        client.checkUnsatisfiable("/media/" + clipId);
        RawHttp.Response empty = get(idByPath.get("empty.mkv"), "Range: bytes=0-");
        assertEquals(416, empty.status());
        assertEquals("bytes */0", empty.headers().get("content-range"));
    }

    @Test
    void malformedRangeIsIgnored() throws IOException {
        client.checkMalformedIgnored("/media/" + clipId);
    }

    @Test
    void multipleRangesAsMultipartByterangesOverlapsCoalesced() throws IOException {
        client.checkMultipart("/media/" + clipId);
    }


    @Test
    void tooManyRangesGetTheWholeFile() throws IOException {
        StringBuilder ranges = new StringBuilder("Range: bytes=0-0");
        for (int i = 1; i <= 16; i++) {
            ranges.append(',').append(i * 10).append('-').append(i * 10);
        }
        RawHttp.Response r = get(clipId, ranges.toString());
        assertEquals(200, r.status(), "17 ranges exceed the default cap of 16");
        assertArrayEquals(clip, r.body());
    }

    @Test
    void conditionalRequests() throws IOException {
        RawHttp.Response first = get(clipId);
        String etag = first.headers().get("etag");
        String lastModified = first.headers().get("last-modified");

        RawHttp.Response inm = get(clipId, "If-None-Match: \"other\", " + etag);
        assertEquals(304, inm.status());
        assertEquals(etag, inm.headers().get("etag"));
        assertEquals(200, get(clipId, "If-None-Match: \"other\"").status());
        assertEquals(304, get(clipId, "If-Modified-Since: " + lastModified).status());
        assertEquals(200, get(clipId, "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT").status());
        assertEquals(412, get(clipId, "If-Match: \"nope\"").status());

        assertRange(get(clipId, "Range: bytes=10-19", "If-Range: " + etag), 10, 19);
        assertRange(get(clipId, "Range: bytes=10-19", "If-Range: " + lastModified), 10, 19);
        RawHttp.Response stale = get(clipId, "Range: bytes=10-19", "If-Range: \"stale-etag\"");
        assertEquals(200, stale.status(), "a stale If-Range gets the whole representation");
        assertArrayEquals(clip, stale.body());
        assertEquals(200, get(clipId, "Range: bytes=10-19", "If-Range: Thu, 01 Jan 1970 00:00:00 GMT").status());
        assertEquals(200, get(clipId, "Range: bytes=10-19", "If-Range: W/" + etag).status());
    }

    @Test
    void headSendsExactlyTheHeadersOfGet() throws IOException {
        client.checkHeadMatchesGet("/media/" + clipId);
        RawHttp.Response missing = request("HEAD", "/media/000000000000000000000000");
        assertEquals(404, missing.status());
    }

    @Test
    void contentTypeByExtension() throws IOException {
        assertEquals("audio/mpeg", get(idByPath.get("Music/Albums/song.mp3")).headers().get("content-type"));
        assertEquals("video/webm", get(idByPath.get("talk.webm")).headers().get("content-type"));
        assertEquals("video/x-matroska", get(idByPath.get("empty.mkv")).headers().get("content-type"));
    }

    @Test
    void noAccessWithoutSessionOrLink() throws IOException {
        RawHttp.Response r = RawHttp.get(server.port(), "/media/" + clipId, null);
        assertEquals(401, r.status());
        assertEquals("application/json", r.headers().get("content-type"));
        assertFalse(r.bodyText().contains("Exception"));
        assertEquals(401, RawHttp.get(server.port(), "/media/" + clipId, "kino_session=forged").status());
    }

    @Test
    void signedLinks() throws Exception {
        String url = new JsonObject(server.post("/api/sign", "{\"path\":\"/media/" + clipId + "\",\"ttl\":600}", cookie).body()).getString("url");
        Matcher m = Pattern.compile("http://[^/]+(/media/" + clipId + ")\\?expires=(\\d+)&sig=([A-Za-z0-9_-]+)").matcher(url);
        assertTrue(m.matches(), url);
        String target = url.substring(url.indexOf("/media/"));

        RawHttp.Response ok = RawHttp.get(server.port(), target, null);
        assertEquals(200, ok.status());
        assertArrayEquals(clip, ok.body());
        RawHttp.Response ranged = RawHttp.send(server.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nRange: bytes=5-9\r\nConnection: close\r\n\r\n");
        assertEquals(206, ranged.status());
        assertArrayEquals(slice(5, 9), ranged.body());

        String sig = m.group(3);
        String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        long exp = Long.parseLong(m.group(2));
        assertEquals(403, RawHttp.get(server.port(), "/media/" + clipId + "?expires=" + exp + "&sig=" + flipped, null).status());
        assertEquals(403, RawHttp.get(server.port(), "/media/" + clipId + "?expires=" + (exp + 3600) + "&sig=" + sig, null).status());
        assertEquals(403, RawHttp.get(server.port(), "/media/" + clipId + "?expires=" + exp, null).status());
        assertEquals(403, RawHttp.get(server.port(), "/media/" + idByPath.get("talk.webm") + "?expires=" + exp + "&sig=" + sig, null).status(),
                "a link signs one path only");

        dev.kino.auth.LinkSigner signer = new dev.kino.auth.LinkSigner(dev.kino.auth.SecretKeyFile.loadOrCreate(server.data()));
        String expired = "/media/" + clipId + "?" + signer.query("/media/" + clipId, System.currentTimeMillis() / 1000 - 5);
        RawHttp.Response gone = RawHttp.get(server.port(), expired, null);
        assertEquals(410, gone.status());
        assertTrue(gone.bodyText().contains("expired"));
    }

    @Test
    void signApiValidatesInput() throws Exception {
        assertEquals(400, server.post("/api/sign", "{\"path\":\"/etc/passwd\",\"ttl\":60}", cookie).statusCode());
        assertEquals(404, server.post("/api/sign", "{\"path\":\"/media/000000000000000000000000\",\"ttl\":60}", cookie).statusCode());
        assertEquals(400, server.post("/api/sign", "{\"path\":\"/media/" + clipId + "\",\"ttl\":-5}", cookie).statusCode());
        assertEquals(400, server.post("/api/sign", "{\"path\":\"/media/" + clipId + "\",\"ttl\":\"soon\"}", cookie).statusCode());
        assertEquals(401, server.post("/api/sign", "{\"path\":\"/media/" + clipId + "\",\"ttl\":60}", null).statusCode());
    }

    @Test
    void metricsCountMediaBytes() throws Exception {
        double before = metric("kino_media_bytes_total");
        get(clipId, "Range: bytes=0-999");
        get(clipId);
        String text = RawHttp.get(server.port(), "/metrics", null).bodyText();
        assertTrue(text.contains("process_files_open_files"), "process meters are there");
        assertTrue(text.contains("kino_library_files 4.0"), "library gauge");
        assertEquals(before + 1000 + clip.length, metric("kino_media_bytes_total"), 0.5);
    }

    private static double metric(String name) throws IOException {
        RawHttp.Response r = RawHttp.get(server.port(), "/metrics", null);
        assertEquals(200, r.status(), "loopback may read /metrics");
        for (String line : r.bodyText().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError(name + " not in /metrics");
    }

    /** Parses a multipart/byteranges body into Content-Range → bytes, checking the framing on the way. */
}
