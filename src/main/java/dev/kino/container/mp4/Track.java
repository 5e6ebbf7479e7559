package dev.kino.container.mp4;

/**
 * An audio or video track of the init segment.
 *
 * @param timescale units per second of its media timeline ({@code mdhd}), never 0
 * @param codec     its RFC 6381 codec string
 * @param width     the picture width its {@code tkhd} gives (0 for audio, or when it gives none)
 * @param height    the picture height, likewise
 */
record Track(int id, boolean video, long timescale, String codec, TrackDefaults defaults, int width, int height) {}
