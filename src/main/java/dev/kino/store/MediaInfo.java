package dev.kino.store;

import java.util.List;

/**
 * What ffprobe found in a media file. Absent values are null: an audio file has no width, a raw stream may have no
 * duration. {@code error} is set, and the rest null, when the file could not be probed (broken or not media).
 *
 * @param durationSeconds playing time
 * @param bitrate         overall bits per second
 * @param subtitles       the file's subtitle streams, in stream order
 * @param chapters        the container's chapters, in time order
 */
public record MediaInfo(Double durationSeconds, Integer width, Integer height, String videoCodec, String audioCodec,
                        Long bitrate, String error, List<SubtitleStream> subtitles, List<Chapter> chapters) {

    public MediaInfo {
        subtitles = subtitles == null ? List.of() : List.copyOf(subtitles);
        chapters = chapters == null ? List.of() : List.copyOf(chapters);
    }

    public MediaInfo(Double durationSeconds, Integer width, Integer height, String videoCodec, String audioCodec,
                     Long bitrate, String error) {
        this(durationSeconds, width, height, videoCodec, audioCodec, bitrate, error, List.of(), List.of());
    }

    /** A chapter of the container: from {@code start} to {@code end} seconds, with its title or null. */
    public record Chapter(double start, double end, String title) {}

    public static MediaInfo failed(String error) {
        return new MediaInfo(null, null, null, null, null, null, error);
    }

    /**
     * A subtitle stream inside the file.
     *
     * @param index    the stream's index in the file (ffmpeg's {@code -map 0:INDEX})
     * @param codec    ffprobe's codec name: {@code subrip}, {@code ass}, {@code mov_text}, {@code hdmv_pgs_subtitle} ...
     * @param language the language tag as the file has it ({@code eng}, {@code fre}), or null
     * @param title    the stream's title, or null
     */
    public record SubtitleStream(int index, String codec, String language, String title, boolean isDefault,
                                 boolean forced, boolean hearingImpaired) {}
}
