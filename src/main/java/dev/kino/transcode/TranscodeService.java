package dev.kino.transcode;

import dev.kino.config.TranscodeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs conversions: at most {@code maxConcurrent} ffmpeg processes at once (the caller answers the rest with 503),
 * each a {@link Job} that its owner closes; the active ones, with their progress, are listed for the API.
 */
public final class TranscodeService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TranscodeService.class);

    /** What the API shows of a running job. */
    public record JobStatus(long id, String label, String format, long startedAtMillis, Double positionSeconds, Double speed) {}

    private final FfmpegTools tools;
    private final TranscodeConfig config;
    private final Leftovers leftovers;
    private final Semaphore slots;
    private final Map<Long, Job> active = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public TranscodeService(FfmpegTools tools, TranscodeConfig config) {
        this(tools, config, null);
    }

    /** @param leftovers where running jobs' pids are recorded, for the next start to end them; null for nowhere */
    public TranscodeService(FfmpegTools tools, TranscodeConfig config, Leftovers leftovers) {
        this.tools = tools;
        this.config = config;
        this.leftovers = leftovers;
        this.slots = new Semaphore(config.maxConcurrent());
    }

    public FfmpegTools tools() {
        return tools;
    }

    /** Starts converting {@code input}, or returns empty when every slot is taken. Blocking (spawns ffmpeg). */
    public Optional<Job> start(String label, Path input, ConversionRequest request) throws IOException {
        return start(label, request.format().extension(), request.startSeconds(), FfmpegCommand.convert(tools, input, request));
    }

    /**
     * Starts an ffmpeg command line whose output the caller streams, or returns empty when every slot is taken.
     * Blocking (spawns ffmpeg).
     *
     * @param kind         what it makes, for the jobs list ("mp4", "hls transcode"…)
     * @param startSeconds where in the source it starts, to report positions on the source's timeline
     */
    public Optional<Job> start(String label, String kind, double startSeconds, List<String> argv) throws IOException {
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        long id = ids.incrementAndGet();
        Job job = new Job(id, label, kind, startSeconds);
        try {
            job.process = FfmpegProcess.start(argv, job::onProgressLine);
        } catch (IOException | RuntimeException e) {
            slots.release();
            throw e;
        }
        if (leftovers != null) {
            leftovers.record(job.process.pid());
        }
        active.put(id, job);
        log.debug("job {}: {} of {} from {} s", id, kind, label, startSeconds);
        return Optional.of(job);
    }

    /** ffmpeg jobs started since the server started (conversions, HLS segments, live rungs). */
    public long jobsStarted() {
        return ids.get();
    }

    public List<JobStatus> jobs() {
        List<JobStatus> out = new ArrayList<>();
        active.values().forEach(j -> out.add(j.status()));
        out.sort((a, b) -> Long.compare(a.id(), b.id()));
        return out;
    }

    @Override
    public void close() {
        active.values().forEach(Job::close);
    }

    /** One running conversion; closing it kills ffmpeg (if still running) and frees its slot. */
    public final class Job implements AutoCloseable {
        private final long id;
        private final String label;
        private final String kind;
        private final double startSeconds;
        private final long startedAt = System.currentTimeMillis();
        private final FfmpegProgressParser parser = new FfmpegProgressParser();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile Progress progress;
        private FfmpegProcess process;

        private Job(long id, String label, String kind, double startSeconds) {
            this.id = id;
            this.label = label;
            this.kind = kind;
            this.startSeconds = startSeconds;
        }

        public long id() {
            return id;
        }

        public InputStream output() {
            return process.stdout();
        }

        /**
         * ffmpeg's standard input, for a command line that reads {@code pipe:0} (the others pass {@code -nostdin}).
         * Write it on a thread of the owner's own, never on an event loop: a busy ffmpeg makes the writes wait.
         */
        public OutputStream input() {
            return process.stdin();
        }

        /** Waits for ffmpeg to exit; true if it exited with status 0. */
        public boolean succeeded(Duration timeout) throws InterruptedException {
            return process.waitFor(timeout) && process.exitCode().orElse(-1) == 0;
        }

        /** How long whoever streams the output lets its client take nothing before it closes the job. */
        public Duration idleTimeout() {
            return config.idleTimeout();
        }

        /** How long whoever streams the output lets the job run at most. */
        public Duration maxDuration() {
            return config.maxDuration();
        }

        /** ffmpeg's last error lines, for the log or a 4xx/5xx message. */
        public List<String> lastStderr() {
            return process.lastStderr();
        }

        private void onProgressLine(String line) {
            synchronized (parser) {
                parser.feed(line).ifPresent(p -> progress = p);
            }
        }

        JobStatus status() {
            Progress p = progress;
            Double position = p == null || p.outTimeMicros().isEmpty() ? null
                    : startSeconds + p.outTimeMicros().getAsLong() / 1e6;
            Double speed = p == null || p.speed().isEmpty() ? null : p.speed().getAsDouble();
            return new JobStatus(id, label, kind, startedAt, position, speed);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                try {
                    process.close();
                    if (leftovers != null && process.exitCode().isPresent()) {
                        leftovers.forget(process.pid());
                    }
                } finally {
                    active.remove(id);
                    slots.release();
                    log.debug("job {}: ended", id);
                }
            }
        }
    }
}
