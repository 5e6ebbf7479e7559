package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.LocalSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two complete 6 MB torrents with an 8 MiB budget: the one never watched loses its data and is paused, the other one
 * keeps it; watching the first again brings its data back.
 */
@Timeout(90)
class DiskBudgetSwarmTest {
    private static final long SIZE = 6_000_000;

    @TempDir
    Path dir;

    @Test
    void leastRecentlyWatchedTorrentLosesItsDataFirst() throws Exception {
        Path fileA = TestTorrents.randomFile(dir.resolve("seed/a/old.bin"), SIZE, 21);
        Path fileB = TestTorrents.randomFile(dir.resolve("seed/b/new.bin"), SIZE, 22);
        Path data = dir.resolve("data");
        try (LocalSwarm swarm = LocalSwarm.start(dir.resolve("swarm"));
             TorrentService torrents = TestTorrents.start(data, 8L << 20)) {
            LocalSwarm.Seeder a = swarm.seed(fileA, "0");
            LocalSwarm.Seeder b = swarm.seed(fileB, "0");
            torrents.addTorrentFile(a.torrentBytes(), "alice");
            torrents.addTorrentFile(b.torrentBytes(), "alice");
            try (TorrentFileReader r = torrents.open(b.infoHash(), 0)) {
                assertArrayEquals(TestTorrents.sourceRange(fileB, 0, 1000),
                        TestTorrents.readRange(r, 0, 1000, Duration.ofSeconds(20)));
            }
            assertTrue(TestTorrents.await(Duration.ofSeconds(30), () -> {
                TorrentView v = torrents.get(a.infoHash()).orElseThrow();
                return v.state() == TorrentState.PAUSED && v.stats().piecesVerified() == 0;
            }), "the unwatched torrent is evicted within an upkeep round");
            assertTrue(TestTorrents.await(Duration.ofSeconds(5),
                    () -> !Files.exists(data.resolve("torrents").resolve(a.infoHash()))));
            assertFalse(Files.exists(data.resolve("torrents").resolve(a.infoHash())), "its data is gone");
            TorrentView kept = torrents.get(b.infoHash()).orElseThrow();
            assertEquals(TorrentState.COMPLETE, kept.state());
            assertTrue(Files.exists(data.resolve("torrents").resolve(b.infoHash()).resolve("new.bin")));

            try (TorrentFileReader r = torrents.open(a.infoHash(), 0)) {
                assertArrayEquals(TestTorrents.sourceRange(fileA, SIZE / 2, 1000),
                        TestTorrents.readRange(r, SIZE / 2, 1000, Duration.ofSeconds(20)), "watching brings it back");
            }
            assertNotEquals(TorrentState.PAUSED, torrents.get(a.infoHash()).orElseThrow().state(), "resumed");
        }
    }
}
