package dev.kino.transcode;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Turns the lines of ffmpeg's {@code -progress} output into {@link Progress} records. Pure and incremental: feed it
 * one line at a time; each {@code progress=continue|end} line closes a block and yields its record. Unknown keys,
 * {@code N/A} values and lines that are not {@code key=value} are ignored. Not thread-safe (one parser per process).
 */
public final class FfmpegProgressParser {
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,15}(\\.\\d{1,9})?");

    private OptionalLong outTimeUs = OptionalLong.empty();
    private OptionalLong outTimeMsField = OptionalLong.empty();
    private OptionalDouble speed = OptionalDouble.empty();
    private OptionalLong frame = OptionalLong.empty();
    private OptionalDouble fps = OptionalDouble.empty();
    private OptionalLong totalSize = OptionalLong.empty();

    /** Takes one line (without its line break); returns a record when the line ends a block. */
    public Optional<Progress> feed(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return Optional.empty();
        }
        String key = line.substring(0, eq).trim();
        String value = line.substring(eq + 1).trim();
        switch (key) {
            case "out_time_us" -> outTimeUs = nonNegativeLong(value);
            // despite its name, ffmpeg writes microseconds here too
            case "out_time_ms" -> outTimeMsField = nonNegativeLong(value);
            case "speed" -> speed = nonNegativeDouble(value.endsWith("x") ? value.substring(0, value.length() - 1) : value);
            case "frame" -> frame = nonNegativeLong(value);
            case "fps" -> fps = nonNegativeDouble(value);
            case "total_size" -> totalSize = nonNegativeLong(value);
            case "progress" -> {
                return Optional.of(finishBlock(value.equals("end")));
            }
            default -> { }
        }
        return Optional.empty();
    }

    private Progress finishBlock(boolean end) {
        OptionalLong outTime = outTimeUs.isPresent() ? outTimeUs : outTimeMsField;
        Progress p = new Progress(outTime, speed, frame, fps, totalSize, end);
        outTimeUs = OptionalLong.empty();
        outTimeMsField = OptionalLong.empty();
        speed = OptionalDouble.empty();
        frame = OptionalLong.empty();
        fps = OptionalDouble.empty();
        totalSize = OptionalLong.empty();
        return p;
    }

    private static OptionalLong nonNegativeLong(String s) {
        if (s.isEmpty() || s.length() > 18) { // 18 digits always fit a long
            return OptionalLong.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return OptionalLong.empty(); // N/A, negative (ffmpeg's "no timestamp yet"), garbage
            }
        }
        return OptionalLong.of(Long.parseLong(s));
    }

    private static OptionalDouble nonNegativeDouble(String s) {
        if (!DECIMAL.matcher(s).matches()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Double.parseDouble(s));
    }
}
