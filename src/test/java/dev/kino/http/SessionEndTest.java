package dev.kino.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.app.Services;
import dev.kino.auth.AuthService;
import dev.kino.config.ConfigLoader;
import dev.kino.store.Database;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password changed or an account removed with the CLI (another process on the same database) ends that user's
 * sessions in the running server within seconds; a user can end their own other sessions.
 */
class SessionEndTest {
    @TempDir
    static Path dir;

    static TestServer server;
    /** What {@code kino user …} runs: its own AuthService over the server's data dir. */
    static AuthService cli;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"));
        cli = Services.auth(Database.open(server.data()), ConfigLoader.load(null, Map.of(), Map.of()).auth());
        for (String u : new String[] {"carol", "dave", "erin"}) {
            cli.addUser(u, u + "-password-1", false);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPasswordChangeEndsEverySessionOfThatUser() throws Exception {
        String first = server.login("carol", "carol-password-1");
        String second = server.login("carol", "carol-password-1");
        String other = server.login("dave", "dave-password-1");
        cli.setPassword("carol", "carol-password-2");
        assertEquals(401, meWithin(first, 401), "the old cookie is refused");
        assertEquals(401, status(second));
        assertEquals(200, status(other), "another user's session stays");
        assertEquals(401, server.post("/api/login", "{\"username\":\"carol\",\"password\":\"carol-password-1\"}", null).statusCode());
        assertEquals(200, status(server.login("carol", "carol-password-2")), "the new password logs in");
    }

    @Test
    void removingAUserEndsTheirSessions() throws Exception {
        String cookie = server.login("erin", "erin-password-1");
        assertEquals(200, status(cookie));
        cli.removeUser("erin");
        assertEquals(401, meWithin(cookie, 401));
    }

    @Test
    void aUserEndsTheirOtherSessions() throws Exception {
        String here = server.login("dave", "dave-password-1");
        String phone = server.login("dave", "dave-password-1");
        String tv = server.login("dave", "dave-password-1");
        var r = server.post("/api/logout-others", "{}", here);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(new JsonObject(r.body()).getInteger("ended") >= 2, "the phone's and the TV's at least: " + r.body());
        assertEquals(200, status(here), "the asking session stays");
        assertEquals(401, status(phone));
        assertEquals(401, status(tv));
        assertEquals(401, server.post("/api/logout-others", "{}", null).statusCode());
    }

    private static int status(String cookie) throws Exception {
        return server.get("/api/me", cookie).statusCode();
    }

    /** /api/me's status once it is {@code want}, or the last one after 10 s (the server syncs every 2 s). */
    private static int meWithin(String cookie, int want) throws Exception {
        int s = status(cookie);
        for (int i = 0; i < 100 && s != want; i++) {
            Thread.sleep(100);
            s = status(cookie);
        }
        return s;
    }
}
