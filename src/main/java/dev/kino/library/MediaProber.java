package dev.kino.library;

import dev.kino.store.MediaInfo;
import dev.kino.store.MediaInfoStore;
import dev.kino.transcode.FfmpegProcess;
import dev.kino.transcode.MediaSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ffprobe's view of every library file: results are loaded from the database at start, files that are new or
 * changed (size or modification time) are probed in the background, one at a time, and removed files are forgotten.
 * Lookups never block.
 */
public final class MediaProber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaProber.class);

    private final MediaInfoStore store;
    private final Function<Path, MediaInfo> probe;
    private final RealFiles realFiles;
    private final Map<String, MediaInfoStore.Entry> known = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "media-probe");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param probe runs ffprobe on a file; blocking, never throws (a failure is a {@link MediaInfo#failed}); returns
     *              null when interrupted
     */
    public MediaProber(MediaInfoStore store, Function<Path, MediaInfo> probe, RealFiles realFiles) {
        this.store = store;
        this.probe = probe;
        this.realFiles = realFiles;
    }

    /** Where an item's file really is, checked at the moment of asking (see {@link MediaLibrary#realFile}). */
    @FunctionalInterface
    public interface RealFiles {
        Path realFile(MediaItem item) throws IOException;
    }

    /** Loads stored results. Blocking. */
    public void start() {
        known.putAll(store.all());
    }

    /** The probe result for an item's current file, if it has been probed. */
    public Optional<MediaInfo> info(MediaItem item) {
        MediaInfoStore.Entry e = known.get(item.relativePath());
        return e != null && e.size() == item.size() && e.mtime() == item.modifiedMillis() ? Optional.of(e.info()) : Optional.empty();
    }

    /** Called with every new library snapshot: queues what needs probing, forgets what is gone. */
    public void onScan(List<MediaItem> items) {
        Set<String> present = new HashSet<>();
        for (MediaItem item : items) {
            present.add(item.relativePath());
            if (info(item).isEmpty() && queued.add(item.relativePath())) {
                pending.incrementAndGet();
                worker.execute(() -> probeOne(item));
            }
        }
        if (known.keySet().retainAll(present)) {
            worker.execute(() -> store.retainOnly(present));
        }
    }

    /** Files waiting to be probed (for tests and metrics). */
    public int pending() {
        return pending.get();
    }

    private void probeOne(MediaItem item) {
        try {
            Path real;
            try {
                real = realFiles.realFile(item);
            } catch (IOException e) {
                log.info("not probing {}: {}", item.relativePath(), e.getMessage() == null ? "gone" : e.getMessage());
                return;
            }
            MediaInfo info = probe.apply(real);
            if (info == null || Thread.currentThread().isInterrupted()) {
                return; // shutting down: nothing learned about the file
            }
            if (info.error() != null) {
                log.info("cannot probe {}: {}", item.relativePath(), info.error());
            }
            store.put(item.relativePath(), item.size(), item.modifiedMillis(), info);
            known.put(item.relativePath(), new MediaInfoStore.Entry(item.size(), item.modifiedMillis(), info));
        } catch (RuntimeException e) {
            log.warn("probing {} failed", item.relativePath(), e);
        } finally {
            queued.remove(item.relativePath());
            pending.decrementAndGet();
        }
    }

    /** Runs ffprobe ({@code file:} keeps names like {@code concat:x} from being read as protocols). Blocking. */
    public static Function<Path, MediaInfo> ffprobe(Path ffprobe, Duration timeout) {
        return file -> {
            List<String> argv = argv(ffprobe, MediaSource.file("", "", file));
            try {
                FfmpegProcess.Result r = FfmpegProcess.run(argv, timeout);
                return r.succeeded() ? ProbeParser.parse(r.stdout()) : MediaInfo.failed("not a media file ffprobe can read");
            } catch (IOException e) {
                return MediaInfo.failed("ffprobe failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        };
    }

    /** ffprobe printing the container and its streams in the flat format {@link ProbeParser} reads. */
    static List<String> argv(Path ffprobe, MediaSource source) {
        List<String> a = new ArrayList<>(List.of(ffprobe.toString(), "-v", "error"));
        a.addAll(source.inputOptions());
        a.addAll(List.of("-print_format", "flat", "-show_format", "-show_streams", "-show_chapters", source.input()));
        return List.copyOf(a);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
