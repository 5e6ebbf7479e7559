package dev.kino.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SafeNamesTest {
    @Test
    void ordinaryNamesPass() {
        for (String ok : List.of("movie.mkv", ".hidden", "a b", "Ünïcødé 日本.mp4", "..x", "x..y")) {
            assertEquals(Optional.empty(), SafeNames.problem(ok), ok);
        }
        assertEquals(Optional.empty(), SafeNames.problem(List.of("Season 1", "e01.mkv")));
    }

    @Test
    void namesThatEscapeOrChangeAreRefused() {
        for (String bad : List.of("", ".", "..", "a/b", "/etc", "..\\x", "nul\0byte", "tab\tname", "trailing.",
                "trailing ", " leading", "x".repeat(256))) {
            assertTrue(SafeNames.problem(bad).isPresent(), "refused: " + bad.replace("\0", "\\0"));
        }
        assertTrue(SafeNames.problem(List.of()).isPresent(), "an empty path");
        assertTrue(SafeNames.problem(List.of("ok", "..", "passwd")).isPresent());
    }
}
