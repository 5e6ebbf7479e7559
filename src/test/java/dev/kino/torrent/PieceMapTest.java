package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class PieceMapTest {
    private static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }

    @Test
    void fewPiecesGetOneBucketEach() {
        assertArrayEquals(new double[] {1, 0, 1, 0}, PieceMap.buckets(bits(0, 2), 4, 256));
    }

    @Test
    void manyPiecesAreGroupedIntoAtMostMaxBuckets() {
        BitSet first = new BitSet();
        first.set(0, 500);
        double[] map = PieceMap.buckets(first, 1000, 256);
        assertEquals(256, map.length);
        assertEquals(1.0, map[0]);
        assertEquals(0.0, map[255]);
        // buckets hold 3 or 4 pieces; the one across piece 500 is partly done
        int across = (int) (500L * 256 / 1000);
        assertEquals(0.5, map[across], 0.5);
        double total = 0;
        for (int i = 0; i < map.length; i++) {
            int from = (int) ((long) i * 1000 / 256);
            int to = (int) ((long) (i + 1) * 1000 / 256);
            total += map[i] * (to - from);
        }
        assertEquals(500, total, 1e-9, "buckets weighted by their size give back the verified count");
    }

    @Test
    void noPiecesGiveAnEmptyMap() {
        assertEquals(0, PieceMap.buckets(new BitSet(), 0, 256).length);
    }

    @Test
    void fileProgressCountsThePiecesOverlappingTheFile() {
        // pieces of 100 bytes; a file at bytes 150..349 overlaps pieces 1, 2 and 3
        BitSet v = bits(1, 3);
        assertEquals(2.0 / 3, PieceMap.fileProgress(v, 100, 150, 200), 1e-9);
        assertEquals(1.0, PieceMap.fileProgress(v, 100, 300, 50), "within piece 3");
        assertEquals(0.0, PieceMap.fileProgress(v, 100, 0, 100), "exactly piece 0");
        assertEquals(1.0, PieceMap.fileProgress(v, 100, 120, 0), "an empty file is complete");
    }
}
