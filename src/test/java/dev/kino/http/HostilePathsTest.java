package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.library.MediaIds;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing outside the media folder is ever served, whatever the path looks like; bad input is never a 500. */
class HostilePathsTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static String cookie;
    static Path secret;

    @BeforeAll
    static void start() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        secret = Files.writeString(dir.resolve("secret.mp4"), "TOP-SECRET-CONTENT");
        Files.createDirectories(dir.resolve("outside-dir"));
        Files.writeString(dir.resolve("outside-dir/also-secret.mp4"), "TOP-SECRET-CONTENT");
        Files.writeString(media.resolve("ok.mp4"), "fine");
        Files.createSymbolicLink(media.resolve("escape.mp4"), secret);
        Files.createSymbolicLink(media.resolve("escape-dir"), dir.resolve("outside-dir"));
        server = TestServer.start(media, dir.resolve("data"));
        cookie = server.loginAdmin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void linksLeavingTheFolderAreNotListed() throws Exception {
        String body = server.get("/api/library", cookie).body();
        JsonArray items = new JsonArray(body);
        assertEquals(1, items.size(), body);
        assertEquals("ok.mp4", items.getJsonObject(0).getString("path"));
    }

    @Test
    void hostileTargetsGet404() throws Exception {
        String[] targets = {
            "/media/..%2F..%2Fsecret.mp4",
            "/media/..%2f..%2f..%2fetc%2fpasswd",
            "/media/%2e%2e/%2e%2e/etc/passwd",
            "/media/%252e%252e%252fsecret.mp4",
            "/media/..%252f..%252fetc%252fpasswd",
            "/media/../../etc/passwd",
            "/media/abc%00def",
            "/media/" + MediaIds.of("ok.mp4") + "%00",
            "/media/" + MediaIds.of("ok.mp4") + "/../../secret.mp4",
            "/media/" + MediaIds.of("escape.mp4"),
            "/media/" + MediaIds.of("escape-dir/also-secret.mp4"),
            "/media/" + "a".repeat(8000),
            "/media/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
            "/media/..\\..\\etc\\passwd",
            "/../../../../etc/passwd",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/index.html%00.mp4",
            "/" + "x/".repeat(3000),
        };
        for (String t : targets) {
            RawHttp.Response r = RawHttp.get(server.port(), t, cookie);
            assertEquals(404, r.status(), t);
            assertFalse(r.bodyText().contains("TOP-SECRET") || r.bodyText().contains("root:"), t);
            assertFalse(r.bodyText().contains("Exception"), t);
        }
    }

    @Test
    void aLinkSwappedAfterTheScanIsNotFollowedOut() throws Exception {
        Path swap = server.media().resolve("swap.mp4");
        Files.writeString(swap, "inside");
        String id = MediaIds.of("swap.mp4");
        assertTrue(waitListed(id), "swap.mp4 is listed after a rescan");
        assertEquals(200, RawHttp.get(server.port(), "/media/" + id, cookie).status());
        Files.delete(swap);
        Files.createSymbolicLink(swap, secret);
        RawHttp.Response r = RawHttp.get(server.port(), "/media/" + id, cookie);
        assertEquals(404, r.status());
        assertFalse(r.bodyText().contains("TOP-SECRET"));
    }

    @Test
    void malformedRequestsGetClearErrorsNot500() throws Exception {
        String[] heads = {
            "GET /media/" + MediaIds.of("ok.mp4") + "?sig=%zz&expires=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /media/" + MediaIds.of("ok.mp4") + "?expires=-1&sig=abc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /media/" + MediaIds.of("ok.mp4") + "?expires=99999999999999999999999&sig=abc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /api/library HTTP/1.1\r\nHost: x\r\nCookie: kino_session=" + "z".repeat(4000) + "\r\nConnection: close\r\n\r\n",
            "GET /media/x HTTP/1.1\r\nHost: x\r\nRange: bytes=" + "1-2,".repeat(500) + "\r\nConnection: close\r\n\r\n",
            "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{\"user\":[",
            "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]",
            "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi",
            "GARBAGE\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\nConnection: close\r\n\r\n",
        };
        for (String head : heads) {
            RawHttp.Response r = RawHttp.send(server.port(), head);
            assertTrue(r.status() >= 400 && r.status() < 500, head + " → " + r.status());
            assertFalse(r.bodyText().contains("Exception"), head);
        }
        RawHttp.Response big = RawHttp.send(server.port(), "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000\r\nConnection: close\r\n\r\n" + "{\"username\":\"" + "a".repeat(99970) + "\"}");
        assertEquals(413, big.status());
        for (String noHost : new String[] {"GET /api/me HTTP/1.1\r\nConnection: close\r\n\r\n",
            "GET /media/" + MediaIds.of("ok.mp4") + " HTTP/1.1\r\nConnection: close\r\n\r\n"}) {
            RawHttp.Response r = RawHttp.send(server.port(), noHost);
            assertEquals(400, r.status(), "HTTP/1.1 without Host (RFC 9112 §3.2): " + r.bodyText());
            assertFalse(r.bodyText().contains("Exception"));
        }
        assertNotEquals(500, RawHttp.get(server.port(), "/api/nothing-here", cookie).status());
        assertEquals(404, RawHttp.get(server.port(), "/api/nothing-here", cookie).status());
    }

    private static boolean waitListed(String id) throws Exception {
        for (int i = 0; i < 40; i++) {
            if (server.get("/api/library", cookie).body().contains(id)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }
}
