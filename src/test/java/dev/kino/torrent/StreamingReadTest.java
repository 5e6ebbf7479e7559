package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.LocalSwarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching while downloading: a 40 MB file from a seeder capped at 2 MiB/s (about 20 s for all of it). A read in the
 * middle is served within seconds, long before the end; a seek to 80% moves the scheduler and is served quickly;
 * the download goes on meanwhile and the finished file equals the source.
 */
@Timeout(90)
class StreamingReadTest {
    private static final long SIZE = 40_000_000;
    private static final int CHUNK = 64 * 1024;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void readsInTheMiddleAndAfterASeekWhileDownloading() throws Exception {
        Path file = TestTorrents.randomFile(dir.resolve("seed/movie.bin"), SIZE, 7);
        try (LocalSwarm swarm = LocalSwarm.start(dir.resolve("swarm"));
             TorrentService torrents = TestTorrents.start(dir.resolve("data"))) {
            LocalSwarm.Seeder seeder = swarm.seed(file, "2M");
            String hash = seeder.infoHash();
            long t0 = System.nanoTime();
            torrents.addMagnet(seeder.magnet(), TestTorrents.ALICE);
            assertTrue(TestTorrents.await(Duration.ofSeconds(20), () -> state(torrents, hash) != TorrentState.METADATA));
            long metadataMs = ms(t0);

            try (TorrentFileReader reader = torrents.open(hash, 0)) {
                assertEquals(SIZE, reader.size());
                reader.bitrate(100_000); // a 3 MB read-ahead window, so 80 % lies well outside it
                long middle = SIZE / 2;
                long t1 = System.nanoTime();
                byte[] got = TestTorrents.readRange(reader, middle, CHUNK, READ_TIMEOUT);
                long firstMs = ms(t1);
                double progressAtFirst = torrents.get(hash).orElseThrow().stats().progress();
                assertArrayEquals(TestTorrents.sourceRange(file, middle, CHUNK), got, "bytes at the middle");
                assertTrue(firstMs < 8_000, "first bytes in the middle after " + firstMs + " ms");
                assertTrue(progressAtFirst < 0.5, "served long before the end: progress " + progressAtFirst);

                long seek = SIZE * 8 / 10;
                long t2 = System.nanoTime();
                got = TestTorrents.readRange(reader, seek, CHUNK, READ_TIMEOUT);
                long seekMs = ms(t2);
                double progressAtSeek = torrents.get(hash).orElseThrow().stats().progress();
                assertArrayEquals(TestTorrents.sourceRange(file, seek, CHUNK), got, "bytes at 80 %");
                assertTrue(seekMs < 5_000, "read at 80 % after " + seekMs + " ms");
                assertTrue(progressAtSeek < 0.9, "seek served before the end: progress " + progressAtSeek);

                assertTrue(TestTorrents.await(Duration.ofSeconds(60), () -> state(torrents, hash) == TorrentState.COMPLETE),
                        "download completes while the reader is open");
                TorrentView done = torrents.get(hash).orElseThrow();
                System.out.printf("metadata %d ms, first byte at 50%% %d ms (progress %.2f), seek to 80%% %d ms"
                                + " (progress %.2f), complete after %d ms, peak speed seen %d B/s%n",
                        metadataMs, firstMs, progressAtFirst, seekMs, progressAtSeek, ms(t0), done.stats().downloadSpeed());
                assertEquals(1.0, done.files().get(0).progress());
                assertArrayEquals(Files.readAllBytes(file), TestTorrents.readRange(reader, 0, (int) SIZE, READ_TIMEOUT));
            }
        }
    }

    private static TorrentState state(TorrentService torrents, String hash) {
        return torrents.get(hash).orElseThrow().state();
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
