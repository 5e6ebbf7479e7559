package dev.kino.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalLong;

/** HTTP dates (RFC 9110 §5.6.7): IMF-fixdate out; IMF-fixdate, RFC 850 and asctime in. Pure. */
final class HttpDates {
    private static final DateTimeFormatter IMF =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC850 = DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US);
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US);

    private HttpDates() {}

    static String format(long epochMillis) {
        return IMF.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Seconds since the epoch, or empty if the text is not an HTTP date (the header is then ignored). */
    static OptionalLong parseSeconds(String text) {
        if (text == null || text.length() > 64) {
            return OptionalLong.empty();
        }
        String s = text.trim();
        try {
            return OptionalLong.of(java.time.ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond());
        } catch (DateTimeParseException ignored) {
            // not IMF-fixdate; try the obsolete forms
        }
        try {
            return OptionalLong.of(LocalDateTime.parse(s, RFC850).toEpochSecond(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // not RFC 850 either
        }
        try {
            return OptionalLong.of(LocalDateTime.parse(s.replaceAll("\\s+", " "), ASCTIME).toEpochSecond(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }
}
