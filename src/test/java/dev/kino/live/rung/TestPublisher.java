package dev.kino.live.rung;

import dev.kino.live.hub.StreamHub;
import dev.kino.live.ingest.ContainerFormat;
import dev.kino.live.ingest.PublisherSession;
import dev.kino.testing.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A live publisher: the real ffmpeg encoding a test picture and a tone in real time ({@code -re}), its output fed
 * through the ingest's own {@link PublisherSession} into a hub stream. {@link #VP8_OPUS} and {@link #OPUS_ONLY} publish
 * WebM as a browser tab does; {@link #H264_AAC} fragmented MP4 as an encoder does.
 */
final class TestPublisher implements AutoCloseable {
    static final List<String> VP8_OPUS = List.of("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-g", "25",
            "-c:a", "libopus", "-cluster_time_limit", "200", "-f", "webm");
    static final List<String> OPUS_ONLY = List.of("-vn", "-c:a", "libopus", "-cluster_time_limit", "200", "-f", "webm");
    static final List<String> H264_AAC = List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-c:a", "aac",
            "-f", "mp4", "-movflags", "empty_moov+default_base_moof+frag_keyframe", "-frag_duration", "200000");

    private final Process ffmpeg;
    private final Thread pump;

    private TestPublisher(Process ffmpeg, PublisherSession session) {
        this.ffmpeg = ffmpeg;
        this.pump = Thread.ofVirtual().name("test webm publisher").start(() -> pump(session));
    }

    /** Publishes into {@code name} until closed; {@code outputArgs} is one of the lists above. */
    static TestPublisher start(StreamHub hub, String name, List<String> outputArgs) throws IOException {
        ContainerFormat format = outputArgs.contains("webm") ? ContainerFormat.WEBM : ContainerFormat.MP4;
        PublisherSession session = PublisherSession.claim(hub, name, "test publisher", "tcp", Optional.of(format))
                .join().orElseThrow(() -> new AssertionError(name + " already has a publisher"));
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
        cmd.addAll(outputArgs);
        cmd.add("pipe:1");
        return new TestPublisher(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start(), session);
    }

    private void pump(PublisherSession session) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = ffmpeg.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (session.feed(Arrays.copyOf(buf, n)) != null) {
                    return;
                }
            }
        } catch (IOException e) {
            // the test closed the publisher
        } finally {
            session.end("test publisher finished");
        }
    }

    /** Ends ffmpeg; the session ends and releases the stream. */
    @Override
    public void close() {
        Processes.kill(ffmpeg);
        try {
            pump.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
