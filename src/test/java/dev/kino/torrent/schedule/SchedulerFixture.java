package dev.kino.torrent.schedule;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

/**
 * A torrent of 1 MB pieces: two 100-piece videos (pieces 0..99 and 100..199) and a 60-piece file (200..259) whose
 * last ten pieces (250..259) are rarer than all others. Readers start at the default 1 MB/s, one piece a second, with
 * 5 s of read-ahead; a 100-piece file's head and tail are one piece each.
 */
final class SchedulerFixture {
    static final long MB = 1_000_000;
    static final int FIRST_RARE = 250;
    static final IntUnaryOperator AVAILABILITY = p -> p >= FIRST_RARE ? 1 : 2;
    static final SchedulePolicy POLICY = SchedulePolicy.DEFAULTS.withReadAhead(Duration.ofSeconds(5));

    final AtomicLong nanos = new AtomicLong(1_000);
    final PieceScheduler scheduler = new PieceScheduler(TorrentLayout.of(MB, 100 * MB, 100 * MB, 60 * MB), POLICY,
            nanos::get);

    /** The deadline part of the order: everything before the rarest-first part, which starts with the rare pieces. */
    int[] urgent() {
        int[] order = scheduler.order(AVAILABILITY, Integer.MAX_VALUE);
        for (int i = 0; i < order.length; i++) {
            if (order[i] == FIRST_RARE) {
                return Arrays.copyOf(order, i);
            }
        }
        throw new AssertionError("no rarest-first part in " + Arrays.toString(order));
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
