package dev.kino.container.mp4;

/** A track's {@code trex} defaults for its fragments. */
record TrackDefaults(long sampleDuration, long sampleSize, int sampleFlags) {
    static final TrackDefaults NONE = new TrackDefaults(0, 0, 0);
}
