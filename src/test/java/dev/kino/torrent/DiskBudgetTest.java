package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiskBudgetTest {
    private static DiskBudget.Holder h(String hash, long bytes, long lastUsed, boolean inUse) {
        return new DiskBudget.Holder(hash, bytes, Instant.ofEpochSecond(lastUsed), inUse);
    }

    @Test
    void withinBudgetNothingIsEvicted() {
        assertEquals(List.of(), DiskBudget.evict(List.of(h("a", 40, 1, false), h("b", 60, 2, false)), 100));
    }

    @Test
    void zeroBudgetMeansNoLimit() {
        assertEquals(List.of(), DiskBudget.evict(List.of(h("a", 1 << 30, 1, false)), 0));
    }

    @Test
    void leastRecentlyUsedGoFirstUntilTheRestFits() {
        var holders = List.of(h("new", 50, 30, false), h("old", 50, 10, false), h("mid", 50, 20, false));
        assertEquals(List.of("old"), DiskBudget.evict(holders, 100));
        assertEquals(List.of("old", "mid"), DiskBudget.evict(holders, 60));
    }

    @Test
    void torrentsInUseAndEmptyOnesAreNeverChosen() {
        var holders = List.of(h("watching", 80, 1, true), h("empty", 0, 2, false), h("idle", 30, 3, false));
        assertEquals(List.of("idle"), DiskBudget.evict(holders, 50), "the watched one stays even though it is oldest");
        assertEquals(List.of("idle"), DiskBudget.evict(holders, 10), "nothing else can go, even if still over");
    }

    @Test
    void tiesGoByInfoHash() {
        var holders = List.of(h("b", 50, 5, false), h("a", 50, 5, false));
        assertEquals(List.of("a"), DiskBudget.evict(holders, 60));
    }
}
