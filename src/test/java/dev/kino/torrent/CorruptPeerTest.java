package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Await;
import dev.kino.testing.LocalSwarm;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeder whose copy has every third piece damaged (it seeds without checking) is the only peer at first: what it
 * sends of those pieces fails the hash and is thrown away, so the download stops short. When an honest seeder joins,
 * they are fetched again and the file completes byte for byte.
 */
@Timeout(120)
class CorruptPeerTest {
    private static final long SIZE = 12_000_000;
    private static final int PIECE = 256 * 1024;

    @TempDir
    Path dir;

    private static double progress(TorrentService torrents, String hash) {
        return torrents.get(hash).orElseThrow().stats().progress();
    }

    @Test
    void piecesThatFailTheirHashAreFetchedAgain() throws Exception {
        Path file = TestTorrents.randomFile(dir.resolve("good/movie.bin"), SIZE, 11);
        Path bad = Files.createDirectories(dir.resolve("bad")).resolve("movie.bin");
        Files.copy(file, bad);
        try (RandomAccessFile raf = new RandomAccessFile(bad.toFile(), "rw")) {
            for (int piece = 0; piece < SIZE / PIECE; piece += 3) { // every third piece gets one flipped byte
                long at = (long) piece * PIECE + 1000;
                raf.seek(at);
                int b = raf.read();
                raf.seek(at);
                raf.write(b ^ 0xff);
            }
        }
        try (LocalSwarm swarm = LocalSwarm.start(dir.resolve("swarm"));
             TorrentService torrents = TestTorrents.start(dir.resolve("data"))) {
            LocalSwarm.Seeder honest = swarm.seed(file, "2M");
            honest.stop();
            swarm.seedUnverified(honest, bad, "0");
            String hash = honest.infoHash();
            torrents.addMagnet(honest.magnet(), TestTorrents.ALICE);
            assertTrue(TestTorrents.await(Duration.ofSeconds(30), () -> progress(torrents, hash) > 0), "the liar's good pieces arrive");
            // the liar is uncapped: once the verified share stops growing, it has sent all it has, damaged pieces too
            Await.settled(Duration.ofSeconds(3), Duration.ofSeconds(30), "the liar's pieces", () -> progress(torrents, hash));
            double before = progress(torrents, hash);
            assertTrue(before < 0.7, "damaged pieces are not counted as verified: progress " + before);
            honest.start();
            assertTrue(TestTorrents.await(Duration.ofSeconds(60),
                    () -> torrents.get(hash).orElseThrow().state() == TorrentState.COMPLETE), "the download completes");
            try (TorrentFileReader reader = torrents.open(hash, 0)) {
                assertArrayEquals(Files.readAllBytes(file), TestTorrents.readRange(reader, 0, (int) SIZE, Duration.ofSeconds(10)),
                        "every damaged piece was replaced by the honest seeder's");
            }
        }
    }
}
