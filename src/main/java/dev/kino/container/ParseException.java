package dev.kino.container;

/** The input cannot be parsed: malformed (broken data) or valid but using a feature Kino does not support. */
public final class ParseException extends Exception {
    private final boolean malformed;

    private ParseException(String message, boolean malformed) {
        super(message);
        this.malformed = malformed;
    }

    public static ParseException malformed(String message) {
        return new ParseException(message, true);
    }

    public static ParseException unsupported(String message) {
        return new ParseException(message, false);
    }

    public boolean isMalformed() {
        return malformed;
    }
}
