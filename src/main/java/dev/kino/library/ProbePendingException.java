package dev.kino.library;

import java.io.IOException;

/** ffprobe could not read enough of a source in time (a torrent's first or last pieces have not arrived): try later. */
public final class ProbePendingException extends IOException {
    public ProbePendingException(String message) {
        super(message);
    }
}
