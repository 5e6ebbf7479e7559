package dev.kino.library;

import dev.kino.config.LibraryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the media folder, rescanned in the background and on demand. Lookups by id read an immutable
 * snapshot and never block; {@link #refresh}, {@link #refreshIfOlderThan} and {@link #stat} touch the disk.
 */
public final class MediaLibrary implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaLibrary.class);

    /** A file's state at serving time; {@code path} is its real location, the one to open. */
    public record FileState(Path path, long size, long modifiedMillis) {}

    private record Snapshot(List<MediaItem> items, Map<String, MediaItem> byId, long takenAtNanos) {}

    private final LibraryConfig config;
    private final Path realRoot;
    private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of(), 0);
    private final List<java.util.function.Consumer<List<MediaItem>>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;

    public MediaLibrary(LibraryConfig config) {
        this.config = config;
        try {
            if (!Files.exists(config.root())) {
                log.warn("media folder {} did not exist: created it empty; put videos in it, or start with --media DIR",
                        config.root().toAbsolutePath());
            }
            Files.createDirectories(config.root());
            this.realRoot = config.root().toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open media folder " + config.root(), e);
        }
    }

    /** Scans once now, then every {@code rescanInterval} on a background thread. */
    public void start() {
        refresh();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "library-scan");
            t.setDaemon(true);
            return t;
        });
        long every = config.rescanInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Called, on the scanning thread, with the items of every new scan; must not block for long. */
    public void onScan(java.util.function.Consumer<List<MediaItem>> listener) {
        listeners.add(listener);
    }

    public Path root() {
        return realRoot;
    }

    public List<MediaItem> items() {
        return snapshot.items();
    }

    public Optional<MediaItem> find(String id) {
        return MediaIds.isWellFormed(id) ? Optional.ofNullable(snapshot.byId().get(id)) : Optional.empty();
    }

    /** Rescans the folder. Blocking. */
    public synchronized void refresh() {
        long started = System.nanoTime();
        try {
            List<MediaItem> items = LibraryScanner.scan(realRoot);
            Map<String, MediaItem> byId = new LinkedHashMap<>();
            items.forEach(i -> byId.put(i.id(), i));
            int before = snapshot.items().size();
            snapshot = new Snapshot(List.copyOf(items), Map.copyOf(byId), System.nanoTime());
            listeners.forEach(l -> l.accept(snapshot.items()));
            if (items.size() != before) {
                log.info("library: {} files in {} (scan took {} ms)", items.size(), realRoot,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (IOException e) {
            log.warn("library scan of {} failed: {}", realRoot, e.toString());
        }
    }

    /** Rescans unless the last scan is more recent than {@code maxAgeMillis}. Blocking. */
    public void refreshIfOlderThan(long maxAgeMillis) {
        if (System.nanoTime() - snapshot.takenAtNanos() > maxAgeMillis * 1_000_000L) {
            refresh();
        }
    }

    /**
     * The current size and modification time of an item's file, after checking that the file still exists and
     * that its real location is still inside the media folder (a link may have been changed since the scan).
     * Blocking.
     *
     * @throws NoSuchFileException if the file is gone, is no regular file, or now lies outside the folder
     */
    public FileState stat(MediaItem item) throws IOException {
        Path real = item.file().toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new NoSuchFileException(item.relativePath(), null, "outside the media folder");
        }
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new NoSuchFileException(item.relativePath(), null, "not a regular file");
        }
        return new FileState(real, a.size(), a.lastModifiedTime().toMillis());
    }

    /**
     * The real path of an item's file, checked now as {@link #stat} checks it: what to hand to ffmpeg or ffprobe, so
     * that a link swapped after the scan cannot lead them outside the media folder. Blocking.
     *
     * @throws NoSuchFileException as {@link #stat}
     */
    public Path realFile(MediaItem item) throws IOException {
        return stat(item).path();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("library scan failed", e);
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
