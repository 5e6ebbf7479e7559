package dev.kino.transcode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Joining files without re-encoding: the pieces of a live recording, listed in an ffconcat file, into one file with
 * its index where players look first (MP4 {@code +faststart}; WebM gets its Cues, which ffmpeg writes to any
 * seekable output). The concat demuxer carries each later piece's timestamps on from where the one before ended. A
 * sample cut short (a piece whose writing was cut off) is dropped rather than copied as a frame that cannot decode.
 */
public final class FfmpegRemux {
    private FfmpegRemux() {}

    /** The ffmpeg command line: every stream copied, {@code format} ({@code mp4} or {@code webm}) written to {@code output}. */
    public static List<String> concatCommand(FfmpegTools tools, Path concatList, Path output, String format) {
        List<String> a = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-fflags", "+discardcorrupt", "-f", "concat", "-safe", "0", "-i", "file:" + concatList.toAbsolutePath(), "-map", "0", "-c", "copy"));
        if (format.equals("mp4")) {
            a.addAll(List.of("-movflags", "+faststart"));
        }
        a.addAll(List.of("-f", format, "-y", "file:" + output.toAbsolutePath()));
        return List.copyOf(a);
    }

    /** Runs {@link #concatCommand}; throws with ffmpeg's last words if it fails or takes longer than {@code timeout}. */
    public static void run(FfmpegTools tools, Path concatList, Path output, String format, Duration timeout) throws IOException {
        if (!tools.available()) {
            throw new IOException("no ffmpeg: " + FfmpegTools.HOW_TO_FIX);
        }
        try {
            FfmpegProcess.Result r = FfmpegProcess.run(concatCommand(tools, concatList, output, format), timeout);
            if (!r.succeeded()) {
                throw new IOException("ffmpeg exited with " + r.exitCode()
                        + (r.stderr().isEmpty() ? "" : ": " + r.stderr().getLast()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg joined the pieces");
        }
    }
}
