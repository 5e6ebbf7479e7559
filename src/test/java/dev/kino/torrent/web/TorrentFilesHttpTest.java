package dev.kino.torrent.web;

import dev.kino.testing.RangeClient;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.FakeTorrents;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /torrents/{hash}/files/{n}} follows the byte-range rules of {@code /media/{id}}, byte for byte against the file. */
class TorrentFilesHttpTest {
    static final String HASH = "0123456789abcdef0123456789abcdef01234567";
    static final String CLIP = "/torrents/" + HASH + "/files/0";

    @TempDir
    static Path dir;

    static TestServer server;
    static String cookie;
    static RangeClient client;
    static byte[] clip;

    @BeforeAll
    static void start() throws Exception {
        Path files = Files.createDirectories(dir.resolve("swarm"));
        clip = new byte[3 * 1024 * 1024 + 12345];
        new Random(11).nextBytes(clip);
        Map<String, Path> content = new LinkedHashMap<>();
        content.put("Film/clip.mp4", Files.write(files.resolve("clip.mp4"), clip));
        content.put("Film/Extras/song.mp3", Files.write(files.resolve("song.mp3"), new byte[] {1, 2, 3}));
        content.put("Film/empty.mkv", Files.write(files.resolve("empty.mkv"), new byte[0]));
        content.put("Film/readme.txt", Files.writeString(files.resolve("readme.txt"), "hello"));
        FakeTorrents torrents = new FakeTorrents().known(HASH, "Film", content);
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"), Map.of(), torrents);
        cookie = server.loginAdmin();
        client = new RangeClient(server.port(), cookie, clip, "video/mp4");
        assertEquals(201, server.post("/api/torrents", "{\"magnet\":\"magnet:?xt=urn:btih:" + HASH + "&dn=Film\"}", cookie).statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static RawHttp.Response get(String target, String... headers) throws IOException {
        return client.request("GET", target, headers);
    }

    @Test
    void fullFileWithStrongETagAndNoLastModified() throws IOException {
        RawHttp.Response r = client.checkFull(CLIP);
        assertEquals("\"" + HASH + "-0-" + Long.toHexString(clip.length) + "\"", r.headers().get("etag"));
        assertFalse(r.headers().containsKey("last-modified"), "torrent content has no modification time");
        assertArrayEquals(clip, get(CLIP.replace(HASH, HASH.toUpperCase())).body(), "an upper-case infohash is the same torrent");
    }

    @Test
    void singleRanges() throws IOException {
        client.checkSingleRanges(CLIP);
        client.assertRange(get(CLIP, "Range: bytes=262143-524289"), 262143, 524289);
    }


    @Test
    void unsatisfiableRanges() throws IOException {
        client.checkUnsatisfiable(CLIP);
        RawHttp.Response empty = get("/torrents/" + HASH + "/files/2", "Range: bytes=0-");
        assertEquals(416, empty.status());
        assertEquals("bytes */0", empty.headers().get("content-range"));
        RawHttp.Response whole = get("/torrents/" + HASH + "/files/2");
        assertEquals(200, whole.status());
        assertEquals("0", whole.headers().get("content-length"));
        assertEquals("video/x-matroska", whole.headers().get("content-type"));
    }

    @Test
    void malformedRangeIsIgnored() throws IOException {
        client.checkMalformedIgnored(CLIP);
    }

    @Test
    void multipleRangesAsMultipartByteranges() throws IOException {
        client.checkMultipart(CLIP);
        RawHttp.Response r = get(CLIP, "Range: bytes=0-9, 300000-600000");
        String type = r.headers().get("content-type");
        Map<String, byte[]> parts = RangeClient.parseMultipart(r.body(), type.substring(type.indexOf('=') + 1));
        assertArrayEquals(client.slice(300000, 600000), parts.get("bytes 300000-600000/" + clip.length), "a part across pieces");
    }

    @Test
    void conditionalRequestsAndIfRange() throws IOException {
        String etag = get(CLIP, "Range: bytes=0-0").headers().get("etag");
        RawHttp.Response inm = get(CLIP, "If-None-Match: \"other\", " + etag);
        assertEquals(304, inm.status());
        assertEquals(etag, inm.headers().get("etag"));
        assertEquals(412, get(CLIP, "If-Match: \"nope\"").status());
        assertEquals(200, get(CLIP, "If-Modified-Since: Thu, 01 Jan 2099 00:00:00 GMT").status(),
                "no Last-Modified: If-Modified-Since is ignored");
        client.assertRange(get(CLIP, "Range: bytes=10-19", "If-Range: " + etag), 10, 19);
        RawHttp.Response stale = get(CLIP, "Range: bytes=10-19", "If-Range: \"stale-etag\"");
        assertEquals(200, stale.status(), "a stale If-Range gets the whole representation");
        assertArrayEquals(clip, stale.body());
        assertEquals(200, get(CLIP, "Range: bytes=10-19", "If-Range: Thu, 01 Jan 1970 00:00:00 GMT").status(),
                "a date cannot match a representation without Last-Modified");
    }

    @Test
    void headSendsExactlyTheHeadersOfGet() throws IOException {
        client.checkHeadMatchesGet(CLIP);
        assertEquals(404, client.request("HEAD", "/torrents/" + HASH + "/files/9").status());
    }

    @Test
    void contentTypeByFileName() throws IOException {
        assertEquals("audio/mpeg", get("/torrents/" + HASH + "/files/1").headers().get("content-type"));
        RawHttp.Response txt = get("/torrents/" + HASH + "/files/3");
        assertEquals("application/octet-stream", txt.headers().get("content-type"));
        assertEquals("hello", txt.bodyText());
    }
}
