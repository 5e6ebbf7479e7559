package dev.kino.transcode;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The encoders an ffmpeg build has, from {@code ffmpeg -hide_banner -encoders}. */
public final class FfmpegEncoders {
    /** A listing row: six flag characters (type first, then F S X B D or dots), the name, a description. */
    private static final Pattern ROW = Pattern.compile("\\s*[VAS][.A-Z]{5}\\s+(\\S+)(?:\\s.*)?");

    private FfmpegEncoders() {}

    /** Runs {@code ffmpeg -encoders} and returns the encoder names. Blocking. */
    public static Set<String> query(FfmpegTools tools, Duration timeout) throws IOException, InterruptedException {
        FfmpegProcess.Result result = FfmpegProcess.run(FfmpegCommand.encoders(tools), timeout);
        if (!result.succeeded()) {
            throw new IOException("ffmpeg -encoders exited with " + result.exitCode() + ": " + result.stderr());
        }
        return parse(result.stdout());
    }

    /** Parses the listing; the legend above the rows (whose names are "=" lines) is skipped. Pure. */
    public static Set<String> parse(String listing) {
        Set<String> names = new HashSet<>();
        for (String line : listing.split("\\R")) {
            Matcher m = ROW.matcher(line);
            if (m.matches() && !m.group(1).equals("=")) {
                names.add(m.group(1));
            }
        }
        return Set.copyOf(names);
    }
}
