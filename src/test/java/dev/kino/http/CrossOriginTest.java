package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page on another port or a sibling subdomain (same site, so SameSite cookies go along) cannot change anything
 * with the victim's session: form posts, key rotation, torrent control and WebSocket upgrades from another origin
 * are 403; the server's own pages and non-browser clients go on.
 */
class CrossOriginTest {
    @TempDir
    static Path dir;

    static TestServer server;
    static String cookie;
    static String own;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"));
        cookie = server.loginAdmin();
        own = "http://127.0.0.1:" + server.port();
        assertEquals(201, server.post("/api/streams", "{\"name\":\"mine\"}", cookie).statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static int post(String path, String contentType, String body, String... headers) throws Exception {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nCookie: " + cookie + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        return RawHttp.send(server.port(), head + "\r\n" + body).status();
    }

    @Test
    void formPostsFromAnotherPortOrSubdomainAreRefused() throws Exception {
        String boundary = "kinoform";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"magnet\"\r\n\r\nmagnet:?xt=urn:btih:"
                + "c".repeat(40) + "\r\n--" + boundary + "--\r\n";
        String[][] attackers = {
            {"Origin: http://127.0.0.1:9999"}, {"Origin: http://evil.127.0.0.1.nip.io:" + server.port()}, {"Origin: null"},
            {"Sec-Fetch-Site: same-site", "Origin: http://127.0.0.1:9999"}, {"Sec-Fetch-Site: cross-site"},
            {"Sec-Fetch-Site: same-site"},
        };
        for (String[] h : attackers) {
            assertEquals(403, post("/api/streams/mine/key", "text/plain", "", h), String.join(",", h));
            assertEquals(403, post("/api/torrents", "multipart/form-data; boundary=" + boundary, form, h), String.join(",", h));
            assertEquals(403, post("/api/torrents/" + "c".repeat(40) + "/pause", "text/plain", "", h), String.join(",", h));
            assertEquals(403, post("/api/logout", "text/plain", "", h), String.join(",", h));
        }
        assertEquals(200, server.get("/api/me", cookie).statusCode(), "the session survived the attempts");
        assertEquals("[]", server.get("/api/torrents", cookie).body(), "no torrent was added");
    }

    @Test
    void theServersOwnPagesAndNonBrowsersGoOn() throws Exception {
        assertEquals(200, post("/api/streams/mine/key", "text/plain", "", "Origin: " + own, "Sec-Fetch-Site: same-origin"));
        assertEquals(200, post("/api/streams/mine/key", "text/plain", "", "Origin: " + own));
        assertEquals(200, post("/api/streams/mine/key", "text/plain", "", "Sec-Fetch-Site: same-origin"));
        assertEquals(200, post("/api/streams/mine/key", "text/plain", "", "Sec-Fetch-Site: none"));
        assertEquals(200, post("/api/streams/mine/key", "text/plain", ""), "curl, ffmpeg and OBS send neither header");
        assertEquals(200, RawHttp.get(server.port(), "/api/me", cookie).status(), "reads are not checked");
    }

    @Test
    void webSocketsFromAnotherOriginAreRefused() throws Exception {
        String ws = "GET /live/mine/publish HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nCookie: " + cookie
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n";
        assertEquals(403, RawHttp.status(server.port(), ws + "Origin: http://127.0.0.1:9999\r\n\r\n"), "publish from another port");
        String view = ws.replace("/live/mine/publish", "/live/mine/ws");
        assertEquals(403, RawHttp.status(server.port(), view + "Origin: http://127.0.0.1:9999\r\n\r\n"), "watch a private stream");
        assertEquals(101, RawHttp.status(server.port(), view + "Origin: " + own + "\r\n\r\n"), "the server's own page");
    }
}
