package dev.kino.transcode;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where ffmpeg and ffprobe are, and whether they are the system's or the bundled ones, or missing.
 *
 * @param source {@link #SYSTEM} (from PATH or named by KINO_FFMPEG/KINO_FFPROBE), {@link #BUNDLED} (extracted from
 *               the org.bytedeco:ffmpeg jar) or {@link #MISSING} (neither runs: see {@link #available()})
 */
public record FfmpegTools(Path ffmpeg, Path ffprobe, String source) {
    public static final String SYSTEM = "system";
    public static final String BUNDLED = "bundled";
    public static final String MISSING = "missing";
    /** What a user is told when there is no ffmpeg: what is missing and the two ways to fix it. */
    public static final String HOW_TO_FIX = "install ffmpeg (apt-get install ffmpeg) or point KINO_FFMPEG and KINO_FFPROBE "
            + "at working executables, then restart Kino";

    /** The state with no working ffmpeg; callers check {@link #available()} before they would run one. */
    public static FfmpegTools missing() {
        return new FfmpegTools(Path.of("ffmpeg"), Path.of("ffprobe"), MISSING);
    }

    /** False when no ffmpeg runs here: direct play works, conversion, HLS, posters and probing do not. */
    public boolean available() {
        return !MISSING.equals(source);
    }

    public FfmpegTools {
        Objects.requireNonNull(ffmpeg, "ffmpeg");
        Objects.requireNonNull(ffprobe, "ffprobe");
        Objects.requireNonNull(source, "source");
    }
}
