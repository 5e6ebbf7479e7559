package dev.kino.container.mp4;

/**
 * What one {@code traf} says about its track.
 *
 * @param baseDecodeTime  {@code tfdt} baseMediaDecodeTime in the track's timescale, or -1 without a {@code tfdt}
 * @param sampleCount     samples in all its {@code trun}s
 * @param firstSampleSync whether the first sample is a sync sample (false when there are no samples)
 * @param duration        the sum of its sample durations, in the track's timescale
 */
record TrafSummary(int trackId, long baseDecodeTime, long sampleCount, boolean firstSampleSync, long duration) {}
