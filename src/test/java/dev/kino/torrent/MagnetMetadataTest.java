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
            TorrentView added = torrents.addMagnet(seeder.magnet(), TestTorrents.ALICE);
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

    /** A magnet nobody seeds fails after the metadata timeout with the reason, instead of waiting for ever; resume retries. */
    @Test
    void aMagnetWithoutPeersFailsAfterTheMetadataTimeoutAndResumeTriesAgain() throws Exception {
        String hash = "0123456789abcdef0123456789abcdef01234567";
        try (TorrentService torrents = TestTorrents.startWithMetadataTimeout(dir.resolve("data"), Duration.ofSeconds(2))) {
            torrents.addMagnet("magnet:?xt=urn:btih:" + hash + "&dn=nobody.mkv", TestTorrents.ALICE);
            assertEquals(TorrentState.METADATA, torrents.get(hash).orElseThrow().state());
            assertTrue(TestTorrents.await(Duration.ofSeconds(15),
                    () -> torrents.get(hash).orElseThrow().state() == TorrentState.ERROR), "the magnet failed");
            String error = torrents.get(hash).orElseThrow().error();
            assertTrue(error.contains("metadata within 2 s"), error);
            torrents.resume(hash);
            TorrentView again = torrents.get(hash).orElseThrow();
            assertEquals(TorrentState.METADATA, again.state(), "a resume waits for the metadata again");
            assertEquals(null, again.error());
            assertTrue(TestTorrents.await(Duration.ofSeconds(15),
                    () -> torrents.get(hash).orElseThrow().state() == TorrentState.ERROR), "and fails again after 2 s");
        }
    }

    /**
     * Bt asks a magnet's trackers only at its next peer-discovery round; the service asks them as soon as the torrent
     * has started. With rounds a minute apart, the metadata still arrives within seconds.
     */
    @Test
    void magnetTrackersAreAskedAtOnceNotAtTheNextDiscoveryRound() throws Exception {
        Path file = TestTorrents.randomFile(dir.resolve("seed/clip.bin"), 3_000_000, 2);
        EngineTuning slowRounds = new EngineTuning(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        try (LocalSwarm swarm = LocalSwarm.start(dir.resolve("swarm"));
             TorrentService torrents = TestTorrents.start(dir.resolve("data"), 0, slowRounds)) {
            LocalSwarm.Seeder seeder = swarm.seed(file, "0");
            Thread.sleep(1500); // stays: the scenario, the service's first discovery round has passed, with nothing to ask for
            long t0 = System.nanoTime();
            torrents.addMagnet(seeder.magnet(), TestTorrents.ALICE);
            assertTrue(TestTorrents.await(Duration.ofSeconds(20),
                    () -> torrents.get(seeder.infoHash()).orElseThrow().state() != TorrentState.METADATA),
                    "the metadata arrived long before the next round, 60 s away");
            System.out.println("metadata after " + (System.nanoTime() - t0) / 1_000_000 + " ms with 60 s discovery rounds");
        }
    }
}
