package dev.kino.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probe results, subtitle streams and chapters included, survive a restart (a new connection to the same SQLite file). */
class MediaInfoStoreTest {
    @TempDir
    Path dir;

    @Test
    void resultsWithTheirSubtitleStreamsAreReadBack() {
        MediaInfo film = new MediaInfo(5400.5, 1920, 1080, "h264", "aac", 8_000_000L, null, List.of(
                new MediaInfo.SubtitleStream(2, "subrip", "eng", "English \"SDH\"", true, false, true),
                new MediaInfo.SubtitleStream(3, "hdmv_pgs_subtitle", null, null, false, true, false)),
                List.of(new MediaInfo.Chapter(0, 312.5, "Opening"), new MediaInfo.Chapter(312.5, 5400.5, null)));
        MediaInfo song = new MediaInfo(180.0, null, null, null, "mp3", 320_000L, null);
        MediaInfoStore store = new MediaInfoStore(Database.open(dir));
        store.put("Films/film.mkv", 123, 456, film);
        store.put("song.mp3", 7, 8, song);
        store.put("broken.mkv", 9, 10, MediaInfo.failed("not a media file ffprobe can read"));

        Map<String, MediaInfoStore.Entry> back = new MediaInfoStore(Database.open(dir)).all();
        assertEquals(new MediaInfoStore.Entry(123, 456, film), back.get("Films/film.mkv"));
        assertEquals(new MediaInfoStore.Entry(7, 8, song), back.get("song.mp3"));
        assertEquals(List.of(), back.get("broken.mkv").info().subtitles());
        store.retainOnly(Set.of("song.mp3"));
        assertEquals(Set.of("song.mp3"), new MediaInfoStore(Database.open(dir)).all().keySet());
    }
}
