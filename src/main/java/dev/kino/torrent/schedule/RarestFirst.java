package dev.kino.torrent.schedule;

import java.util.Arrays;
import java.util.BitSet;
import java.util.function.IntUnaryOperator;

/**
 * Appends candidate pieces to an order, fewest peers first, without sorting them: one pass asks each candidate's
 * availability once and counts how many pieces each availability has; the counts give the availability at which the
 * order is full and where each availability's pieces start; a second pass drops each piece into its slot. Cost
 * O(candidates + highest availability), whatever the limit.
 *
 * <p>Pieces no peer has are left out: no one can send them. Ties go by piece index, cyclically from {@code start}, so
 * that among equally rare pieces those just past a reader's window come first. Availabilities above
 * {@link #MAX_COUNTED} count as that (a swarm of more connected peers is beyond what one client sees).
 */
final class RarestFirst {
    static final int MAX_COUNTED = 1 << 16;

    private final int[] availability;
    private int[] histogram = new int[64];

    /** @param pieceCount the torrent's piece count; the pass keeps one int per piece between its two passes */
    RarestFirst(int pieceCount) {
        this.availability = new int[pieceCount];
    }

    /**
     * Writes into {@code out[from..]} the rarest pieces among {@code candidates} minus {@code skip}, up to
     * {@code out.length}; returns the new count.
     */
    int fill(BitSet candidates, BitSet skip, IntUnaryOperator peers, int start, int[] out, int from) {
        int room = out.length - from;
        if (room <= 0) {
            return from;
        }
        int highest = count(candidates, skip, peers);
        int threshold = highest;
        int total = 0;
        for (int a = 1; a <= highest; a++) {
            total += histogram[a];
            if (total >= room) {
                threshold = a;
                break;
            }
        }
        int[] next = new int[threshold + 1];
        for (int a = 1, at = from; a <= threshold; a++) {
            next[a] = at;
            at += histogram[a];
        }
        place(candidates, start, Integer.MAX_VALUE, threshold, next, out);
        place(candidates, 0, start, threshold, next, out);
        return Math.min(out.length, from + total);
    }

    /** First pass: remembers each candidate's availability and counts the pieces per availability. */
    private int count(BitSet candidates, BitSet skip, IntUnaryOperator peers) {
        Arrays.fill(histogram, 0);
        int highest = 0;
        for (int piece = candidates.nextSetBit(0); piece >= 0; piece = candidates.nextSetBit(piece + 1)) {
            int a = skip.get(piece) ? 0 : Math.min(MAX_COUNTED, peers.applyAsInt(piece));
            availability[piece] = Math.max(0, a);
            if (a > 0) {
                if (a >= histogram.length) {
                    histogram = Arrays.copyOf(histogram, Math.max(a + 1, histogram.length * 2));
                }
                histogram[a]++;
                highest = Math.max(highest, a);
            }
        }
        return highest;
    }

    /** Second pass over the candidates {@code from..toExclusive}: each piece rare enough into its slot. */
    private void place(BitSet candidates, int from, int toExclusive, int threshold, int[] next, int[] out) {
        for (int piece = candidates.nextSetBit(from); piece >= 0 && piece < toExclusive;
                piece = candidates.nextSetBit(piece + 1)) {
            int a = availability[piece];
            if (a > 0 && a <= threshold && next[a] < out.length) {
                out[next[a]++] = piece;
            }
        }
    }
}
