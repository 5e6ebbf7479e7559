package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The service refuses a hostile {@code .torrent} outright and, once closed, leaves no Bt thread behind. */
@Timeout(60)
class HostileTorrentTest {
    @TempDir
    Path dir;

    @Test
    void hostileTorrentIsRefusedAndNothingIsWritten() throws Exception {
        Set<String> before = threadNames();
        Path data = dir.resolve("data");
        try (TorrentService torrents = TestTorrents.start(data)) {
            byte[] evil = TestMetainfo.multiFile("movies", List.of(
                    new TestMetainfo.Entry(List.of("..", "..", "..", "escaped.txt"), new byte[100]),
                    new TestMetainfo.Entry(List.of("ok.mkv"), new byte[100])));
            TorrentException e = assertThrows(TorrentException.class, () -> torrents.addTorrentFile(evil, TestTorrents.ALICE));
            assertEquals(TorrentException.Kind.BAD_INPUT, e.kind());
            assertTrue(torrents.list().isEmpty());
            TorrentException bad = assertThrows(TorrentException.class, () -> torrents.addMagnet("magnet:?xt=urn:btih:zz", TestTorrents.ALICE));
            assertEquals(TorrentException.Kind.BAD_INPUT, bad.kind());

            TorrentView ok = torrents.addTorrentFile(TestMetainfo.singleFile("fine.mkv", new byte[100]), TestTorrents.ALICE);
            assertEquals(TorrentState.DOWNLOADING, ok.state());
            assertEquals("fine.mkv", ok.files().get(0).path());
            assertFalse(leftovers(before).isEmpty(), "the thread filter sees Bt's threads while it runs");
        }
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
        assertFalse(Files.exists(data.resolve("escaped.txt")));
        assertTrue(TestTorrents.await(Duration.ofSeconds(10), () -> leftovers(before).isEmpty()),
                () -> "threads left after close: " + leftovers(before));
    }

    /** Threads that Bt and the service start, by name, that were not there before. */
    private static Set<String> leftovers(Set<String> before) {
        return threadNames().stream().filter(n -> !before.contains(n))
                .filter(n -> n.matches("\\d+\\.bt\\..*|bt-torrent-.*|kino-torrent-.*|.*[Bb]t.*"))
                .collect(Collectors.toSet());
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
