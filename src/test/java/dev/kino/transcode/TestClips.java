package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test media made with the real ffmpeg, and what ffprobe says about files. */
final class TestClips {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TestClips() {}

    /** The system's ffmpeg and ffprobe (the tests need them installed). */
    static FfmpegTools system() {
        return FfmpegLocator.findSystem(System.getenv()).orElseThrow(() -> new AssertionError("no system ffmpeg"));
    }

    /** A 4 s 320x240 H.264 + AAC (48 kHz) MP4. */
    static Path clip(FfmpegTools tools, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("in.mp4");
        ffmpeg(tools, "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=48000",
                "-t", "4", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-y", out.toString());
        return out;
    }

    /** A 4 s audio-only AAC file in MP4. */
    static Path audioOnly(FfmpegTools tools, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("tone.m4a");
        ffmpeg(tools, "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "4", "-c:a", "aac", "-y", out.toString());
        return out;
    }

    static void ffmpeg(FfmpegTools tools, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(tools.ffmpeg().toString(), "-nostdin", "-hide_banner", "-loglevel", "error"));
        argv.addAll(List.of(args));
        FfmpegProcess.Result r = FfmpegProcess.run(argv, TIMEOUT);
        assertEquals(0, r.exitCode(), () -> "ffmpeg failed: " + r.stderr());
    }

    /**
     * What ffprobe reports: codec per stream type ("video", "audio"), the video height, and the duration as the end of
     * the last packet, less the start of the first. (The container's own duration is no use here: Matroska written to a pipe has none, and ffprobe
     * then estimates one from the bitrate, which can be wildly off.)
     */
    record Probe(Map<String, String> codecs, int height, double durationSeconds) {}

    static Probe probe(FfmpegTools tools, Path file) throws IOException, InterruptedException {
        Map<String, String> fields = new HashMap<>();
        Map<String, String> codecs = new HashMap<>();
        String type = null;
        for (String line : ffprobe(tools, "-show_entries", "stream=codec_type,codec_name,height",
                "-of", "default=nw=1", file.toString()).split("\n")) {
            String[] kv = line.split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("codec_name")) {
                type = kv[1]; // codec_name comes before codec_type
            } else if (kv[0].equals("codec_type") && type != null) {
                codecs.putIfAbsent(kv[1], type);
            } else {
                fields.putIfAbsent(kv[0], kv[1]);
            }
        }
        int height = fields.containsKey("height") && !fields.get("height").equals("N/A") ? Integer.parseInt(fields.get("height")) : 0;
        return new Probe(codecs, height, packetSpan(tools, file));
    }

    /** From the first packet's start to the last packet's end (MPEG-TS starts at 1.4 s, not 0). */
    private static double packetSpan(FfmpegTools tools, Path file) throws IOException, InterruptedException {
        double start = Double.MAX_VALUE;
        double end = 0;
        for (String line : ffprobe(tools, "-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0", file.toString())
                .split("\n")) {
            String[] v = line.split(",");
            if (v.length >= 1 && !v[0].isBlank() && !v[0].equals("N/A")) {
                double pts = Double.parseDouble(v[0]);
                start = Math.min(start, pts);
                end = Math.max(end, pts + (v.length > 1 && !v[1].equals("N/A") ? Double.parseDouble(v[1]) : 0));
            }
        }
        return start == Double.MAX_VALUE ? 0 : end - start;
    }

    private static String ffprobe(FfmpegTools tools, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(tools.ffprobe().toString(), "-v", "error"));
        argv.addAll(List.of(args));
        FfmpegProcess.Result r = FfmpegProcess.run(argv, TIMEOUT);
        assertEquals(0, r.exitCode(), () -> "ffprobe failed: " + r.stderr());
        return r.stdout();
    }
}
