package dev.kino.transcode;

/** The file cannot be played or converted (broken, not media): 422 with the reason. */
public final class UnplayableException extends RuntimeException {
    public UnplayableException(String message) {
        super(message, null, false, false);
    }
}
