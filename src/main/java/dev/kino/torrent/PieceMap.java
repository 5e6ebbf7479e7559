package dev.kino.torrent;

import java.util.BitSet;

/** Progress figures from the set of verified pieces. Pure. */
final class PieceMap {
    /** The most buckets {@link #buckets} returns. */
    static final int MAX_BUCKETS = 256;

    private PieceMap() {}

    /**
     * The pieces split into at most {@code maxBuckets} runs of (nearly) equal length, each given as the fraction of
     * its pieces that are verified; empty when there are no pieces.
     */
    static double[] buckets(BitSet verified, int pieces, int maxBuckets) {
        int n = Math.min(pieces, maxBuckets);
        double[] out = new double[Math.max(n, 0)];
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) i * pieces / n);
            int to = (int) ((long) (i + 1) * pieces / n);
            out[i] = fraction(verified, from, to);
        }
        return out;
    }

    /** The fraction of the pieces overlapping a file's bytes that are verified; 1 for an empty file. */
    static double fileProgress(BitSet verified, long pieceLength, long fileOffset, long fileLength) {
        if (fileLength == 0) {
            return 1.0;
        }
        int first = (int) (fileOffset / pieceLength);
        int last = (int) ((fileOffset + fileLength - 1) / pieceLength);
        return fraction(verified, first, last + 1);
    }

    /** The fraction of pieces {@code from..to-1} that are verified; 1 for an empty range. */
    static double fraction(BitSet verified, int from, int to) {
        if (to <= from) {
            return 1.0;
        }
        return (double) verified.get(from, to).cardinality() / (to - from);
    }
}
