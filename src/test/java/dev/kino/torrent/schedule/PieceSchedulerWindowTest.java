package dev.kino.torrent.schedule;

import static dev.kino.torrent.schedule.SchedulerFixture.MB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One reader: its window, its seeks and bitrate, and the head and tail of its file. */
class PieceSchedulerWindowTest {
    private final SchedulerFixture f = new SchedulerFixture();

    @Test
    void aNewReaderGetsThePlayheadThenItsFirstTwoSecondsThenTheTailThenTheRestOfItsWindow() {
        f.scheduler.openReader(0);
        // pieces 0..4 due at 0, 1, 2, 3, 4 s; the head (0) and the tail (99) at 2 s, ties by index
        assertArrayEquals(new int[] {0, 1, 2, 99, 3, 4}, f.urgent());
    }

    @Test
    void aSeekMovesTheWindowAtOnceAndDropsTheOldOne() {
        StreamReader reader = f.scheduler.openReader(0);
        f.urgent();
        reader.position(50 * MB + 300);
        // the window is 5 s from the byte read, so it reaches into piece 55
        assertArrayEquals(new int[] {50, 51, 52, 0, 99, 53, 54, 55}, f.urgent());
    }

    @Test
    void afterTheWindowTheDownloadGoesOnFromTheWindowsEndAmongEquallyRarePieces() {
        StreamReader reader = f.scheduler.openReader(0);
        reader.position(50 * MB);
        int[] order = f.scheduler.order(p -> 1, Integer.MAX_VALUE);
        int[] expected = IntStream.concat(IntStream.of(50, 51, 0, 52, 99, 53, 54),
                IntStream.concat(IntStream.range(55, 260).filter(p -> p != 99), IntStream.range(1, 50))).toArray();
        assertArrayEquals(expected, order, "every wanted piece once, the ones after the viewer first");
    }

    @Test
    void aHigherBitrateWidensTheWindowInPieces() {
        StreamReader reader = f.scheduler.openReader(0);
        reader.bitrate(4 * MB);
        // 5 s at 4 MB/s: pieces 0..19, a quarter second apart; the tail ties with piece 8 at 2 s
        int[] expected = IntStream.concat(IntStream.rangeClosed(0, 8),
                IntStream.concat(IntStream.of(99), IntStream.rangeClosed(9, 19))).toArray();
        assertArrayEquals(expected, f.urgent());
        reader.bitrate(MB);
        assertArrayEquals(new int[] {0, 1, 2, 99, 3, 4}, f.urgent());
    }

    @Test
    void aTinyBitrateStillFetchesTwoPiecesButTheSecondOneLast() {
        StreamReader reader = f.scheduler.openReader(0);
        reader.bitrate(1_000);
        reader.position(10 * MB);
        // 5 s at 1 kB/s is 5 kB, less than a piece; piece 11 is due in 1000 s
        assertArrayEquals(new int[] {10, 0, 99, 11}, f.urgent());
    }

    @Test
    void theWindowStopsAtTheFilesEnd() {
        StreamReader reader = f.scheduler.openReader(0);
        reader.position(98 * MB);
        assertArrayEquals(new int[] {98, 99, 0}, f.urgent());
        reader.position(100 * MB);
        assertArrayEquals(new int[] {0, 99}, f.urgent(), "at the end only the head and tail remain");
    }

    @Test
    void verifiedPiecesNeverAppear() {
        f.scheduler.openReader(0);
        for (int p : new int[] {0, 1, 99, 120, 255}) {
            f.scheduler.markVerified(p);
        }
        assertArrayEquals(new int[] {2, 3, 4}, f.urgent());
        int[] order = f.scheduler.order(SchedulerFixture.AVAILABILITY, Integer.MAX_VALUE);
        assertEquals(255, order.length);
        assertTrue(Arrays.stream(order).noneMatch(p -> p == 120 || p == 255));
        assertTrue(f.scheduler.isVerified(120));
    }

    @Test
    void aPieceUnderThePlayheadThatNoPeerHasDoesNotHoldUpTheOthers() {
        StreamReader reader = f.scheduler.openReader(0);
        reader.position(40 * MB);
        int[] order = f.scheduler.order(p -> p == 40 || p == 42 ? 0 : 1, 5);
        assertArrayEquals(new int[] {41, 0, 99, 43, 44}, order);
    }

    @Test
    void headAndTailAreCappedAtFourMebibytesOfABigFile() {
        // 1000 one-MiB pieces: 1 % would be 10 MiB, so head and tail are 4 pieces each
        PieceScheduler scheduler = new PieceScheduler(TorrentLayout.of(1L << 20, 1000L << 20), SchedulePolicy.DEFAULTS,
                () -> 0);
        scheduler.openReader(0).position(500L << 20);
        int[] order = scheduler.order(p -> 1, 40);
        int[] headAndTail = {0, 1, 2, 3, 996, 997, 998, 999};
        for (int p : headAndTail) {
            int at = indexOf(order, p);
            // the reader's first ~2 s (2 MB at 1 MB/s) are pieces 500 and 501; its 30 s window reaches piece 528
            assertTrue(at > indexOf(order, 501) && at < indexOf(order, 502), p + " placed at " + at);
        }
    }

    @Test
    void aZeroLengthFileHasNothingToFetch() {
        PieceScheduler scheduler = new PieceScheduler(TorrentLayout.of(10, 15, 0, 12), SchedulePolicy.DEFAULTS, () -> 0);
        StreamReader reader = scheduler.openReader(1);
        reader.position(0);
        assertArrayEquals(new int[] {0, 1, 2}, scheduler.order(p -> 1, 10), "plain rarest-first");
        assertThrows(IllegalArgumentException.class, () -> reader.position(1));
    }

    @Test
    void badArgumentsAreRejected() {
        StreamReader reader = f.scheduler.openReader(0);
        assertThrows(IllegalArgumentException.class, () -> reader.position(-1));
        assertThrows(IllegalArgumentException.class, () -> reader.position(100 * MB + 1));
        assertThrows(IllegalArgumentException.class, () -> reader.bitrate(0));
        assertThrows(IllegalArgumentException.class, () -> f.scheduler.openReader(3));
        assertThrows(IllegalArgumentException.class, () -> f.scheduler.markVerified(260));
        assertThrows(IllegalArgumentException.class, () -> f.scheduler.order(p -> 1, -1));
    }

    private static int indexOf(int[] order, int piece) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] == piece) {
                return i;
            }
        }
        throw new AssertionError(piece + " not in " + Arrays.toString(order));
    }
}
