package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bt.metainfo.MetadataService;
import bt.metainfo.Torrent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing {@code .torrent} bytes, refusing hostile names, and the bytes stored for a magnet's metadata. */
class MetainfoTest {
    private static final byte[] DATA = "forty-two bytes of a very small movie file".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void bencodeSortsKeysAndWritesEveryType() {
        byte[] b = Bencode.encode(Map.of("b", List.of(1L, "x"), "a", new byte[] {'y'}, "c", new Bencode.Raw("i7e".getBytes())));
        assertEquals("d1:a1:y1:bli1e1:xe1:ci7ee", new String(b, StandardCharsets.US_ASCII));
    }

    @Test
    void aGoodTorrentParses() throws Exception {
        Torrent t = Metainfo.parse(TestMetainfo.multiFile("Show", List.of(
                new TestMetainfo.Entry(List.of("Season 1", "e01.mkv"), DATA),
                new TestMetainfo.Entry(List.of("e02.mkv"), DATA))));
        assertEquals("Show", t.getName());
        assertEquals("Season 1/e01.mkv", Metainfo.displayPath(t.getFiles().get(0)));
        assertEquals(dir.resolve("Show/Season 1/e01.mkv"), Metainfo.location(dir, t, t.getFiles().get(0)));
        Torrent single = Metainfo.parse(TestMetainfo.singleFile("clip.mp4", DATA));
        assertEquals(dir.resolve("clip.mp4"), Metainfo.location(dir, single, single.getFiles().get(0)));
    }

    @Test
    void hostileNamesAreRefused() throws Exception {
        List<byte[]> hostile = List.of(
                TestMetainfo.singleFile("..", DATA),
                TestMetainfo.singleFile("../../etc/cron.d/x", DATA),
                TestMetainfo.singleFile("/etc/passwd", DATA),
                TestMetainfo.singleFile("nul\0.mkv", DATA),
                TestMetainfo.multiFile("..", List.of(new TestMetainfo.Entry(List.of("a"), DATA),
                        new TestMetainfo.Entry(List.of("b"), DATA))),
                TestMetainfo.multiFile("ok", List.of(new TestMetainfo.Entry(List.of("..", "..", "x"), DATA),
                        new TestMetainfo.Entry(List.of("b"), DATA))),
                TestMetainfo.multiFile("ok", List.of(new TestMetainfo.Entry(List.of("a/../../x"), DATA),
                        new TestMetainfo.Entry(List.of("b"), DATA))));
        for (byte[] torrent : hostile) {
            TorrentException e = assertThrows(TorrentException.class, () -> Metainfo.parse(torrent));
            assertEquals(TorrentException.Kind.BAD_INPUT, e.kind());
            assertTrue(e.getMessage().startsWith("refused torrent"), e.getMessage());
        }
        TorrentException junk = assertThrows(TorrentException.class, () -> Metainfo.parse("not bencode".getBytes()));
        assertEquals(TorrentException.Kind.BAD_INPUT, junk.kind());
    }

    @Test
    void theStorageRefusesHostileNamesBeforeMakingFiles() throws Exception {
        Torrent evil = new MetadataService().fromByteArray(TestMetainfo.multiFile("ok", List.of(
                new TestMetainfo.Entry(List.of("..", "escaped"), DATA), new TestMetainfo.Entry(List.of("b"), DATA))));
        Path root = Files.createDirectories(dir.resolve("torrents/abc"));
        GuardedStorage storage = new GuardedStorage(root, e -> { });
        assertThrows(IllegalStateException.class, () -> storage.getUnit(evil, evil.getFiles().get(0)));
        assertThrows(IllegalStateException.class, () -> storage.getUnit(evil, evil.getFiles().get(1)));
        assertFalse(Files.exists(dir.resolve("torrents/escaped")));
        try (var listing = Files.list(root)) {
            assertEquals(0, listing.count());
        }
    }

    @Test
    void aMagnetsInfoDictionaryIsStoredAsATorrentFileWithItsTrackers() throws Exception {
        byte[] info = TestMetainfo.infoOnly("clip.mp4", DATA);
        Torrent fromSwarm = new MetadataService().fromByteArray(info);
        assertTrue(fromSwarm.getSource().getMetadata().isEmpty());
        byte[] file = Metainfo.fileBytes(fromSwarm, List.of("http://127.0.0.1:6969/announce", "http://tracker.example/a"));
        Torrent again = Metainfo.parse(file);
        assertEquals(fromSwarm.getTorrentId(), again.getTorrentId(), "the info dictionary is kept byte for byte");
        assertEquals("http://127.0.0.1:6969/announce", again.getAnnounceKey().orElseThrow().getTrackerUrls().get(0).get(0));
        byte[] original = TestMetainfo.singleFile("clip.mp4", DATA);
        assertArrayEquals(original, Metainfo.fileBytes(Metainfo.parse(original), List.of()), "a .torrent file is kept as is");
    }
}
