package dev.kino.library.web;

import dev.kino.transcode.UnplayableException;
import dev.kino.transcode.web.PlaybackJson;
import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import dev.kino.library.MediaProber;
import dev.kino.store.MediaInfo;
import dev.kino.transcode.PlaybackPlanner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/play/{id}} with what the browser can play: how to play the file, and from which URL. The request
 * body and the answer ({@link PlaybackJson}) are shared with the torrent form.
 */
final class PlayHandler {
    private final MediaLibrary library;
    private final MediaProber prober;

    PlayHandler(MediaLibrary library, MediaProber prober) {
        this.library = library;
        this.prober = prober;
    }

    void handle(RoutingContext ctx) {
        Optional<MediaItem> item = library.find(ctx.pathParam("id"));
        if (item.isEmpty()) {
            ctx.fail(404);
            return;
        }
        PlaybackPlanner.Capabilities caps = PlaybackJson.capabilities(ctx);
        MediaItem it = item.get();
        Optional<MediaInfo> info = prober.info(it);
        if (info.isPresent() && info.get().error() != null) {
            throw new UnplayableException("this file cannot be played: " + info.get().error());
        }
        PlaybackPlanner.Plan plan = PlaybackPlanner.plan(PlaybackPlanner.container(it.name()),
                info.map(MediaInfo::videoCodec).orElse(null), info.map(MediaInfo::audioCodec).orElse(null), info.isPresent(), caps);
        JsonObject answer = PlaybackJson.answer(plan, "/media/" + it.id(), "main.m3u8", info.map(MediaInfo::durationSeconds).orElse(null));
        JsonArray chapters = new JsonArray();
        info.map(MediaInfo::chapters).orElse(List.of()).forEach(c ->
                chapters.add(new JsonObject().put("start", c.start()).put("end", c.end()).put("title", c.title())));
        ctx.json(answer.put("chapters", chapters));
    }

}
