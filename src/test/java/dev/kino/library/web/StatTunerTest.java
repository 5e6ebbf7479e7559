package dev.kino.library.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatTunerTest {
    @Test
    void slowStatsMoveOffTheLoopAndFastOnesBringThemBack() {
        StatTuner t = new StatTuner();
        assertTrue(t.inline(), "starts inline");
        for (int i = 0; i < 20; i++) {
            t.record(20_000);
        }
        assertTrue(t.inline(), "20 µs stats stay inline");
        t.record(50_000_000);
        assertFalse(t.inline(), "one 50 ms stat (a sleeping disk) moves stats to workers");
        int fastOnesNeeded = 0;
        while (!t.inline() && fastOnesNeeded < 1000) {
            t.record(20_000);
            fastOnesNeeded++;
        }
        assertTrue(t.inline(), "fast stats bring it back");
        assertTrue(fastOnesNeeded > 5, "but not after a single fast one: " + fastOnesNeeded);
    }
}
