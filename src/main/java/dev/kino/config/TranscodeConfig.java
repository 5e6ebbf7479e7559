package dev.kino.config;

/**
 * ffmpeg jobs.
 *
 * @param maxConcurrent transcodes and conversions that may run at once; more are answered 503 with Retry-After
 */
public record TranscodeConfig(int maxConcurrent) {}
