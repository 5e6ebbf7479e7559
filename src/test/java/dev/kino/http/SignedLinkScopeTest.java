package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kino.library.MediaIds;
import dev.kino.testing.FakeTorrents;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed link opens the path it was signed for and what the README says that path's link opens, nothing else:
 * dot segments, encoded dots and slashes, double encoding, backslashes and {@code ;} parameters cannot stretch it to
 * another file, another torrent or a private stream, on any route family.
 */
class SignedLinkScopeTest {
    static final String HA = "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd";
    static final String HB = "1111111111222222222233333333334444444444";
    static final String A = MediaIds.of("a.mp4");
    static final String B = MediaIds.of("b.mp4");

    @TempDir
    static Path dir;

    static TestServer server;
    static String cookie;
    static String linkA;
    static String linkTorrentFile;

    @BeforeAll
    static void start() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.writeString(media.resolve("a.mp4"), "content of A");
        Files.writeString(media.resolve("b.mp4"), "SECRET-B-CONTENT");
        Path swarm = Files.createDirectories(dir.resolve("swarm"));
        FakeTorrents torrents = new FakeTorrents()
                .known(HA, "Mine", Map.of("a.mp4", Files.writeString(swarm.resolve("ta.mp4"), "torrent A")))
                .known(HB, "Theirs", Map.of("b.mp4", Files.writeString(swarm.resolve("tb.mp4"), "SECRET-TORRENT-B")));
        server = TestServer.start(media, dir.resolve("data"), Map.of(), torrents);
        cookie = server.loginAdmin();
        for (String h : List.of(HA, HB)) {
            assertEquals(201, server.post("/api/torrents", "{\"magnet\":\"magnet:?xt=urn:btih:" + h + "\"}", cookie).statusCode());
        }
        assertEquals(201, server.post("/api/streams", "{\"name\":\"privcam\"}", cookie).statusCode());
        linkA = query("/media/" + A);
        linkTorrentFile = query("/torrents/" + HA + "/files/0");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String query(String path) throws Exception {
        HttpResponse<String> r = server.post("/api/sign", "{\"path\":\"" + path + "\",\"ttl\":600}", cookie);
        assertEquals(200, r.statusCode(), r.body());
        String url = new JsonObject(r.body()).getString("url");
        return url.substring(url.indexOf('?') + 1);
    }

    @Test
    void theLinkOpensItsOwnFileAndNothingNextToIt() throws Exception {
        RawHttp.Response own = RawHttp.get(server.port(), "/media/" + A + "?" + linkA, null);
        assertEquals(200, own.status());
        assertEquals("content of A", own.bodyText());
        assertEquals(403, RawHttp.get(server.port(), "/media/" + B + "?" + linkA, null).status());
        assertEquals(200, RawHttp.get(server.port(), "/torrents/" + HA + "/files/0?" + linkTorrentFile, null).status());
        assertEquals(403, RawHttp.get(server.port(), "/torrents/" + HB + "/files/0?" + linkTorrentFile, null).status());
        assertEquals(403, RawHttp.status(server.port(), RawHttp.upgradeHead("/live/privcam/ws?" + linkA)));
    }

    @Test
    void dotSegmentsAndEscapesDoNotStretchAMediaLink() throws Exception {
        String[] targets = {
            "/media/A/../B", "/media/A/./../B", "/media/A/x/../../B", "/media/A/%2e%2e/B", "/media/A/%2E%2E/B",
            "/media/A/.%2e/B", "/media/A/%2e./B", "/media/A/..%2fB", "/media/A/..%2FB", "/media/A/%252e%252e/B",
            "/media/A/..%252fB", "/media/A/..;/B", "/media/A;x/../B", "/media/A/..\\B", "/media/A//../B", "/media/A/%2e/../B",
            "/media/A/../B/poster.jpg", "/media/A/../B/hls/remux/index.m3u8", "/media/A/../B/hls/transcode/0.ts",
            "/media/A/x/../../B/convert?format=mp3", "/media/A/poster.jpg/../../B",
        };
        for (String t : targets) {
            String target = t.replace("A", A).replace("B", B);
            String sep = target.contains("?") ? "&" : "?";
            RawHttp.Response r = RawHttp.get(server.port(), target + sep + linkA, null);
            assertEquals(404, r.status(), target);
            assertFalse(r.bodyText().contains("SECRET"), target);
            assertEquals(404, RawHttp.get(server.port(), target, cookie).status(), "with a session too: " + target);
        }
    }

    @Test
    void aMediaLinkDoesNotOpenAPrivateStream() throws Exception {
        for (String live : List.of("/media/A/../../live/privcam.webm", "/media/A/%2e%2e/%2e%2e/live/privcam.mp4",
                "/media/A/../../live/privcam/ws")) {
            String target = live.replace("A", A) + "?" + linkA;
            int status = live.endsWith("/ws") ? RawHttp.status(server.port(), RawHttp.upgradeHead(target))
                    : RawHttp.status(server.port(), RawHttp.getHead(target));
            assertEquals(404, status, target);
        }
    }

    @Test
    void aTorrentFileLinkDoesNotOpenAnotherTorrent() throws Exception {
        String[] targets = {
            "/torrents/HA/files/0/hls/../../../../HB/files/0", "/torrents/HA/files/0/hls/../../../../HB/playlist.m3u",
            "/torrents/HA/files/0/hls/%2e%2e/%2e%2e/%2e%2e/%2e%2e/HB/files/0", "/torrents/HA/files/0/hls/..%2f..%2f..%2f..%2fHB/files/0",
            "/torrents/HA/files/0/../../HB/files/0", "/torrents/HA/files/0/hls/..;/..;/..;/..;/HB/files/0",
            "/torrents/HA/files/0/../1", "/torrents/HA/files/0/hls/./../../../../HB/playlist.m3u",
        };
        for (String t : targets) {
            String target = t.replace("HA", HA).replace("HB", HB) + "?" + linkTorrentFile;
            RawHttp.Response r = RawHttp.get(server.port(), target, null);
            assertEquals(404, r.status(), target);
            assertFalse(r.bodyText().contains("SECRET") || r.bodyText().contains("#EXTM3U"), target);
        }
    }

    @Test
    void canonicalPathsStillRoute() throws Exception {
        assertEquals(200, RawHttp.get(server.port(), "/healthz", null).status());
        assertEquals(200, RawHttp.get(server.port(), "/", null).status());
        assertEquals(200, RawHttp.get(server.port(), "/player.html", null).status());
        assertEquals(200, RawHttp.get(server.port(), "/vendor/hls.min.js", null).status());
    }
}
