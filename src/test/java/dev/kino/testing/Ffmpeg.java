package dev.kino.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes test media with the real ffmpeg (no binaries are committed). */
public final class Ffmpeg {
    private Ffmpeg() {}

    /** An H.264 + AAC MP4 with a moving test picture and a tone, keyframe every 2 s, moov first. */
    public static Path h264Aac(Path out, int seconds) throws IOException, InterruptedException {
        run(List.of("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-g", "50",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", out.toString()));
        return out;
    }

    /** The test sources (picture with a tone, {@code seconds} long) encoded with {@code codecArgs} into {@code out}. */
    public static Path make(Path out, int seconds, String... codecArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000", "-t", String.valueOf(seconds)));
        args.addAll(List.of(codecArgs));
        args.add(out.toString());
        run(args);
        return out;
    }

    /** Audio only: a tone. */
    public static Path audio(Path out, int seconds, String... codecArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", String.valueOf(seconds)));
        args.addAll(List.of(codecArgs));
        args.add(out.toString());
        run(args);
        return out;
    }

    /** Runs a command line and returns its standard output. */
    public static String output(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return out;
    }

    private static void run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("ffmpeg failed: " + output);
        }
    }
}
