package dev.kino.transcode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Joining files without re-encoding: the pieces of a live recording into one file with its index where players
 * look first (MP4 {@code +faststart}; WebM gets its Cues, which ffmpeg writes to any seekable output). ffmpeg's concat
 * demuxer carries each later piece's timestamps on from where the one before ended, but it takes "where it ended"
 * from the piece's duration, which a piece written as a live stream does not state (so a WebM join repeated the last
 * Opus packet), and it does not convert between time bases, which MP4 pieces from different packagers have (ffmpeg's
 * fMP4 uses 1/12800 for 25 fps video, Kino's FLV re-packaging 1/1000). Several pieces are therefore first copied each
 * into a file of their own that states its duration, MP4 ones with a common video timescale. A sample cut short (a
 * piece whose writing was cut off) is dropped rather than copied as a frame that cannot decode.
 */
public final class FfmpegRemux {
    /** The video timescale pieces are brought to: 90 kHz, which every frame rate in use divides well. */
    static final String TIMESCALE = "90000";

    private FfmpegRemux() {}

    /** ffmpeg copying the files an ffconcat list names, in order, into one {@code format} ({@code mp4} or {@code webm}). */
    public static List<String> concatCommand(FfmpegTools tools, Path concatList, Path output, String format) {
        List<String> a = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-fflags", "+discardcorrupt", "-f", "concat", "-safe", "0", "-i", "file:" + concatList.toAbsolutePath(),
                "-map", "0", "-c", "copy"));
        if (format.equals("mp4")) {
            a.addAll(List.of("-movflags", "+faststart"));
        }
        a.addAll(List.of("-f", format, "-y", "file:" + output.toAbsolutePath()));
        return List.copyOf(a);
    }

    /** ffmpeg copying one piece into a file of {@code format} that states its duration (MP4: at the common timescale). */
    public static List<String> pieceCommand(FfmpegTools tools, Path piece, Path output, String format) {
        List<String> a = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-fflags", "+discardcorrupt", "-i", "file:" + piece.toAbsolutePath(), "-map", "0", "-c", "copy"));
        if (format.equals("mp4")) {
            a.addAll(List.of("-video_track_timescale", TIMESCALE));
        }
        a.addAll(List.of("-f", format, "-y", "file:" + output.toAbsolutePath()));
        return List.copyOf(a);
    }

    /**
     * Joins {@code pieces} (all in one folder, which also takes the temporary files) into {@code output}; throws with
     * ffmpeg's last words if it fails, or if any step takes longer than {@code timeout}.
     */
    public static void run(FfmpegTools tools, List<Path> pieces, Path output, String format, Duration timeout) throws IOException {
        if (!tools.available()) {
            throw new IOException("no ffmpeg: " + FfmpegTools.HOW_TO_FIX);
        }
        Path folder = output.toAbsolutePath().getParent();
        List<Path> temporary = new ArrayList<>();
        try {
            List<Path> inputs = pieces;
            if (pieces.size() > 1) {
                inputs = new ArrayList<>();
                for (Path p : pieces) {
                    Path t = folder.resolve("copied-" + p.getFileName());
                    temporary.add(t);
                    execute(pieceCommand(tools, p, t, format), timeout);
                    inputs.add(t);
                }
            }
            Path list = folder.resolve("pieces.ffconcat");
            temporary.add(list);
            StringBuilder s = new StringBuilder("ffconcat version 1.0\n");
            for (Path p : inputs) {
                s.append("file 'file:").append(p.toAbsolutePath().toString().replace("'", "'\\''")).append("'\n");
            }
            Files.writeString(list, s, StandardCharsets.UTF_8);
            execute(concatCommand(tools, list, output, format), timeout);
        } finally {
            for (Path t : temporary) {
                Files.deleteIfExists(t);
            }
        }
    }

    private static void execute(List<String> argv, Duration timeout) throws IOException {
        try {
            FfmpegProcess.Result r = FfmpegProcess.run(argv, timeout);
            if (!r.succeeded()) {
                throw new IOException("ffmpeg exited with " + r.exitCode() + (r.stderr().isEmpty() ? "" : ": " + r.stderr().getLast()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg joined the pieces");
        }
    }
}
