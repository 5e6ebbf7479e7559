package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StorageErrorsTest {
    private final Path root = Path.of("/srv/kino/data/torrents/abc");

    @Test
    void namesTheFileInsideTheTorrentAndNeverTheServerPath() {
        assertEquals("the torrent's folder: a file that is not a folder is in the way", StorageErrors.describe(
                new UncheckedIOException(new FileAlreadyExistsException(root.toString())), root));
        assertEquals("'film/a.mkv': No space left on device", StorageErrors.describe(new UncheckedIOException(
                new FileSystemException(root.resolve("film/a.mkv").toString(), null, "No space left on device")), root));
        assertEquals("'a.mkv': permission denied", StorageErrors.describe(
                new RuntimeException(new AccessDeniedException(root.resolve("a.mkv").toString())), root));
        assertEquals("the torrent's folder: permission denied", StorageErrors.describe(
                new AccessDeniedException("/etc/elsewhere"), root));
        assertEquals("IllegalStateException", StorageErrors.describe(new IllegalStateException("/srv/secret"), root));
    }
}
