package dev.kino.http;

/** The file cannot be played or converted (broken, not media): 422 with the reason. */
final class UnplayableException extends RuntimeException {
    UnplayableException(String message) {
        super(message, null, false, false);
    }
}
