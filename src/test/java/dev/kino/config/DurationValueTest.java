package dev.kino.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationValueTest {
    @Test
    void bareNumberIsSeconds() {
        assertEquals(Duration.ofSeconds(90), DurationValue.parse("90"));
    }

    @Test
    void units() {
        assertEquals(Duration.ofSeconds(90), DurationValue.parse("90s"));
        assertEquals(Duration.ofMinutes(15), DurationValue.parse("15m"));
        assertEquals(Duration.ofHours(2), DurationValue.parse("2h"));
        assertEquals(Duration.ofDays(30), DurationValue.parse("30d"));
        assertEquals(Duration.ofMillis(250), DurationValue.parse("250ms"));
    }

    @Test
    void unitsAreCaseInsensitiveAndMayBeSpaced() {
        assertEquals(Duration.ofMinutes(15), DurationValue.parse("15M"));
        assertEquals(Duration.ofMinutes(15), DurationValue.parse(" 15 m "));
        assertEquals(Duration.ofMillis(250), DurationValue.parse("250MS"));
    }

    @Test
    void zeroIsADuration() {
        // rejecting zero is the config loader's job, per key
        assertEquals(Duration.ZERO, DurationValue.parse("0s"));
    }

    @Test
    void iso8601() {
        assertEquals(Duration.ofHours(2), DurationValue.parse("PT2H"));
        assertEquals(Duration.ofMinutes(90), DurationValue.parse("pt1h30m"));
        assertEquals(Duration.ofDays(1), DurationValue.parse("P1D"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", "  ", "s", "1.5h", "-5s", "5 seconds", "10y", "1h30m", "PT", "1234567890123s"})
    void garbageIsRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationValue.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }
}
