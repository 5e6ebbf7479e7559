package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Desktop players (mpv, VLC) run to the end on a URL, their output kept. */
final class Players {
    private Players() {}

    /** VLC will not run as root: as nobody, then. */
    static List<String> asUser(List<String> cmd) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return cmd;
        }
        List<String> out = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        out.addAll(cmd);
        return out;
    }

    /** Runs {@code cmd} in {@code dir}; fails unless it ends with status 0 within a minute. Returns its output. */
    static String run(Path dir, List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), cmd + " did not end:\n" + out);
        assertEquals(0, p.exitValue(), cmd + ":\n" + out);
        return out;
    }
}
