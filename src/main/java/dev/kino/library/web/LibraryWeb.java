package dev.kino.library.web;

import dev.kino.http.AccessGuard;
import dev.kino.http.WebContext;
import dev.kino.http.WebModule;
import dev.kino.http.range.FileResponder;
import dev.kino.library.MediaLibrary;
import dev.kino.library.MediaProber;
import dev.kino.library.PosterCache;
import dev.kino.store.WatchStore;
import dev.kino.subtitles.SubtitleService;
import dev.kino.transcode.TranscodeService;
import dev.kino.transcode.web.HlsResponder;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The library's web face: {@code /api/library}, where each user is in each file ({@code /api/progress}), play plans ({@code /api/play/{id}}) and {@code /media/{id}} with its
 * conversions, HLS renditions, poster and subtitles.
 *
 * @param requireFfmpeg answers 503 when there is no ffmpeg, before a conversion, rendition or poster is tried
 */
public record LibraryWeb(MediaLibrary library, MediaProber prober, PosterCache posters, SubtitleService subtitles, WatchStore watch,
                         TranscodeService transcodes,
                         HlsResponder hls, int maxRanges, Handler<RoutingContext> requireFfmpeg) implements WebModule {
    @Override
    public void mount(Router r, WebContext web) {
        AccessGuard guard = web.guard();
        LibraryApi api = new LibraryApi(library, prober, watch);
        PlayHandler play = new PlayHandler(library, prober);
        MediaHandler media = new MediaHandler(library, new FileResponder(maxRanges), posters);
        ConvertHandler convert = new ConvertHandler(library, transcodes);
        HlsHandler renditions = new HlsHandler(library, prober, hls);
        SubtitleHandler subs = new SubtitleHandler(library, prober, subtitles);
        ProgressApi progress = new ProgressApi(library, watch);

        r.get("/api/library").handler(guard::requireUser).handler(api::list);
        r.get("/api/continue").handler(guard::requireUser).handler(progress::continueWatching);
        r.get("/api/progress/:id").handler(guard::requireUser).handler(progress::get);
        r.post("/api/progress/:id").handler(web.apiBody()).handler(guard::requireUser).handler(progress::save);
        r.post("/api/play/:id").handler(web.apiBody()).handler(guard::requireUser).handler(play::handle);

        r.route("/media/*").handler(web.metrics()::countMedia).handler(guard::requireUserOrSignedLink);
        r.route("/media/:id").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(media::handle);
        r.get("/media/:id/convert").handler(requireFfmpeg).handler(convert::handle);
        r.get("/media/:id/hls/:mode/main.m3u8").handler(requireFfmpeg).handler(subs::multivariant);
        r.get("/media/:id/hls/:mode/:file").handler(requireFfmpeg).handler(renditions::handle);
        r.route("/media/:id/poster.jpg").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(requireFfmpeg)
                .handler(media::poster);
        r.get("/media/:id/subtitles").handler(subs::list);
        r.get("/media/:id/subtitles/:file").handler(subs::track);
        r.route("/media/*").handler(ctx -> ctx.fail(404));
    }
}
