package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command lines that join a recording's pieces: copies only, files as {@code file:} URLs, the index up front. */
class FfmpegRemuxTest {
    private static final FfmpegTools TOOLS = new FfmpegTools(Path.of("/usr/bin/ffmpeg"), Path.of("/usr/bin/ffprobe"), FfmpegTools.SYSTEM);

    @Test
    void concatCopiesEveryStreamIntoOneFile() {
        List<String> mp4 = FfmpegRemux.concatCommand(TOOLS, Path.of("/r/list.ffconcat"), Path.of("/r/whole.mp4"), "mp4");
        assertEquals("/usr/bin/ffmpeg", mp4.getFirst());
        assertSequence(mp4, "-fflags", "+discardcorrupt", "-f", "concat", "-safe", "0", "-i", "file:/r/list.ffconcat",
                "-map", "0", "-c", "copy", "-movflags", "+faststart", "-f", "mp4", "-y", "file:/r/whole.mp4");
        List<String> webm = FfmpegRemux.concatCommand(TOOLS, Path.of("/r/list.ffconcat"), Path.of("/r/whole.webm"), "webm");
        assertFalse(webm.contains("-movflags"), "WebM gets its Cues without asking");
        assertSequence(webm, "-c", "copy", "-f", "webm", "-y", "file:/r/whole.webm");
    }

    @Test
    void eachPieceIsFirstCopiedIntoAFileThatStatesItsDurationMp4AtOneVideoTimescale() {
        List<String> mp4 = FfmpegRemux.pieceCommand(TOOLS, Path.of("/r/002.mp4"), Path.of("/r/t.mp4"), "mp4");
        assertSequence(mp4, "-i", "file:/r/002.mp4", "-map", "0", "-c", "copy", "-video_track_timescale", "90000", "-f", "mp4",
                "-y", "file:/r/t.mp4");
        assertTrue(mp4.contains("+discardcorrupt"));
        List<String> webm = FfmpegRemux.pieceCommand(TOOLS, Path.of("/r/002.webm"), Path.of("/r/t.webm"), "webm");
        assertSequence(webm, "-c", "copy", "-f", "webm", "-y", "file:/r/t.webm");
        assertFalse(webm.contains("-video_track_timescale"));
    }

    private static void assertSequence(List<String> argv, String... seq) {
        assertTrue(Collections.indexOfSubList(argv, List.of(seq)) >= 0, "expected " + List.of(seq) + " in " + argv);
    }
}
