package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.LocalSwarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The only seeder vanishes mid-download: a read of missing data blocks, and completes once the seeder is back. */
@Timeout(90)
class SeederReturnsTest {
    private static final long SIZE = 12_000_000;
    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void blockedReadCompletesWhenTheSeederReturns() throws Exception {
        Path file = TestTorrents.randomFile(dir.resolve("seed/movie.bin"), SIZE, 5);
        try (LocalSwarm swarm = LocalSwarm.start(dir.resolve("swarm"));
             TorrentService torrents = TestTorrents.start(dir.resolve("data"))) {
            LocalSwarm.Seeder seeder = swarm.seed(file, "1M");
            String hash = seeder.infoHash();
            torrents.addMagnet(seeder.magnet(), TestTorrents.ALICE);
            assertTrue(TestTorrents.await(Duration.ofSeconds(30),
                    () -> torrents.get(hash).orElseThrow().stats().piecesVerified() >= 2));
            seeder.stop();
            assertTrue(TestTorrents.await(Duration.ofSeconds(10), () -> torrents.get(hash).orElseThrow().stats().peers() == 0),
                    "the seeder's connection is gone");

            try (TorrentFileReader reader = torrents.open(hash, 0)) {
                long position = SIZE - 3 * CHUNK;
                FutureTask<byte[]> read = TestTorrents.blockedRead(() -> TestTorrents.readRange(reader, position, CHUNK, Duration.ofSeconds(45)));
                Thread.sleep(3000); // stays: the scenario, a seeder away for 3 s while the read waits
                assertTrue(!read.isDone(), "the read waits while no peer has the data");
                long back = System.nanoTime();
                seeder.start();
                byte[] got = read.get(45, TimeUnit.SECONDS);
                System.out.printf("read served %d ms after the seeder came back%n", (System.nanoTime() - back) / 1_000_000);
                assertArrayEquals(TestTorrents.sourceRange(file, position, CHUNK), got);
            }
        }
    }
}
