package dev.kino.container;

/**
 * An incremental parser: bytes in, {@link ContainerListener} events out, for any split of the input (one byte at a
 * time included). Pure: no I/O, threads, clocks or logging. Not thread-safe: one feeding thread.
 */
public interface ContainerParser {
    /** Parses what it can of {@code len} bytes at {@code off}; keeps the rest for the next call. */
    void feed(byte[] data, int off, int len) throws ParseException;

    /** The input has ended; a truncated element or box is a {@link ParseException}. */
    void endOfInput() throws ParseException;
}
