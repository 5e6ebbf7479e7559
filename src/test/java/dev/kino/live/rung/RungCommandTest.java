package dev.kino.live.rung;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kino.transcode.FfmpegTools;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rung's ffmpeg command line (what it does is {@link LiveRungsTest}'s to show, with the real ffmpeg). */
class RungCommandTest {
    private static final FfmpegTools TOOLS = new FfmpegTools(Path.of("/opt/ff/ffmpeg"), Path.of("/opt/ff/ffprobe"), "system");

    @Test
    void readsStdinAndWritesShortFragmentsOfH264AndAacToStdout() {
        List<String> a = RungCommand.argv(TOOLS, "matroska");
        assertEquals("/opt/ff/ffmpeg", a.get(0));
        assertSequence(a, "-f", "matroska", "-i", "pipe:0", "-map", "0:V:0?", "-map", "0:a:0?");
        assertSequence(a, "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency");
        assertSequence(a, "-force_key_frames", "expr:gte(t,n_forced*2)");
        assertSequence(a, "-c:a", "aac");
        assertSequence(a, "-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe", "-frag_duration", "200000");
        assertEquals("pipe:1", a.get(a.size() - 1));
        assertFalse(a.contains("-nostdin"), "stdin is the input");
    }

    private static void assertSequence(List<String> argv, String... expected) {
        List<String> seq = List.of(expected);
        assertFalse(Collections.indexOfSubList(argv, seq) < 0, () -> seq + " not in " + argv);
    }
}
