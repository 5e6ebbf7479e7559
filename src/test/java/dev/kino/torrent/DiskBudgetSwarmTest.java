package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Two complete 6 MB torrents with an 8 MiB budget: the one never watched loses its data and is paused, the other one
 * keeps it; watching the first again brings its data back, also after a restart.
 */
@Timeout(90)
class DiskBudgetSwarmTest {
    private static final long SIZE = 6_000_000;

    @TempDir
    Path dir;

    @Test
    void leastRecentlyWatchedTorrentLosesItsDataFirst() throws Exception {
        Path data = dir.resolve("data");
        try (LocalSwarm swarm = LocalSwarm.start(dir.resolve("swarm"))) {
            Pair p = seedTwo(swarm);
            try (TorrentService torrents = TestTorrents.start(data, 8L << 20)) {
                evictOld(torrents, p, data);
                watchOldAgain(torrents, p);
            }
        }
    }

    /**
     * After a restart an evicted torrent is still "paused until watched". A torrent paused by hand stays paused, and
     * what it has on disk still plays, piece by piece once each hashes right: a byte flipped while the server was
     * down makes that piece (and only it) fail at once.
     */
    @Test
    void afterARestartAnEvictedTorrentResumesWhenWatchedAndAPausedOneServesItsCheckedPieces() throws Exception {
        Path data = dir.resolve("data");
        try (LocalSwarm swarm = LocalSwarm.start(dir.resolve("swarm"))) {
            Pair p = seedTwo(swarm);
            try (TorrentService torrents = TestTorrents.start(data, 8L << 20)) {
                evictOld(torrents, p, data);
                torrents.pause(p.b.infoHash());
            }
            Path onDisk = data.resolve("torrents").resolve(p.b.infoHash()).resolve("new.bin");
            try (FileChannel ch = FileChannel.open(onDisk, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer one = ByteBuffer.allocate(1);
                ch.read(one, SIZE / 2);
                ch.write(ByteBuffer.wrap(new byte[] {(byte) ~one.get(0)}), SIZE / 2); // flipped while the server is down
            }
            try (TorrentService torrents = TestTorrents.start(data, 8L << 20)) {
                assertEquals(TorrentState.PAUSED, torrents.get(p.a.infoHash()).orElseThrow().state());
                try (TorrentFileReader r = torrents.open(p.b.infoHash(), 0)) {
                    assertArrayEquals(TestTorrents.sourceRange(p.fileB, 0, 1000),
                            TestTorrents.readRange(r, 0, 1000, Duration.ofSeconds(5)), "paused, its checked data plays");
                    assertArrayEquals(TestTorrents.sourceRange(p.fileB, SIZE - 1000, 1000),
                            TestTorrents.readRange(r, SIZE - 1000, 1000, Duration.ofSeconds(5)));
                    TorrentException e = assertThrows(TorrentException.class,
                            () -> TestTorrents.readRange(r, SIZE / 2, 1000, Duration.ofSeconds(5)));
                    assertEquals(TorrentException.Kind.GONE, e.kind(), "the damaged piece is not served");
                }
                assertEquals(TorrentState.PAUSED, torrents.get(p.b.infoHash()).orElseThrow().state(), "and it stays paused");
                watchOldAgain(torrents, p);
            }
        }
    }

    private record Pair(Path fileA, Path fileB, LocalSwarm.Seeder a, LocalSwarm.Seeder b) {}

    private Pair seedTwo(LocalSwarm swarm) throws Exception {
        Path fileA = TestTorrents.randomFile(dir.resolve("seed/a/old.bin"), SIZE, 21);
        Path fileB = TestTorrents.randomFile(dir.resolve("seed/b/new.bin"), SIZE, 22);
        return new Pair(fileA, fileB, swarm.seed(fileA, "0"), swarm.seed(fileB, "0"));
    }

    /** Adds both, watches B: A, never watched, loses its data and is paused; B keeps its data. */
    private static void evictOld(TorrentService torrents, Pair p, Path data) throws Exception {
        torrents.addTorrentFile(p.a.torrentBytes(), TestTorrents.ALICE);
        torrents.addTorrentFile(p.b.torrentBytes(), TestTorrents.ALICE);
        try (TorrentFileReader r = torrents.open(p.b.infoHash(), 0)) {
            assertArrayEquals(TestTorrents.sourceRange(p.fileB, 0, 1000),
                    TestTorrents.readRange(r, 0, 1000, Duration.ofSeconds(20)));
        }
        assertTrue(TestTorrents.await(Duration.ofSeconds(30), () -> {
            TorrentView v = torrents.get(p.a.infoHash()).orElseThrow();
            return v.state() == TorrentState.PAUSED && v.stats().piecesVerified() == 0;
        }), "the unwatched torrent is evicted within an upkeep round");
        assertTrue(TestTorrents.await(Duration.ofSeconds(5),
                () -> !Files.exists(data.resolve("torrents").resolve(p.a.infoHash()))));
        assertFalse(Files.exists(data.resolve("torrents").resolve(p.a.infoHash())), "its data is gone");
        // B, watched, keeps its data and finishes downloading (on a loaded runner it may still be at it here)
        assertTrue(TestTorrents.await(Duration.ofSeconds(30),
                () -> torrents.get(p.b.infoHash()).orElseThrow().state() == TorrentState.COMPLETE), "the watched torrent completes");
        assertTrue(Files.exists(data.resolve("torrents").resolve(p.b.infoHash()).resolve("new.bin")));
    }

    private static void watchOldAgain(TorrentService torrents, Pair p) throws Exception {
        try (TorrentFileReader r = torrents.open(p.a.infoHash(), 0)) {
            assertArrayEquals(TestTorrents.sourceRange(p.fileA, SIZE / 2, 1000),
                    TestTorrents.readRange(r, SIZE / 2, 1000, Duration.ofSeconds(20)), "watching brings it back");
        }
        assertNotEquals(TorrentState.PAUSED, torrents.get(p.a.infoHash()).orElseThrow().state(), "resumed");
    }
}
