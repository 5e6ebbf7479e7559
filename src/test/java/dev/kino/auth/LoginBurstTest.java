package dev.kino.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.app.Services;
import dev.kino.config.ConfigLoader;
import dev.kino.config.AuthConfig;
import dev.kino.store.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A burst of parallel logins checks no more passwords than the limit: attempts are counted before hashing. */
class LoginBurstTest {
    @TempDir
    Path dir;

    @Test
    void parallelGuessesAreCountedBeforeTheyAreHashed() throws Exception {
        AuthConfig config = ConfigLoader.load(null, Map.of(), Map.of()).auth();
        AuthService auth = Services.auth(Database.open(dir), config);
        auth.addUser("victim", "right-password", false);
        int burst = 60;
        ExecutorService pool = Executors.newFixedThreadPool(burst);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AuthException.Kind>> results = new ArrayList<>();
        try {
            for (int i = 0; i < burst; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        auth.login("victim", "guess-" + n, "203.0.113.9");
                        return null;
                    } catch (AuthException e) {
                        return e.kind();
                    }
                }));
            }
            go.countDown();
            int checked = 0;
            int refused = 0;
            for (Future<AuthException.Kind> f : results) {
                AuthException.Kind k = f.get(60, TimeUnit.SECONDS);
                if (k == AuthException.Kind.BAD_CREDENTIALS) {
                    checked++;
                } else if (k == AuthException.Kind.RATE_LIMITED) {
                    refused++;
                }
            }
            assertEquals(config.loginMaxFailures(), checked, "passwords checked");
            assertEquals(burst - config.loginMaxFailures(), refused);
            AuthException after = org.junit.jupiter.api.Assertions.assertThrows(AuthException.class,
                    () -> auth.login("victim", "right-password", "203.0.113.9"));
            assertEquals(AuthException.Kind.RATE_LIMITED, after.kind(), "the right password waits too, until the window passes");
            assertTrue(auth.login("victim", "right-password", "198.51.100.1").user().username().equals("victim"),
                    "from another address the user still logs in");
        } finally {
            pool.shutdownNow();
        }
    }
}
