package dev.kino.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Await;
import dev.kino.testing.FreePorts;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's contract, through the real {@code ./kino} launcher and a real server process. */
class LauncherIT {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    /** The torrent client on loopback, on a free port, without DHT: tests have no network. */
    private static void offlineTorrents(ProcessBuilder pb) {
        pb.environment().put("KINO_TORRENT_HOST", "127.0.0.1");
        pb.environment().put("KINO_TORRENT_PORT", "0");
        pb.environment().put("KINO_TORRENT_DHT", "false");
    }

    private static Result kino(String stdin, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("./kino"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete(e.toString());
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "kino " + String.join(" ", args) + " finished");
        return new Result(p.exitValue(), out, err.get(10, TimeUnit.SECONDS));
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result r = kino(null, Map.of(), "--help");
        assertEquals(0, r.exit(), r.err());
        for (String c : List.of("serve", "user", "sign")) {
            assertTrue(r.out().contains(c), r.out());
        }
    }

    @Test
    void userAddServeSignAndStopOnSigterm() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        byte[] content = "not really a film, but bytes all the same".getBytes(StandardCharsets.UTF_8);
        Files.write(media.resolve("film.mp4"), content);
        String data = dir.resolve("data").toString();

        Result added = kino("alice-password\n", Map.of(), "user", "add", "alice", "--data", data);
        assertEquals(0, added.exit(), added.err());
        Result again = kino("alice-password\n", Map.of(), "user", "add", "alice", "--data", data);
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("already exists"), again.err());
        Result weak = kino("short\n", Map.of(), "user", "add", "bob", "--data", data);
        assertEquals(2, weak.exit());
        assertTrue(weak.err().contains("password must be"), weak.err());

        int port = FreePorts.loopback();
        // the port comes from the environment form of the option
        ProcessBuilder pb = new ProcessBuilder("./kino", "serve", "--media", media.toString(), "--data", data, "--host", "127.0.0.1")
                .redirectErrorStream(true);
        pb.environment().put("KINO_PORT", String.valueOf(port));
        offlineTorrents(pb);
        Process p = pb.start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch listening = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> readLines(p, lines, listening, "listening on http://127.0.0.1:" + port));
        try {
            assertTrue(listening.await(120, TimeUnit.SECONDS), "server ready; log: " + lines);
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> login = TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"alice-password\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String library = TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/library")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String id = new JsonArray(library).getJsonObject(0).getString("id");

            Result signed = kino(null, Map.of(), "sign", "/media/" + id, "--ttl", "2h", "--data", data, "--base-url", base);
            assertEquals(0, signed.exit(), signed.err());
            String url = signed.out().trim();
            assertTrue(url.startsWith(base + "/media/" + id + "?expires="), url);
            HttpResponse<byte[]> viaLink = TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, viaLink.statusCode());
            assertEquals(new String(content, StandardCharsets.UTF_8), new String(viaLink.body(), StandardCharsets.UTF_8));

            Result shortLived = kino(null, Map.of(), "sign", "/media/" + id, "--ttl", "1s", "--data", data, "--base-url", base);
            Thread.sleep(2_100); // stays: the scenario, a link that has expired
            assertEquals(410, TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(shortLived.out().trim())).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertTrue(lines.stream().noneMatch(l -> l.contains("created user 'admin'")), "alice exists, so no admin is made");
        } finally {
            sigterm(p);
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stops on SIGTERM");
        assertTrue(p.exitValue() == 0 || p.exitValue() == 143, "exit status " + p.exitValue());
        Await.until(Duration.ofSeconds(10), "logs its clean stop: " + lines, () -> lines.stream().anyMatch(l -> l.contains("stopped")));
    }

    @Test
    void firstStartCreatesAdminAndPrintsItsPasswordOnce() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        String data = dir.resolve("data").toString();
        for (int run = 0; run < 2; run++) {
            int port = FreePorts.loopback();
            ProcessBuilder pb = new ProcessBuilder("./kino", "serve", "--media", media.toString(), "--data", data, "--host",
                    "127.0.0.1", "--port", String.valueOf(port)).redirectErrorStream(true);
            offlineTorrents(pb);
            Process p = pb.start();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch listening = new CountDownLatch(1);
            Thread.ofVirtual().start(() -> readLines(p, lines, listening, "listening on http://127.0.0.1:" + port));
            try {
                assertTrue(listening.await(120, TimeUnit.SECONDS), "server ready; log: " + lines);
                long shown = lines.stream().filter(l -> l.contains("created user 'admin' with password:")).count();
                assertEquals(run == 0 ? 1 : 0, shown, "run " + run + ": " + lines);
            } finally {
                p.destroy();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            }
        }
    }

    private static void readLines(Process p, List<String> sink, CountDownLatch latch, String marker) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                sink.add(line);
                if (line.contains(marker)) {
                    latch.countDown();
                }
            }
        } catch (IOException e) {
            sink.add("read failed: " + e);
        }
    }

    /** SIGTERM without closing our end of the pipes (Process.destroy closes them, losing the last log lines). */
    private static void sigterm(Process p) throws Exception {
        new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
    }

}
