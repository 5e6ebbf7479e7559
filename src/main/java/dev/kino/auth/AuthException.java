package dev.kino.auth;

/** Why an authentication step failed; mapped to HTTP statuses only by the http package's ErrorMapper. */
public final class AuthException extends RuntimeException {
    /** The kinds of failure a caller must tell apart. */
    public enum Kind { BAD_CREDENTIALS, RATE_LIMITED, NOT_LOGGED_IN, INVALID_INPUT, CONFLICT }

    private final Kind kind;
    private final long retryAfterSeconds;

    public AuthException(Kind kind, String message) {
        this(kind, message, 0);
    }

    public AuthException(Kind kind, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
