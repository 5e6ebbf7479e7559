package dev.kino.cli;

/** A command-line mistake reported as one line, exit status 2. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message, null, false, false);
    }
}
