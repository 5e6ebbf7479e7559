package dev.kino.torrent.schedule;

/**
 * The pieces {@code first..last} (both inclusive) of a torrent; empty when {@code last == first - 1}.
 *
 * @param first the first piece's index
 * @param last the last piece's index, or {@code first - 1} for an empty range
 */
public record PieceRange(int first, int last) {
    /** No pieces, as a zero-length file or byte range has. */
    public static final PieceRange EMPTY = new PieceRange(0, -1);

    public PieceRange {
        if (first < 0 || last < first - 1) {
            throw new IllegalArgumentException("bad piece range " + first + ".." + last);
        }
    }

    public boolean isEmpty() {
        return last < first;
    }

    public int count() {
        return last - first + 1;
    }

    public boolean contains(int piece) {
        return piece >= first && piece <= last;
    }
}
