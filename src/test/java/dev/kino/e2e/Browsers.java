package dev.kino.e2e;

import com.microsoft.playwright.BrowserType;
import java.nio.file.Path;
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
}
