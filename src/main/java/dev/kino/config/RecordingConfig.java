package dev.kino.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recording live streams into the library ({@code live.record-keep}).
 *
 * @param keepAge   recordings older than this are deleted; empty keeps them at any age
 * @param keepBytes most bytes all finished recordings may take together, the oldest deleted first; 0 is no limit
 */
public record RecordingConfig(Optional<Duration> keepAge, long keepBytes) {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,6})?)\\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)");

    /** Every recording is kept. */
    public static RecordingConfig keepAll() {
        return new RecordingConfig(Optional.empty(), 0);
    }

    /**
     * Parses {@code live.record-keep}: empty (keep everything), an age ({@code 7d}, {@code 12h}), a total size
     * ({@code 50GB}, {@code 500MiB}; KB, MB, GB, TB are powers of 1000, KiB… of 1024), or one of each, comma-separated.
     */
    public static RecordingConfig parseKeep(String text) {
        Optional<Duration> age = Optional.empty();
        long bytes = 0;
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            Matcher m = SIZE.matcher(p);
            if (m.matches()) {
                bytes = bytes(m.group(1), m.group(2));
            } else {
                try {
                    age = Optional.of(DurationValue.parse(p));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("live.record-keep: '" + part.trim() + "' is neither an age (7d, 12h) nor a size (50GB, 500MiB)");
                }
            }
        }
        if (age.isPresent() && (age.get().isZero() || age.get().isNegative())) {
            throw new ConfigException("live.record-keep: an age must be longer than zero");
        }
        return new RecordingConfig(age, bytes);
    }

    private static long bytes(String number, String unit) {
        long scale = switch (unit) {
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            default -> 1L;
        };
        BigDecimal b = new BigDecimal(number).multiply(BigDecimal.valueOf(scale));
        if (b.signum() <= 0 || b.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new ConfigException("live.record-keep: a size must be more than zero bytes and less than 8 EiB");
        }
        return b.longValue();
    }
}
