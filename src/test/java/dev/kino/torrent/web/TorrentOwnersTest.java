package dev.kino.torrent.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kino.testing.FakeTorrents;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A torrent is the business of the user who added it and of the admins (issue 10): to another user every route of it
 * is 404, as for a torrent that does not exist, and the list leaves it out; adding it again is 409. Signed links
 * still open what they were signed for. Per role: admin, the adder (alice), another user (bob), anonymous.
 */
class TorrentOwnersTest {
    static final String ALICES = "a1".repeat(20);
    static final String ADMINS = "ad".repeat(20);
    static final String UNKNOWN = "5".repeat(40);

    @TempDir
    static Path dir;

    static TestServer server;
    static String admin;
    static String alice;
    static String bob;
    static final byte[] clip = new byte[300_000];

    @BeforeAll
    static void start() throws Exception {
        new Random(7).nextBytes(clip);
        Path file = Files.write(Files.createDirectories(dir.resolve("swarm")).resolve("a.mp4"), clip);
        FakeTorrents torrents = new FakeTorrents();
        for (String hash : List.of(ALICES, ADMINS, "c1".repeat(20), "c2".repeat(20))) {
            torrents.known(hash, "T" + hash.substring(0, 2), Map.of("v.mp4", file));
        }
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"), Map.of(), torrents);
        server.addUser("alice", "alice-password", false);
        server.addUser("bob", "bob-password", false);
        admin = server.loginAdmin();
        alice = server.login("alice", "alice-password");
        bob = server.login("bob", "bob-password");
        assertEquals(201, add(ALICES, alice).statusCode());
        assertEquals(201, add(ADMINS, admin).statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> add(String hash, String cookie) throws Exception {
        return server.post("/api/torrents", "{\"magnet\":\"magnet:?xt=urn:btih:" + hash + "\"}", cookie);
    }

    static HttpResponse<String> delete(String hash, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url("/api/torrents/" + hash))).DELETE();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return TestServer.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String state(String hash) throws Exception {
        return new JsonObject(server.get("/api/torrents/" + hash, admin).body()).getString("state");
    }

    /** The 404 another user gets is the one for a torrent that does not exist, but for the hash. */
    static void assertHidden(HttpResponse<String> r, String hash) {
        assertEquals(404, r.statusCode(), r.uri() + " " + r.body());
        assertEquals("no torrent " + hash, new JsonObject(r.body()).getString("error"));
    }

    @Test
    void theListShowsEachUserTheirOwnAndAdminsAll() throws Exception {
        assertEquals(List.of(ALICES), hashes(alice));
        assertEquals(List.of(), hashes(bob));
        assertEquals(List.of(ALICES, ADMINS), hashes(admin).stream().filter(h -> h.equals(ALICES) || h.equals(ADMINS)).toList());
        assertEquals(401, server.get("/api/torrents", null).statusCode());
    }

    static List<String> hashes(String cookie) throws Exception {
        HttpResponse<String> r = server.get("/api/torrents", cookie);
        assertEquals(200, r.statusCode());
        return new JsonArray(r.body()).stream().map(o -> ((JsonObject) o).getString("infoHash")).toList();
    }

    @Test
    void detailsAreForTheAdderAndAdmins() throws Exception {
        assertEquals(200, server.get("/api/torrents/" + ALICES, alice).statusCode());
        assertEquals(200, server.get("/api/torrents/" + ALICES, admin).statusCode());
        assertHidden(server.get("/api/torrents/" + ALICES, bob), ALICES);
        assertHidden(server.get("/api/torrents/" + ADMINS, alice), ADMINS);
        assertHidden(server.get("/api/torrents/" + UNKNOWN, bob), UNKNOWN);
        assertEquals(401, server.get("/api/torrents/" + ALICES, null).statusCode());
    }

    @Test
    void onlyTheAdderAndAdminsPauseAndResume() throws Exception {
        assertHidden(server.post("/api/torrents/" + ADMINS + "/pause", "", alice), ADMINS);
        assertNotEquals("paused", state(ADMINS), "the finding of issue 10: a user paused the admin's torrent");
        assertHidden(server.post("/api/torrents/" + ALICES + "/pause", "", bob), ALICES);
        assertNotEquals("paused", state(ALICES));
        assertEquals(401, server.post("/api/torrents/" + ALICES + "/pause", "", null).statusCode());

        assertEquals("paused", new JsonObject(server.post("/api/torrents/" + ALICES + "/pause", "", alice).body()).getString("state"));
        assertHidden(server.post("/api/torrents/" + ALICES + "/resume", "", bob), ALICES);
        assertEquals("paused", state(ALICES));
        assertEquals(401, server.post("/api/torrents/" + ALICES + "/resume", "", null).statusCode());
        assertEquals(200, server.post("/api/torrents/" + ALICES + "/resume", "", admin).statusCode());
        assertNotEquals("paused", state(ALICES));
        assertEquals(200, server.post("/api/torrents/" + ALICES + "/pause", "", admin).statusCode());
        assertEquals(200, server.post("/api/torrents/" + ALICES + "/resume", "", alice).statusCode());
    }

    @Test
    void onlyTheAdderAndAdminsDelete() throws Exception {
        String mine = "c1".repeat(20);
        String forAdmin = "c2".repeat(20);
        assertEquals(201, add(mine, alice).statusCode());
        assertEquals(201, add(forAdmin, alice).statusCode());
        assertHidden(delete(mine, bob), mine);
        assertEquals(401, delete(mine, null).statusCode());
        assertHidden(delete(ADMINS, alice), ADMINS);
        assertEquals(200, server.get("/api/torrents/" + mine, alice).statusCode(), "still there");
        assertEquals(200, server.get("/api/torrents/" + ADMINS, admin).statusCode(), "still there");
        assertEquals(204, delete(mine, alice).statusCode());
        assertEquals(204, delete(forAdmin, admin).statusCode());
        assertEquals(404, server.get("/api/torrents/" + forAdmin, alice).statusCode());
    }

    @Test
    void filesPlaylistsAndRenditionsAreForTheAdderAndAdmins() throws Exception {
        String file = "/torrents/" + ALICES + "/files/0";
        assertArrayEquals(clip, RawHttp.get(server.port(), file, alice).body());
        assertArrayEquals(clip, RawHttp.get(server.port(), file, admin).body());
        assertEquals(401, RawHttp.get(server.port(), file, null).status());
        for (String path : List.of(file, "/torrents/" + ALICES + "/playlist.m3u", file + "/hls/transcode/index.m3u8")) {
            RawHttp.Response r = RawHttp.get(server.port(), path, bob);
            assertEquals(404, r.status(), path);
            assertEquals("{\"error\":\"no torrent " + ALICES + "\"}", r.bodyText(), path);
        }
        assertHidden(server.post("/api/torrents/" + ALICES + "/files/0/play", "{}", bob), ALICES);
        assertEquals(200, RawHttp.get(server.port(), "/torrents/" + ALICES + "/playlist.m3u", alice).status());
    }

    @Test
    void signingIsForTheAdderAndAdminsAndALinkOpensForAnyone() throws Exception {
        for (String path : List.of("/torrents/" + ALICES, "/torrents/" + ALICES + "/files/0", "/torrents/" + ALICES + "/playlist.m3u")) {
            HttpResponse<String> r = server.post("/api/sign", "{\"path\":\"" + path + "\",\"ttl\":600}", bob);
            assertEquals(404, r.statusCode(), path + " " + r.body());
            assertEquals(404, server.post("/api/sign", "{\"path\":\"" + path.replace(ALICES, UNKNOWN) + "\",\"ttl\":600}", bob)
                    .statusCode(), "the same answer as for a torrent that does not exist");
            assertEquals(200, server.post("/api/sign", "{\"path\":\"" + path + "\",\"ttl\":600}", admin).statusCode(), path);
        }
        assertEquals(401, server.post("/api/sign", "{\"path\":\"/torrents/" + ALICES + "\",\"ttl\":600}", null).statusCode());

        HttpResponse<String> signed = server.post("/api/sign", "{\"path\":\"/torrents/" + ALICES + "/files/0\",\"ttl\":600}", alice);
        assertEquals(200, signed.statusCode(), signed.body());
        String url = new JsonObject(signed.body()).getString("url");
        String link = url.substring(url.indexOf("/torrents/"));
        assertArrayEquals(clip, RawHttp.get(server.port(), link, null).body(), "a link works without a session");
        assertArrayEquals(clip, RawHttp.get(server.port(), link, bob).body(), "and for another user: alice signed it");
        assertEquals(404, RawHttp.get(server.port(), "/torrents/" + ALICES + "/playlist.m3u", bob).status(),
                "the link opens what it was signed for, nothing else");

        HttpResponse<String> whole = server.post("/api/sign", "{\"path\":\"/torrents/" + ALICES + "\",\"ttl\":600}", alice);
        String query = new JsonObject(whole.body()).getString("url").replaceFirst("^[^?]*", "");
        RawHttp.Response playlist = RawHttp.get(server.port(), "/torrents/" + ALICES + "/playlist.m3u" + query, bob);
        assertEquals(200, playlist.status());
        String expires = query.replaceFirst(".*expires=(\\d+).*", "$1");
        assertEquals(2, playlist.bodyText().split("expires=" + expires, -1).length,
                "the playlist's links expire with the link it was fetched on, not later");
    }

    @Test
    void addingAnotherUsersTorrentIs409ForUsersAndAsBeforeForAdmins() throws Exception {
        HttpResponse<String> again = add(ALICES, bob);
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("another user has added this torrent already; ask them or an admin for a link to it",
                new JsonObject(again.body()).getString("error"));
        assertEquals(409, add(ADMINS, alice).statusCode());
        assertEquals(List.of(), hashes(bob), "a 409 gives bob nothing");
        assertEquals(200, add(ALICES, alice).statusCode(), "the adder adding it again: 200, as before");
        HttpResponse<String> byAdmin = add(ALICES, admin);
        assertEquals(200, byAdmin.statusCode(), "an admin adding it again: 200 and the torrent, as before");
        assertEquals("alice", new JsonObject(byAdmin.body()).getString("addedBy"), "it stays alice's");
        assertEquals(List.of(ALICES), hashes(alice));
    }
}
