package dev.kino.live.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kino.container.ContainerListener;
import dev.kino.container.ParseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A recorder's first timeslice can be a single byte: detection waits for enough bytes to tell WebM, MP4 and FLV apart. */
class AutoDetectParserTest {
    static final class Events implements ContainerListener {
        final List<String> mimes = new ArrayList<>();
        int fragments;

        @Override
        public void onInit(byte[] init, String mimeType) {
            mimes.add(mimeType);
        }

        @Override
        public void onFragment(byte[] fragment, boolean keyframe, long timestampMillis) {
            fragments++;
        }
    }

    @Test
    void detectsWebmMp4AndFlvEvenWhenTheFirstChunksAreTiny() throws Exception {
        byte[] webm = record("-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libopus", "-f", "webm");
        byte[] mp4 = record("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-f", "mp4",
                "-movflags", "empty_moov+default_base_moof+frag_keyframe");
        byte[] flv = record("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-f", "flv");
        for (byte[] stream : List.of(webm, mp4, flv)) {
            Events e = new Events();
            AutoDetectParser p = new AutoDetectParser(e);
            p.feed(stream, 0, 1);
            p.feed(stream, 1, 2);
            p.feed(stream, 3, stream.length - 3);
            p.endOfInput();
            assertEquals(1, e.mimes.size());
            assertTrue(e.fragments > 0);
            assertTrue(e.mimes.get(0).startsWith(stream == webm ? "video/webm" : "video/mp4"), e.mimes.get(0));
            assertEquals(stream == webm ? ContainerFormat.WEBM : stream == mp4 ? ContainerFormat.MP4 : ContainerFormat.FLV,
                    ContainerFormat.sniff(java.util.Arrays.copyOf(stream, 4)));
        }
        AutoDetectParser tooShort = new AutoDetectParser(new Events());
        tooShort.feed(new byte[] {0x1A, 0x45}, 0, 2);
        assertThrows(ParseException.class, tooShort::endOfInput);
    }

    private static byte[] record(String... out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "2"));
        cmd.addAll(List.of(out));
        cmd.add("pipe:1");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        p.waitFor();
        return bytes;
    }
}
