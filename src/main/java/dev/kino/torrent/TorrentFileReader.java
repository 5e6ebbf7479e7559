package dev.kino.torrent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A blocking reader of one file in a torrent. Each read tells the scheduler where the reader is, so the pieces under
 * it and ahead of it are fetched first. Not thread-safe: one reader per HTTP response or ffmpeg input.
 */
public interface TorrentFileReader extends AutoCloseable {

    /** The file's length in bytes. */
    long size();

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code position}, blocking until at least the first byte's piece is
     * verified. Returns the count read (at least 1 unless {@code position >= size()}, then -1).
     *
     * @throws java.util.concurrent.TimeoutException wrapped in {@link TorrentException} when no data came in time
     * @throws TorrentException when the torrent was removed or paused under the reader
     */
    int read(long position, ByteBuffer dst, Duration timeout) throws IOException, TorrentException;

    /** Tells the scheduler the reader's bitrate (bytes of media per second) when known, to size its read-ahead. */
    void bitrate(long bytesPerSecond);

    @Override
    void close();
}
