package dev.kino.live.web;

import dev.kino.live.StreamDirectory;
import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.output.record.LiveRecorder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/streams}: every stream the hub knows (live, or waiting for its publisher to return) and every
 * declared one (offline), with whether it records ({@code record}), whether a recording is running ({@code recording})
 * and why the last one stopped early ({@code recordError}). Visitors who are not logged in see public streams only.
 * Never blocks: the statuses arrive from the streams' owners, and the answer is built back on the request's context.
 */
final class StreamList {
    private StreamList() {}

    static void answer(RoutingContext ctx, boolean loggedIn, StreamHub hub, StreamDirectory directory, LiveRecorder recorder) {
        Future.fromCompletionStage(hub.statusesAsync(System.nanoTime()), ctx.vertx().getOrCreateContext())
                .onSuccess(statuses -> ctx.json(visibleTo(loggedIn, statuses, directory, recorder)))
                .onFailure(ctx::fail);
    }

    static JsonArray visibleTo(boolean loggedIn, List<LiveStream.Status> statuses, StreamDirectory directory,
                               LiveRecorder recorder) {
        Map<String, JsonObject> byName = new TreeMap<>();
        for (String name : directory.names()) {
            byName.put(name, new JsonObject().put("name", name).put("state", "offline").put("live", false)
                    .put("viewers", 0));
        }
        for (LiveStream.Status s : statuses) {
            if (!StreamDirectory.NAME.matcher(s.name()).matches()) {
                continue; // one Kino derives (the HLS rung's NAME~h264) is no stream of its own
            }
            byName.put(s.name(), new JsonObject().put("name", s.name())
                    .put("state", s.live() ? "live" : s.mimeType() == null ? "offline" : "waiting")
                    .put("live", s.live()).put("viewers", s.viewers())
                    .put("mimeType", s.mimeType()).put("bitsPerSecond", s.bitsPerSecond())
                    .put("uptimeSeconds", s.uptimeSeconds()).put("droppedFragments", s.droppedFragments())
                    .put("protocol", s.protocol()).put("width", nonZero(s.video().width()))
                    .put("height", nonZero(s.video().height()))
                    .put("framesPerSecond", s.video().framesPerSecond() > 0 ? s.video().framesPerSecond() : null));
        }
        JsonArray out = new JsonArray();
        byName.forEach((name, json) -> {
            boolean isPublic = directory.isPublic(name);
            if (loggedIn || isPublic) {
                out.add(json.put("public", isPublic).put("record", directory.records(name))
                        .put("recording", recorder.recording(name)).put("recordError", loggedIn ? recorder.lastError(name).orElse(null) : null));
            }
        });
        return out;
    }

    private static Integer nonZero(int n) {
        return n > 0 ? n : null;
    }
}
