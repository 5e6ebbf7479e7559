package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.LocalSwarm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A magnet with a tracker: Bt finds the seeder through the tracker and gets the info dictionary from it. */
@Timeout(60)
class MagnetMetadataTest {
    @TempDir
    Path dir;

    @Test
    void magnetWithTrackerGetsMetadataAndListsFiles() throws Exception {
        Path file = TestTorrents.randomFile(dir.resolve("seed/clip.bin"), 3_000_000, 1);
        try (LocalSwarm swarm = LocalSwarm.start(dir.resolve("swarm"));
             TorrentService torrents = TestTorrents.start(dir.resolve("data"))) {
            LocalSwarm.Seeder seeder = swarm.seed(file, "0");
            long t0 = System.nanoTime();
            TorrentView added = torrents.addMagnet(seeder.magnet(), "alice");
            assertEquals(TorrentState.METADATA, added.state());
            assertEquals("clip.bin", added.name());
            assertTrue(TestTorrents.await(Duration.ofSeconds(30),
                    () -> torrents.get(seeder.infoHash()).orElseThrow().state() != TorrentState.METADATA));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            TorrentView v = torrents.get(seeder.infoHash()).orElseThrow();
            System.out.println("metadata after " + ms + " ms: " + v);
            assertEquals(1, v.files().size());
            assertEquals("clip.bin", v.files().get(0).path());
            assertEquals(3_000_000, v.size());
            assertEquals(12, v.stats().piecesTotal());
        }
    }
}
