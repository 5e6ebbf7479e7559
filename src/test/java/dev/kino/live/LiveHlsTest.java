package dev.kino.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.testing.Await;
import dev.kino.testing.Ffmpeg;
import dev.kino.testing.FreePorts;
import dev.kino.testing.Processes;
import dev.kino.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live streams as HLS and Low-Latency HLS, with real publishers (ffmpeg over RTMP and raw TCP fMP4) and real players'
 * requests: a first segment at once, blocking playlist reload that answers as each part completes, segments and parts
 * that decode, ffmpeg's own HLS client playing a private stream through a signed link, the refusals, and the muxer
 * leaving the stream once nobody asks.
 */
class LiveHlsTest {
    private static final List<String> SOURCES = List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000");
    /** A keyframe every 2 s, as encoders are told for HLS. */
    private static final List<String> H264_AAC = List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-bf", "2",
            "-pix_fmt", "yuv420p", "-c:a", "aac");
    private static final Pattern HINT = Pattern.compile("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part(\\d+)\\.(\\d+)\\.mp4");

    @TempDir
    Path dir;
    private TestServer server;
    private final List<Process> publishers = new ArrayList<>();

    @AfterEach
    void stop() {
        publishers.forEach(Processes::kill);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void rtmpStreamPlaysAsLowLatencyHlsWithBlockingReloadAndSignedLinks() throws Exception {
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"), Map.of());
        String cookie = server.loginAdmin();
        String key = new JsonObject(server.post("/api/streams", "{\"name\":\"cam1\"}", cookie).body()).getString("streamKey");
        assertEquals(404, server.get("/live/cam1/index.m3u8", cookie).statusCode(), "not live yet");
        publish("rtmp://127.0.0.1:" + server.rtmpPort() + "/live/cam1?key=" + key, 40, "flv");
        server.awaitLive("cam1", cookie, Duration.ofSeconds(30));
        Await.until(Duration.ofSeconds(20), "two GOPs published", () -> server.stream("cam1", cookie).getLong("uptimeSeconds", 0L) >= 5);

        long asked = System.nanoTime();
        HttpResponse<String> first = server.get("/live/cam1/index.m3u8", cookie);
        long firstMillis = (System.nanoTime() - asked) / 1_000_000;
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("application/vnd.apple.mpegurl", first.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElse(""));
        String playlist = first.body();
        assertTrue(playlist.contains("#EXTINF:2.00000,\nseg"), "a whole segment at the first request, from the hub's cache\n" + playlist);
        assertTrue(firstMillis < 1000, "the first playlist took " + firstMillis + " ms");
        for (String tag : List.of("#EXT-X-TARGETDURATION:2\n", "#EXT-X-PART-INF:PART-TARGET=0.20000\n", "CAN-BLOCK-RELOAD=YES",
                "#EXT-X-MAP:URI=\"init", "#EXT-X-PROGRAM-DATE-TIME:", ",INDEPENDENT=YES")) {
            assertTrue(playlist.contains(tag), tag + " in\n" + playlist);
        }

        // blocking reload: ask for the hinted part, ten times in a row; each answer comes as that part completes
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Matcher hint = HINT.matcher(playlist);
            assertTrue(hint.find(), playlist);
            long msn = Long.parseLong(hint.group(1));
            int part = Integer.parseInt(hint.group(2));
            long t0 = System.nanoTime();
            HttpResponse<String> r = server.get("/live/cam1/index.m3u8?_HLS_msn=" + msn + "&_HLS_part=" + part, cookie);
            waits.add((System.nanoTime() - t0) / 1_000_000);
            assertEquals(200, r.statusCode(), r.body());
            playlist = r.body();
            assertTrue(playlist.contains("part" + msn + "." + part + ".mp4") || playlist.contains("part" + (msn + 1) + ".0.mp4"),
                    "the answer lists the part asked for (or the next segment's first)\n" + playlist);
        }
        validate(playlist);
        List<Long> sorted = new ArrayList<>(waits);
        Collections.sort(sorted);
        assertTrue(sorted.get(5) <= 400 && sorted.getLast() <= 1000, "blocking reloads took " + waits + " ms (parts of 200 ms)");

        // the media: init + a segment, and a part, decode; they may be cached for long, privately
        Matcher seg = Pattern.compile("\nseg(\\d+)\\.mp4").matcher(playlist);
        assertTrue(seg.find(), playlist);
        Matcher init = Pattern.compile("#EXT-X-MAP:URI=\"(init\\d+\\.mp4)\"").matcher(playlist);
        assertTrue(init.find(), playlist);
        HttpResponse<byte[]> initBody = bytes("/live/cam1/" + init.group(1), cookie);
        HttpResponse<byte[]> segBody = bytes("/live/cam1/seg" + seg.group(1) + ".mp4", cookie);
        assertEquals(200, segBody.statusCode());
        assertEquals("private, max-age=86400", segBody.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("video/mp4", segBody.headers().firstValue("Content-Type").orElse(""));
        assertEquals(50, decodedFrames(concat(initBody.body(), segBody.body()), "segment"), "2 s at 25 fps");
        assertEquals("1", Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_frames",
                "-read_intervals", "%+#1", "-show_entries", "frame=key_frame", "-of", "csv=p=0",
                dir.resolve("segment.mp4").toString())).trim().split("\n")[0], "the segment starts with a keyframe");
        Matcher anyPart = Pattern.compile("URI=\"(part\\d+\\.\\d+\\.mp4)\",INDEPENDENT=YES").matcher(playlist);
        assertTrue(anyPart.find(), playlist);
        assertEquals(5, decodedFrames(concat(initBody.body(), bytes("/live/cam1/" + anyPart.group(1), cookie).body()), "part"),
                "an independent part of 200 ms: 5 frames");

        // refusals
        assertEquals(401, server.get("/live/cam1/index.m3u8", null).statusCode(), "private: no session, no playlist");
        assertEquals(401, server.get("/live/cam1/seg" + seg.group(1) + ".mp4", null).statusCode(), "nor segments");
        assertEquals(400, server.get("/live/cam1/index.m3u8?_HLS_msn=" + (Long.parseLong(seg.group(1)) + 50), cookie).statusCode(),
                "a segment far in the future");
        assertEquals(400, server.get("/live/cam1/index.m3u8?_HLS_part=1", cookie).statusCode(), "_HLS_part without _HLS_msn");
        assertEquals(400, server.get("/live/cam1/index.m3u8?_HLS_msn=x", cookie).statusCode());
        assertEquals(404, server.get("/live/cam1/seg1.mp4", cookie).statusCode(), "a segment long gone");
        assertEquals(404, server.get("/live/nosuch/index.m3u8", cookie).statusCode());

        // a signed link opens playlist, parts and segments: ffmpeg's HLS client plays it with no session
        JsonObject signed = new JsonObject(server.post("/api/sign", "{\"path\":\"/live/cam1\",\"ttl\":60}", cookie).body());
        String query = signed.getString("url").substring(signed.getString("url").indexOf('?'));
        HttpResponse<String> viaLink = server.get("/live/cam1/index.m3u8" + query, null);
        assertEquals(200, viaLink.statusCode(), viaLink.body());
        assertTrue(viaLink.body().contains(".mp4" + query + "\""), "the link's query is carried into every URI\n" + viaLink.body());
        check(List.of("ffmpeg", "-v", "error", "-xerror", "-i", server.url("/live/cam1/index.m3u8" + query), "-t", "4", "-f", "null", "-"));
        assertEquals(403, server.get("/live/cam1/index.m3u8" + query.replace("sig=", "sig=0"), null).statusCode());
    }

    @Test
    void aWebmStreamIsServedThroughOneH264RungThatStopsWithinFiveSecondsOfTheLastRequest() throws Exception {
        int port = FreePorts.loopback();
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.tcp", port + "=tab:webm:public"));
        String cookie = server.loginAdmin();
        publishWith(List.of("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-g", "50", "-c:a", "libopus"),
                "tcp://127.0.0.1:" + port, 40, "webm");
        server.awaitLive("tab", cookie, Duration.ofSeconds(30));
        Await.until(Duration.ofSeconds(20), "a playlist from the H.264 rung", () -> {
            HttpResponse<String> r = server.get("/live/tab/index.m3u8", null);
            return r.statusCode() == 200 && r.body().contains("INDEPENDENT=YES");
        });
        String playlist = server.get("/live/tab/index.m3u8", null).body();
        Matcher init = Pattern.compile("#EXT-X-MAP:URI=\"(init\\d+\\.mp4)\"").matcher(playlist);
        Matcher part = Pattern.compile("URI=\"(part\\d+\\.\\d+\\.mp4)\",INDEPENDENT=YES").matcher(playlist);
        assertTrue(init.find() && part.find(), playlist);
        byte[] media = concat(bytes("/live/tab/" + init.group(1), null).body(), bytes("/live/tab/" + part.group(1), null).body());
        decodedFrames(media, "rung");
        assertEquals("h264\naac", Ffmpeg.output(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", dir.resolve("rung.mp4").toString())).trim(), "VP8/Opus became H.264/AAC for HLS");
        assertTrue(server.get("/api/transcodes", cookie).body().contains("live h264"), "the rung is a governed transcode");
        playlistAs("tab", "second player");
        Await.until(Duration.ofSeconds(5), "the stream counts the rung's two HLS players",
                () -> server.stream("tab", cookie).getInteger("viewers") == 2);
        long lastRequest = System.nanoTime();
        Await.until(Duration.ofSeconds(15), "the rung's ffmpeg stops once nobody asks",
                () -> !server.get("/api/transcodes", cookie).body().contains("live h264"));
        double seconds = (System.nanoTime() - lastRequest) / 1e9;
        assertTrue(seconds <= 5, "the transcode stopped " + seconds + " s after the last HLS request");
    }

    @Test
    void tcpFmp4StreamIsServedAndTheMuxerLeavesOnceNobodyAsks() throws Exception {
        String cookie = publishFmp4("cam2", 30, "live.hls.idle", "2s");
        Await.until(Duration.ofSeconds(10), "a playlist with a segment", () -> {
            HttpResponse<String> r = server.get("/live/cam2/index.m3u8", null);
            return r.statusCode() == 200 && r.body().contains("#EXTINF:");
        });
        String playlist = server.get("/live/cam2/index.m3u8", null).body();
        Matcher seg = Pattern.compile("\nseg(\\d+)\\.mp4").matcher(playlist);
        assertTrue(seg.find(), playlist);
        HttpResponse<byte[]> s = bytes("/live/cam2/seg" + seg.group(1) + ".mp4", null);
        assertEquals("public, max-age=86400", s.headers().firstValue("Cache-Control").orElse(""), "a public stream's media");
        assertEquals(1, server.stream("cam2", cookie).getInteger("viewers"), "one HLS player");
        Await.until(Duration.ofSeconds(10), "the muxer leaves after 2 s without a request",
                () -> server.stream("cam2", cookie).getInteger("viewers") == 0);
        HttpResponse<String> again = server.get("/live/cam2/index.m3u8", null);
        assertEquals(200, again.statusCode(), "the next request starts it again");
        assertTrue(again.body().contains("#EXTINF:"), again.body());
    }

    @Test
    void eachHlsPlayerCountsAsAViewerWhileItKeepsAsking() throws Exception {
        String cookie = publishFmp4("cam3", 40, "live.hls.segment", "1s");
        for (String player : List.of("player A", "player B", "player C")) {
            assertEquals(200, playlistAs("cam3", player).statusCode());
        }
        assertEquals(3, server.stream("cam3", cookie).getInteger("viewers"), "three players, one HLS muxer");
        // A and B keep reloading, as players do; C has gone and drops out of the count after three target durations
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int viewers = 3;
        while (viewers != 2 && System.nanoTime() < until) {
            playlistAs("cam3", "player A");
            playlistAs("cam3", "player B");
            Thread.sleep(500); // a player's reload interval (half a target duration)
            viewers = server.stream("cam3", cookie).getInteger("viewers");
        }
        assertEquals(2, viewers, "the player that stopped asking is no longer counted");
        assertEquals(2, server.stream("cam3", cookie).getInteger("viewers"), "the two that keep asking still are");
    }

    @Test
    void aTimeShiftWindowReachesBackAndItsOlderSegmentsAreServedFromDisk() throws Exception {
        int port = FreePorts.loopback();
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.tcp", port + "=cam3:mp4:public", "live.hls.segment", "1s", "live.hls.dvr", "12s"));
        String cookie = server.loginAdmin();
        List<String> oneSecondGops = new ArrayList<>(H264_AAC);
        oneSecondGops.set(oneSecondGops.indexOf("50"), "25");
        publishWith(oneSecondGops, "tcp://127.0.0.1:" + port, 40, "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe",
                "-frag_duration", "200000");
        server.awaitLive("cam3", cookie, Duration.ofSeconds(30));
        assertEquals(200, server.get("/live/cam3/index.m3u8", null).statusCode());
        Path spool = server.data().resolve("hls-dvr");
        Await.until(Duration.ofSeconds(30), "segments older than the last 7 kept on disk", () -> {
            try (var files = Files.walk(spool)) {
                return files.filter(f -> f.getFileName().toString().startsWith("seg")).count() >= 2;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        String playlist = server.get("/live/cam3/index.m3u8", null).body();
        validate(playlist);
        Matcher first = Pattern.compile("\nseg(\\d+)\\.mp4").matcher(playlist);
        assertTrue(first.find(), playlist);
        long oldest = Long.parseLong(first.group(1));
        Matcher msn = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)").matcher(playlist);
        assertTrue(msn.find());
        assertEquals(oldest, Long.parseLong(msn.group(1)));
        assertTrue(Files.exists(Files.list(spool).findFirst().orElseThrow().resolve("seg" + oldest + ".mp4")),
                "the oldest segment listed is on disk");
        Matcher init = Pattern.compile("#EXT-X-MAP:URI=\"(init\\d+\\.mp4)\"").matcher(playlist);
        assertTrue(init.find(), playlist);
        assertEquals(25, decodedFrames(concat(bytes("/live/cam3/" + init.group(1), null).body(),
                bytes("/live/cam3/seg" + oldest + ".mp4", null).body()), "from-disk"), "served from disk, whole: 1 s at 25 fps");
    }

    /**
     * The checks of a media stream validator that apply to a live LL-HLS playlist: every segment within the target
     * duration, every part within the part target, media sequence numbers and part indices that follow each other,
     * every segment's first listed part independent, and a preload hint for the part after the last.
     */
    private static void validate(String playlist) {
        Matcher td = Pattern.compile("#EXT-X-TARGETDURATION:(\\d+)").matcher(playlist);
        Matcher pt = Pattern.compile("#EXT-X-PART-INF:PART-TARGET=([0-9.]+)").matcher(playlist);
        Matcher ms = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)").matcher(playlist);
        assertTrue(td.find() && pt.find() && ms.find(), playlist);
        int target = Integer.parseInt(td.group(1));
        double partTarget = Double.parseDouble(pt.group(1));
        long expectedMsn = Long.parseLong(ms.group(1));
        long partMsn = -1;
        int partIndex = -1;
        for (String line : playlist.split("\n")) {
            if (line.startsWith("#EXTINF:")) {
                double d = Double.parseDouble(line.substring(8, line.indexOf(',')));
                assertTrue(Math.round(d) <= target, line + " over the target duration " + target);
            } else if (line.startsWith("seg")) {
                assertEquals("seg" + expectedMsn + ".mp4", line.replaceAll("\\?.*", ""), "media sequence numbers follow each other");
                expectedMsn++;
            } else if (line.startsWith("#EXT-X-PART:")) {
                Matcher m = Pattern.compile("DURATION=([0-9.]+),URI=\"part(\\d+)\\.(\\d+)\\.mp4").matcher(line);
                assertTrue(m.find(), line);
                assertTrue(Double.parseDouble(m.group(1)) <= partTarget + 1e-9, line + " over the part target " + partTarget);
                long msn = Long.parseLong(m.group(2));
                int index = Integer.parseInt(m.group(3));
                if (msn != partMsn) {
                    assertEquals(0, index, "a segment's parts start at 0: " + line);
                    assertTrue(line.contains("INDEPENDENT=YES"), "a segment starts with an independent part: " + line);
                    partMsn = msn;
                } else {
                    assertEquals(partIndex + 1, index, "parts follow each other: " + line);
                }
                partIndex = index;
            }
        }
        Matcher hint = HINT.matcher(playlist);
        assertTrue(hint.find(), playlist);
        long hintMsn = Long.parseLong(hint.group(1));
        int hintPart = Integer.parseInt(hint.group(2));
        assertTrue(hintMsn == partMsn && hintPart == partIndex + 1 || hintMsn == partMsn + 1 && hintPart == 0,
                "the hint names the part after the last: " + hint.group());
    }

    private void publish(String url, int seconds, String format, String... extra) throws Exception {
        publishWith(H264_AAC, url, seconds, format, extra);
    }

    private void publishWith(List<String> codec, String url, int seconds, String format, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error"));
        cmd.addAll(SOURCES);
        cmd.addAll(List.of("-t", String.valueOf(seconds)));
        cmd.addAll(codec);
        cmd.addAll(List.of("-f", format));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        publishers.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    /**
     * Starts a server with a public raw-TCP fMP4 ingest for {@code stream} and the setting {@code key} = {@code value},
     * and ffmpeg publishing to it for {@code seconds}; returns the admin's cookie once the stream is live.
     */
    private String publishFmp4(String stream, int seconds, String key, String value) throws Exception {
        int port = FreePorts.loopback();
        server = TestServer.start(Files.createDirectories(dir.resolve("media")), dir.resolve("data"),
                Map.of("live.tcp", port + "=" + stream + ":mp4:public", key, value));
        String cookie = server.loginAdmin();
        publish("tcp://127.0.0.1:" + port, seconds, "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe");
        server.awaitLive(stream, cookie, Duration.ofSeconds(30));
        return cookie;
    }

    /** The playlist of stream {@code name}, asked for by a player that says it is {@code userAgent}. */
    private HttpResponse<String> playlistAs(String name, String userAgent) throws Exception {
        return TestServer.CLIENT.send(HttpRequest.newBuilder(URI.create(server.url("/live/" + name + "/index.m3u8")))
                .header("User-Agent", userAgent).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> bytes(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<byte[]> r = TestServer.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path);
        return r;
    }

    /** Runs a command that must succeed and say nothing on its error output. */
    private static void check(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "timed out: " + cmd);
        assertEquals(0, p.exitValue(), cmd + ":\n" + out);
        assertEquals("", out.trim(), cmd + ": no error output");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private int decodedFrames(byte[] mp4, String name) throws Exception {
        Path f = Files.write(dir.resolve(name + ".mp4"), mp4);
        check(List.of("ffmpeg", "-v", "error", "-xerror", "-i", f.toString(), "-f", "null", "-"));
        return Integer.parseInt(Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", f.toString())).trim());
    }
}
