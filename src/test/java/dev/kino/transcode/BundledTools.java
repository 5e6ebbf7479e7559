package dev.kino.transcode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The bundled ffmpeg 6.1 for tests that need a newer ffmpeg than the system's (Enhanced RTMP: HEVC and AV1 in FLV
 * came with ffmpeg 6.1), extracted once per build under {@code target/}.
 */
public final class BundledTools {
    private BundledTools() {}

    public static synchronized FfmpegTools get() {
        try {
            return BundledFfmpeg.extract(Path.of("target", "bundled-ffmpeg").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
