package dev.kino.transcode.web;

import dev.kino.http.BadRequestException;
import dev.kino.http.Requests;
import dev.kino.transcode.PlaybackPlanner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The play-plan request and answer shared by library files ({@code POST /api/play/{id}}) and torrent files: what the
 * browser says it can play, and how and from which URL it should.
 */
public final class PlaybackJson {
    private PlaybackJson() {}

    /** What the browser said it can play, from the request's JSON body; 400 when the body is malformed. */
    public static PlaybackPlanner.Capabilities capabilities(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx);
        JsonObject direct = object(body, "direct");
        JsonObject hls = object(body, "hls");
        return new PlaybackPlanner.Capabilities(
                names(direct, "containers"), names(direct, "video"), names(direct, "audio"),
                hls.getValue("native") instanceof Boolean b1 && b1, hls.getValue("mse") instanceof Boolean b2 && b2,
                names(hls, "video"), names(hls, "audio"));
    }

    /**
     * The answer for the player: how, and from which URL: {@code base} itself for direct play, else its HLS rendition's
     * {@code playlist} ({@code index.m3u8}, or {@code main.m3u8} where a multivariant playlist adds subtitles).
     *
     * @param duration seconds, or null if unknown
     */
    public static JsonObject answer(PlaybackPlanner.Plan plan, String base, String playlist, Double duration) {
        String url = switch (plan.method()) {
            case DIRECT -> base;
            case REMUX -> base + "/hls/remux/" + playlist;
            case TRANSCODE -> base + "/hls/transcode/" + playlist;
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
