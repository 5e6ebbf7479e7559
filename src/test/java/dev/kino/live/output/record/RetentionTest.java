package dev.kino.live.output.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.config.RecordingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code live.record-keep}: by age, by total size, both, on a fake clock and on files with set times. */
class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path dir;

    private static Retention.Recorded rec(String name, long size, int hoursAgo) {
        return new Retention.Recorded(Path.of(name), size, NOW.minusSeconds(hoursAgo * 3600L));
    }

    private static List<String> names(List<Retention.Recorded> r) {
        return r.stream().map(x -> x.file().toString()).toList();
    }

    private final List<Retention.Recorded> files = List.of(rec("c", 300, 1), rec("a", 100, 50), rec("b", 200, 20));

    @Test
    void byAge() {
        assertEquals(List.of("a"), names(Retention.toDelete(files, RecordingConfig.parseKeep("2d"), NOW)));
        assertEquals(List.of("a", "b"), names(Retention.toDelete(files, RecordingConfig.parseKeep("12h"), NOW)));
        assertEquals(List.of(), names(Retention.toDelete(files, RecordingConfig.parseKeep("7d"), NOW)));
    }

    @Test
    void bySizeTheOldestGoFirst() {
        assertEquals(List.of("a", "b"), names(Retention.toDelete(files, RecordingConfig.parseKeep("300B"), NOW)));
        assertEquals(List.of("a"), names(Retention.toDelete(files, RecordingConfig.parseKeep("500B"), NOW)));
        assertEquals(List.of(), names(Retention.toDelete(files, RecordingConfig.parseKeep("600B"), NOW)));
        assertEquals(List.of("a", "b", "c"), names(Retention.toDelete(files, RecordingConfig.parseKeep("299B"), NOW)),
                "a single recording over the size goes too");
    }

    @Test
    void byBoth() {
        assertEquals(List.of("a", "b"), names(Retention.toDelete(files, RecordingConfig.parseKeep("2d,400B"), NOW)));
        assertEquals(List.of(), names(Retention.toDelete(files, RecordingConfig.keepAll(), NOW)));
    }

    @Test
    void theSweepDeletesOnlyKinosOwnFinishedRecordings() throws Exception {
        Path cam = Files.createDirectories(dir.resolve("cam1"));
        Path old = write(cam.resolve("2026-11-01_10-00-00.mp4"), 10, 800);
        Path oldPart = write(cam.resolve("2026-11-01_11-00-00-part2.webm"), 10, 790);
        Path recent = write(cam.resolve("2026-12-03_10-00-00.mp4"), 10, 2);
        Path users = write(cam.resolve("holiday.mp4"), 10, 900);
        Path writing = write(Files.createDirectories(cam.resolve(".2026-11-01_09-00-00.rec")).resolve("001.mp4"), 10, 900);
        assertEquals(2, Retention.sweep(dir, RecordingConfig.parseKeep("7d"), NOW));
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(oldPart));
        assertTrue(Files.exists(recent));
        assertTrue(Files.exists(users), "a file Kino did not name is never deleted");
        assertTrue(Files.exists(writing), "nor a recording still being written");
    }

    private static Path write(Path f, int size, int hoursAgo) throws Exception {
        Files.write(f, new byte[size]);
        Files.setLastModifiedTime(f, FileTime.from(NOW.minusSeconds(hoursAgo * 3600L)));
        return f;
    }
}
