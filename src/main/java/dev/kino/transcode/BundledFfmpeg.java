package dev.kino.transcode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The ffmpeg and ffprobe executables shipped in Maven Central's {@code org.bytedeco:ffmpeg} linux-x86_64-gpl jar,
 * copied out of the class path into a folder of their own and run as programs. The executables find their shared
 * libraries beside them (their RUNPATH is {@code $ORIGIN}); the jar's JNI libraries are left out, since nothing here
 * loads them, and JavaCPP's loader is not used: it loads those JNI libraries first, and they pull in libraries a base
 * system lacks.
 *
 * <p>A folder is extracted once, named after the jar it came from (so a new version gets a new folder), into a
 * temporary sibling that is renamed into place when complete: two servers starting at once, or one killed midway,
 * never leave a half-written folder that looks finished. Blocking.
 */
final class BundledFfmpeg {
    static final String RESOURCE_DIR = "org/bytedeco/ffmpeg/linux-x86_64-gpl/";

    private BundledFfmpeg() {}

    /** True where the jar has a build for this machine. */
    static boolean platformSupported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /**
     * The bundled tools, extracted under {@code cacheRoot} when not already there.
     *
     * @throws IOException when the jar is not on the class path, or the folder cannot be written
     */
    static FfmpegTools extract(Path cacheRoot) throws IOException {
        if (!platformSupported()) {
            throw new IOException("the bundled ffmpeg is built for linux-x86_64 only, not " + System.getProperty("os.name")
                    + "-" + System.getProperty("os.arch"));
        }
        URL marker = BundledFfmpeg.class.getClassLoader().getResource(RESOURCE_DIR + "ffmpeg");
        if (marker == null) {
            throw new IOException("the org.bytedeco:ffmpeg linux-x86_64-gpl jar is not on the class path");
        }
        URLConnection connection = marker.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("the bundled ffmpeg is not inside a jar: " + marker);
        }
        jarConnection.setUseCaches(false); // our own JarFile, closed below, not one shared with the class loader
        try (JarFile jar = jarConnection.getJarFile()) {
            Path target = cacheRoot.resolve(folderName(jar.getName()));
            if (!Files.isRegularFile(target.resolve("ffmpeg")) || !Files.isRegularFile(target.resolve("ffprobe"))) {
                install(jar, cacheRoot, target);
            }
            return new FfmpegTools(target.resolve("ffmpeg"), target.resolve("ffprobe"), FfmpegTools.BUNDLED);
        }
    }

    /** {@code ffmpeg-6.1.1-1.5.10-linux-x86_64-gpl} for {@code …/ffmpeg-6.1.1-1.5.10-linux-x86_64-gpl.jar}. */
    static String folderName(String jarPath) {
        String name = Path.of(jarPath).getFileName().toString();
        return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }

    /** Whether a jar entry is one the executables need: themselves and the shared libraries, not the JNI glue. */
    static boolean wanted(String entryName) {
        if (!entryName.startsWith(RESOURCE_DIR) || entryName.endsWith("/")) {
            return false;
        }
        String file = entryName.substring(RESOURCE_DIR.length());
        return !file.contains("/") && !file.startsWith("libjni") && (file.equals("ffmpeg") || file.equals("ffprobe")
                || file.matches("lib[A-Za-z0-9_+-]+\\.so(\\.[0-9]+)*"));
    }

    private static void install(JarFile jar, Path cacheRoot, Path target) throws IOException {
        try {
            Files.createDirectories(cacheRoot);
        } catch (IOException e) {
            throw new IOException("cannot make the folder " + cacheRoot + ": "
                    + (e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way" : e.getMessage()), e);
        }
        Path tmp = Files.createTempDirectory(cacheRoot, target.getFileName() + ".part-");
        try {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!wanted(e.getName())) {
                    continue;
                }
                Path out = tmp.resolve(e.getName().substring(RESOURCE_DIR.length()));
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, out);
                }
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            if (!Files.isRegularFile(tmp.resolve("ffprobe"))) {
                throw new IOException("the bundled ffmpeg jar has no ffprobe");
            }
            deleteTree(target); // a folder left without its executables: replaced whole
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isRegularFile(target.resolve("ffprobe"))) {
                    throw raced;
                } // another server finished first: its folder is as good as ours
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
