package dev.kino.http;

/** The request itself is wrong (bad JSON, a missing field, a malformed parameter): 400. */
public final class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
