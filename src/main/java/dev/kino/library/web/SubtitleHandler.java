package dev.kino.library.web;

import dev.kino.http.JsonErrors;
import dev.kino.http.Requests;
import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import dev.kino.library.MediaProber;
import dev.kino.store.MediaInfo;
import dev.kino.subtitles.HlsSubtitles;
import dev.kino.subtitles.SubtitleFormatException;
import dev.kino.subtitles.SubtitleService;
import dev.kino.subtitles.SubtitleTrack;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import dev.kino.transcode.HlsMode;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /media/{id}/subtitles}, the file's subtitle tracks, {@code GET /media/{id}/subtitles/{n}.vtt}, one of
 * them as WebVTT, {@code …/{n}.m3u8} its HLS playlist, and the multivariant playlist that offers them with a rendition. A track that cannot be read answers 422 with the reason; the work runs on the subtitle service's
 * own threads.
 */
final class SubtitleHandler {
    private static final Pattern TRACK_FILE = Pattern.compile("([0-9]{1,4})\\.(vtt|m3u8)");
    /** The bit rate the multivariant playlist states when the probe has none. */
    private static final long DEFAULT_BANDWIDTH = 8_000_000;

    private final MediaLibrary library;
    private final MediaProber prober;
    private final SubtitleService subtitles;

    SubtitleHandler(MediaLibrary library, MediaProber prober, SubtitleService subtitles) {
        this.library = library;
        this.prober = prober;
        this.subtitles = subtitles;
    }

    void list(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        if (item.isEmpty()) {
            ctx.fail(404);
            return;
        }
        String query = Requests.signedQuery(ctx.request());
        run(ctx, () -> tracks(item.get()), tracks -> {
            JsonArray out = new JsonArray();
            List<String> labels = SubtitleTrack.labels(tracks);
            for (int n = 0; n < tracks.size(); n++) {
                SubtitleTrack t = tracks.get(n);
                JsonObject o = new JsonObject().put("n", n).put("label", labels.get(n)).put("language", t.language())
                        .put("title", t.title()).put("default", t.isDefault()).put("forced", t.forced())
                        .put("hearingImpaired", t.hearingImpaired()).put("source", t.external() ? "file" : "stream")
                        .put("format", t.format()).put("text", t.text());
                if (t.external()) {
                    o.put("file", t.fileName());
                }
                if (t.text()) {
                    o.put("url", "/media/" + item.get().id() + "/subtitles/" + n + ".vtt" + query);
                }
                out.add(o);
            }
            ctx.response().putHeader("Cache-Control", "no-store");
            ctx.json(out);
        });
    }

    /** {@code N.vtt}, a track as WebVTT, or {@code N.m3u8}, its HLS media playlist. */
    void track(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        Matcher m = TRACK_FILE.matcher(ctx.pathParam("file"));
        if (item.isEmpty() || !m.matches()) {
            ctx.fail(404);
            return;
        }
        int n = Integer.parseInt(m.group(1));
        MediaItem it = item.get();
        if (m.group(2).equals("m3u8")) {
            playlist(ctx, it, n);
            return;
        }
        run(ctx, () -> {
            Path real = library.realFile(it);
            List<SubtitleTrack> tracks = tracks(it, real);
            if (n >= tracks.size()) {
                return null;
            }
            SubtitleTrack t = tracks.get(n);
            try {
                return subtitles.webVtt(real, it.version(), t);
            } catch (SubtitleFormatException e) {
                throw new Unreadable((t.external() ? t.fileName() : "subtitle stream " + t.streamIndex())
                        + " cannot be shown: " + e.getMessage());
            }
        }, vtt -> {
            if (vtt == null) {
                JsonErrors.send(ctx.response(), 404, "this file has no subtitle track " + n, false);
                return;
            }
            ctx.response().putHeader("Content-Type", "text/vtt; charset=utf-8")
                    .putHeader("Cache-Control", "private, max-age=60").end(vtt);
        });
    }

    private void playlist(RoutingContext ctx, MediaItem it, int n) {
        Optional<Double> duration = prober.info(it).map(MediaInfo::durationSeconds);
        if (duration.isEmpty()) {
            ctx.response().putHeader("Retry-After", "2");
            JsonErrors.send(ctx.response(), 503, "the file is still being analysed", false);
            return;
        }
        String query = Requests.signedQuery(ctx.request());
        run(ctx, () -> {
            List<SubtitleTrack> tracks = tracks(it);
            return n < tracks.size() && tracks.get(n).text() ? HlsSubtitles.mediaPlaylist(duration.get(), n + ".vtt" + query) : null;
        }, playlist -> {
            if (playlist == null) {
                JsonErrors.send(ctx.response(), 404, "this file has no text subtitle track " + n, false);
                return;
            }
            ctx.response().putHeader("Content-Type", "application/vnd.apple.mpegurl").putHeader("Cache-Control", "no-cache")
                    .end(playlist);
        });
    }

    /**
     * {@code GET /media/{id}/hls/{mode}/main.m3u8}: the multivariant playlist of an HLS rendition, its text tracks as
     * subtitle renditions beside the video's media playlist ({@code index.m3u8}).
     */
    void multivariant(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        if (item.isEmpty() || HlsMode.byPathName(ctx.pathParam("mode")).isEmpty()) {
            ctx.fail(404);
            return;
        }
        MediaItem it = item.get();
        long bandwidth = prober.info(it).map(MediaInfo::bitrate).filter(b -> b > 0).map(b -> b + b / 4).orElse(DEFAULT_BANDWIDTH);
        String query = Requests.signedQuery(ctx.request());
        run(ctx, () -> {
            List<SubtitleTrack> tracks = tracks(it);
            List<String> labels = SubtitleTrack.labels(tracks);
            List<HlsSubtitles.Rendition> renditions = new ArrayList<>();
            for (int n = 0; n < tracks.size(); n++) {
                SubtitleTrack t = tracks.get(n);
                if (t.text()) {
                    renditions.add(new HlsSubtitles.Rendition(labels.get(n), t.language(), t.forced(),
                            "../../subtitles/" + n + ".m3u8" + query));
                }
            }
            return HlsSubtitles.multivariant(renditions, "index.m3u8" + query, bandwidth);
        }, playlist -> ctx.response().putHeader("Content-Type", "application/vnd.apple.mpegurl")
                .putHeader("Cache-Control", "no-cache").end(playlist));
    }

    private List<SubtitleTrack> tracks(MediaItem item) throws Exception {
        return tracks(item, library.realFile(item));
    }

    /** @param real the item's real path, as {@link MediaLibrary#realFile} checked it */
    private List<SubtitleTrack> tracks(MediaItem item, Path real) throws Exception {
        return subtitles.tracks(real, library.root(), prober.info(item).orElse(null));
    }

    /** A track that cannot be converted, with the message for the user. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T call() throws Exception;
    }

    private <T> void run(RoutingContext ctx, Work<T> work, java.util.function.Consumer<T> done) {
        CompletableFuture<T> f;
        try {
            f = CompletableFuture.supplyAsync(() -> {
                try {
                    return work.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, subtitles.executor());
        } catch (RejectedExecutionException e) {
            ctx.response().putHeader("Retry-After", "5");
            JsonErrors.send(ctx.response(), 503, "too many subtitle conversions at once; try again shortly", false);
            return;
        }
        Future.fromCompletionStage(f, ctx.vertx().getOrCreateContext()).onSuccess(done::accept).onFailure(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (ctx.response().ended()) {
                return;
            }
            if (cause instanceof Unreadable u) {
                JsonErrors.send(ctx.response(), 422, u.getMessage(), false);
            } else if (cause instanceof NoSuchFileException) {
                JsonErrors.send(ctx.response(), 404, "not found", false);
            } else {
                ctx.fail(cause);
            }
        });
    }
}
