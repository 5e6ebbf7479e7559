package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login, sessions, logout and the login rate limit, over real HTTP. */
class AuthApiTest {
    @TempDir
    Path dir;

    @Test
    void loginSetsAHardenedCookieAndLogoutEndsTheSession() throws Exception {
        try (TestServer s = TestServer.start(Files.createDirectories(dir.resolve("m")), dir.resolve("d"))) {
            assertNotNull(s.adminPassword(), "first start creates admin with a generated password");
            HttpResponse<String> r = s.post("/api/login", "{\"username\":\"admin\",\"password\":\"" + s.adminPassword() + "\"}", null);
            assertEquals(200, r.statusCode());
            assertEquals(new JsonObject().put("username", "admin").put("admin", true), new JsonObject(r.body()));
            String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(setCookie.startsWith("kino_session="), setCookie);
            assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
            assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
            assertTrue(setCookie.contains("Path=/"), setCookie);
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));

            assertEquals(200, s.get("/api/me", cookie).statusCode());
            assertEquals(401, s.get("/api/me", null).statusCode());
            HttpResponse<String> out = s.post("/api/logout", "{}", cookie);
            assertEquals(204, out.statusCode());
            assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
            assertEquals(401, s.get("/api/me", cookie).statusCode(), "the old cookie is dead after logout");
            assertEquals(401, s.get("/api/library", cookie).statusCode());
        }
    }

    @Test
    void wrongPasswordIs401AndRepeatedFailuresAreRateLimited() throws Exception {
        try (TestServer s = TestServer.start(Files.createDirectories(dir.resolve("m")), dir.resolve("d"))) {
            for (String body : new String[] {
                "{\"username\":\"nobody\",\"password\":\"wrong-password\"}",
                "{\"username\":\"\",\"password\":\"\"}",
                "{\"username\":\"admin\",\"password\":\"wrong-password\"}",
                "{\"username\":\"admin\"}",
                "{\"username\":\"ADMIN\",\"password\":\"x\"}",
                "{\"username\":\"admin\",\"password\":\"" + s.adminPassword() + "x\"}",
                "{\"username\":\"admin\",\"password\":\"wrong-again\"}"}) {
                HttpResponse<String> r = s.post("/api/login", body, null);
                assertEquals(401, r.statusCode(), body);
                assertTrue(new JsonObject(r.body()).getString("error").contains("wrong"), r.body());
                assertTrue(r.headers().firstValue("Set-Cookie").isEmpty());
            }
            HttpResponse<String> limited = s.post("/api/login", "{\"username\":\"admin\",\"password\":\"" + s.adminPassword() + "\"}", null);
            assertEquals(429, limited.statusCode(), "after 5 failures for admin even the right password waits");
            long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry > 0 && retry <= 15 * 60, "Retry-After " + retry);
            assertNotNull(new JsonObject(limited.body()).getString("error"));
        }
    }

    @Test
    void sessionsAndIdsSurviveARestart() throws Exception {
        Path media = Files.createDirectories(dir.resolve("m"));
        Files.createDirectories(media.resolve("Shows/S1"));
        Files.writeString(media.resolve("Shows/S1/e1.mkv"), "episode");
        String cookie;
        String library;
        String password;
        try (TestServer s = TestServer.start(media, dir.resolve("d"))) {
            password = s.adminPassword();
            cookie = s.loginAdmin();
            library = s.get("/api/library", cookie).body();
        }
        try (TestServer s = TestServer.start(media, dir.resolve("d"))) {
            assertEquals(null, s.adminPassword(), "no second admin on a restart");
            HttpResponse<String> r = s.get("/api/library", cookie);
            assertEquals(200, r.statusCode(), "the session cookie still works after a restart");
            assertEquals(ids(library), ids(r.body()), "same ids after a restart");
            assertEquals(200, s.post("/api/login", "{\"username\":\"admin\",\"password\":\"" + password + "\"}", null).statusCode());
        }
    }

    @Test
    void newAndRemovedFilesAppearWithoutARestart() throws Exception {
        Path media = Files.createDirectories(dir.resolve("m"));
        try (TestServer s = TestServer.start(media, dir.resolve("d"))) {
            String cookie = s.loginAdmin();
            assertEquals("[]", s.get("/api/library", cookie).body());
            Files.createDirectories(media.resolve("New"));
            Files.writeString(media.resolve("New/arrival.webm"), "x");
            Files.writeString(media.resolve("notes.txt"), "not media");
            assertTrue(eventually(() -> s.get("/api/library", cookie).body().contains("\"New/arrival.webm\"")));
            assertTrue(!s.get("/api/library", cookie).body().contains("notes.txt"));
            Files.delete(media.resolve("New/arrival.webm"));
            assertTrue(eventually(() -> s.get("/api/library", cookie).body().equals("[]")));
        }
    }

    /** id → path of a library listing (probe results may arrive between two listings; ids must not change). */
    private static java.util.Map<String, String> ids(String libraryJson) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (Object o : new io.vertx.core.json.JsonArray(libraryJson)) {
            JsonObject item = (JsonObject) o;
            out.put(item.getString("id"), item.getString("path"));
        }
        return out;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static boolean eventually(Check c) throws Exception {
        for (int i = 0; i < 60; i++) {
            if (c.ok()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
