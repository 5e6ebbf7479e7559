package dev.kino.http;

/** The request itself is wrong (bad JSON, a missing field, a malformed parameter): 400. */
final class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message, null, false, false);
    }
}
