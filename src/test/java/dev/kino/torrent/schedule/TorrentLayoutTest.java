package dev.kino.torrent.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TorrentLayoutTest {
    @Test
    void theLastPieceIsShortAndEndsWithTheData() {
        TorrentLayout layout = TorrentLayout.of(10, 25);
        assertEquals(3, layout.pieceCount());
        assertEquals(20, layout.pieceStart(2));
        assertEquals(25, layout.pieceEnd(2));
        assertEquals(new PieceRange(2, 2), layout.piecesOf(0, 20, 25));
        assertEquals(2, layout.pieceAt(24));
    }

    @Test
    void dataOfWholePiecesHasNoExtraPiece() {
        TorrentLayout layout = TorrentLayout.of(10, 20);
        assertEquals(2, layout.pieceCount());
        assertEquals(20, layout.pieceEnd(1));
        assertEquals(new PieceRange(0, 1), layout.piecesOf(0));
    }

    @Test
    void filesShareThePiecesAtTheirBoundaries() {
        // file 0: bytes 0..14, file 1: empty at 15, file 2: bytes 15..26
        TorrentLayout layout = TorrentLayout.of(10, 15, 0, 12);
        assertEquals(3, layout.pieceCount());
        assertEquals(new PieceRange(0, 1), layout.piecesOf(0));
        assertEquals(new PieceRange(1, 2), layout.piecesOf(2));
        assertEquals(new PieceRange(1, 1), layout.piecesOf(2, 0, 5), "file 2's first 5 bytes end piece 1");
        assertEquals(new PieceRange(2, 2), layout.piecesOf(2, 5, 12));
        assertEquals(15, layout.file(2).offset());
    }

    @Test
    void emptyFilesAndEmptyRangesHaveNoPieces() {
        TorrentLayout layout = TorrentLayout.of(10, 15, 0, 12);
        assertTrue(layout.piecesOf(1).isEmpty());
        assertEquals(0, layout.piecesOf(1).count());
        assertTrue(layout.piecesOf(0, 7, 7).isEmpty());
    }

    @Test
    void rangesOutsideAFileAreRejected() {
        TorrentLayout layout = TorrentLayout.of(10, 15, 12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layout.piecesOf(0, 0, 16));
        assertTrue(e.getMessage().contains("file 0 of 15 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layout.piecesOf(0, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> layout.piecesOf(0, -1, 4));
        assertThrows(IllegalArgumentException.class, () -> layout.piecesOf(2));
        assertThrows(IllegalArgumentException.class, () -> layout.pieceStart(3));
        assertThrows(IllegalArgumentException.class, () -> layout.pieceAt(27));
    }

    @Test
    void inconsistentLayoutsAreRejectedWithTheReason() {
        assertMessage("piece length must be positive", () -> TorrentLayout.of(0, 10));
        assertMessage("negative length", () -> TorrentLayout.of(10, 5, -1));
        assertMessage("files must be contiguous", () -> new TorrentLayout(10, 20,
                List.of(new TorrentLayout.FileSpan(0, 0, 10), new TorrentLayout.FileSpan(1, 12, 8))));
        assertMessage("has index 5", () -> new TorrentLayout(10, 10, List.of(new TorrentLayout.FileSpan(5, 0, 10))));
        assertMessage("total length is 30", () -> new TorrentLayout(10, 30, List.of(new TorrentLayout.FileSpan(0, 0, 10))));
        assertMessage("too many pieces", () -> TorrentLayout.of(1, 1L << 40));
    }

    @Test
    void aLargeTorrentsPieceOffsetsDoNotOverflow() {
        TorrentLayout layout = TorrentLayout.of(16L << 20, 200L << 30, 100L << 30);
        assertEquals(19200, layout.pieceCount());
        assertEquals((300L << 30) - (16L << 20), layout.pieceStart(19199));
        assertEquals(new PieceRange(12800, 19199), layout.piecesOf(1));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
