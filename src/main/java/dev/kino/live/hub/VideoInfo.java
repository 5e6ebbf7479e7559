package dev.kino.live.hub;

/**
 * What a publisher's container says of its video, for the API: the picture size and the frame rate; 0 where it is
 * not known (an audio-only stream, or a container that does not say).
 */
public record VideoInfo(int width, int height, double framesPerSecond) {
    public static final VideoInfo UNKNOWN = new VideoInfo(0, 0, 0);
}
