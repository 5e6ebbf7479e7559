package dev.kino.torrent.schedule;

import static dev.kino.torrent.schedule.SchedulerFixture.MB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Several readers, and readers that go away: closed or abandoned. */
class PieceSchedulerReadersTest {
    private final SchedulerFixture f = new SchedulerFixture();

    @Test
    void twoViewersInterleaveByWhenEachWillPlayAPiece() {
        f.scheduler.openReader(0);
        f.scheduler.openReader(1).bitrate(2 * MB);
        // file 0 at 1 MB/s: 0..4 due every second; file 1 at 2 MB/s: 100..109 due every half second;
        // the heads (0, 100) and tails (99, 199) at 2 s
        int[] expected = {0, 100, 101, 1, 102, 103, 2, 99, 104, 199, 105, 3, 106, 107, 4, 108, 109};
        assertArrayEquals(expected, f.urgent());
    }

    @Test
    void twoReadersOfOneFileShareTheirPiecesAtTheEarlierDeadline() {
        f.scheduler.openReader(0).position(2 * MB);
        f.scheduler.openReader(0).position(4 * MB);
        // 2..6 and 4..8: piece 4 is due at once for the second reader, not in 2 s
        assertArrayEquals(new int[] {2, 4, 3, 5, 0, 6, 99, 7, 8}, f.urgent());
    }

    @Test
    void aClosedReadersWindowIsDroppedAtOnce() {
        StreamReader reader = f.scheduler.openReader(0);
        reader.position(30 * MB);
        reader.close();
        assertArrayEquals(new int[0], f.urgent());
        reader.position(60 * MB);
        reader.close();
        assertArrayEquals(new int[0], f.urgent(), "a closed reader stays closed");
        assertEquals(0, f.scheduler.activeReaders());
    }

    @Test
    void aReaderUntouchedForThirtySecondsIsAbandonedUntilItReadsAgain() {
        StreamReader reader = f.scheduler.openReader(0);
        reader.position(30 * MB);
        f.advance(Duration.ofSeconds(29));
        assertArrayEquals(new int[] {30, 31, 0, 32, 99, 33, 34}, f.urgent());
        f.advance(Duration.ofSeconds(2));
        assertArrayEquals(new int[0], f.urgent(), "paused for 31 s");
        assertEquals(0, f.scheduler.activeReaders());
        reader.position(30 * MB);
        assertArrayEquals(new int[] {30, 31, 0, 32, 99, 33, 34}, f.urgent(), "playing again");
    }

    @Test
    void anAbandonedReaderDoesNotDelayAnActiveOne() {
        f.scheduler.openReader(0).position(30 * MB);
        f.advance(Duration.ofSeconds(40));
        f.scheduler.openReader(1).position(50 * MB);
        assertArrayEquals(new int[] {150, 151, 100, 152, 199, 153, 154}, f.urgent());
        assertEquals(1, f.scheduler.activeReaders());
    }

    @Test
    void readersMayMoveWhileTheClientAsksForTheOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int file = t;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        try (StreamReader r = f.scheduler.openReader(file)) {
                            r.position((i % 100) * MB);
                            r.bitrate(MB + i);
                        }
                    }
                }));
            }
            jobs.add(pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    f.scheduler.order(SchedulerFixture.AVAILABILITY, 64);
                    f.scheduler.markVerified(i % 260);
                }
            }));
            for (Future<?> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, f.scheduler.activeReaders());
        assertEquals(0, f.scheduler.order(SchedulerFixture.AVAILABILITY, Integer.MAX_VALUE).length, "all verified");
    }
}
