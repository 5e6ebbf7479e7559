package dev.kino.live.rung;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.transcode.FfmpegTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rung's ffmpeg command line, and what the real ffmpeg makes with it of a source that skipped ahead. */
class RungCommandTest {
    private static final FfmpegTools TOOLS = new FfmpegTools(Path.of("/opt/ff/ffmpeg"), Path.of("/opt/ff/ffprobe"), "system");

    @Test
    void readsStdinAndWritesShortFragmentsOfH264AndAacToStdout() {
        List<String> a = RungCommand.argv(TOOLS, "matroska");
        assertEquals("/opt/ff/ffmpeg", a.get(0));
        assertSequence(a, "-f", "matroska", "-i", "pipe:0", "-map", "0:V:0?", "-map", "0:a:0?");
        assertSequence(a, "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency");
        assertSequence(a, "-force_key_frames", "expr:if(isnan(prev_forced_t),1,gte(t,prev_forced_t+2))",
                "-fps_mode", "passthrough", "-enc_time_base:v", "-1");
        assertSequence(a, "-c:a", "aac");
        assertSequence(a, "-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe", "-frag_duration", "200000");
        assertEquals("pipe:1", a.get(a.size() - 1));
        assertFalse(a.contains("-nostdin"), "stdin is the input");
    }

    /**
     * The hub skips a slow rung ahead to the next keyframe, so ffmpeg sees a jump in the Cluster times: it passes the
     * gap on (no frames made up to fill 5 s, as a constant frame rate would) and starts one keyframe after it.
     */
    @Test
    void aSourceThatSkippedAheadLeavesAGapWithOneKeyframeAfterIt(@TempDir Path dir) throws Exception {
        Path gap = dir.resolve("gap.webm");
        run(List.of("ffmpeg", "-nostdin", "-v", "error", "-t", "4", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25",
                "-vf", "setpts='if(gte(N,50),PTS+5/TB,PTS)'", "-c:v", "libvpx", "-deadline", "realtime", "-g", "25",
                "-f", "webm", gap.toString()), null);
        List<String> argv = new ArrayList<>(RungCommand.argv(new FfmpegTools(Path.of("ffmpeg"), Path.of("ffprobe"), "system"),
                "matroska"));
        argv.set(argv.size() - 1, dir.resolve("out.mp4").toString());
        run(argv, gap);
        List<String> packets = run(List.of("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                "packet=pts_time,flags", "-of", "csv=p=0", dir.resolve("out.mp4").toString()), null).lines().toList();
        assertEquals(100, packets.size(), "the 100 frames the source has, no more");
        List<Double> keyframes = packets.stream().filter(p -> p.endsWith(",K_"))
                .map(p -> Double.parseDouble(p.substring(0, p.indexOf(',')))).toList();
        assertEquals(2, keyframes.size(), "at the start and after the gap: " + keyframes);
        assertTrue(keyframes.get(1) > 6.9, "the gap is kept: " + keyframes);
    }

    private static String run(List<String> cmd, Path stdin) throws Exception {
        ProcessBuilder b = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (stdin != null) {
            b.redirectInput(stdin.toFile());
        }
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, () -> "failed: " + cmd);
        return out;
    }

    private static void assertSequence(List<String> argv, String... expected) {
        List<String> seq = List.of(expected);
        assertFalse(Collections.indexOfSubList(argv, seq) < 0, () -> seq + " not in " + argv);
    }
}
