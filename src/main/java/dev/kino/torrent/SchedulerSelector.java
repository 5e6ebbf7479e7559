package dev.kino.torrent;

import bt.torrent.PieceStatistics;
import bt.torrent.selector.PieceSelector;
import dev.kino.torrent.schedule.PieceScheduler;
import java.util.BitSet;
import java.util.stream.IntStream;

/**
 * Bt's piece selector over Kino's {@link PieceScheduler}: Bt asks, per peer, for the pieces to request; the scheduler
 * orders all wanted pieces (readers' positions first) and Bt's set of pieces this peer has filters them. Until the
 * metadata (and so the scheduler) exists, pieces go in index order.
 */
final class SchedulerSelector implements PieceSelector {
    private volatile PieceScheduler scheduler;

    void attach(PieceScheduler s) {
        this.scheduler = s;
    }

    @Override
    public IntStream getNextPieces(BitSet relevantChunks, PieceStatistics statistics) {
        PieceScheduler s = scheduler;
        if (s == null) {
            return relevantChunks.stream();
        }
        return IntStream.of(s.order(statistics::getCount, statistics.getPiecesTotal())).filter(relevantChunks::get);
    }
}
