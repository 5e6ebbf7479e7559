package dev.kino.http;

import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import dev.kino.transcode.ConversionRequest;
import dev.kino.transcode.TranscodeService;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /media/{id}/convert?format=…}: streams ffmpeg's output as it is produced. Headers go out only once the
 * first bytes exist, so a conversion that fails at once is a JSON error, not an empty 200. A client that goes away
 * kills ffmpeg; a failure after the first byte cuts the connection (the client sees an incomplete transfer).
 */
final class ConvertHandler {
    private static final Logger log = LoggerFactory.getLogger(ConvertHandler.class);
    private static final int CHUNK = 64 * 1024;
    private static final String RETRY_AFTER_SECONDS = "5";

    private final MediaLibrary library;
    private final TranscodeService transcodes;

    ConvertHandler(MediaLibrary library, TranscodeService transcodes) {
        this.library = library;
        this.transcodes = transcodes;
    }

    void handle(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        if (item.isEmpty()) {
            ctx.fail(404);
            return;
        }
        Map<String, String> query = new HashMap<>();
        ctx.queryParams().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
        ConversionRequest request;
        try {
            request = ConversionRequest.parse(query);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        MediaItem it = item.get();
        ctx.vertx().executeBlocking(() -> transcodes.start(it.relativePath(), it.file(), request), false)
                .onSuccess(job -> {
                    if (job.isEmpty()) {
                        ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
                        JsonErrors.send(ctx.response(), 503, "too many conversions running; try again shortly", false);
                        return;
                    }
                    // closing kills ffmpeg and waits for it: not on the event loop
                    ctx.response().closeHandler(v -> Thread.ofVirtual().start(job.get()::close));
                    Context context = ctx.vertx().getOrCreateContext();
                    Thread.ofVirtual().name("convert-" + job.get().id())
                            .start(() -> pump(context, ctx.response(), job.get(), it, request));
                })
                .onFailure(ctx::fail);
    }

    private static void pump(Context context, HttpServerResponse resp, TranscodeService.Job job, MediaItem item,
                             ConversionRequest request) {
        try (job; InputStream in = job.output()) {
            byte[] buf = new byte[CHUNK];
            int n = in.readNBytes(buf, 0, buf.length);
            if (n == 0) {
                boolean ok = job.succeeded(Duration.ofSeconds(5));
                String why = ok ? "ffmpeg produced no output" : "cannot convert: " + lastLine(job.lastStderr());
                context.runOnContext(v -> JsonErrors.send(resp, 422, why, false));
                return;
            }
            Buffer first = Buffer.buffer().appendBytes(buf, 0, n);
            onContext(context, () -> {
                resp.setStatusCode(200).setChunked(true)
                        .putHeader("Content-Type", request.format().contentType())
                        .putHeader("Content-Disposition", disposition(item, request))
                        .putHeader("Cache-Control", "no-store");
                return resp.write(first);
            });
            while ((n = in.read(buf)) > 0 && !resp.closed()) {
                Buffer chunk = Buffer.buffer().appendBytes(buf, 0, n);
                onContext(context, () -> resp.write(chunk));
            }
            if (resp.closed()) {
                return;
            }
            if (job.succeeded(Duration.ofSeconds(10))) {
                onContext(context, resp::end);
            } else {
                log.warn("conversion of {} failed midway: {}", item.relativePath(), job.lastStderr());
                context.runOnContext(v -> resp.reset());
            }
        } catch (IOException | RuntimeException e) {
            log.debug("conversion of {} ended: {}", item.relativePath(), e.toString());
            context.runOnContext(v -> {
                if (!resp.closed()) {
                    resp.reset();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a write on the connection's context and waits until it is done: the pipe's backpressure. */
    private static void onContext(Context context, java.util.function.Supplier<io.vertx.core.Future<Void>> write) {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> write.get().onComplete(done));
        done.future().await();
    }

    static String disposition(MediaItem item, ConversionRequest request) {
        String name = item.name();
        int dot = name.lastIndexOf('.');
        String file = (dot > 0 ? name.substring(0, dot) : name) + "." + request.format().extension();
        String ascii = file.replaceAll("[^A-Za-z0-9._ ()-]", "_");
        String encoded = java.net.URLEncoder.encode(file, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static String lastLine(List<String> stderr) {
        return stderr.isEmpty() ? "ffmpeg failed" : stderr.get(stderr.size() - 1);
    }
}
