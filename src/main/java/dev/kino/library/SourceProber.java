package dev.kino.library;

import dev.kino.store.MediaInfo;
import dev.kino.transcode.FfmpegProcess;
import dev.kino.transcode.MediaSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ffprobe's view of sources that are not library files (torrent files, read over loopback HTTP), probed when first
 * asked for. Their content never changes under their key, so results are kept (the most recent {@value #MAX_KEPT});
 * callers asking for a source being probed share the one run. A run that could not read the source in time fails
 * with {@link ProbePendingException} and is forgotten, so the next call tries again. Probes run on virtual threads,
 * never on the caller's.
 */
public final class SourceProber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceProber.class);
    static final int MAX_KEPT = 1024;

    private final Path ffprobe;
    private final Duration timeout;
    private final ExecutorService runner = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("source-probe-", 0).factory());
    private final Map<String, CompletableFuture<MediaInfo>> results = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<MediaInfo>> eldest) {
            return size() > MAX_KEPT;
        }
    };

    /** @param timeout how long one ffprobe run may wait for the source's bytes */
    public SourceProber(Path ffprobe, Duration timeout) {
        this.ffprobe = ffprobe;
        this.timeout = timeout;
    }

    /** The probe result; a {@link MediaInfo#failed} when ffprobe cannot read it as media. Never blocks. */
    public CompletableFuture<MediaInfo> info(MediaSource source) {
        CompletableFuture<MediaInfo> f;
        synchronized (results) {
            f = results.get(source.key());
            if (f != null) {
                return f;
            }
            f = new CompletableFuture<>();
            results.put(source.key(), f);
        }
        CompletableFuture<MediaInfo> result = f;
        runner.execute(() -> {
            try {
                result.complete(probe(source));
            } catch (IOException | InterruptedException | RuntimeException e) {
                synchronized (results) {
                    results.remove(source.key(), result);
                }
                result.completeExceptionally(e);
            }
        });
        return f;
    }

    private MediaInfo probe(MediaSource source) throws IOException, InterruptedException {
        FfmpegProcess.Result r;
        try {
            r = FfmpegProcess.run(MediaProber.argv(ffprobe, source), timeout);
        } catch (IOException e) {
            throw new ProbePendingException("the file's first and last parts have not arrived yet (" + e.getMessage() + ")");
        }
        if (r.succeeded()) {
            return ProbeParser.parse(r.stdout());
        }
        // ffprobe names its input, and a signed link is not for logs or clients
        String why = r.stderr().isEmpty() ? "ffprobe failed" : r.stderr().getLast().replace(source.input(), source.label());
        if (pending(why)) {
            throw new ProbePendingException("the file cannot be read yet: " + why);
        }
        log.info("cannot probe {}: {}", source.label(), why);
        return MediaInfo.failed("not a media file ffprobe can read");
    }

    /** An answer of the server (5xx while a piece is late, 404 while the torrent is gone) or a timeout, not the content. */
    static boolean pending(String ffprobeError) {
        return ffprobeError.contains("Server returned") || ffprobeError.contains("timed out")
                || ffprobeError.contains("Connection refused") || ffprobeError.contains("Connection reset");
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
