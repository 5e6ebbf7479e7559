package dev.kino.transcode;

import java.nio.file.Path;

/** Where ffmpeg and ffprobe are, and whether they are the system's or the bundled ones. */
public record FfmpegTools(Path ffmpeg, Path ffprobe, String source) {}
