package dev.kino.torrent.schedule;

/**
 * One reader of one file (an HTTP response, an ffmpeg input), as the {@link PieceScheduler} sees it: where it reads
 * and how fast the media plays. Call {@link #position} on every read and seek; the scheduler drops the reader's window
 * when it is closed or when its position was not set for the policy's {@code idleTimeout} (a paused player), and
 * takes it up again at the next {@code position}. Thread-safe: the scheduler's lock guards the fields.
 */
public final class StreamReader implements AutoCloseable {
    private final PieceScheduler scheduler;
    private final int fileIndex;
    private final long fileLength;
    long position;
    long bitrate;
    long touchedNanos;
    boolean closed;

    StreamReader(PieceScheduler scheduler, int fileIndex, long fileLength, long bitrate, long nowNanos) {
        this.scheduler = scheduler;
        this.fileIndex = fileIndex;
        this.fileLength = fileLength;
        this.bitrate = bitrate;
        this.touchedNanos = nowNanos;
    }

    public int fileIndex() {
        return fileIndex;
    }

    /**
     * Moves the reader to {@code fileOffset} (0..file length, the length meaning "at the end"): the window follows at
     * once and the old one is forgotten. A no-op once closed.
     */
    public void position(long fileOffset) {
        if (fileOffset < 0 || fileOffset > fileLength) {
            throw new IllegalArgumentException("position " + fileOffset + " outside file " + fileIndex + " of "
                    + fileLength + " bytes");
        }
        scheduler.moved(this, fileOffset);
    }

    /** Sets the media's bitrate in bytes per second, which sizes the read-ahead window in pieces. */
    public void bitrate(long bytesPerSecond) {
        SchedulePolicy.checkBitrate("bitrate", bytesPerSecond);
        scheduler.bitrateChanged(this, bytesPerSecond);
    }

    /** Drops the reader's window at once; idempotent. */
    @Override
    public void close() {
        scheduler.closed(this);
    }
}
