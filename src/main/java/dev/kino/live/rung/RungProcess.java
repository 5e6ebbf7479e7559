package dev.kino.live.rung;

import dev.kino.container.ContainerParser;
import dev.kino.container.ParseException;
import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.MediaUnit;
import dev.kino.live.ingest.ContainerFormat;
import dev.kino.live.ingest.ParserToHub;
import dev.kino.transcode.TranscodeService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ffmpeg run of a rung: a transcode job (one slot of the cap) whose stdin the rung's feeder writes and whose
 * stdout a virtual thread of its own parses as fragmented MP4 into the derived stream. When stdout ends without the
 * rung having closed the run (ffmpeg died, or wrote what Kino cannot read), the rung is told why.
 */
final class RungProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RungProcess.class);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(1);
    private static final Duration READER_JOIN = Duration.ofSeconds(3);

    private final TranscodeService.Job job;
    private final OutputStream stdin;
    private final Thread reader;
    private volatile boolean closing;

    private RungProcess(TranscodeService.Job job, String name, LiveStream derived, String publisherId,
                        BiConsumer<RungProcess, String> ended) {
        this.job = job;
        this.stdin = job.input();
        ContainerParser parser = ContainerFormat.MP4.parser(new ParserToHub(derived, publisherId));
        this.reader = Thread.ofVirtual().name("hls-rung " + name + " ffmpeg-out").unstarted(() -> pump(parser, ended));
    }

    /**
     * Starts ffmpeg as a transcode job, or returns empty when every slot is taken. Blocking (spawns ffmpeg).
     *
     * @param ended told (once, on the stdout thread) why a run ended that nobody closed
     */
    static Optional<RungProcess> start(TranscodeService transcodes, String name, List<String> argv, LiveStream derived,
                                       String publisherId, BiConsumer<RungProcess, String> ended) throws IOException {
        Optional<TranscodeService.Job> job = transcodes.start(name, "live h264", 0, argv);
        if (job.isEmpty()) {
            return Optional.empty();
        }
        RungProcess run = new RungProcess(job.get(), name, derived, publisherId, ended);
        run.reader.start();
        return Optional.of(run);
    }

    long jobId() {
        return job.id();
    }

    /** Hands one unit to ffmpeg; waits while ffmpeg is busy (its pipe full). On the feeder's thread only. */
    void write(MediaUnit u) throws IOException {
        stdin.write(u.data());
        stdin.flush();
    }

    /**
     * Kills ffmpeg (if it still runs), frees its slot and waits for the stdout thread. Idempotent; a second caller
     * returns once the kill is done, so that whoever goes on to start the next run finds the slot free. The wait for
     * the stdout thread holds no lock: that thread may be closing the run itself (ffmpeg died).
     */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            job.close();
        }
        if (Thread.currentThread() != reader) {
            try {
                if (!reader.join(READER_JOIN)) {
                    log.warn("job {}: ffmpeg's output reader did not end within {} ms", job.id(), READER_JOIN.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pump(ContainerParser parser, BiConsumer<RungProcess, String> ended) {
        String why;
        try (InputStream out = job.output()) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = out.read(buf)) >= 0) {
                parser.feed(buf, 0, n);
            }
            why = "ffmpeg ended its output"; // a box cut short by its death is dropped: there is nothing to flush
        } catch (ParseException e) {
            why = "ffmpeg wrote what Kino cannot read (" + e.getMessage() + ")";
        } catch (IOException e) {
            why = "reading ffmpeg's output failed (" + e.getMessage() + ")";
        }
        if (!closing) {
            ended.accept(this, why + lastWords());
        }
    }

    /** ffmpeg's last stderr lines, once it has exited (it is given a moment), for the log. */
    private String lastWords() {
        try {
            job.succeeded(EXIT_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> last = job.lastStderr();
        return last.isEmpty() ? "; it wrote nothing to stderr" : "; last stderr:\n  " + String.join("\n  ", last);
    }
}
