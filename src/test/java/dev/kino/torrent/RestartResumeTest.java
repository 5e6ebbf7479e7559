package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.store.Database;
import dev.kino.store.TorrentStore;
import dev.kino.testing.LocalSwarm;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart half-way: the magnet's metadata was stored, so the torrent comes back without the swarm; Bt checks the
 * data on disk, keeps the good pieces and drops one corrupted on purpose; with the seeder back, the download resumes
 * and the file ends equal to the source.
 */
@Timeout(90)
class RestartResumeTest {
    private static final long SIZE = 12_000_000;
    private static final int PIECE = 1 << 18;

    @TempDir
    Path dir;

    @Test
    void resumesFromVerifiedDataAndRefetchesACorruptedPiece() throws Exception {
        Path file = TestTorrents.randomFile(dir.resolve("seed/movie.bin"), SIZE, 3);
        Path data = dir.resolve("data");
        try (LocalSwarm swarm = LocalSwarm.start(dir.resolve("swarm"))) {
            LocalSwarm.Seeder seeder = swarm.seed(file, "1M");
            String hash = seeder.infoHash();
            TorrentView before;
            try (TorrentService first = TestTorrents.start(data)) {
                first.addMagnet(seeder.magnet(), TestTorrents.ALICE);
                assertTrue(TestTorrents.await(Duration.ofSeconds(40),
                        () -> first.get(hash).orElseThrow().stats().progress() >= 0.3));
                seeder.stop();
                before = first.get(hash).orElseThrow();
            }
            assertNotNull(new TorrentStore(Database.open(data)).find(hash).orElseThrow().metainfo(), "metadata stored");
            int corrupted = firstVerified(before.pieceMap());
            corrupt(data.resolve("torrents").resolve(hash).resolve("movie.bin"), (long) corrupted * PIECE + 1000);

            try (TorrentService second = TestTorrents.start(data)) {
                TorrentView back = second.get(hash).orElseThrow();
                assertNotEquals(TorrentState.METADATA, back.state(), "metadata comes from the database, not the swarm");
                assertEquals(SIZE, back.size());
                assertTrue(TestTorrents.await(Duration.ofSeconds(20),
                        () -> second.get(hash).orElseThrow().stats().piecesVerified() > 0));
                TorrentView checked = second.get(hash).orElseThrow();
                System.out.printf("verified before the restart %d, after %d (piece %d corrupted), downloaded %d%n",
                        before.stats().piecesVerified(), checked.stats().piecesVerified(), corrupted,
                        checked.stats().downloaded());
                assertEquals(before.stats().piecesVerified() - 1, checked.stats().piecesVerified());
                assertEquals(0.0, checked.pieceMap()[corrupted], "the corrupted piece is not verified");
                assertEquals(0, checked.stats().downloaded(), "nothing downloaded: the seeder is away");

                seeder.start();
                assertTrue(TestTorrents.await(Duration.ofSeconds(50),
                        () -> second.get(hash).orElseThrow().state() == TorrentState.COMPLETE), "download completes");
                try (TorrentFileReader r = second.open(hash, 0)) {
                    assertArrayEquals(Files.readAllBytes(file), TestTorrents.readRange(r, 0, (int) SIZE, Duration.ofSeconds(5)));
                }
            }
        }
    }

    /** With fewer than 256 pieces, each bucket of the piece map is one piece. */
    private static int firstVerified(double[] pieceMap) {
        assertEquals((SIZE + PIECE - 1) / PIECE, pieceMap.length);
        for (int i = 0; i < pieceMap.length; i++) {
            if (pieceMap[i] == 1.0) {
                return i;
            }
        }
        throw new AssertionError("no verified piece");
    }

    private static void corrupt(Path file, long position) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.put(0, (byte) ~b.get(0)).rewind();
            ch.write(b, position);
        }
    }
}
