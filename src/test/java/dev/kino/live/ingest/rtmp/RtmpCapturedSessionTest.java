package dev.kino.live.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ParseException;
import dev.kino.container.flv.FlvParser;
import dev.kino.container.mp4.RecordingListener;
import dev.kino.live.ingest.rtmp.protocol.ChunkDecoder;
import dev.kino.live.ingest.rtmp.protocol.RtmpServerSession;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ffmpeg RTMP session, captured on its way to Kino's server (what ffmpeg sent, byte for byte), replayed
 * through the protocol session and the FLV parser whole, in random splits and one byte at a time: the same media and
 * the same fMP4 every time; cut short or corrupted, it fails with a typed error, never anything else.
 */
class RtmpCapturedSessionTest {
    private static final String KEY = "captured-session-key-0123";
    @TempDir
    static Path dir;
    private static byte[] captured;

    @BeforeAll
    static void capture() throws Exception {
        Vertx vertx = Vertx.vertx();
        RtmpTestServer server = RtmpTestServer.start(vertx, dir, KEY, RtmpIngestServer.Timeouts.DEFAULT);
        int port = server.port();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try (ServerSocket proxy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread relay = Thread.ofVirtual().start(() -> relay(proxy, port, sent));
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    "testsrc2=size=160x120:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=44100", "-t", "2", "-c:v", "libx264",
                    "-preset", "ultrafast", "-g", "25", "-bf", "2", "-c:a", "aac", "-f", "flv",
                    "rtmp://127.0.0.1:" + proxy.getLocalPort() + "/live/cam1?key=" + KEY)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(ffmpeg.waitFor(60, TimeUnit.SECONDS) && ffmpeg.exitValue() == 0, "ffmpeg published through the proxy");
            relay.join(Duration.ofSeconds(10));
        } finally {
            server.close();
            vertx.close().await();
        }
        synchronized (sent) {
            captured = sent.toByteArray();
        }
        assertTrue(captured.length > 10_000, "a session was captured: " + captured.length + " bytes");
    }

    /** One connection, both ways; what the client sends is also kept. */
    private static void relay(ServerSocket proxy, int port, ByteArrayOutputStream sent) {
        try (Socket client = proxy.accept(); Socket upstream = new Socket("127.0.0.1", port)) {
            Thread back = Thread.ofVirtual().start(() -> copy(() -> read(upstream), client, null));
            copy(() -> read(client), upstream, sent);
            upstream.shutdownOutput();
            back.join(Duration.ofSeconds(10));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream read(Socket s) {
        try {
            return s.getInputStream();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(java.util.function.Supplier<InputStream> from, Socket to, ByteArrayOutputStream keep) {
        byte[] buf = new byte[8192];
        try (InputStream in = from.get()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                if (keep != null) {
                    synchronized (keep) {
                        keep.write(buf, 0, n);
                    }
                }
                out.write(buf, 0, n);
            }
        } catch (java.io.IOException e) {
            // the other side closed: the session is over
        }
    }

    /** What a replay yields: the media messages as FLV, through the FLV parser, as fMP4 events. */
    private record Replay(List<String> calls, List<RecordingListener.Event> events) {}

    private static Replay replay(byte[] input, IntSupplier pieces) throws ParseException {
        List<String> calls = new ArrayList<>();
        RecordingListener fmp4 = new RecordingListener();
        FlvParser flv = new FlvParser(fmp4);
        RtmpServerSession[] session = new RtmpServerSession[1];
        session[0] = new RtmpServerSession(new RtmpServerSession.Events() {
            @Override
            public void send(byte[] bytes) {}

            @Override
            public void publishRequested(String app, String streamName, String query) {
                calls.add("publish " + app + " " + streamName + " " + query);
                session[0].acceptPublish();
                byte[] h = FlvTags.header();
                try {
                    flv.feed(h, 0, h.length);
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void media(int typeId, long timestamp, byte[] payload) throws ParseException {
                calls.add(typeId + "@" + timestamp + ":" + payload.length);
                byte[] tag = FlvTags.tag(typeId, timestamp, payload);
                flv.feed(tag, 0, tag.length);
            }

            @Override
            public void unpublished(String how) {
                calls.add("unpublished " + how);
            }
        }, ChunkDecoder.Limits.DEFAULT, new SplittableRandom(1));
        int off = 0;
        while (off < input.length) {
            int n = Math.min(input.length - off, pieces.getAsInt());
            session[0].feed(input, off, n);
            off += n;
        }
        flv.endOfInput();
        return new Replay(calls, fmp4.events);
    }

    @Test
    void theCapturedSessionGivesTheSameMediaForEverySplit() throws Exception {
        Replay whole = replay(captured, () -> Integer.MAX_VALUE);
        assertEquals("publish live cam1 key=" + KEY, whole.calls().get(0));
        assertTrue(whole.calls().contains("unpublished publisher finished"), "ffmpeg ended with deleteStream");
        assertTrue(whole.calls().stream().filter(c -> c.startsWith("9@")).count() >= 50, "2 s of video at 25 fps");
        assertTrue(whole.calls().stream().anyMatch(c -> c.startsWith("18@")), "@setDataFrame onMetaData");
        assertTrue(whole.events().get(0).mime().startsWith("video/mp4; codecs=\"avc1.") , whole.events().get(0).mime());
        Random random = new Random(42);
        assertEquals(whole, replay(captured, () -> 1 + random.nextInt(3000)), "random splits");
        assertEquals(whole, replay(captured, () -> 1), "one byte at a time");
    }

    @Test
    void cutShortOrCorruptedItFailsWithATypedError() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            byte[] damaged = java.util.Arrays.copyOf(captured, 3073 + random.nextInt(captured.length - 3073));
            if (round % 2 == 1) {
                for (int i = 0; i < 8; i++) {
                    damaged[3073 + random.nextInt(damaged.length - 3073)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            try {
                replay(damaged, () -> 1 + random.nextInt(4096));
            } catch (ParseException expected) {
                // a typed error is the right answer; anything else fails the test
            }
        }
    }
}
