package dev.kino.http.range;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP-date, RFC 9110 §5.6.7. */
class HttpDatesTest {
    /** The instant of the RFC's examples: Sun, 06 Nov 1994 08:49:37 GMT. */
    private static final long EXAMPLE = 784111777L;

    @Test
    void formatsImfFixdate() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(EXAMPLE * 1000));
    }

    @Test
    void formatsTheEpoch() {
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDates.format(0));
    }

    @Test
    void formatTruncatesMilliseconds() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(EXAMPLE * 1000 + 999));
    }

    @Test
    void formatUsesTwoDigitDaysAndHours() {
        // 2024-03-04T05:06:07Z
        assertEquals("Mon, 04 Mar 2024 05:06:07 GMT", HttpDates.format(1709528767_000L));
    }

    @Test
    void formatUsesEnglishNamesWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("Thu, 01 May 2025 12:00:00 GMT", HttpDates.format(1746100800_000L));
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(EXAMPLE * 1000));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void parsesImfFixdate() {
        assertEquals(OptionalLong.of(EXAMPLE), HttpDates.parseSeconds("Sun, 06 Nov 1994 08:49:37 GMT"));
    }

    @Test
    void parsesRfc850Date() {
        assertEquals(OptionalLong.of(EXAMPLE), HttpDates.parseSeconds("Sunday, 06-Nov-94 08:49:37 GMT"));
    }

    @Test
    void parsesAsctimeDate() {
        assertEquals(OptionalLong.of(EXAMPLE), HttpDates.parseSeconds("Sun Nov  6 08:49:37 1994"));
    }

    @Test
    void parsesAsctimeDateWithTwoDigitDay() {
        assertEquals(OptionalLong.of(EXAMPLE + 10 * 86_400), HttpDates.parseSeconds("Wed Nov 16 08:49:37 1994"));
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertEquals(OptionalLong.of(EXAMPLE), HttpDates.parseSeconds("  Sun, 06 Nov 1994 08:49:37 GMT \t"));
    }

    @Test
    void formattedDatesParseBack() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            long seconds = random.nextLong(0, 4_102_444_800L); // up to 2100-01-01
            assertEquals(OptionalLong.of(seconds), HttpDates.parseSeconds(HttpDates.format(seconds * 1000)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "garbage",
        "784111777",
        "1994-11-06T08:49:37Z",
        "Sun, 06 Nov 1994",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:61:37 GMT",
        "Sun Nov  6 08:49:37",
        "Sun, 06 Nov 1994 08:49:37 GMT and a lot more text after it so that it is longer than any date",
    })
    void garbageIsNotADate(String text) {
        assertEquals(OptionalLong.empty(), HttpDates.parseSeconds(text));
    }

    @Test
    void nullIsNotADate() {
        assertEquals(OptionalLong.empty(), HttpDates.parseSeconds(null));
    }
}
