package dev.kino.e2e;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.kino.testing.Await;
import dev.kino.testing.Chromium;
import dev.kino.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network; without it a test fails under CI. */
final class Browsers {
    private Browsers() {}

    /** Playwright driving the system's browser: it downloads none of its own. */
    static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static BrowserType.LaunchOptions chromium() {
        return new BrowserType.LaunchOptions()
                .setExecutablePath(Chromium.require())
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--autoplay-policy=no-user-gesture-required"));
    }

    /** The page's console errors, collected from now on. */
    static List<String> consoleErrors(Page page) {
        List<String> errors = new ArrayList<>();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                errors.add(m.text());
            }
        });
        return errors;
    }

    /** Logs in over the API as the admin and waits until every file of the library has been probed; returns the cookie. */
    static String adminWhenProbed(TestServer server) throws Exception {
        String cookie = server.loginAdmin();
        Await.until(Duration.ofSeconds(30), "the library is probed", () -> {
            String body = server.get("/api/library", cookie).body();
            return body.contains("\"duration\"") && body.split("\"id\"").length - 1 == body.split("\"duration\"").length - 1;
        });
        return cookie;
    }

    /** Signs in as the generated admin on the login page, and waits until the library shows (the cookie is set). */
    static void logInAsAdmin(Page page, TestServer server) {
        page.navigate(server.url("/"));
        page.fill("#username", "admin");
        page.fill("#password", server.adminPassword());
        page.click("#login-button");
        page.waitForSelector("#app-view:not([hidden])");
    }
}
