package dev.kino.torrent.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Decides which pieces of one torrent to download first so that its files can be watched while they download.
 * Pure: no I/O, no threads, time comes from the given clock. A BitTorrent client asks {@link #order} for the pieces
 * to request, as often as it likes; readers steer it through their {@link StreamReader} handles.
 *
 * <h2>The order</h2>
 * Every piece a reader will need soon gets a deadline, in milliseconds of playback from now:
 * <ol>
 *   <li>each active reader's <b>window</b>: the piece under its position (deadline 0) and the pieces after it covering
 *       {@code readAhead} × the reader's bitrate bytes, at least {@code minWindowPieces}, up to the file's end; a
 *       piece's deadline is the bytes between the position and the piece's start divided by the bitrate, so the
 *       windows of two viewers interleave by when each will play them, not by who asked first;</li>
 *   <li>the <b>head and tail</b> of each file being read (the first and last
 *       {@code max(1 piece, min(headTailMaxBytes, headTailFraction × length))} bytes), due at {@code headTailDeadline}
 *       (2 s). An MP4 {@code moov} or the Matroska Cues live there, and a player cannot start or seek without them,
 *       so they beat most of the window; but a player already playing stalls if its next 2 s are late, so those beat
 *       the tail.</li>
 * </ol>
 * These go earliest deadline first (ties by piece index), each piece once, at its earliest deadline. After them come
 * <b>all other wanted pieces, rarest first</b> (fewest connected peers), ties by piece index counted cyclically from
 * the end of the first reader's window, so the download keeps going at full rate once the windows are full and the
 * swarm's rare pieces do not vanish. With no active reader the order is plain rarest-first.
 *
 * <p>Verified pieces and pieces no connected peer has never appear. A reader's pieces are scheduled even in a file
 * not {@linkplain #setWantedFiles wanted}; only the rarest-first part keeps to wanted files.
 *
 * <h2>Use from a BitTorrent client</h2>
 * A Bt {@code PieceSelector} is one line, {@code IntStream.of(scheduler.order(stats::getCount, stats.getPiecesTotal()))},
 * plus {@link #markVerified} on each verified piece. Pass a limit that covers every piece when the client then
 * filters the order per peer (Bt does): a short order could hold nothing a given peer has.
 *
 * <h2>Cost</h2>
 * {@code order} asks each piece's availability at most once, and sorts only the deadline pieces (a few hundred); the
 * rarest-first part is a counting pass (see {@link RarestFirst}), linear in the piece count.
 *
 * <h2>Threads</h2>
 * All methods, the handles' included, take this object's lock and never wait under it; the availability function
 * is called under it and must not call back.
 */
public final class PieceScheduler {
    private final TorrentLayout layout;
    private final SchedulePolicy policy;
    private final LongSupplier nanoClock;
    private final BitSet verified = new BitSet();
    /** Wanted and not verified. */
    private final BitSet pending = new BitSet();
    private BitSet wantedFiles;
    /** Open readers whose position was set within the idle timeout, in the order they became active. */
    private final List<StreamReader> active = new ArrayList<>();
    private final RarestFirst rarest;

    public PieceScheduler(TorrentLayout layout) {
        this(layout, SchedulePolicy.DEFAULTS, System::nanoTime);
    }

    /** @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} but in tests */
    public PieceScheduler(TorrentLayout layout, SchedulePolicy policy, LongSupplier nanoClock) {
        this.layout = layout;
        this.policy = policy;
        this.nanoClock = nanoClock;
        this.rarest = new RarestFirst(layout.pieceCount());
        BitSet all = new BitSet();
        all.set(0, layout.files().size());
        setWantedFiles(all);
    }

    public TorrentLayout layout() {
        return layout;
    }

    /** Records that a piece passed its hash check; it never appears in the order again. */
    public synchronized void markVerified(int piece) {
        checkPiece(piece);
        verified.set(piece);
        pending.clear(piece);
    }

    public synchronized boolean isVerified(int piece) {
        checkPiece(piece);
        return verified.get(piece);
    }

    /** Sets which files to download (a set bit per file index); all of them at first. */
    public synchronized void setWantedFiles(BitSet files) {
        if (files.length() > layout.files().size()) {
            throw new IllegalArgumentException("no file " + (files.length() - 1) + " (torrent has " + layout.files().size() + ")");
        }
        wantedFiles = (BitSet) files.clone();
        pending.clear();
        for (int f = files.nextSetBit(0); f >= 0; f = files.nextSetBit(f + 1)) {
            PieceRange range = layout.piecesOf(f);
            if (!range.isEmpty()) {
                pending.set(range.first(), range.last() + 1);
            }
        }
        pending.andNot(verified);
    }

    public synchronized BitSet wantedFiles() {
        return (BitSet) wantedFiles.clone();
    }

    /** Opens a reader at the start of a file, at the policy's default bitrate; close it when done. */
    public synchronized StreamReader openReader(int fileIndex) {
        StreamReader reader = new StreamReader(this, fileIndex, layout.file(fileIndex).length(), policy.defaultBitrate(),
                nanoClock.getAsLong());
        active.add(reader);
        return reader;
    }

    /** How many readers have a window now (open and not idle). */
    public synchronized int activeReaders() {
        dropIdle(nanoClock.getAsLong());
        return active.size();
    }

    /**
     * The pieces to download, most urgent first, at most {@code limit} (see the class comment for the order).
     *
     * @param availability how many connected peers have a piece, by piece index
     */
    public synchronized int[] order(IntUnaryOperator availability, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        dropIdle(nanoClock.getAsLong());
        DeadlinePlan plan = new DeadlinePlan(layout, policy);
        int tieStart = 0;
        for (StreamReader r : active) {
            int windowEnd = plan.addWindow(r.fileIndex(), r.position, r.bitrate);
            if (r == active.getFirst() && windowEnd >= 0 && windowEnd < layout.pieceCount()) {
                tieStart = windowEnd;
            }
            plan.addHeadAndTail(r.fileIndex());
        }
        int[] out = new int[Math.min(limit, layout.pieceCount())];
        BitSet seen = new BitSet(layout.pieceCount());
        int count = 0;
        for (int piece : plan.sorted()) {
            if (count == out.length) {
                return out;
            }
            if (!verified.get(piece) && !seen.get(piece)) {
                seen.set(piece);
                if (availability.applyAsInt(piece) > 0) {
                    out[count++] = piece;
                }
            }
        }
        count = rarest.fill(pending, seen, availability, tieStart, out, count);
        return count == out.length ? out : Arrays.copyOf(out, count);
    }

    synchronized void moved(StreamReader reader, long position) {
        if (reader.closed) {
            return;
        }
        reader.position = position;
        reader.touchedNanos = nanoClock.getAsLong();
        if (!active.contains(reader)) {
            active.add(reader);
        }
    }

    synchronized void bitrateChanged(StreamReader reader, long bytesPerSecond) {
        reader.bitrate = bytesPerSecond;
    }

    synchronized void closed(StreamReader reader) {
        reader.closed = true;
        active.remove(reader);
    }

    private void dropIdle(long now) {
        long idle = policy.idleTimeout().toNanos();
        active.removeIf(r -> now - r.touchedNanos > idle);
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= layout.pieceCount()) {
            throw new IllegalArgumentException("no piece " + piece + " (torrent has " + layout.pieceCount() + ")");
        }
    }
}
