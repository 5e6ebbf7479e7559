package dev.kino.transcode.web;

import dev.kino.http.Requests;
import dev.kino.transcode.UnplayableException;
import dev.kino.store.MediaInfo;
import dev.kino.transcode.HlsMode;
import dev.kino.transcode.HlsPlaylist;
import dev.kino.transcode.HlsService;
import dev.kino.transcode.MediaSource;
import dev.kino.transcode.SegmentPlan;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code …/hls/{remux|transcode}/index.m3u8} and {@code …/{n}.ts} for any source (a library file, a torrent
 * file): the playlist of the rendition's segment plan, or one segment made by ffmpeg. A signed link's query is
 * carried into the playlist's segment URIs, so external players and Safari can follow it.
 */
public final class HlsResponder {
    private static final Pattern SEGMENT = Pattern.compile("(\\d{1,7})\\.ts");
    private static final Set<String> COPYABLE_AUDIO = Set.of("aac", "mp3");

    private final HlsService hls;

    public HlsResponder(HlsService hls) {
        this.hls = hls;
    }

    /** The rendition asked for by the {@code :mode} and {@code :file} path parameters, if they name one. */
    public static Optional<HlsMode> mode(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        return file.equals("index.m3u8") || SEGMENT.matcher(file).matches() ? HlsMode.byPathName(ctx.pathParam("mode")) : Optional.empty();
    }

    /** Answers for a source ffprobe has read; {@code mode} comes from {@link #mode}. */
    public void respond(RoutingContext ctx, MediaSource source, MediaInfo info, HlsMode mode) {
        if (info.durationSeconds() == null) {
            throw new UnplayableException(info.error() != null ? info.error() : "the file has no known duration");
        }
        String file = ctx.pathParam("file");
        ctx.vertx().executeBlocking(() -> hls.plan(source, mode, info.durationSeconds()), false)
                .onSuccess(plan -> {
                    Matcher segment = SEGMENT.matcher(file);
                    if (segment.matches()) {
                        segment(ctx, source, info, mode, plan, Integer.parseInt(segment.group(1)));
                    } else {
                        ctx.response().putHeader("Content-Type", "application/vnd.apple.mpegurl")
                                .putHeader("Cache-Control", "no-cache")
                                .end(HlsPlaylist.write(plan, Requests.signedQuery(ctx.request())));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void segment(RoutingContext ctx, MediaSource source, MediaInfo info, HlsMode mode, SegmentPlan plan, int index) {
        if (index >= plan.count()) {
            ctx.fail(404);
            return;
        }
        boolean copyAudio = mode == HlsMode.REMUX && (info.audioCodec() == null || COPYABLE_AUDIO.contains(info.audioCodec()));
        ctx.vertx().executeBlocking(() -> hls.segment(source, mode, copyAudio, plan, index), false)
                .onSuccess(job -> {
                    if (job.isEmpty()) {
                        FfmpegStreamer.busy(ctx);
                    } else {
                        FfmpegStreamer.stream(ctx, job.get(), source.label() + " segment " + index, source.input(),
                                Map.of("Content-Type", "video/mp2t", "Cache-Control", "private, max-age=3600"));
                    }
                })
                .onFailure(ctx::fail);
    }
}
