package dev.kino.torrent.schedule;

import java.util.Arrays;

/**
 * The pieces active readers need soon, each with a deadline in milliseconds of playback: the read-ahead window of
 * every reader and the head and tail of every file being read. Pure; built afresh for each {@link PieceScheduler#order}
 * call. A piece added twice keeps its earliest deadline, because {@link #sorted()} puts that one first.
 */
final class DeadlinePlan {
    private final TorrentLayout layout;
    private final SchedulePolicy policy;
    private long[] keys = new long[64];
    private int size;

    DeadlinePlan(TorrentLayout layout, SchedulePolicy policy) {
        this.layout = layout;
        this.policy = policy;
    }

    /**
     * Adds the window of a reader at {@code position} of a file playing at {@code bitrate} bytes per second: the piece
     * under the position (deadline 0) and the pieces after it covering {@code readAhead} of playback, at least
     * {@code minWindowPieces}, never past the file's end. Each is due when playback reaches its first byte.
     *
     * @return the index just past the window's last piece, or -1 when the reader is at the file's end
     */
    int addWindow(int fileIndex, long position, long bitrate) {
        TorrentLayout.FileSpan f = layout.file(fileIndex);
        if (position >= f.length()) {
            return -1;
        }
        long at = f.offset() + position;
        long readAheadMillis = policy.readAhead().toMillis();
        long readAheadBytes = readAheadMillis > Long.MAX_VALUE / bitrate ? Long.MAX_VALUE : readAheadMillis * bitrate / 1000;
        long windowEnd = f.end() - at <= readAheadBytes ? f.end() : at + Math.max(1, readAheadBytes);
        int current = layout.pieceAt(at);
        int fileLast = layout.pieceAt(f.end() - 1);
        int last = Math.max(layout.pieceAt(windowEnd - 1), (int) Math.min(fileLast, (long) current + policy.minWindowPieces() - 1));
        for (int piece = current; piece <= last; piece++) {
            long bytesAhead = Math.max(0, layout.pieceStart(piece) - at);
            add(piece, bytesAhead > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : bytesAhead * 1000 / bitrate);
        }
        return last + 1;
    }

    /**
     * Adds the first and last {@code max(1 piece, min(headTailMaxBytes, headTailFraction × length))} bytes of a file,
     * due at {@code headTailDeadline}: that is where an MP4 {@code moov} or the Matroska Cues live.
     */
    void addHeadAndTail(int fileIndex) {
        TorrentLayout.FileSpan f = layout.file(fileIndex);
        long bytes = Math.min(f.length(), Math.max(layout.pieceLength(),
                Math.min(policy.headTailMaxBytes(), (long) (policy.headTailFraction() * f.length()))));
        long deadline = policy.headTailDeadline().toMillis();
        addRange(layout.piecesOf(fileIndex, 0, bytes), deadline);
        addRange(layout.piecesOf(fileIndex, f.length() - bytes, f.length()), deadline);
    }

    /** The pieces, earliest deadline first, ties by piece index; a piece may appear more than once. */
    int[] sorted() {
        long[] k = Arrays.copyOf(keys, size);
        Arrays.sort(k);
        int[] pieces = new int[size];
        for (int i = 0; i < size; i++) {
            pieces[i] = (int) k[i];
        }
        return pieces;
    }

    private void addRange(PieceRange range, long deadline) {
        for (int piece = range.first(); piece <= range.last(); piece++) {
            add(piece, deadline);
        }
    }

    /** Packs the deadline (clamped to 2^31 - 1 ms, about 25 days) above the piece index so a plain sort orders both. */
    private void add(int piece, long deadlineMillis) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = (Math.min(deadlineMillis, Integer.MAX_VALUE) << 32) | piece;
    }
}
