package dev.kino.live.web;

import dev.kino.http.JsonErrors;
import dev.kino.http.Requests;
import dev.kino.live.output.hls.HlsAnswer;
import dev.kino.live.output.hls.HlsOutputs;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * HLS for live streams: {@code /live/NAME/index.m3u8} (with the blocking-reload and delta-update parameters of
 * Low-Latency HLS) and the init segments, segments and parts it names. Thin: parameters in, {@link HlsOutputs} asked,
 * its answer written back on the request's own event loop.
 */
final class HlsHandlers {
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
    /** Media never changes under its name (names are unique per muxer), so caches may keep it. */
    private static final String MEDIA_MAX_AGE = "max-age=86400";

    private final HlsOutputs hls;
    private final java.util.function.Predicate<String> isPublic;

    HlsHandlers(HlsOutputs hls, java.util.function.Predicate<String> isPublic) {
        this.hls = hls;
        this.isPublic = isPublic;
    }

    void playlist(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String msnText = Requests.query(req, "_HLS_msn");
        String partText = Requests.query(req, "_HLS_part");
        String skipText = Requests.query(req, "_HLS_skip");
        if (msnText != null && !NUMBER.matcher(msnText).matches() || partText != null && (msnText == null
                || !NUMBER.matcher(partText).matches() || partText.length() > 6)
                || skipText != null && !skipText.equals("YES") && !skipText.equals("v2")) {
            JsonErrors.send(ctx.response(), 400, "_HLS_msn and _HLS_part are whole numbers (_HLS_part only with _HLS_msn);"
                    + " _HLS_skip is YES or v2", false);
            return;
        }
        Long msn = msnText == null ? null : Long.parseLong(msnText);
        Integer part = partText == null ? null : Integer.parseInt(partText);
        String name = ctx.pathParam("name");
        hls.playlist(name, msn, part, skipText != null, Requests.signedQuery(req), player(req), back(ctx, name));
    }

    /**
     * Who asks, for the viewer count: the address and the User-Agent (a player's connections come and go, and
     * hls.js uses several; players behind one address that send the same User-Agent count once).
     */
    private static String player(HttpServerRequest req) {
        String ua = req.getHeader("User-Agent");
        return req.remoteAddress().hostAddress() + " " + (ua == null ? "" : ua.length() > 200 ? ua.substring(0, 200) : ua);
    }

    /** {@code init{id}.mp4}, {@code seg{msn}.mp4} or {@code part{msn}.{i}.mp4}, from the route's groups. */
    void media(RoutingContext ctx) {
        String name = ctx.pathParam("param0");
        String kind = ctx.pathParam("param1");
        long n = Long.parseLong(ctx.pathParam("param2"));
        String index = ctx.pathParam("param3");
        Consumer<HlsAnswer> reply = back(ctx, name);
        switch (kind) {
            case "init" -> hls.init(name, n, reply);
            case "seg" -> hls.segment(name, n, reply);
            default -> {
                if (index == null) {
                    ctx.fail(404);
                } else {
                    hls.part(name, n, Integer.parseInt(index), reply);
                }
            }
        }
    }

    /** The answer, written on the request's event loop whichever thread it comes from. */
    private Consumer<HlsAnswer> back(RoutingContext ctx, String name) {
        Context here = ctx.vertx().getOrCreateContext();
        return answer -> here.runOnContext(v -> write(ctx.response(), answer, isPublic.test(name)));
    }

    private static void write(HttpServerResponse resp, HlsAnswer a, boolean publicStream) {
        if (resp.closed() || resp.headWritten()) {
            return;
        }
        if (a.status() != 200) {
            if (a.retryAfterSeconds() > 0) {
                resp.putHeader("Retry-After", String.valueOf(a.retryAfterSeconds()));
            }
            resp.putHeader("Cache-Control", "no-cache");
            JsonErrors.send(resp, a.status(), a.message(), false);
            return;
        }
        resp.putHeader("Content-Type", a.contentType())
                .putHeader("Cache-Control", a.media() ? (publicStream ? "public, " : "private, ") + MEDIA_MAX_AGE : "no-cache");
        if (a.file() != null) {
            resp.sendFile(a.file().toString()).onFailure(err -> { // the window moved on and took the file meanwhile
                if (!resp.headWritten()) {
                    JsonErrors.send(resp, 404, "no such segment (it has left the window)", false);
                }
            });
        } else {
            resp.end(Buffer.buffer(a.body()));
        }
    }
}
