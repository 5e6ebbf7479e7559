package dev.kino.torrent.schedule;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulePolicyTest {
    @Test
    void nonsenseIsRejectedNamingTheSetting() {
        SchedulePolicy d = SchedulePolicy.DEFAULTS;
        assertNames("readAhead", () -> d.withReadAhead(Duration.ZERO));
        assertNames("readAhead", () -> d.withReadAhead(Duration.ofDays(2)));
        assertNames("defaultBitrate", () -> new SchedulePolicy(d.readAhead(), 0, 2, d.headTailDeadline(),
                d.headTailMaxBytes(), d.headTailFraction(), d.idleTimeout()));
        assertNames("minWindowPieces", () -> new SchedulePolicy(d.readAhead(), d.defaultBitrate(), 0,
                d.headTailDeadline(), d.headTailMaxBytes(), d.headTailFraction(), d.idleTimeout()));
        assertNames("headTailFraction", () -> new SchedulePolicy(d.readAhead(), d.defaultBitrate(), 2,
                d.headTailDeadline(), d.headTailMaxBytes(), Double.NaN, d.idleTimeout()));
        assertNames("idleTimeout", () -> new SchedulePolicy(d.readAhead(), d.defaultBitrate(), 2,
                d.headTailDeadline(), d.headTailMaxBytes(), d.headTailFraction(), Duration.ZERO));
    }

    private static void assertNames(String setting, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(setting + " "), e.getMessage());
    }
}
