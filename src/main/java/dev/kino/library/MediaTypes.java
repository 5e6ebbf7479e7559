package dev.kino.library;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The audio and video files Kino lists, by file extension, with the Content-Type each is served as. */
public final class MediaTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("mov", "video/quicktime"),
            Map.entry("webm", "video/webm"), Map.entry("mkv", "video/x-matroska"), Map.entry("avi", "video/x-msvideo"),
            Map.entry("flv", "video/x-flv"), Map.entry("ts", "video/mp2t"), Map.entry("m2ts", "video/mp2t"),
            Map.entry("mts", "video/mp2t"), Map.entry("mpg", "video/mpeg"), Map.entry("mpeg", "video/mpeg"),
            Map.entry("wmv", "video/x-ms-wmv"), Map.entry("ogv", "video/ogg"), Map.entry("3gp", "video/3gpp"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"),
            Map.entry("flac", "audio/flac"), Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"),
            Map.entry("oga", "audio/ogg"), Map.entry("opus", "audio/ogg"), Map.entry("weba", "audio/webm"));

    private MediaTypes() {}

    /** The MIME type of a media file name, or empty if Kino does not list files of that kind. */
    public static Optional<String> of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
