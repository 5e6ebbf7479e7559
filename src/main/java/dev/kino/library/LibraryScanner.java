package dev.kino.library;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the media folder and lists its audio and video files. Symbolic links are followed only while their
 * target stays inside the folder; hidden files and folders are skipped. Blocking.
 */
final class LibraryScanner {
    private static final Logger log = LoggerFactory.getLogger(LibraryScanner.class);
    private static final int MAX_DEPTH = 32;

    private LibraryScanner() {}

    static List<MediaItem> scan(Path root) throws IOException {
        Path realRoot = root.toRealPath();
        List<MediaItem> items = new ArrayList<>();
        Files.walkFileTree(realRoot, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(realRoot) && (isHidden(dir) || !insideRoot(dir, realRoot))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && !isHidden(file)) {
                    toItem(realRoot, file, attrs).ifPresent(items::add);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (!(e instanceof FileSystemLoopException)) {
                    log.debug("skipping {}: {}", file, e.toString());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        items.sort((a, b) -> a.relativePath().compareToIgnoreCase(b.relativePath()));
        return items;
    }

    private static Optional<MediaItem> toItem(Path root, Path file, BasicFileAttributes attrs) throws IOException {
        Optional<String> mime = MediaTypes.of(file.getFileName().toString());
        if (mime.isEmpty() || !insideRoot(file, root)) {
            return Optional.empty();
        }
        String rel = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        return Optional.of(new MediaItem(MediaIds.of(rel), rel, file, attrs.size(), attrs.lastModifiedTime().toMillis(), mime.get()));
    }

    /** True if the real location of {@code p} (all links resolved) is inside {@code realRoot}. */
    static boolean insideRoot(Path p, Path realRoot) throws IOException {
        return p.toRealPath().startsWith(realRoot);
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
