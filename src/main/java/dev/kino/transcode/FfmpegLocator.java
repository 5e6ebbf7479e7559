package dev.kino.transcode;

import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary: finds ffmpeg and ffprobe on the PATH (to be replaced by the full locator). */
public final class FfmpegLocator {
    private FfmpegLocator() {}

    public static FfmpegTools locate() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path f = Path.of(dir, "ffmpeg");
            Path p = Path.of(dir, "ffprobe");
            if (Files.isExecutable(f) && Files.isExecutable(p)) {
                return new FfmpegTools(f, p, "system");
            }
        }
        throw new IllegalStateException("no ffmpeg");
    }
}
