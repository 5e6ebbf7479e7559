package dev.kino.library;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypesTest {
    @ParameterizedTest
    @CsvSource({
        "movie.mp4, video/mp4",
        "clip.m4v, video/mp4",
        "clip.mov, video/quicktime",
        "clip.webm, video/webm",
        "film.mkv, video/x-matroska",
        "old.avi, video/x-msvideo",
        "broadcast.ts, video/mp2t",
        "camcorder.m2ts, video/mp2t",
        "dvd.mpg, video/mpeg",
        "theora.ogv, video/ogg",
        "phone.3gp, video/3gpp",
        "song.mp3, audio/mpeg",
        "song.m4a, audio/mp4",
        "song.flac, audio/flac",
        "song.wav, audio/wav",
        "song.ogg, audio/ogg",
        "voice.opus, audio/ogg",
    })
    void knownExtensions(String name, String type) {
        assertEquals(Optional.of(type), MediaTypes.of(name));
    }

    @Test
    void extensionIsCaseInsensitive() {
        assertEquals(Optional.of("video/mp4"), MediaTypes.of("HOLIDAY.MP4"));
        assertEquals(Optional.of("video/x-matroska"), MediaTypes.of("Film.Mkv"));
    }

    @Test
    void onlyTheLastExtensionCounts() {
        assertEquals(Optional.of("video/x-matroska"), MediaTypes.of("Show.S01E02.1080p.mkv"));
        assertEquals(Optional.empty(), MediaTypes.of("movie.mp4.part"));
        assertEquals(Optional.empty(), MediaTypes.of("movie.mp4.srt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes.txt", "cover.jpg", "subs.srt", "archive.tar.gz", "README", "", "movie.", ".mp4",
        "mp4", "movie.mp4 "})
    void otherFilesAreNotMedia(String name) {
        assertEquals(Optional.empty(), MediaTypes.of(name));
    }
}
