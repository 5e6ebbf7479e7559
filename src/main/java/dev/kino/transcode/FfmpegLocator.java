package dev.kino.transcode;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the ffmpeg and ffprobe Kino runs. In order: the executables named by {@value #FFMPEG_ENV} and
 * {@value #FFPROBE_ENV} (which must work, or startup fails); the system's {@code ffmpeg} and {@code ffprobe} on PATH
 * when both answer {@code -version}; else the executables bundled in the org.bytedeco:ffmpeg jar (linux-x86_64 GPL
 * build), extracted on first use into a cache folder ({@link BundledFfmpeg}); else {@link FfmpegTools#missing()},
 * said once as a warning with the fix. Blocking: runs the tools.
 */
public final class FfmpegLocator {
    public static final String FFMPEG_ENV = "KINO_FFMPEG";
    public static final String FFPROBE_ENV = "KINO_FFPROBE";
    private static final Logger log = LoggerFactory.getLogger(FfmpegLocator.class);
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

    private FfmpegLocator() {}

    /** Locates the tools for this process's environment; the bundled ones are extracted under {@code cacheRoot}. */
    public static FfmpegTools locate(Path cacheRoot) {
        return locate(System.getenv(), cacheRoot);
    }

    /** Locates the tools for the given environment (PATH, KINO_FFMPEG, KINO_FFPROBE). */
    static FfmpegTools locate(Map<String, String> env, Path cacheRoot) {
        return findSystem(env).orElseGet(() -> {
            log.info("no working ffmpeg and ffprobe on PATH; using the bundled ones");
            try {
                return bundled(cacheRoot);
            } catch (IllegalStateException e) {
                log.warn("no ffmpeg: conversion, HLS, posters and media details are off, direct play works ({}); to fix: {}",
                        e.getMessage(), FfmpegTools.HOW_TO_FIX);
                return FfmpegTools.missing();
            }
        });
    }

    /**
     * The system's tools: those named by the override variables, else found on PATH (an overridden ffmpeg's own
     * folder is searched for ffprobe first, and the other way round). Empty if either is missing or does not run;
     * throws {@link IllegalStateException} if an override is set but cannot be honoured.
     */
    static Optional<FfmpegTools> findSystem(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        Optional<Path> ffmpegOverride = override(env, FFMPEG_ENV, path);
        Optional<Path> ffprobeOverride = override(env, FFPROBE_ENV, path);
        Optional<Path> ffmpeg = ffmpegOverride.or(() -> findBeside(ffprobeOverride, "ffmpeg", path));
        Optional<Path> ffprobe = ffprobeOverride.or(() -> findBeside(ffmpegOverride, "ffprobe", path));
        boolean overridden = ffmpegOverride.isPresent() || ffprobeOverride.isPresent();
        if (ffmpeg.isEmpty() || ffprobe.isEmpty()) {
            if (overridden) {
                throw new IllegalStateException((ffmpeg.isEmpty() ? "ffmpeg" : "ffprobe") + " was not found next to the "
                        + "overridden tool nor on PATH; set " + (ffmpeg.isEmpty() ? FFMPEG_ENV : FFPROBE_ENV) + " as well");
            }
            return Optional.empty();
        }
        for (Path tool : List.of(ffmpeg.get(), ffprobe.get())) {
            if (!runs(tool)) {
                if (overridden) {
                    throw new IllegalStateException(tool + " (chosen via " + FFMPEG_ENV + "/" + FFPROBE_ENV
                            + ") does not run: '-version' failed");
                }
                log.info("{} found on PATH but '-version' failed; ignoring the system's ffmpeg", tool);
                return Optional.empty();
            }
        }
        return Optional.of(new FfmpegTools(ffmpeg.get(), ffprobe.get(), FfmpegTools.SYSTEM));
    }

    /**
     * The first executable regular file called {@code name} in the folders of {@code pathVariable} (separated by
     * {@link File#pathSeparator}). Empty entries, which POSIX reads as the working folder, are skipped on purpose.
     */
    static Optional<Path> findOnPath(String name, String pathVariable) {
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Optional<Path> candidate = executable(dir, name);
            if (candidate.isPresent()) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    /**
     * The tools bundled in the org.bytedeco:ffmpeg jar, extracted under {@code cacheRoot} on first use, once they
     * answer {@code -version}. Throws {@link IllegalStateException} saying why when they cannot be had or do not run.
     */
    static FfmpegTools bundled(Path cacheRoot) {
        FfmpegTools tools;
        try {
            tools = BundledFfmpeg.extract(cacheRoot);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled ffmpeg cannot be used: " + e.getMessage(), e);
        }
        for (Path tool : List.of(tools.ffmpeg(), tools.ffprobe())) {
            Optional<String> why = whyNotRunning(tool);
            if (why.isPresent()) {
                throw new IllegalStateException("the bundled " + tool.getFileName() + " does not run: " + why.get());
            }
        }
        return tools;
    }

    /** True if {@code tool -version} exits with 0 within a few seconds. */
    static boolean runs(Path tool) {
        return whyNotRunning(tool).isEmpty();
    }

    /** Empty if {@code tool -version} exits with 0 within a few seconds, else what went wrong. */
    static Optional<String> whyNotRunning(Path tool) {
        try {
            FfmpegProcess.Result r = FfmpegProcess.run(List.of(tool.toString(), "-version"), VERSION_TIMEOUT);
            if (r.succeeded()) {
                return Optional.empty();
            }
            return Optional.of(r.stderr().isEmpty() ? "exit status " + r.exitCode() : r.stderr().get(r.stderr().size() - 1));
        } catch (IOException e) {
            log.debug("{} -version: {}", tool, e.toString());
            return Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static Optional<Path> override(Map<String, String> env, String variable, String path) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<Path> tool = value.contains("/") ? executable(null, value) : findOnPath(value, path);
        return Optional.of(tool.orElseThrow(() -> new IllegalStateException(
                variable + "=" + value + " is not an executable file")));
    }

    private static Optional<Path> findBeside(Optional<Path> sibling, String name, String path) {
        return sibling.map(Path::getParent).flatMap(dir -> executable(dir.toString(), name))
                .or(() -> findOnPath(name, path));
    }

    private static Optional<Path> executable(String dir, String name) {
        try {
            Path p = dir == null ? Path.of(name) : Path.of(dir, name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
