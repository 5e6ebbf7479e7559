package dev.kino.http.range;

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
    private static final DateTimeFormatter RFC850_REST = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.US);
    private static final java.util.regex.Pattern RFC850 =
            java.util.regex.Pattern.compile("[A-Za-z]+, (\\d{2}-[A-Za-z]{3}-)(\\d{2})( \\d{2}:\\d{2}:\\d{2}) GMT");
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US);

    private HttpDates() {}

    static String format(long epochMillis) {
        return IMF.format(Instant.ofEpochMilli(epochMillis));
    }

    /** RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is the most recent past year with those digits. */
    private static int fullYear(int twoDigits) {
        int thisYear = java.time.Year.now(ZoneOffset.UTC).getValue();
        int year = thisYear - thisYear % 100 + twoDigits;
        return year > thisYear + 50 ? year - 100 : year;
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
        java.util.regex.Matcher m = RFC850.matcher(s);
        if (m.matches()) {
            try {
                return OptionalLong.of(LocalDateTime.parse(m.group(1) + fullYear(Integer.parseInt(m.group(2))) + m.group(3), RFC850_REST)
                        .toEpochSecond(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(LocalDateTime.parse(s.replaceAll("\\s+", " "), ASCTIME).toEpochSecond(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }
}
