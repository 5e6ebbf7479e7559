package dev.kino.live.rung;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.live.hub.MediaUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a rung whose ffmpeg fell behind skips ahead, and what it never counts as late. */
class BacklogTest {
    private static final long SEC = 1_000_000_000L;
    private static final long JOINED = 100 * SEC;
    private final Backlog backlog = new Backlog(3 * SEC, JOINED);

    private static MediaUnit fragment(boolean keyframe, long arrivedAt) {
        return MediaUnit.fragment(new byte[1], keyframe, 0, arrivedAt);
    }

    @Test
    void fragmentsOnTimeAreAllWritten() {
        for (int i = 0; i < 10; i++) {
            assertTrue(backlog.admit(fragment(i % 5 == 0, JOINED + i * SEC), JOINED + i * SEC + SEC / 2));
        }
        assertEquals(0, backlog.newlySkipped());
    }

    @Test
    void whatTheRungWasHandedAsItJoinedIsNeverLate() {
        assertTrue(backlog.admit(MediaUnit.init(new byte[1], "video/webm", JOINED - 9 * SEC), JOINED));
        assertTrue(backlog.admit(fragment(true, JOINED - 8 * SEC), JOINED + SEC / 10), "the GOP cache, 8 s old");
        assertTrue(backlog.admit(fragment(false, JOINED - 4 * SEC), JOINED + SEC / 10));
    }

    @Test
    void aLateFragmentSkipsToTheNextKeyframeOnTime() {
        long now = JOINED + 20 * SEC;
        List<Boolean> written = new ArrayList<>();
        written.add(backlog.admit(fragment(false, now - 4 * SEC), now)); // waited 4 s: late
        written.add(backlog.admit(fragment(false, now - SEC), now)); // on time, but not a keyframe
        written.add(backlog.admit(fragment(true, now - 3 * SEC - 1), now)); // a keyframe, but late
        written.add(backlog.admit(fragment(true, now - SEC), now)); // a keyframe on time: written again
        written.add(backlog.admit(fragment(false, now - SEC), now));
        assertEquals(List.of(false, false, false, true, true), written);
        assertEquals(3, backlog.newlySkipped());
        assertEquals(0, backlog.newlySkipped(), "counted once");
    }

    @Test
    void aReinitEndsTheSkip() {
        long now = JOINED + 20 * SEC;
        backlog.admit(fragment(false, now - 5 * SEC), now);
        assertTrue(backlog.admit(MediaUnit.init(new byte[1], "video/webm", now), now));
        assertTrue(backlog.admit(fragment(false, now), now), "the new stream's first fragment");
    }
}
