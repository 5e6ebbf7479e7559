package dev.kino.container.webm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Live WebM/Matroska made by the real ffmpeg writing to a pipe (made once per test JVM), and ffprobe on bytes. */
final class TestMedia {
    private static final List<String> SOURCES = List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "6");
    private static final ConcurrentHashMap<String, CompletableFuture<byte[]>> MADE = new ConcurrentHashMap<>();

    /** The kinds of stream {@link #stream} makes. */
    static final List<String> KINDS = List.of("vp8", "vp9", "h264");

    private TestMedia() {}

    /**
     * 6 s of test picture and tone, keyframe every 2 s: {@code vp8} and {@code vp9} (with Opus, {@code -f webm}),
     * {@code h264} (libx264 High@3.0 with Opus, {@code -f matroska}: the WebM muxer refuses H.264), {@code opus}.
     */
    static byte[] stream(String kind) {
        return MADE.computeIfAbsent(kind, k -> CompletableFuture.supplyAsync(() -> make(k))).join();
    }

    /** Starts making every kind in the background. */
    static void prepareAll() {
        for (String kind : List.of("vp8", "vp9", "h264", "opus")) {
            MADE.computeIfAbsent(kind, k -> CompletableFuture.supplyAsync(() -> make(k)));
        }
    }

    private static byte[] make(String kind) {
        List<String> args = new ArrayList<>(SOURCES);
        args.addAll(switch (kind) {
            case "vp8" -> List.of("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-g", "50",
                    "-c:a", "libopus", "-f", "webm");
            case "vp9" -> List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "50",
                    "-c:a", "libopus", "-f", "webm");
            case "h264" -> List.of("-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-level", "3.0",
                    "-pix_fmt", "yuv420p", "-g", "50", "-c:a", "libopus", "-f", "matroska");
            case "opus" -> List.of("-vn", "-c:a", "libopus", "-f", "webm");
            default -> throw new IllegalArgumentException(kind);
        });
        return run("ffmpeg", args);
    }

    /** Runs ffprobe with {@code args} on {@code file} (written to a temporary file) and returns its output. */
    static String ffprobe(byte[] file, String... args) {
        try {
            Path tmp = Files.createTempFile("kino-webm", ".mkv");
            try {
                Files.write(tmp, file);
                List<String> all = new ArrayList<>(List.of("-v", "error"));
                all.addAll(List.of(args));
                all.add(tmp.toString());
                return new String(run("ffprobe", all));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] run(String tool, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(tool, "-hide_banner"));
        if (tool.equals("ffmpeg")) {
            cmd.addAll(List.of("-loglevel", "error", "-nostdin"));
        }
        cmd.addAll(args);
        if (tool.equals("ffmpeg")) {
            cmd.add("pipe:1");
        }
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = readAll(p.getInputStream());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(tool + " failed: " + new String(stderr.join()) + " " + cmd);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
