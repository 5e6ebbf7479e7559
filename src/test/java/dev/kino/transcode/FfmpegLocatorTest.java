package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FfmpegLocatorTest {
    private static final Path USR_BIN = Path.of("/usr/bin");

    @TempDir
    Path dir;

    @Test
    void findsExecutablesOnThePath() throws IOException {
        assertEquals(Optional.of(USR_BIN.resolve("ffmpeg")), FfmpegLocator.findOnPath("ffmpeg", "/nonexistent::" + USR_BIN));
        assertEquals(Optional.empty(), FfmpegLocator.findOnPath("ffmpeg", ""));
        assertEquals(Optional.empty(), FfmpegLocator.findOnPath("ffmpeg", dir.toString()));
        Files.writeString(dir.resolve("ffmpeg"), "not executable");
        Files.createDirectory(dir.resolve("ffprobe"));
        assertEquals(Optional.empty(), FfmpegLocator.findOnPath("ffmpeg", dir.toString()), "not executable");
        assertEquals(Optional.empty(), FfmpegLocator.findOnPath("ffprobe", dir.toString()), "a folder");
    }

    @Test
    void theSystemsToolsWhenBothRun() {
        FfmpegTools tools = FfmpegLocator.findSystem(Map.of("PATH", dir + ":" + USR_BIN)).orElseThrow();
        assertEquals(new FfmpegTools(USR_BIN.resolve("ffmpeg"), USR_BIN.resolve("ffprobe"), FfmpegTools.SYSTEM), tools);
        assertEquals(Optional.empty(), FfmpegLocator.findSystem(Map.of("PATH", dir.toString())));
        assertEquals(Optional.empty(), FfmpegLocator.findSystem(Map.of()));
    }

    @Test
    void toolsThatDoNotRunAreSkipped() throws IOException {
        script("ffmpeg", "exit 1");
        wrapper("ffprobe", USR_BIN.resolve("ffprobe"));
        assertEquals(Optional.empty(), FfmpegLocator.findSystem(Map.of("PATH", dir + ":" + USR_BIN)),
                "a broken ffmpeg first on PATH means no system ffmpeg, not a mix");
    }

    @Test
    void overridesNameTheToolsExplicitly() throws IOException {
        Path ffmpeg = wrapper("my-ffmpeg", USR_BIN.resolve("ffmpeg"));
        Path ffprobe = wrapper("my-ffprobe", USR_BIN.resolve("ffprobe"));
        assertEquals(new FfmpegTools(ffmpeg, ffprobe, FfmpegTools.SYSTEM),
                FfmpegLocator.findSystem(Map.of("PATH", "", "KINO_FFMPEG", ffmpeg.toString(), "KINO_FFPROBE", ffprobe.toString()))
                        .orElseThrow());
        assertEquals(new FfmpegTools(USR_BIN.resolve("ffmpeg"), USR_BIN.resolve("ffprobe"), FfmpegTools.SYSTEM),
                FfmpegLocator.findSystem(Map.of("PATH", "", "KINO_FFMPEG", "/usr/bin/ffmpeg")).orElseThrow(),
                "ffprobe is looked for beside the overridden ffmpeg");
        assertEquals(USR_BIN.resolve("ffprobe"),
                FfmpegLocator.findSystem(Map.of("PATH", "/usr/bin", "KINO_FFMPEG", ffmpeg.toString())).orElseThrow().ffprobe(),
                "then on PATH");
        assertEquals(USR_BIN.resolve("ffmpeg"),
                FfmpegLocator.findSystem(Map.of("PATH", "/usr/bin", "KINO_FFMPEG", "ffmpeg")).orElseThrow().ffmpeg(),
                "a bare name is looked up on PATH");
    }

    @Test
    void overridesThatCannotBeHonouredFailLoudly() throws IOException {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FfmpegLocator.findSystem(Map.of("PATH", "/usr/bin", "KINO_FFMPEG", dir.resolve("nope").toString())));
        assertTrue(e.getMessage().startsWith("KINO_FFMPEG=" + dir.resolve("nope")), e.getMessage());
        Path broken = script("broken", "exit 2");
        e = assertThrows(IllegalStateException.class,
                () -> FfmpegLocator.findSystem(Map.of("PATH", "/usr/bin", "KINO_FFPROBE", broken.toString())));
        assertTrue(e.getMessage().contains("does not run"), e.getMessage());
        Path ffmpeg = wrapper("ffmpeg", USR_BIN.resolve("ffmpeg"));
        e = assertThrows(IllegalStateException.class,
                () -> FfmpegLocator.findSystem(Map.of("PATH", "", "KINO_FFMPEG", ffmpeg.toString())));
        assertTrue(e.getMessage().contains("set KINO_FFPROBE as well"), e.getMessage());
    }

    @Test
    void withoutASystemFfmpegTheBundledOneIsUsedAndWorks() throws Exception {
        FfmpegTools tools = FfmpegLocator.locate(Map.of("PATH", dir.toString()));
        assertEquals(FfmpegTools.BUNDLED, tools.source());
        assertEquals(FfmpegLocator.bundled(), tools);
        FfmpegProcess.Result ffmpeg = FfmpegProcess.run(List.of(tools.ffmpeg().toString(), "-version"), Duration.ofSeconds(10));
        assertTrue(ffmpeg.succeeded());
        assertTrue(ffmpeg.stdout().startsWith("ffmpeg version 7.1"), ffmpeg.stdout());
        FfmpegProcess.Result ffprobe = FfmpegProcess.run(List.of(tools.ffprobe().toString(), "-version"), Duration.ofSeconds(10));
        assertTrue(ffprobe.succeeded());
        assertTrue(ffprobe.stdout().startsWith("ffprobe version 7.1"), ffprobe.stdout());
        assertFalse(FfmpegEncoders.query(tools, Duration.ofSeconds(10)).contains("libvorbis"), "the bundled build lacks libvorbis");
    }

    @Test
    void theBundledToolsConvertAndProbe() throws Exception {
        FfmpegTools bundled = FfmpegLocator.bundled();
        Path in = TestClips.clip(bundled, dir);
        Path out = dir.resolve("out.webm");
        try (FfmpegProcess p = FfmpegProcess.start(FfmpegCommand.convert(bundled, in, ConversionRequest.of(OutputFormat.WEBM)))) {
            Files.copy(p.stdout(), out);
            assertTrue(p.waitFor(Duration.ofSeconds(30)));
            assertEquals(0, p.exitCode().getAsInt(), () -> p.lastStderr().toString());
        }
        TestClips.Probe probe = TestClips.probe(bundled, out);
        assertEquals(Map.of("video", "vp9", "audio", "opus"), probe.codecs());
        assertEquals(4.0, probe.durationSeconds(), 0.5);
    }

    @Test
    void locateFindsSomething() {
        FfmpegTools tools = FfmpegLocator.locate();
        assertTrue(Files.isExecutable(tools.ffmpeg()) && Files.isExecutable(tools.ffprobe()), tools::toString);
    }

    /** A script that runs {@code target} (a symbolic link would do, but JUnit warns when deleting those). */
    private Path wrapper(String name, Path target) throws IOException {
        return script(name, "exec " + target + " \"$@\"");
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
