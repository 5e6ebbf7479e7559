package dev.kino.library.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.library.MediaIds;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each user's place in each file: saved, read back, listed to continue, marked watched; one user's is not another's. */
class ProgressApiTest {
    @TempDir
    Path dir;

    @Test
    void positionsAreKeptPerUserAndFinishedFilesAreWatched() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media/Show"));
        for (String f : List.of("Show/e1.mp4", "Show/e2.mp4", "film.mkv")) {
            Files.write(dir.resolve("media").resolve(f), new byte[1000]);
        }
        String e1 = MediaIds.of("Show/e1.mp4");
        String e2 = MediaIds.of("Show/e2.mp4");
        String film = MediaIds.of("film.mkv");
        try (TestServer s = TestServer.start(media.getParent(), dir.resolve("data"))) {
            String admin = s.loginAdmin();
            s.addUser("ann", "correct horse battery", false);
            String ann = s.login("ann", "correct horse battery");

            assertEquals(new JsonObject().put("position", 0).put("watched", false), get(s, "/api/progress/" + e1, admin));
            assertEquals(204, s.post("/api/progress/" + e1, "{\"position\":612.5,\"duration\":1500}", admin).statusCode());
            assertEquals(204, s.post("/api/progress/" + film, "{\"position\":30}", admin).statusCode());
            assertEquals(204, s.post("/api/progress/" + e2, "{\"position\":1400,\"duration\":1500}", admin).statusCode());
            JsonObject p = get(s, "/api/progress/" + e1, admin);
            assertEquals(612.5, p.getDouble("position"));
            assertEquals(1500.0, p.getDouble("duration"));
            assertFalse(p.getBoolean("watched"));
            assertTrue(get(s, "/api/progress/" + e2, admin).getBoolean("watched"), "past 90 % is watched");

            JsonArray cont = new JsonArray(s.get("/api/continue", admin).body());
            assertEquals(List.of(film, e1), cont.stream().map(o -> ((JsonObject) o).getString("id")).toList(),
                    "unfinished files, the one stopped in last first; not the watched one");
            assertEquals("film.mkv", cont.getJsonObject(0).getString("name"));

            JsonArray library = new JsonArray(s.get("/api/library", admin).body());
            JsonObject e1Item = library.stream().map(o -> (JsonObject) o).filter(o -> o.getString("id").equals(e1)).findFirst()
                    .orElseThrow();
            assertEquals(612.5, e1Item.getDouble("position"));
            assertEquals(false, e1Item.getBoolean("watched"));

            assertEquals(new JsonObject().put("position", 0).put("watched", false), get(s, "/api/progress/" + e1, ann),
                    "another user starts from the beginning");
            assertEquals(new JsonArray(), new JsonArray(s.get("/api/continue", ann).body()));

            assertEquals(204, s.post("/api/progress/" + e1, "{\"watched\":true}", admin).statusCode());
            assertTrue(get(s, "/api/progress/" + e1, admin).getBoolean("watched"));
            assertEquals(204, s.post("/api/progress/" + e2, "{\"watched\":false}", admin).statusCode());
            JsonObject unwatched = get(s, "/api/progress/" + e2, admin);
            assertFalse(unwatched.getBoolean("watched"));
            assertEquals(0.0, unwatched.getDouble("position"), "marked unwatched starts over");

            for (String bad : List.of("{\"position\":-1}", "{\"position\":\"12\"}", "{}", "{\"position\":1e300}",
                    "{\"watched\":\"yes\"}", "{\"position\":5,\"duration\":-3}")) {
                var r = s.post("/api/progress/" + e1, bad, admin);
                assertEquals(400, r.statusCode(), bad);
                assertTrue(r.body().startsWith("{\"error\":"), r.body());
            }
            assertEquals(404, s.post("/api/progress/000000000000000000000000", "{\"position\":1}", admin).statusCode());
            assertEquals(401, s.post("/api/progress/" + e1, "{\"position\":1}", null).statusCode());
            assertEquals(401, s.get("/api/continue", null).statusCode());
        }
    }

    private static JsonObject get(TestServer s, String path, String cookie) throws Exception {
        var r = s.get(path, cookie);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject o = new JsonObject(r.body());
        o.remove("updated");
        return o;
    }
}
