package dev.kino.live.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kino.config.LiveConfig;
import dev.kino.config.RecordingConfig;
import dev.kino.live.StreamDirectory;
import dev.kino.live.hub.StreamHub;
import dev.kino.live.output.record.LiveRecorder;
import dev.kino.store.Database;
import dev.kino.store.StreamStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code GET /api/streams} lists. */
class StreamListTest {
    @Test
    void theStreamsKinoDerivesAreNotListed(@TempDir Path dir) {
        StreamDirectory directory = new StreamDirectory(new StreamStore(Database.open(dir)), LiveConfig.defaults());
        StreamHub hub = new StreamHub(LiveConfig.defaults());
        long now = System.nanoTime();
        hub.stream("cam1").claim("publisher", now);
        hub.stream("cam1~h264").claim("hls rung", now); // what the HLS rung publishes into
        LiveRecorder recorder = new LiveRecorder(hub, dir.resolve("recordings"), new RecordingConfig(Optional.empty(), 0),
                name -> false, (pieces, out, format) -> { }, () -> { });
        JsonArray listed = StreamList.visibleTo(true, hub.statuses(now), directory, recorder);
        assertEquals(List.of("cam1"), listed.stream().map(o -> ((JsonObject) o).getString("name")).toList());
    }
}
