package dev.kino.store;

/**
 * What ffprobe found in a media file. Absent values are null: an audio file has no width, a raw stream may have no
 * duration. {@code error} is set, and the rest null, when the file could not be probed (broken or not media).
 *
 * @param durationSeconds playing time
 * @param bitrate         overall bits per second
 */
public record MediaInfo(Double durationSeconds, Integer width, Integer height, String videoCodec, String audioCodec,
                        Long bitrate, String error) {

    public static MediaInfo failed(String error) {
        return new MediaInfo(null, null, null, null, null, null, error);
    }
}
