package dev.kino.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (root, a browser): on a developer's machine a test without it skips and says
 * why; under CI ({@code CI=true}) it fails instead, so a runner that lost a package cannot pass by skipping.
 */
public final class Prerequisites {
    private Prerequisites() {}

    /** Returns if {@code met}; otherwise fails under CI and skips elsewhere, naming {@code why}. */
    public static void require(boolean met, String why) {
        if (met) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(why + " (CI=true, so this is not skipped)");
        }
        Assumptions.abort(why + "; skipped");
    }
}
