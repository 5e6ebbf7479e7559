package dev.kino.live.web;

import dev.kino.live.StreamDirectory;
import dev.kino.live.hub.LiveStream;
import dev.kino.live.hub.StreamHub;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/streams}: every stream the hub knows (live, or waiting for its publisher to return) and every
 * declared one (offline). Visitors who are not logged in see public streams only. Never blocks.
 */
final class StreamList {
    private StreamList() {}

    static JsonArray visibleTo(boolean loggedIn, StreamHub hub, StreamDirectory directory) {
        Map<String, JsonObject> byName = new TreeMap<>();
        for (String name : directory.names()) {
            byName.put(name, new JsonObject().put("name", name).put("state", "offline").put("live", false)
                    .put("viewers", 0));
        }
        for (LiveStream.Status s : hub.statuses(System.nanoTime())) {
            byName.put(s.name(), new JsonObject().put("name", s.name())
                    .put("state", s.live() ? "live" : s.mimeType() == null ? "offline" : "waiting")
                    .put("live", s.live()).put("viewers", s.viewers()).put("mimeType", s.mimeType()).put("bitsPerSecond", s.bitsPerSecond())
                    .put("uptimeSeconds", s.uptimeSeconds()).put("droppedFragments", s.droppedFragments()));
        }
        JsonArray out = new JsonArray();
        byName.forEach((name, json) -> {
            boolean isPublic = directory.isPublic(name);
            if (loggedIn || isPublic) {
                out.add(json.put("public", isPublic));
            }
        });
        return out;
    }
}
