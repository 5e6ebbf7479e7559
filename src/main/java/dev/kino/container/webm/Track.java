package dev.kino.container.webm;

/**
 * One TrackEntry of the Tracks element, reduced to what the codec string and the keyframe rule need.
 *
 * @param type           Matroska TrackType: {@link #VIDEO}, {@link #AUDIO} or another kind (subtitles…)
 * @param codecPrivate   CodecPrivate, empty when absent
 * @param bitsPerChannel Video/Colour/BitsPerChannel, 0 when absent
 */
record Track(long number, int type, String codecId, byte[] codecPrivate, int bitsPerChannel) {
    static final int VIDEO = 1;
    static final int AUDIO = 2;

    boolean isVideo() {
        return type == VIDEO;
    }

    boolean isAudio() {
        return type == AUDIO;
    }
}
