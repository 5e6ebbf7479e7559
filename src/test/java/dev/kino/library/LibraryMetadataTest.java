package dev.kino.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Ffmpeg;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ffprobe's view of each file, in the library API, kept in SQLite and refreshed when a file changes. */
class LibraryMetadataTest {
    @TempDir
    Path dir;

    @Test
    void itemsGainDurationSizeCodecsAndBitrate() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Ffmpeg.make(media.resolve("film.mkv"), 3, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        Ffmpeg.audio(media.resolve("song.mp3"), 2, "-c:a", "libmp3lame");
        byte[] junk = new byte[50_000];
        new Random(5).nextBytes(junk);
        Files.write(media.resolve("broken.mp4"), junk);
        Map<String, String> fast = Map.of("library.rescan-interval", "1s");

        String password;
        try (TestServer s = TestServer.start(media, dir.resolve("data"), fast)) {
            password = s.adminPassword();
            String cookie = s.loginAdmin();
            Map<String, JsonObject> items = waitProbed(s, cookie, 3);
            JsonObject film = items.get("film.mkv");
            assertEquals(3.0, film.getDouble("duration"), 0.1);
            assertEquals(320, film.getInteger("width"));
            assertEquals(240, film.getInteger("height"));
            assertEquals("h264", film.getString("videoCodec"));
            assertEquals("aac", film.getString("audioCodec"));
            assertTrue(film.getLong("bitrate") > 0);
            JsonObject song = items.get("song.mp3");
            assertEquals("mp3", song.getString("audioCodec"));
            assertEquals(null, song.getValue("videoCodec"));
            JsonObject broken = items.get("broken.mp4");
            assertNotNull(broken.getString("probeError"), "a broken file says so: " + broken);
            assertEquals(null, broken.getValue("duration"));

            // a changed file is probed again
            // made beside the folder and moved in whole, so no scan sees a half-written file
            Path replacement = Ffmpeg.make(dir.resolve("film-5s.mkv"), 5, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
            Files.move(replacement, media.resolve("film.mkv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + 20_000_000_000L;
            double duration = 0;
            while (System.nanoTime() < deadline && Math.abs(duration - 5.0) > 0.1) {
                Thread.sleep(200);
                JsonObject f = byPath(s, cookie).get("film.mkv");
                duration = f.getValue("duration") == null ? 0 : f.getDouble("duration");
            }
            assertEquals(5.0, duration, 0.1, "the new duration after the file changed");
        }
        try (TestServer s = TestServer.start(media, dir.resolve("data"), fast)) {
            String cookie = s.login("admin", password);
            JsonObject film = byPath(s, cookie).get("film.mkv");
            assertEquals(5.0, film.getDouble("duration"), 0.1, "known at once after a restart: stored in SQLite");
        }
    }

    private static Map<String, JsonObject> waitProbed(TestServer s, String cookie, int count) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Map<String, JsonObject> items = Map.of();
        while (System.nanoTime() < deadline) {
            items = byPath(s, cookie);
            if (items.size() == count && items.values().stream().allMatch(i -> i.containsKey("duration") || i.containsKey("probeError"))) {
                return items;
            }
            Thread.sleep(200);
        }
        assertFalse(true, "not all probed in 30 s: " + items);
        return items;
    }

    private static Map<String, JsonObject> byPath(TestServer s, String cookie) throws Exception {
        Map<String, JsonObject> out = new HashMap<>();
        for (Object o : new JsonArray(s.get("/api/library", cookie).body())) {
            JsonObject i = (JsonObject) o;
            out.put(i.getString("path"), i);
        }
        return out;
    }
}
