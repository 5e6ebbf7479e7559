package dev.kino.library;

import dev.kino.store.MediaInfo;
import dev.kino.transcode.FfmpegCommand;
import dev.kino.transcode.FfmpegProcess;
import dev.kino.transcode.FfmpegTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poster frames: one JPEG per video file, taken by ffmpeg at 10 % of the duration (at most one minute in) and kept
 * in {@code DATA/cache/posters} under the file's id, size and modification time, so a changed file gets a new
 * poster. Files that have none (audio, broken) are remembered so ffmpeg is not asked again. Blocking.
 */
public final class PosterCache {
    private static final Logger log = LoggerFactory.getLogger(PosterCache.class);
    private static final int WIDTH = 480;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final double MAX_OFFSET_SECONDS = 60;

    private final Path dir;
    private final FfmpegTools tools;
    private final MediaProber prober;
    private final MediaLibrary library;
    private final Semaphore slots = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    private final Map<String, Boolean> none = new ConcurrentHashMap<>();

    public PosterCache(Path dataDir, FfmpegTools tools, MediaProber prober, MediaLibrary library) {
        this.dir = dataDir.resolve("cache").resolve("posters");
        this.tools = tools;
        this.prober = prober;
        this.library = library;
    }

    /** The poster of an item, made now if needed; empty if the file has no picture. */
    public Optional<Path> poster(MediaItem item) throws IOException, InterruptedException {
        String key = item.version();
        Path file = dir.resolve(key + ".jpg");
        if (Files.exists(file)) {
            return Optional.of(file);
        }
        Optional<MediaInfo> info = prober.info(item);
        if (item.kind().equals("audio") || none.containsKey(key) || info.map(i -> i.videoCodec() == null).orElse(false)) {
            return Optional.empty();
        }
        if (!slots.tryAcquire(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IOException("too many posters being made");
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp.jpg");
            try {
                double at = info.map(MediaInfo::durationSeconds).map(d -> Math.min(d * 0.1, MAX_OFFSET_SECONDS)).orElse(0.0);
                FfmpegProcess.Result r = FfmpegProcess.run(FfmpegCommand.thumbnail(tools, library.realFile(item), at, WIDTH, tmp), TIMEOUT);
                if (!r.succeeded() || Files.size(tmp) == 0) {
                    log.info("no poster for {}: {}", item.relativePath(), r.stderr().isEmpty() ? "no frame" : r.stderr().getLast());
                    none.put(key, Boolean.TRUE);
                    return Optional.empty();
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return Optional.of(file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } finally {
            slots.release();
        }
    }
}
