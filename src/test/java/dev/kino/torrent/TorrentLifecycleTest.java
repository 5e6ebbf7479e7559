package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.LocalSwarm;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Pause keeps the data and fails waiting readers; remove wakes readers with GONE and can delete the folder. */
@Timeout(60)
class TorrentLifecycleTest {
    private static final long SIZE = 8_000_000;

    @TempDir
    Path dir;

    @Test
    void pauseResumeAndRemoveWithData() throws Exception {
        Path file = TestTorrents.randomFile(dir.resolve("seed/clip.bin"), SIZE, 11);
        try (LocalSwarm swarm = LocalSwarm.start(dir.resolve("swarm"));
             TorrentService torrents = TestTorrents.start(dir.resolve("data"))) {
            LocalSwarm.Seeder seeder = swarm.seed(file, "512K");
            String hash = seeder.infoHash();
            TorrentView added = torrents.addTorrentFile(seeder.torrentBytes(), TestTorrents.ALICE);
            assertEquals(TorrentState.DOWNLOADING, added.state(), "a .torrent file brings its metadata");
            assertEquals(added.infoHash(), torrents.addTorrentFile(seeder.torrentBytes(), TestTorrents.ALICE).infoHash(),
                    "adding twice returns the same torrent");
            assertEquals(1, torrents.list().size());
            assertTrue(TestTorrents.await(Duration.ofSeconds(20), () -> torrents.get(hash).orElseThrow().stats().piecesVerified() > 0));

            torrents.pause(hash);
            assertEquals(TorrentState.PAUSED, torrents.get(hash).orElseThrow().state());
            int verified = torrents.get(hash).orElseThrow().stats().piecesVerified();
            try (TorrentFileReader r = torrents.open(hash, 0)) {
                TorrentException e = assertThrows(TorrentException.class,
                        () -> r.read(SIZE - 10, ByteBuffer.allocate(10), Duration.ofSeconds(5)));
                assertEquals(TorrentException.Kind.GONE, e.kind(), "a paused torrent fails reads of missing data at once");
            }
            torrents.resume(hash);
            assertTrue(TestTorrents.await(Duration.ofSeconds(20),
                    () -> torrents.get(hash).orElseThrow().stats().piecesVerified() > verified), "download goes on");

            Path folder = dir.resolve("data/torrents").resolve(hash);
            assertTrue(Files.isDirectory(folder));
            TorrentFileReader reader = torrents.open(hash, 0);
            FutureTask<Integer> blocked = TestTorrents.blockedRead(() -> reader.read(SIZE - 10, ByteBuffer.allocate(10), Duration.ofSeconds(30)));
            torrents.remove(hash, true);
            ExecutionException failed = assertThrows(ExecutionException.class, () -> blocked.get(5, TimeUnit.SECONDS));
            assertEquals(TorrentException.Kind.GONE, ((TorrentException) failed.getCause()).kind());
            reader.close();
            assertFalse(Files.exists(folder), "data folder deleted");
            assertTrue(torrents.get(hash).isEmpty());
            assertEquals(TorrentException.Kind.NOT_FOUND, assertThrows(TorrentException.class, () -> torrents.open(hash, 0)).kind());
        }
    }
}
