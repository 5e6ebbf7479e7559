package dev.kino.container.mp4;

/** A track's {@code trex} defaults for its fragments (the ones this parser needs). */
record TrackDefaults(long sampleDuration, int sampleFlags) {
    static final TrackDefaults NONE = new TrackDefaults(0, 0);
}
