package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FfmpegProgressParserTest {
    private static List<Progress> feedAll(FfmpegProgressParser parser, String text) {
        List<Progress> out = new ArrayList<>();
        text.lines().forEach(line -> parser.feed(line).ifPresent(out::add));
        return out;
    }

    @Test
    void handWrittenBlocks() {
        List<Progress> p = feedAll(new FfmpegProgressParser(), """
                frame=1
                fps=0.00
                stream_0_0_q=-0.0
                bitrate=N/A
                total_size=N/A
                out_time_us=85333
                out_time_ms=85333
                out_time=00:00:00.085333
                dup_frames=0
                drop_frames=0
                speed=23.3x
                progress=continue
                frame=100
                fps=49.95
                stream_0_0_q=28.0
                bitrate= 917.9kbits/s
                total_size=458752
                out_time_us=4000000
                out_time_ms=4000000
                out_time=00:00:04.000000
                dup_frames=0
                drop_frames=0
                speed=   2x
                progress=end
                """);
        assertEquals(List.of(
                new Progress(OptionalLong.of(85_333), OptionalDouble.of(23.3), OptionalLong.of(1), OptionalDouble.of(0),
                        OptionalLong.empty(), false),
                new Progress(OptionalLong.of(4_000_000), OptionalDouble.of(2), OptionalLong.of(100), OptionalDouble.of(49.95),
                        OptionalLong.of(458_752), true)), p);
    }

    @Test
    void notAvailableAndMissingValuesAreEmpty() {
        List<Progress> p = feedAll(new FfmpegProgressParser(), """
                out_time_us=N/A
                out_time_ms=N/A
                speed=N/A
                fps=N/A
                frame=N/A
                progress=continue
                progress=continue
                """);
        Progress empty = new Progress(OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty(),
                OptionalDouble.empty(), OptionalLong.empty(), false);
        assertEquals(List.of(empty, empty), p, "each block starts afresh");
    }

    @Test
    void outTimeMsIsMicrosecondsAndOnlyAFallback() {
        FfmpegProgressParser parser = new FfmpegProgressParser();
        assertEquals(OptionalLong.of(2_500_000), feedAll(parser, "out_time_ms=2500000\nprogress=continue").get(0).outTimeMicros());
        assertEquals(OptionalLong.of(3_000_000),
                feedAll(parser, "out_time_ms=999\nout_time_us=3000000\nprogress=continue").get(0).outTimeMicros());
        assertEquals(OptionalLong.empty(), feedAll(parser, "out_time_us=-9223372036854775807\nprogress=continue").get(0).outTimeMicros(),
                "ffmpeg's 'no timestamp yet'");
    }

    @Test
    void garbageIsIgnored() {
        FfmpegProgressParser parser = new FfmpegProgressParser();
        for (String junk : List.of("", "=", "=5", "[libx264 @ 0x55d] frame I:1", "Error opening input: No such file",
                "speed=fastx", "frame=12a", "fps=1e5", "total_size=99999999999999999999999", "frame=-3", "speed=x",
                "fps=Infinity", "fps=NaN", "out_time_us=1.5")) {
            assertEquals(Optional.empty(), parser.feed(junk), junk);
        }
        Progress p = parser.feed("progress=weird").orElseThrow();
        assertEquals(new Progress(OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty(), OptionalDouble.empty(),
                OptionalLong.empty(), false), p);
    }

    @Test
    void untrimmedKeysAndValues() {
        Progress p = feedAll(new FfmpegProgressParser(), " frame = 7 \nspeed= 1.5x \nprogress=end").get(0);
        assertEquals(OptionalLong.of(7), p.frame());
        assertEquals(OptionalDouble.of(1.5), p.speed());
        assertTrue(p.end());
    }

    @Test
    @Timeout(20)
    void realFfmpegOutputAdvancesAndEnds(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        FfmpegTools tools = TestClips.system();
        FfmpegProgressParser parser = new FfmpegProgressParser();
        List<String> lines = new CopyOnWriteArrayList<>();
        List<Progress> seen = new CopyOnWriteArrayList<>();
        List<String> argv = List.of(tools.ffmpeg().toString(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-progress", "pipe:2", "-nostats", "-stats_period", "0.2", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "1.5", "-f", "null", "-");
        try (FfmpegProcess p = FfmpegProcess.start(argv, line -> {
            lines.add(line);
            parser.feed(line).ifPresent(seen::add);
        })) {
            p.stdout().transferTo(java.io.OutputStream.nullOutputStream());
            assertTrue(p.waitFor(Duration.ofSeconds(10)));
            assertEquals(0, p.exitCode().getAsInt(), () -> String.valueOf(p.lastStderr()));
            assertEquals(List.of(), p.lastStderr());
        }
        assertTrue(seen.size() >= 3, () -> "blocks: " + seen);
        long last = -1;
        for (Progress s : seen) {
            long t = s.outTimeMicros().orElse(last);
            assertTrue(t >= last, () -> "out_time went backwards: " + seen);
            last = t;
        }
        Progress end = seen.getLast();
        assertTrue(end.end(), "the last block is progress=end");
        assertEquals(1_500_000, end.outTimeMicros().getAsLong(), 100_000);
        assertTrue(seen.subList(0, seen.size() - 1).stream().noneMatch(Progress::end));
        assertTrue(seen.getFirst().outTimeMicros().orElse(0) < end.outTimeMicros().getAsLong(), "out_time advanced");
        // replaying the captured lines through a fresh parser gives the same records
        List<Progress> replay = new ArrayList<>();
        FfmpegProgressParser again = new FfmpegProgressParser();
        lines.forEach(l -> again.feed(l).ifPresent(replay::add));
        assertEquals(seen, replay);
    }
}
