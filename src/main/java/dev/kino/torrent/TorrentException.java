package dev.kino.torrent;

/** A torrent operation failed for a reason the client can be told. */
public final class TorrentException extends Exception {
    /** What went wrong, mapped to an HTTP status by the web layer. */
    public enum Kind { BAD_INPUT, NOT_FOUND, CONFLICT, NO_METADATA, TIMEOUT, GONE, FAILED }

    private final Kind kind;

    public TorrentException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TorrentException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
