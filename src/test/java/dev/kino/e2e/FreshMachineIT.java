package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kino.testing.Ffmpeg;
import dev.kino.testing.FreePorts;
import dev.kino.library.MediaIds;
import dev.kino.testing.Prerequisites;
import dev.kino.testing.RawHttp;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a machine without ffmpeg, as a newcomer meets it: {@code ./kino serve} runs in a
 * private mount namespace where the system's ffmpeg and ffprobe, every libpulse and JavaCPP's cache are covered by
 * empty files and folders, so only what Kino brings itself can work. Needs root (for {@code unshare --mount}); it
 * skips without, except under CI, where it fails instead.
 */
class FreshMachineIT {
    private static final List<Path> LIBRARY_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/lib/x86_64-linux-gnu"),
            Path.of("/usr/lib"), Path.of("/lib"));

    @TempDir
    Path dir;

    @BeforeEach
    void needsRoot() throws Exception {
        boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim());
        boolean unshare = Files.isExecutable(Path.of("/usr/bin/unshare"))
                && new ProcessBuilder("unshare", "--mount", "true").start().waitFor() == 0;
        Prerequisites.require(root && unshare,
                "the fresh-machine test needs root and a working `unshare --mount` to hide the system's ffmpeg in a mount namespace");
    }

    @Test
    void withoutASystemFfmpegTheBundledOneProbesConvertsAndTranscodes() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Ffmpeg.make(media.resolve("clip.avi"), 6, "-c:v", "mpeg4", "-c:a", "libmp3lame"); // needs a transcode for browsers
        Path data = dir.resolve("data");
        try (Server s = Server.start(dir, media, data)) {
            assertTrue(s.lines().stream().anyMatch(l -> l.contains("ffmpeg: " + data.resolve("bundled")) && l.contains("(bundled)")),
                    "the bundled ffmpeg, extracted into the data dir, is the one used: " + s.lines());
            String cookie = s.login();
            JsonObject item = null;
            for (int i = 0; i < 300 && (item == null || !item.containsKey("duration")); i++) {
                JsonArray library = new JsonArray(s.get("/api/library", cookie).body());
                item = library.isEmpty() ? null : library.getJsonObject(0);
                Thread.sleep(100);
            }
            assertTrue(item != null && item.containsKey("duration"), "ffprobe's metadata reaches the library: " + item);
            assertEquals(6.0, item.getDouble("duration"), 0.5);
            String id = MediaIds.of("clip.avi");

            HttpResponse<Path> webm = TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(s.url("/media/" + id + "/convert?format=webm")))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofFile(dir.resolve("out.webm")));
            assertEquals(200, webm.statusCode());
            Path webmFile = webm.body();
            assertEquals("vp9,opus", codecs(webmFile), "the converted file decodes");

            RawHttp.Response playlist = RawHttp.get(s.port, "/media/" + id + "/hls/transcode/index.m3u8", cookie);
            assertEquals(200, playlist.status(), playlist.bodyText());
            String first = playlist.bodyText().lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
            RawHttp.Response segment = RawHttp.get(s.port, "/media/" + id + "/hls/transcode/" + first, cookie);
            assertEquals(200, segment.status(), segment.bodyText());
            Path ts = Files.write(dir.resolve("seg.ts"), segment.body());
            String frames = Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
                    "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", ts.toString())).trim().lines().findFirst().orElse("");
            String[] f = frames.split(",");
            assertTrue(f.length >= 2 && f[0].equals("h264") && Integer.parseInt(f[1].trim()) > 10, "the HLS segment decodes: " + frames);
        }
    }

    @Test
    void withNoWorkingFfmpegAtAllKinoStartsServesDirectPlayAndSaysWhatToDo() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        byte[] bytes = "bytes served as they are".getBytes(StandardCharsets.UTF_8);
        Files.write(media.resolve("film.mp4"), bytes);
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("bundled"), "a file where the bundled ffmpeg's folder would go: it cannot be extracted");
        try (Server s = Server.start(dir, media, data)) {
            List<String> warnings = s.lines().stream().filter(l -> l.contains("no ffmpeg")).toList();
            assertEquals(1, warnings.size(), "said once: " + s.lines());
            assertTrue(warnings.get(0).contains("WARN") && warnings.get(0).contains("apt-get install ffmpeg")
                    && warnings.get(0).contains("KINO_FFMPEG"), warnings.get(0));
            String cookie = s.login();
            JsonArray library = new JsonArray(s.get("/api/library", cookie).body());
            assertEquals(1, library.size(), "the file is listed, without metadata: " + library);
            assertEquals("film.mp4", library.getJsonObject(0).getString("path"), library.encode());
            String id = MediaIds.of("film.mp4");
            RawHttp.Response direct = RawHttp.get(s.port, "/media/" + id, cookie);
            assertEquals(200, direct.status());
            assertEquals(new String(bytes, StandardCharsets.UTF_8), direct.bodyText(), "direct play works");
            for (String path : List.of("/media/" + id + "/convert?format=webm", "/media/" + id + "/hls/transcode/index.m3u8",
                    "/media/" + id + "/poster.jpg")) {
                RawHttp.Response r = RawHttp.get(s.port, path, cookie);
                assertEquals(503, r.status(), path);
                String error = new JsonObject(r.bodyText()).getString("error");
                assertTrue(error.contains("no working ffmpeg") && error.contains("apt-get install ffmpeg"), error);
            }
        }
    }

    private static String codecs(Path file) throws Exception {
        return String.join(",", Ffmpeg.output(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of",
                "csv=p=0", file.toString())).trim().split("\\s+"));
    }

    /** {@code ./kino serve} in a mount namespace with no ffmpeg, no libpulse and no JavaCPP cache. */
    private record Server(Process process, int port, List<String> lines) implements AutoCloseable {
        static Server start(Path dir, Path media, Path data) throws Exception {
            Path empty = Files.writeString(dir.resolve("empty"), "");
            Path emptyDir = Files.createDirectories(dir.resolve("empty.d"));
            StringBuilder hide = new StringBuilder("set -e\n");
            for (Path p : hidden()) {
                hide.append("mount --bind ").append(Files.isDirectory(p) ? emptyDir : empty).append(" '").append(p).append("'\n");
            }
            hide.append("! command -v ffmpeg >/dev/null || ! ffmpeg -version >/dev/null 2>&1 || { echo 'ffmpeg still runs' >&2; exit 9; }\n");
            int port = FreePorts.loopback();
            hide.append("exec ./kino serve --media '").append(media).append("' --data '").append(data)
                    .append("' --host 127.0.0.1 --port ").append(port).append('\n');
            ProcessBuilder pb = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "bash", "-c", hide.toString())
                    .redirectErrorStream(true);
            pb.environment().put("KINO_TORRENT_HOST", "127.0.0.1");
            pb.environment().put("KINO_TORRENT_PORT", "0");
            pb.environment().put("KINO_TORRENT_DHT", "false");
            pb.environment().remove("KINO_FFMPEG");
            pb.environment().remove("KINO_FFPROBE");
            Process p = pb.start();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch listening = new CountDownLatch(1);
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        lines.add(line);
                        if (line.contains("listening on http://127.0.0.1:" + port)) {
                            listening.countDown();
                        }
                    }
                } catch (IOException e) {
                    lines.add("read failed: " + e);
                }
                listening.countDown();
            });
            Server s = new Server(p, port, lines);
            if (!listening.await(180, TimeUnit.SECONDS) || !p.isAlive()) {
                s.close();
                fail("the server did not start: " + lines);
            }
            return s;
        }

        /** The system's ffmpeg and ffprobe, every libpulse and JavaCPP's cache: what a fresh machine does not have. */
        static List<Path> hidden() throws IOException {
            List<Path> out = new ArrayList<>();
            for (String tool : List.of("/usr/bin/ffmpeg", "/usr/bin/ffprobe", "/usr/local/bin/ffmpeg", "/usr/local/bin/ffprobe")) {
                if (Files.exists(Path.of(tool))) {
                    out.add(Path.of(tool));
                }
            }
            for (Path libs : LIBRARY_DIRS) {
                if (!Files.isDirectory(libs)) {
                    continue;
                }
                try (Stream<Path> s = Files.list(libs)) {
                    s.filter(p -> p.getFileName().toString().matches("libpulse.*\\.so.*") && !Files.isSymbolicLink(p)).forEach(out::add);
                }
                Path pulse = libs.resolve("pulseaudio");
                if (Files.isDirectory(pulse)) {
                    out.add(pulse);
                }
            }
            Path javacpp = Path.of(System.getProperty("user.home"), ".javacpp");
            if (Files.isDirectory(javacpp)) {
                out.add(javacpp);
            }
            return out;
        }

        String login() throws Exception {
            String password = lines.stream().filter(l -> l.contains("created user 'admin' with password: ")).findFirst()
                    .map(l -> l.replaceAll(".*with password: (\\S+).*", "$1")).orElseThrow(() -> new AssertionError("no admin password: " + lines));
            HttpResponse<String> r = TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin").put("password", password).encode()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        HttpResponse<String> get(String path, String cookie) throws Exception {
            return TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", cookie)
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
