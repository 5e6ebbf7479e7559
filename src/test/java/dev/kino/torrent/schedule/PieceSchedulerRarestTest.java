package dev.kino.torrent.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The part of the order after the readers' deadlines: every other wanted piece, rarest first. */
class PieceSchedulerRarestTest {
    private static final int[] PEERS = {3, 1, 2, 1, 0, 2};
    private final PieceScheduler sixPieces = new PieceScheduler(TorrentLayout.of(1, 6));

    @Test
    void withoutReadersTheRarestPiecesComeFirstTiesByIndexAndNoOneElsesPiecesNever() {
        assertArrayEquals(new int[] {1, 3, 2, 5, 0}, sixPieces.order(p -> PEERS[p], 10));
    }

    @Test
    void theLimitCutsTheOrderWithinATie() {
        assertArrayEquals(new int[] {1, 3, 2}, sixPieces.order(p -> PEERS[p], 3));
        assertArrayEquals(new int[] {1}, sixPieces.order(p -> PEERS[p], 1));
        assertArrayEquals(new int[0], sixPieces.order(p -> PEERS[p], 0));
    }

    @Test
    void availabilityIsReadLiveOnEveryCall() {
        int[] peers = PEERS.clone();
        sixPieces.order(p -> peers[p], 10);
        peers[0] = 1;
        peers[4] = 1;
        assertArrayEquals(new int[] {0, 1, 3, 4, 2, 5}, sixPieces.order(p -> peers[p], 10));
    }

    @Test
    void onlyWantedFilesAreDownloadedIncludingThePiecesTheyShare() {
        // file 0: pieces 0..2, file 1: pieces 2..4
        PieceScheduler scheduler = new PieceScheduler(TorrentLayout.of(10, 25, 25));
        BitSet second = new BitSet();
        second.set(1);
        scheduler.setWantedFiles(second);
        assertArrayEquals(new int[] {2, 3, 4}, scheduler.order(p -> 1, 10));
        scheduler.setWantedFiles(new BitSet());
        assertArrayEquals(new int[0], scheduler.order(p -> 1, 10));
        StreamReader reader = scheduler.openReader(0);
        reader.position(0);
        assertArrayEquals(new int[] {0, 1, 2}, scheduler.order(p -> 1, 10), "a reader's file is fetched even if unwanted");
    }

    @Test
    void aHundredThousandPiecesAreOrderedWithoutSortingThem() {
        int pieces = 100_000;
        PieceScheduler scheduler = new PieceScheduler(TorrentLayout.of(16 << 10, (long) pieces << 14));
        Random random = new Random(42);
        int[] peers = IntStream.range(0, pieces).map(p -> random.nextInt(40)).toArray();
        AtomicInteger asked = new AtomicInteger();
        IntUnaryOperator counting = p -> {
            asked.incrementAndGet();
            return peers[p];
        };

        int[] top = scheduler.order(counting, 100);

        // a comparison sort would ask about each piece ~17 times; the order asks once
        assertEquals(pieces, asked.get());
        int[] expected = IntStream.range(0, pieces).filter(p -> peers[p] > 0).boxed()
                .sorted(Comparator.<Integer>comparingInt(p -> peers[p]).thenComparingInt(p -> p))
                .limit(100).mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, top);
    }

    @Test
    void aHundredThousandPiecesInFullAreEachAvailablePieceOnceRarestFirst() {
        int pieces = 100_000;
        PieceScheduler scheduler = new PieceScheduler(TorrentLayout.of(16 << 10, (long) pieces << 14));
        scheduler.openReader(0).position(50_000L << 14);
        Random random = new Random(7);
        int[] peers = IntStream.range(0, pieces).map(p -> random.nextInt(200)).toArray();
        int[] order = scheduler.order(p -> peers[p], Integer.MAX_VALUE);

        assertEquals(IntStream.of(peers).filter(n -> n > 0).count(), order.length);
        assertEquals(order.length, IntStream.of(order).distinct().count());
        assertTrue(order[0] == 50_000 || peers[50_000] == 0, "the playhead first");
        // the 30 s window is 1832 pieces, head and tail 256 each; after them availability never falls
        for (int i = 2345; i < order.length; i++) {
            assertTrue(peers[order[i - 1]] <= peers[order[i]], "rarest first at " + i);
        }
    }
}
