package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.library.MediaIds;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file swapped for a link to a file outside the media folder after the scan: conversion, posters and HLS segments
 * check the real path when they start ffmpeg, as byte serving does, so ffmpeg never decodes the outside file.
 */
class SwappedLinkTest {
    @TempDir
    Path dir;

    @Test
    void ffmpegIsNeverHandedAFileThatLeftTheFolder() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Path swap = Ffmpeg.make(media.resolve("swap.mp4"), 3, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        Path outside = Ffmpeg.make(dir.resolve("outside.mp4"), 4, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        String id = MediaIds.of("swap.mp4");
        // no background rescan during the test: the library keeps the scanned item while the link is swapped under it
        try (TestServer s = TestServer.start(media, dir.resolve("data"), Map.of("library.rescan-interval", "1h"))) {
            String cookie = s.loginAdmin();
            assertTrue(probed(s, cookie, id), "swap.mp4 is probed");
            assertEquals(200, RawHttp.get(s.port(), "/media/" + id + "/hls/transcode/index.m3u8", cookie).status());

            Files.delete(swap);
            Files.createSymbolicLink(swap, outside);
            for (String sub : new String[] {"/convert?format=mp3", "/poster.jpg", "/hls/transcode/0.ts", "/hls/remux/0.ts", ""}) {
                RawHttp.Response r = RawHttp.get(s.port(), "/media/" + id + sub, cookie);
                assertEquals(404, r.status(), sub + " → " + r.status() + " (" + r.body().length + " bytes)");
            }
        }
    }

    private static boolean probed(TestServer s, String cookie, String id) throws Exception {
        for (int i = 0; i < 100; i++) {
            for (Object o : new JsonArray(s.get("/api/library", cookie).body())) {
                JsonObject item = (JsonObject) o;
                if (item.getString("id").equals(id) && item.containsKey("duration")) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }
}
