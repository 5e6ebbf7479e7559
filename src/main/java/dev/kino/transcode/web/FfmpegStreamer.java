package dev.kino.transcode.web;

import dev.kino.http.JsonErrors;
import dev.kino.transcode.TranscodeService;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a running ffmpeg job's output to a response. Headers go out only once the first bytes exist, so a job
 * that fails at once is a JSON error, not an empty 200. A client that goes away kills ffmpeg; a failure after the
 * first byte cuts the connection (the client sees an incomplete transfer). The copying runs on a virtual thread
 * and waits for each write: the socket's pace is ffmpeg's pace. A client that takes nothing for the job's idle timeout,
 * or a run past its longest duration, is cut off the same way, and ffmpeg killed: a stalled client holds no slot.
 */
public final class FfmpegStreamer {
    private static final Logger log = LoggerFactory.getLogger(FfmpegStreamer.class);
    private static final int CHUNK = 64 * 1024;
    public static final String RETRY_AFTER_SECONDS = "5";

    private FfmpegStreamer() {}

    /** Answers 503 with Retry-After: every transcode slot is taken. */
    public static void busy(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
        JsonErrors.send(ctx.response(), 503, "too many conversions running; try again shortly", false);
    }

    /**
     * @param label what the client knows the source as (its path under the media folder), shown in place of
     * @param input the input ffmpeg was given (a server path or an internal URL), which never reaches the client
     */
    public static void stream(RoutingContext ctx, TranscodeService.Job job, String label, String input, Map<String, String> headers) {
        HttpServerResponse resp = ctx.response();
        // however the client reads (at a trickle, say), the run ends in time and frees its slot
        long deadline = ctx.vertx().setTimer(Math.max(1, job.maxDuration().toMillis()), id -> {
            log.info("{}: ended after {} s (transcode.max-duration)", label, job.maxDuration().toSeconds());
            Thread.ofVirtual().start(job::close);
            cutOff(resp);
        });
        // closing kills ffmpeg and waits for it: not on the event loop
        resp.closeHandler(v -> {
            ctx.vertx().cancelTimer(deadline);
            Thread.ofVirtual().start(job::close);
        });
        Context context = ctx.vertx().getOrCreateContext();
        Thread.ofVirtual().name("ffmpeg-out-" + job.id()).start(() -> {
            try {
                pump(context, resp, job, label, input, headers);
            } finally {
                ctx.vertx().cancelTimer(deadline);
            }
        });
    }

    private static void pump(Context context, HttpServerResponse resp, TranscodeService.Job job, String label, String input,
                             Map<String, String> headers) {
        try (job; InputStream in = job.output()) {
            byte[] buf = new byte[CHUNK];
            int n = in.readNBytes(buf, 0, buf.length);
            if (n == 0) {
                boolean ok = job.succeeded(Duration.ofSeconds(5));
                String why = ok ? "ffmpeg produced no output" : "cannot convert: " + lastLine(job.lastStderr()).replace(input, label);
                context.runOnContext(v -> JsonErrors.send(resp, 422, why, false));
                return;
            }
            Buffer first = Buffer.buffer().appendBytes(buf, 0, n);
            onContext(context, () -> {
                resp.setStatusCode(200).setChunked(true);
                headers.forEach(resp::putHeader);
                return resp.write(first);
            }, job);
            while ((n = in.read(buf)) > 0 && !resp.closed()) {
                Buffer chunk = Buffer.buffer().appendBytes(buf, 0, n);
                onContext(context, () -> resp.write(chunk), job);
            }
            if (resp.closed()) {
                return;
            }
            if (job.succeeded(Duration.ofSeconds(10))) {
                onContext(context, resp::end, job);
            } else {
                log.warn("ffmpeg failed midway through {}: {}", label, job.lastStderr());
                context.runOnContext(v -> resp.reset());
            }
        } catch (TimeoutException e) {
            // the job is closed (ffmpeg killed, its slot free); the client is cut off
            log.info("{}: the client took nothing for {} s; ended (transcode.idle-timeout)", label, job.idleTimeout().toSeconds());
            context.runOnContext(v -> cutOff(resp));
        } catch (IOException | RuntimeException e) {
            log.debug("stream of {} ended: {}", label, e.toString());
            context.runOnContext(v -> cutOff(resp));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs a write on the connection's context and waits until it is done: the pipe's backpressure. A write is done
     * once the socket has taken it, so a client that stops reading leaves it waiting: past the job's idle timeout,
     * this closes the job (before its output pipe is closed, which ffmpeg would take for a failure of its own) and
     * throws.
     */
    private static void onContext(Context context, Supplier<Future<Void>> write, TranscodeService.Job job) throws TimeoutException {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> write.get().onComplete(done));
        try {
            done.future().await(job.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            job.close();
            throw e;
        }
    }

    /** Ends the response as a failure (the connection is closed), unless it is closed already. On its context. */
    private static void cutOff(HttpServerResponse resp) {
        if (!resp.closed()) {
            resp.reset();
        }
    }

    private static String lastLine(List<String> stderr) {
        return stderr.isEmpty() ? "ffmpeg failed" : stderr.get(stderr.size() - 1);
    }
}
