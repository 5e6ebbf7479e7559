package dev.kino.subtitles;

/** A subtitle file that cannot be read as the format it claims to be; the message says why, for the user. */
public final class SubtitleFormatException extends Exception {
    public SubtitleFormatException(String message) {
        super(message);
    }
}
