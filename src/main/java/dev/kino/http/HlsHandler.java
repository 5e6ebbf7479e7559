package dev.kino.http;

import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import dev.kino.library.MediaProber;
import dev.kino.store.MediaInfo;
import dev.kino.transcode.HlsMode;
import dev.kino.transcode.HlsPlaylist;
import dev.kino.transcode.HlsService;
import dev.kino.transcode.SegmentPlan;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /media/{id}/hls/{remux|transcode}/index.m3u8} and {@code …/{n}.ts}: HLS renditions made on demand. A
 * signed link's query is carried into the playlist's segment URIs, so external players and Safari can follow it.
 */
final class HlsHandler {
    private static final Pattern SEGMENT = Pattern.compile("(\\d{1,7})\\.ts");
    private static final Set<String> COPYABLE_AUDIO = Set.of("aac", "mp3");

    private final MediaLibrary library;
    private final MediaProber prober;
    private final HlsService hls;

    HlsHandler(MediaLibrary library, MediaProber prober, HlsService hls) {
        this.library = library;
        this.prober = prober;
        this.hls = hls;
    }

    void handle(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        Optional<HlsMode> mode = HlsMode.byPathName(ctx.pathParam("mode"));
        String file = ctx.pathParam("file");
        Matcher segment = SEGMENT.matcher(file);
        if (item.isEmpty() || mode.isEmpty() || !(file.equals("index.m3u8") || segment.matches())) {
            ctx.fail(404);
            return;
        }
        Optional<MediaInfo> info = prober.info(item.get());
        if (info.isEmpty()) {
            ctx.response().putHeader("Retry-After", "2");
            JsonErrors.send(ctx.response(), 503, "the file is still being analysed", false);
            return;
        }
        if (info.get().durationSeconds() == null) {
            throw new UnplayableException(info.get().error() != null ? info.get().error() : "the file has no known duration");
        }
        MediaItem it = item.get();
        ctx.vertx().executeBlocking(() -> hls.plan(it.version(), it.file(), mode.get(), info.get().durationSeconds()), false)
                .onSuccess(plan -> {
                    if (file.equals("index.m3u8")) {
                        ctx.response().putHeader("Content-Type", "application/vnd.apple.mpegurl")
                                .putHeader("Cache-Control", "no-cache")
                                .end(HlsPlaylist.write(plan, signedQuery(ctx)));
                    } else {
                        segment(ctx, it, info.get(), mode.get(), plan, Integer.parseInt(segment.group(1)));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void segment(RoutingContext ctx, MediaItem it, MediaInfo info, HlsMode mode, SegmentPlan plan, int index) {
        if (index >= plan.count()) {
            ctx.fail(404);
            return;
        }
        boolean copyAudio = mode == HlsMode.REMUX && (info.audioCodec() == null || COPYABLE_AUDIO.contains(info.audioCodec()));
        ctx.vertx().executeBlocking(() -> hls.segment(it.relativePath(), it.file(), mode, copyAudio, plan, index), false)
                .onSuccess(job -> {
                    if (job.isEmpty()) {
                        FfmpegStreamer.busy(ctx);
                    } else {
                        FfmpegStreamer.stream(ctx, job.get(), it.relativePath() + " segment " + index,
                                Map.of("Content-Type", "video/mp2t", "Cache-Control", "private, max-age=3600"));
                    }
                })
                .onFailure(ctx::fail);
    }

    private static String signedQuery(RoutingContext ctx) {
        String expires = Params.query(ctx.request(), "expires");
        String sig = Params.query(ctx.request(), "sig");
        return expires != null && sig != null && expires.matches("\\d{1,19}") && sig.matches("[A-Za-z0-9_-]{1,100}")
                ? "?expires=" + expires + "&sig=" + sig : "";
    }
}
