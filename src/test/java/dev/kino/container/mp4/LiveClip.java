package dev.kino.container.mp4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fragmented MP4 as ffmpeg writes it to a pipe for live ingest, made once per test JVM with the system's ffmpeg
 * (test pattern and tone; no binaries are committed), and what ffprobe says about files.
 */
enum LiveClip {
    /** One fragment per 2 s GOP. */
    H264_AAC(6, "video/mp4; codecs=\"avc1.64001F, mp4a.40.2\"",
            "-c:v libx264 -preset veryfast -profile:v high -level 3.1 -g 50 -pix_fmt yuv420p -c:a aac -b:a 96k"),
    /** Fragments of 0.5 s: most do not start with a keyframe. */
    H264_AAC_500MS(6, "video/mp4; codecs=\"avc1.64001F, mp4a.40.2\"",
            "-c:v libx264 -preset veryfast -profile:v high -level 3.1 -g 50 -pix_fmt yuv420p -c:a aac -b:a 96k"
                    + " -frag_duration 500000"),
    H264_BASELINE(2, "video/mp4; codecs=\"avc1.42C01E, mp4a.40.2\"",
            "-c:v libx264 -preset veryfast -profile:v baseline -level 3.0 -g 25 -pix_fmt yuv420p -c:a aac"),
    /** x265 Main at the level it picks for 320x240 (2.0 = 60), tagged hvc1 as Safari wants. */
    HEVC_AAC(4, "video/mp4; codecs=\"hvc1.1.6.L60.90, mp4a.40.2\"",
            "-c:v libx265 -preset ultrafast -x265-params log-level=error -tag:v hvc1 -g 50 -pix_fmt yuv420p -c:a aac"),
    /** Audio only: frag_keyframe alone would make one fragment of the whole stream, so fragments of 1 s. */
    AAC(6, "audio/mp4; codecs=\"mp4a.40.2\"", "-vn -c:a aac -b:a 96k -frag_duration 1000000"),
    VP9_OPUS(2, "video/mp4; codecs=\"vp09.00.20.08, opus\"",
            "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -g 25 -pix_fmt yuv420p -c:a libopus"),
    AV1(2, "video/mp4; codecs=\"av01.0.00M.08\"", "-c:v libsvtav1 -preset 12 -g 25 -pix_fmt yuv420p -an");

    static final String MOVFLAGS = "empty_moov+default_base_moof+frag_keyframe";

    final int seconds;
    final String mimeType;
    private final String codecArgs;
    private byte[] bytes;

    LiveClip(int seconds, String mimeType, String codecArgs) {
        this.seconds = seconds;
        this.mimeType = mimeType;
        this.codecArgs = codecArgs;
    }

    boolean hasVideo() {
        return mimeType.startsWith("video/");
    }

    /** What ffmpeg wrote to its standard output (made on first use). */
    synchronized byte[] bytes() throws IOException, InterruptedException {
        if (bytes == null) {
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
                    "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                    "-t", String.valueOf(seconds)));
            cmd.addAll(List.of(codecArgs.split(" ")));
            cmd.addAll(List.of("-f", "mp4", "-movflags", MOVFLAGS, "pipe:1"));
            bytes = run(cmd);
        }
        return bytes;
    }

    /** Runs a command and returns its standard output; a non-zero exit fails with its standard error. */
    static byte[] run(List<String> cmd) throws IOException, InterruptedException {
        Path err = Files.createTempFile("kino-fmp4", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IOException(cmd.getFirst() + " failed (" + p.exitValue() + "): " + Files.readString(err));
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** ffprobe's output for a file, as text. */
    static String ffprobe(Path file, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        cmd.addAll(List.of(args));
        cmd.add(file.toString());
        return new String(run(cmd));
    }
}
