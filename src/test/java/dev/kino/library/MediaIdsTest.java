package dev.kino.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaIdsTest {
    @Test
    void idIsStableAcrossRuns() {
        // first 12 bytes of SHA-256("movies/Big Buck Bunny.mp4"), as computed by sha256sum
        assertEquals("696255e727d06d7a924efdb3", MediaIds.of("movies/Big Buck Bunny.mp4"));
        assertEquals("e6d48eabd560bc608c65a1e9", MediaIds.of("a.mp4"));
    }

    @Test
    void idIs24LowercaseHexCharacters() {
        for (String path : new String[] {"a.mp4", "Ä/ö/ü.mkv", "deep/er/and/deeper/file.webm", ""}) {
            String id = MediaIds.of(path);
            assertTrue(id.matches("[0-9a-f]{24}"), id);
            assertTrue(MediaIds.isWellFormed(id), id);
        }
    }

    @Test
    void idsDifferPerPath() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(MediaIds.of("shows/episode" + i + ".mkv"));
        }
        assertEquals(1000, ids.size());
        assertNotEquals(MediaIds.of("a.mp4"), MediaIds.of("A.mp4"));
        assertNotEquals(MediaIds.of("x/a.mp4"), MediaIds.of("x\\a.mp4"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "%2e", "%2e%2e%2fetc%2fpasswd", "696255E727D06D7A924EFDB3", "696255e727d06d7a924efdb",
        "696255e727d06d7a924efdb30", "696255e727d06d7a924efdbg", " 696255e727d06d7a924efdb3", "696255e727d06d7a924efdb3\n",
        ""})
    void malformedIdsAreRejected(String s) {
        assertFalse(MediaIds.isWellFormed(s));
    }

    @Test
    void nullIsNotAnId() {
        assertFalse(MediaIds.isWellFormed(null));
    }
}
