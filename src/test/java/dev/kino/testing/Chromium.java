package dev.kino.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Debian's Chromium, which the browser tests drive through Playwright ({@code KINO_CHROMIUM} points elsewhere). */
public final class Chromium {
    private Chromium() {}

    /** The browser's executable; the test fails under CI, and skips elsewhere, when there is none. */
    public static Path require() {
        Path chromium = Path.of(System.getenv().getOrDefault("KINO_CHROMIUM", "/usr/bin/chromium"));
        Prerequisites.require(Files.isExecutable(chromium), "the browser tests need Chromium at " + chromium
                + " (Debian's chromium package, or KINO_CHROMIUM)");
        return chromium;
    }
}
