package dev.kino.http;

import dev.kino.library.MediaItem;
import dev.kino.library.MediaLibrary;
import dev.kino.library.MediaProber;
import dev.kino.store.MediaInfo;
import dev.kino.transcode.PlaybackPlanner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/play/{id}} with what the browser can play: how to play the file, and from which URL. The request
 * body and the answer are shared with the torrent form ({@link TorrentPlayHandler}).
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
        PlaybackPlanner.Capabilities caps = capabilities(ctx);
        MediaItem it = item.get();
        Optional<MediaInfo> info = prober.info(it);
        if (info.isPresent() && info.get().error() != null) {
            throw new UnplayableException("this file cannot be played: " + info.get().error());
        }
        PlaybackPlanner.Plan plan = PlaybackPlanner.plan(PlaybackPlanner.container(it.name()),
                info.map(MediaInfo::videoCodec).orElse(null), info.map(MediaInfo::audioCodec).orElse(null), info.isPresent(), caps);
        ctx.json(answer(plan, "/media/" + it.id(), info.map(MediaInfo::durationSeconds).orElse(null)));
    }

    /** What the browser said it can play, from the request's JSON body; 400 when the body is malformed. */
    static PlaybackPlanner.Capabilities capabilities(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        JsonObject direct = object(body, "direct");
        JsonObject hls = object(body, "hls");
        return new PlaybackPlanner.Capabilities(
                names(direct, "containers"), names(direct, "video"), names(direct, "audio"),
                hls.getValue("native") instanceof Boolean b1 && b1, hls.getValue("mse") instanceof Boolean b2 && b2,
                names(hls, "video"), names(hls, "audio"));
    }

    /**
     * The answer for the player: how, and from which URL: {@code base} itself for direct play, else its HLS rendition.
     *
     * @param duration seconds, or null if unknown
     */
    static JsonObject answer(PlaybackPlanner.Plan plan, String base, Double duration) {
        String url = switch (plan.method()) {
            case DIRECT -> base;
            case REMUX -> base + "/hls/remux/index.m3u8";
            case TRANSCODE -> base + "/hls/transcode/index.m3u8";
        };
        return new JsonObject().put("method", plan.method().name().toLowerCase(Locale.ROOT)).put("url", url)
                .put("reason", plan.reason()).put("duration", duration);
    }

    private static JsonObject object(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v != null && !(v instanceof JsonObject)) {
            throw new BadRequestException(field + " must be an object");
        }
        return v == null ? new JsonObject() : (JsonObject) v;
    }

    private static Set<String> names(JsonObject o, String field) {
        Object v = o.getValue(field);
        Set<String> out = new HashSet<>();
        if (v instanceof JsonArray a) {
            for (Object x : a) {
                if (x instanceof String s && s.length() < 32) {
                    out.add(s.toLowerCase(Locale.ROOT));
                }
            }
        } else if (v != null) {
            throw new BadRequestException(field + " must be a list of names");
        }
        return out;
    }
}
