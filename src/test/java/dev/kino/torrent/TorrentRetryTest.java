package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.LocalSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A torrent whose storage cannot be made (a plain file sits where its folder goes) ends in ERROR with the reason;
 * once the obstacle is gone, resuming it tries again and it downloads, without adding it again.
 */
@Timeout(60)
class TorrentRetryTest {
    private static final long SIZE = 3_000_000;

    @TempDir
    Path dir;

    @Test
    void aFailedTorrentIsRetriedByResume() throws Exception {
        Path file = TestTorrents.randomFile(dir.resolve("seed/clip.bin"), SIZE, 31);
        Path data = dir.resolve("data");
        try (LocalSwarm swarm = LocalSwarm.start(dir.resolve("swarm"));
             TorrentService torrents = TestTorrents.start(data)) {
            LocalSwarm.Seeder seeder = swarm.seed(file, "0");
            String hash = seeder.infoHash();
            Path blocker = Files.createDirectories(data.resolve("torrents")).resolve(hash);
            Files.writeString(blocker, "not a folder");

            torrents.addTorrentFile(seeder.torrentBytes(), TestTorrents.ALICE);
            assertTrue(TestTorrents.await(Duration.ofSeconds(20),
                    () -> torrents.get(hash).orElseThrow().state() == TorrentState.ERROR), "the torrent fails");
            String error = torrents.get(hash).orElseThrow().error();
            assertNotNull(error);
            assertTrue(error.contains("in the way"), "and says why: " + error);

            Files.delete(blocker);
            torrents.resume(hash);
            try (TorrentFileReader r = torrents.open(hash, 0)) {
                assertArrayEquals(TestTorrents.sourceRange(file, SIZE - 1000, 1000),
                        TestTorrents.readRange(r, SIZE - 1000, 1000, Duration.ofSeconds(20)), "resuming tried again");
            }
            assertTrue(TestTorrents.await(Duration.ofSeconds(20),
                    () -> torrents.get(hash).orElseThrow().state() == TorrentState.COMPLETE));
            assertEquals(null, torrents.get(hash).orElseThrow().error());
        }
    }
}
