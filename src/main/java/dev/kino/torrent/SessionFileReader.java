package dev.kino.torrent;

import dev.kino.torrent.schedule.SchedulePolicy;
import dev.kino.torrent.schedule.StreamReader;
import dev.kino.torrent.schedule.TorrentLayout;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one file of a torrent from disk once the pieces under each read are verified, steering the scheduler to the
 * read position first. Never reads a byte of a piece that is not verified.
 */
final class SessionFileReader implements TorrentFileReader {
    private static final Logger log = LoggerFactory.getLogger(SessionFileReader.class);
    private final TorrentSession session;
    private final LoadedTorrent loaded;
    private final TorrentLayout layout;
    private final StreamReader handle;
    private final Path path;
    private final long fileOffset;
    private final long size;
    private FileChannel channel;
    private boolean closed;

    SessionFileReader(TorrentSession session, LoadedTorrent loaded, int fileIndex) {
        this.session = session;
        this.loaded = loaded;
        this.layout = loaded.layout();
        this.path = loaded.paths().get(fileIndex);
        this.fileOffset = layout.file(fileIndex).offset();
        this.size = layout.file(fileIndex).length();
        this.handle = loaded.scheduler().openReader(fileIndex);
        session.openReaders.incrementAndGet();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long position, ByteBuffer dst, Duration timeout) throws IOException, TorrentException {
        if (closed) {
            throw new TorrentException(TorrentException.Kind.GONE, "reader is closed");
        }
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= size) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        handle.position(position);
        long at = fileOffset + position;
        int piece = layout.pieceAt(at);
        int runEnd;
        try {
            runEnd = session.gate.await(piece, timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for torrent data");
        } catch (TorrentException e) {
            // paused with no Bt session (as after a restart): the pieces on disk still play once they hash right
            if (e.kind() != TorrentException.Kind.GONE || !session.paused() || !LocalPieceCheck.verify(loaded, piece)) {
                throw e;
            }
            session.gate.markVerified(piece);
            runEnd = piece + 1;
        }
        long verifiedEnd = runEnd >= layout.pieceCount() ? layout.totalLength() : layout.pieceStart(runEnd);
        long end = Math.min(Math.min(fileOffset + size, verifiedEnd), at + dst.remaining());
        return readFully(position, dst, (int) (end - at));
    }

    private int readFully(long position, ByteBuffer dst, int count) throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
        ByteBuffer target = dst.slice().limit(count);
        while (target.hasRemaining()) {
            int n = channel.read(target, position + target.position());
            if (n < 0) {
                throw new EOFException(path + " ends before byte " + (position + target.position()));
            }
        }
        dst.position(dst.position() + count);
        return count;
    }

    @Override
    public void bitrate(long bytesPerSecond) {
        if (bytesPerSecond > 0 && bytesPerSecond <= SchedulePolicy.MAX_BITRATE) {
            handle.bitrate(bytesPerSecond);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        handle.close();
        session.openReaders.decrementAndGet();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("torrent {}: closing {}: {}", session.infoHash, path, e.toString());
            }
        }
    }
}
