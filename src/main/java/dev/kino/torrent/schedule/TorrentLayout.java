package dev.kino.torrent.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * How a torrent's files lie on its pieces: the files are concatenated in order into one byte stream, cut into pieces
 * of {@code pieceLength} bytes, the last piece possibly shorter. Padding files (BEP 47) are files like any other.
 *
 * @param pieceLength bytes per piece (all but the last)
 * @param totalLength the sum of the files' lengths
 * @param files in torrent order; {@code files.get(i).index() == i} and each file starts where the previous one ends
 */
public record TorrentLayout(long pieceLength, long totalLength, List<FileSpan> files) {

    /**
     * One file's place in the torrent's concatenated data.
     *
     * @param index the file's index in the torrent
     * @param offset where the file starts in the concatenated data
     * @param length the file's length in bytes, possibly 0
     */
    public record FileSpan(int index, long offset, long length) {
        /** The offset just past the file's last byte. */
        public long end() {
            return offset + length;
        }
    }

    public TorrentLayout {
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length must be positive, got " + pieceLength);
        }
        if (totalLength < 0) {
            throw new IllegalArgumentException("total length must not be negative, got " + totalLength);
        }
        if ((totalLength + pieceLength - 1) / pieceLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many pieces: " + totalLength + " bytes in pieces of " + pieceLength);
        }
        files = List.copyOf(files);
        long expectedOffset = 0;
        for (int i = 0; i < files.size(); i++) {
            FileSpan f = files.get(i);
            if (f.index() != i) {
                throw new IllegalArgumentException("file at position " + i + " has index " + f.index());
            }
            if (f.length() < 0) {
                throw new IllegalArgumentException("file " + i + " has negative length " + f.length());
            }
            if (f.offset() != expectedOffset) {
                throw new IllegalArgumentException("file " + i + " starts at " + f.offset() + ", expected " + expectedOffset
                        + " (files must be contiguous)");
            }
            expectedOffset = f.end();
        }
        if (expectedOffset != totalLength) {
            throw new IllegalArgumentException("files add up to " + expectedOffset + " bytes, total length is " + totalLength);
        }
    }

    /** A layout of files laid end to end, with the given lengths in torrent order. */
    public static TorrentLayout of(long pieceLength, long... fileLengths) {
        List<FileSpan> files = new ArrayList<>(fileLengths.length);
        long offset = 0;
        for (int i = 0; i < fileLengths.length; i++) {
            files.add(new FileSpan(i, offset, fileLengths[i]));
            offset += fileLengths[i];
        }
        return new TorrentLayout(pieceLength, offset, files);
    }

    public int pieceCount() {
        return (int) ((totalLength + pieceLength - 1) / pieceLength);
    }

    public FileSpan file(int fileIndex) {
        if (fileIndex < 0 || fileIndex >= files.size()) {
            throw new IllegalArgumentException("no file " + fileIndex + " (torrent has " + files.size() + ")");
        }
        return files.get(fileIndex);
    }

    /** Where a piece starts in the concatenated data. */
    public long pieceStart(int piece) {
        checkPiece(piece);
        return piece * pieceLength;
    }

    /** Just past a piece's last byte; the last piece ends at {@code totalLength}. */
    public long pieceEnd(int piece) {
        checkPiece(piece);
        return Math.min(totalLength, (piece + 1) * pieceLength);
    }

    /** The piece holding the byte at {@code offset} of the concatenated data. */
    public int pieceAt(long offset) {
        if (offset < 0 || offset >= totalLength) {
            throw new IllegalArgumentException("offset " + offset + " outside the torrent's " + totalLength + " bytes");
        }
        return (int) (offset / pieceLength);
    }

    /** The pieces holding a whole file; empty for a zero-length file. */
    public PieceRange piecesOf(int fileIndex) {
        return piecesOf(fileIndex, 0, file(fileIndex).length());
    }

    /** The pieces holding bytes {@code from..toExclusive} of a file; empty when the range is. */
    public PieceRange piecesOf(int fileIndex, long from, long toExclusive) {
        FileSpan f = file(fileIndex);
        if (from < 0 || from > toExclusive || toExclusive > f.length()) {
            throw new IllegalArgumentException("bytes " + from + ".." + toExclusive + " are not within file " + fileIndex
                    + " of " + f.length() + " bytes");
        }
        if (from == toExclusive) {
            return PieceRange.EMPTY;
        }
        return new PieceRange(pieceAt(f.offset() + from), pieceAt(f.offset() + toExclusive - 1));
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= pieceCount()) {
            throw new IllegalArgumentException("no piece " + piece + " (torrent has " + pieceCount() + ")");
        }
    }
}
