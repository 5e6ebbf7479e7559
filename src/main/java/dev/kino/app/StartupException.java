package dev.kino.app;

/** The server cannot start for a reason the user can act on; its message says what to do, and is all that is shown. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }
}
