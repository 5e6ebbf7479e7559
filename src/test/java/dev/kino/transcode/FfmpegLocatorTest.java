package dev.kino.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
    void withoutASystemFfmpegTheBundledOneIsExtractedAndWorks() throws Exception {
        Path cache = dir.resolve("bundled");
        FfmpegTools tools = FfmpegLocator.locate(Map.of("PATH", dir.toString()), cache);
        assertEquals(FfmpegTools.BUNDLED, tools.source());
        assertTrue(tools.available());
        assertEquals(cache.resolve("ffmpeg-6.1.1-1.5.10-linux-x86_64-gpl"), tools.ffmpeg().getParent(), "a folder per jar");
        FfmpegProcess.Result ffmpeg = FfmpegProcess.run(List.of(tools.ffmpeg().toString(), "-version"), Duration.ofSeconds(10));
        assertTrue(ffmpeg.succeeded());
        assertTrue(ffmpeg.stdout().startsWith("ffmpeg version 6.1"), ffmpeg.stdout());
        FfmpegProcess.Result ffprobe = FfmpegProcess.run(List.of(tools.ffprobe().toString(), "-version"), Duration.ofSeconds(10));
        assertTrue(ffprobe.succeeded());
        assertTrue(ffprobe.stdout().startsWith("ffprobe version 6.1"), ffprobe.stdout());
        assertFalse(FfmpegEncoders.query(tools, Duration.ofSeconds(10)).contains("libvorbis"), "the bundled build lacks libvorbis");
        try (var files = Files.list(tools.ffmpeg().getParent())) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("libjni")), "the JNI glue is left in the jar");
        }
        try (var files = Files.list(cache)) {
            assertEquals(1, files.count(), "no temporary folder is left beside it");
        }
    }

    @Test
    void aHalfExtractedFolderIsReplacedAndACompleteOneReused() throws Exception {
        Path cache = dir.resolve("bundled");
        FfmpegTools first = FfmpegLocator.bundled(cache);
        Files.delete(first.ffprobe()); // as if a server was killed while extracting an older way, or a user deleted it
        FfmpegTools again = FfmpegLocator.bundled(cache);
        assertEquals(first, again);
        assertTrue(FfmpegLocator.runs(again.ffprobe()), "ffprobe is back");
        // dated a day back: a file written again would carry the time of writing, however fast the machine is
        FileTime dayOld = FileTime.fromMillis(System.currentTimeMillis() - 86_400_000L);
        Files.setLastModifiedTime(again.ffmpeg(), dayOld);
        FfmpegLocator.bundled(cache);
        assertEquals(dayOld, Files.getLastModifiedTime(again.ffmpeg()), "a complete folder is not written again");
    }

    @Test
    void withNeitherTheToolsAreMissingAndStartupGoesOn() throws Exception {
        Path notADir = Files.writeString(dir.resolve("bundled"), "a file where the folder would go");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FfmpegLocator.bundled(notADir));
        assertTrue(e.getMessage().startsWith("the bundled ffmpeg cannot be used"), e.getMessage());
        FfmpegTools tools = FfmpegLocator.locate(Map.of("PATH", dir.toString()), notADir);
        assertEquals(FfmpegTools.missing(), tools);
        assertFalse(tools.available());
    }

    @Test
    void onlyTheExecutablesAndTheirLibrariesAreExtracted() {
        String d = BundledFfmpeg.RESOURCE_DIR;
        assertTrue(BundledFfmpeg.wanted(d + "ffmpeg"));
        assertTrue(BundledFfmpeg.wanted(d + "ffprobe"));
        assertTrue(BundledFfmpeg.wanted(d + "libavcodec.so.60"));
        assertTrue(BundledFfmpeg.wanted(d + "libdrm.so.2"));
        assertFalse(BundledFfmpeg.wanted(d + "libjniavcodec.so"));
        assertFalse(BundledFfmpeg.wanted(d));
        assertFalse(BundledFfmpeg.wanted(d + "sub/libx.so"));
        assertFalse(BundledFfmpeg.wanted(d + "../../evil.so"));
        assertFalse(BundledFfmpeg.wanted("META-INF/native-image/linux-x86_64-gpl/ffmpeg/resource-config.json"));
        assertEquals("ffmpeg-6.1.1-1.5.10-linux-x86_64-gpl", BundledFfmpeg.folderName("/m2/ffmpeg-6.1.1-1.5.10-linux-x86_64-gpl.jar"));
    }

    @Test
    void theBundledToolsConvertAndProbe() throws Exception {
        FfmpegTools bundled = FfmpegLocator.bundled(dir.resolve("bundled"));
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
        FfmpegTools tools = FfmpegLocator.locate(dir.resolve("bundled"));
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
