package dev.kino.live;

import dev.kino.testing.Ffmpeg;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a user notices of a recording: its length, whether it seeks at once, and whether every frame decodes. */
final class RecordedFile {
    private RecordedFile() {}

    /** The container's duration in seconds, as ffprobe reads it. */
    static double duration(Path f) throws IOException, InterruptedException {
        return Double.parseDouble(Ffmpeg.output(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration",
                "-of", "csv=p=0", f.toString())).trim());
    }

    /** How many video frames decode. */
    static int videoFrames(Path f) throws IOException, InterruptedException {
        return Integer.parseInt(Ffmpeg.output(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", f.toString())).trim());
    }

    /** What ffmpeg says decoding every frame, stopping at the first error: empty when all decode. */
    static String decodeErrors(Path f) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-xerror", "-i", f.toString(), "-f", "null", "-")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
    }

    /** The top-level MP4 boxes in file order ({@code ftyp}, {@code moov}, {@code mdat}…). */
    static List<String> topLevelBoxes(Path f) throws IOException {
        List<String> out = new ArrayList<>();
        long size = Files.size(f);
        try (InputStream in = Files.newInputStream(f); DataInputStream d = new DataInputStream(in)) {
            long pos = 0;
            while (pos + 8 <= size) {
                long len = Integer.toUnsignedLong(d.readInt());
                byte[] type = new byte[4];
                d.readFully(type);
                int header = 8;
                if (len == 1) {
                    len = d.readLong();
                    header = 16;
                } else if (len == 0) {
                    len = size - pos;
                }
                out.add(new String(type, java.nio.charset.StandardCharsets.US_ASCII));
                d.skipNBytes(len - header);
                pos += len;
            }
        }
        return out;
    }

    /** Whether a WebM file has Cues (its seek index): the Cues element's ID appears in it. */
    static boolean hasCues(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        for (int i = 0; i + 4 <= b.length; i++) {
            if (b[i] == 0x1C && b[i + 1] == 0x53 && b[i + 2] == (byte) 0xBB && b[i + 3] == 0x6B) {
                return true;
            }
        }
        return false;
    }
}
