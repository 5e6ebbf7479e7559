package dev.kino.torrent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Chooses whose data to delete when torrents take more disk than allowed. Pure. */
final class DiskBudget {
    /**
     * One torrent's claim on the disk.
     *
     * @param lastUsed when it was last watched, or added if never watched
     * @param inUse a reader has one of its files open: its data is never chosen
     */
    record Holder(String infoHash, long bytes, Instant lastUsed, boolean inUse) {}

    private DiskBudget() {}

    /**
     * The torrents whose data to delete, least recently used first, until the rest fits in {@code budgetBytes}; empty
     * when everything fits or the budget is 0 (no limit). Torrents in use are kept even if the rest cannot fit.
     */
    static List<String> evict(List<Holder> holders, long budgetBytes) {
        long total = holders.stream().mapToLong(Holder::bytes).sum();
        List<String> out = new ArrayList<>();
        if (budgetBytes <= 0 || total <= budgetBytes) {
            return out;
        }
        List<Holder> idle = holders.stream()
                .filter(h -> !h.inUse() && h.bytes() > 0)
                .sorted(Comparator.comparing(Holder::lastUsed).thenComparing(Holder::infoHash))
                .toList();
        for (Holder h : idle) {
            if (total <= budgetBytes) {
                break;
            }
            out.add(h.infoHash());
            total -= h.bytes();
        }
        return out;
    }
}
