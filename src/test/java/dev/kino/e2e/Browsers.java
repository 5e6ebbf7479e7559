package dev.kino.e2e;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import dev.kino.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
final class Browsers {
    private Browsers() {}

    static BrowserType.LaunchOptions chromium() {
        return new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getenv().getOrDefault("KINO_CHROMIUM", "/usr/bin/chromium")))
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

    /** Signs in as the generated admin on the login page. */
    static void logInAsAdmin(Page page, TestServer server) {
        page.navigate(server.url("/"));
        page.fill("#username", "admin");
        page.fill("#password", server.adminPassword());
        page.click("#login-button");
    }
}
