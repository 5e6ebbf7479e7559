package dev.kino.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walking the media folder. */
class LibraryScannerTest {
    @TempDir
    Path base;

    /** The media folder; {@code base} also holds folders outside it. */
    private Path root;

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createDirectory(base.resolve("media"));
    }

    private static Path write(Path file, int size) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[size]);
    }

    private List<String> paths() throws IOException {
        return LibraryScanner.scan(root).stream().map(MediaItem::relativePath).toList();
    }

    @Test
    void emptyFolderHasNothing() throws IOException {
        assertEquals(List.of(), LibraryScanner.scan(root));
    }

    @Test
    void listsMediaRecursivelyWithSlashSeparatedRelativePaths() throws IOException {
        write(root.resolve("top.mp4"), 10);
        write(root.resolve("shows/Show/Season 1/e01.mkv"), 20);
        write(root.resolve("music/album/01.flac"), 30);

        assertEquals(List.of("music/album/01.flac", "shows/Show/Season 1/e01.mkv", "top.mp4"), paths());
    }

    @Test
    void itemsCarrySizeTypeIdAndFile() throws IOException {
        Path file = write(root.resolve("shows/e01.mkv"), 1234);
        write(root.resolve("song.mp3"), 0);

        List<MediaItem> items = LibraryScanner.scan(root);
        assertEquals(2, items.size());

        MediaItem show = items.get(0);
        assertEquals("shows/e01.mkv", show.relativePath());
        assertEquals(1234, show.size());
        assertEquals("video/x-matroska", show.mimeType());
        assertEquals(MediaIds.of("shows/e01.mkv"), show.id());
        assertEquals(file.toRealPath(), show.file().toRealPath());
        assertEquals(Files.getLastModifiedTime(file).toMillis(), show.modifiedMillis());

        MediaItem song = items.get(1);
        assertEquals("song.mp3", song.relativePath());
        assertEquals(0, song.size());
        assertEquals("audio/mpeg", song.mimeType());
    }

    @Test
    void outputIsSortedIgnoringCase() throws IOException {
        write(root.resolve("b.mp4"), 1);
        write(root.resolve("A.mp4"), 1);
        write(root.resolve("c.mp4"), 1);
        write(root.resolve("B-sides/x.mp3"), 1);

        assertEquals(List.of("A.mp4", "B-sides/x.mp3", "b.mp4", "c.mp4"), paths());
    }

    @Test
    void nonMediaFilesAreSkipped() throws IOException {
        write(root.resolve("movie.mp4"), 1);
        write(root.resolve("movie.srt"), 1);
        write(root.resolve("cover.jpg"), 1);
        write(root.resolve("notes"), 1);
        Files.createDirectories(root.resolve("folder.mp4")); // a directory named like media

        assertEquals(List.of("movie.mp4"), paths());
    }

    @Test
    void hiddenFilesAndFoldersAreSkipped() throws IOException {
        write(root.resolve("visible.mp4"), 1);
        write(root.resolve(".hidden.mp4"), 1);
        write(root.resolve(".trash/deleted.mp4"), 1);
        write(root.resolve("shows/.cache/x.mkv"), 1);
        write(root.resolve("shows/ok.mkv"), 1);

        assertEquals(List.of("shows/ok.mkv", "visible.mp4"), paths());
    }

    @Test
    void symlinkToAFileInsideTheRootIsListed() throws IOException {
        write(root.resolve("originals/a.mp4"), 7);
        Files.createDirectories(root.resolve("favourites"));
        Files.createSymbolicLink(root.resolve("favourites/a.mp4"), root.resolve("originals/a.mp4"));

        List<MediaItem> items = LibraryScanner.scan(root);
        assertEquals(List.of("favourites/a.mp4", "originals/a.mp4"), items.stream().map(MediaItem::relativePath).toList());
        assertEquals(7, items.get(0).size());
    }

    @Test
    void relativeSymlinkInsideTheRootIsListed() throws IOException {
        write(root.resolve("originals/a.mp4"), 7);
        Files.createSymbolicLink(root.resolve("link.mp4"), Path.of("originals/a.mp4"));

        assertEquals(List.of("link.mp4", "originals/a.mp4"), paths());
    }

    @Test
    void symlinkToAFileOutsideTheRootIsNotListed() throws IOException {
        Path secret = write(base.resolve("elsewhere/secret.mp4"), 1);
        write(root.resolve("ok.mp4"), 1);
        Files.createSymbolicLink(root.resolve("escape.mp4"), secret);
        Files.createSymbolicLink(root.resolve("relative-escape.mp4"), Path.of("../elsewhere/secret.mp4"));

        assertEquals(List.of("ok.mp4"), paths());
    }

    @Test
    void symlinkToADirectoryOutsideTheRootIsNotListed() throws IOException {
        write(base.resolve("elsewhere/secret.mp4"), 1);
        write(base.resolve("elsewhere/deeper/secret2.mkv"), 1);
        write(root.resolve("ok.mp4"), 1);
        Files.createSymbolicLink(root.resolve("escape"), base.resolve("elsewhere"));

        assertEquals(List.of("ok.mp4"), paths());
    }

    @Test
    void siblingFolderSharingTheRootNamePrefixIsOutside() throws IOException {
        // "/…/media-private" starts with the characters "/…/media" but is not below it
        Path sibling = write(base.resolve("media-private/secret.mp4"), 1);
        Files.createSymbolicLink(root.resolve("file-link.mp4"), sibling);
        Files.createSymbolicLink(root.resolve("dir-link"), sibling.getParent());

        assertEquals(List.of(), paths());
    }

    @Test
    void symlinkToADirectoryInsideTheRootIsFollowed() throws IOException {
        write(root.resolve("real/a.mp4"), 1);
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));

        assertEquals(List.of("alias/a.mp4", "real/a.mp4"), paths());
    }

    @Test
    void symlinkLoopDoesNotHangOrThrow() throws IOException {
        write(root.resolve("a/film.mp4"), 3);
        Files.createSymbolicLink(root.resolve("a/back-to-root"), root);
        Files.createSymbolicLink(root.resolve("a/self"), root.resolve("a"));
        Files.createSymbolicLink(root.resolve("ping"), root.resolve("pong"));
        Files.createSymbolicLink(root.resolve("pong"), root.resolve("ping"));

        List<String> paths = assertTimeoutPreemptively(Duration.ofSeconds(20), this::paths);
        assertTrue(paths.contains("a/film.mp4"), paths.toString());
        assertTrue(paths.stream().allMatch(p -> p.endsWith("film.mp4")), paths.toString());
    }

    @Test
    void danglingSymlinkIsSkipped() throws IOException {
        write(root.resolve("ok.mp4"), 1);
        Files.createSymbolicLink(root.resolve("gone.mp4"), root.resolve("deleted.mp4"));

        assertEquals(List.of("ok.mp4"), paths());
    }

    @Test
    void rootGivenThroughASymlinkIsScanned() throws IOException {
        write(root.resolve("sub/a.mp4"), 5);
        Path alias = Files.createSymbolicLink(base.resolve("alias"), root);

        List<MediaItem> items = LibraryScanner.scan(alias);
        assertEquals(List.of("sub/a.mp4"), items.stream().map(MediaItem::relativePath).toList());
        assertEquals(5, items.get(0).size());
    }
}
