package dev.kino.transcode;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where ffmpeg and ffprobe are, and whether they are the system's or the bundled ones.
 *
 * @param source {@link #SYSTEM} (from PATH or named by KINO_FFMPEG/KINO_FFPROBE) or {@link #BUNDLED} (extracted from
 *               the org.bytedeco:ffmpeg jar)
 */
public record FfmpegTools(Path ffmpeg, Path ffprobe, String source) {
    public static final String SYSTEM = "system";
    public static final String BUNDLED = "bundled";

    public FfmpegTools {
        Objects.requireNonNull(ffmpeg, "ffmpeg");
        Objects.requireNonNull(ffprobe, "ffprobe");
        Objects.requireNonNull(source, "source");
    }
}
