package dev.kino.torrent;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The verified pieces of one torrent, with readers waiting for the ones they need. Bt's piece events mark pieces;
 * every mark wakes the waiters, who check their own piece (no polling). Closing wakes them all with an error.
 */
final class PieceGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final BitSet verified = new BitSet();
    private TorrentException.Kind closedKind;
    private String closedReason;

    void markVerified(int piece) {
        lock.lock();
        try {
            verified.set(piece);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void markAll(BitSet pieces) {
        lock.lock();
        try {
            verified.or(pieces);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets every piece (their data was deleted). */
    void clear() {
        lock.lock();
        try {
            verified.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Fails current and later waiters with {@code kind} until {@link #reopen()}. */
    void close(TorrentException.Kind kind, String reason) {
        lock.lock();
        try {
            closedKind = kind;
            closedReason = reason;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void reopen() {
        lock.lock();
        try {
            closedKind = null;
            closedReason = null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code piece} is verified; a closed gate still answers for pieces verified before (a paused torrent's
     * data stays readable), and fails waits for the others at once. Returns the first piece at or after it that is not verified (the end of
     * the verified run starting at {@code piece}), so the caller may read that far.
     */
    int await(int piece, long timeoutNanos) throws TorrentException, InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (!verified.get(piece)) {
                if (closedKind != null) {
                    throw new TorrentException(closedKind, closedReason);
                }
                if (left <= 0) {
                    throw new TorrentException(TorrentException.Kind.TIMEOUT, "piece " + piece + " did not arrive within "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                }
                left = changed.awaitNanos(left);
            }
            return verified.nextClearBit(piece);
        } finally {
            lock.unlock();
        }
    }

    BitSet snapshot() {
        lock.lock();
        try {
            return (BitSet) verified.clone();
        } finally {
            lock.unlock();
        }
    }

    int count() {
        lock.lock();
        try {
            return verified.cardinality();
        } finally {
            lock.unlock();
        }
    }
}
