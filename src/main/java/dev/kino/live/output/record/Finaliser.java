package dev.kino.live.output.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a recording's pieces into one finished file: the pieces are joined by the {@link Remuxer} (ffmpeg's concat
 * demuxer, which carries the timestamps of each later piece on from where the one before ended, so a publisher that
 * came back need not have its timestamps re-based) into a seekable file, which is renamed into place. If that
 * fails, the pieces are renamed into place as they are (fragmented MP4 or WebM plays as it is), so nothing is lost.
 * Blocking.
 */
final class Finaliser {
    private static final Logger log = LoggerFactory.getLogger(Finaliser.class);

    private final Remuxer remuxer;

    Finaliser(Remuxer remuxer) {
        this.remuxer = remuxer;
    }

    /**
     * Finishes {@code f}; returns the files it became (none for a recording with nothing in it).
     *
     * @param join false to keep the pieces as they were written (after a write failed: the disk is likely full, and
     *             joining would write it all again)
     */
    List<Path> finish(RecordingFolder f, boolean join) throws IOException {
        List<Path> pieces = f.pieces();
        if (pieces.isEmpty()) {
            f.delete();
            return List.of();
        }
        String ext = RecordingFolder.extension(pieces.getFirst());
        Optional<Path> whole = join ? remux(f, pieces, ext) : Optional.empty();
        if (whole.isPresent()) {
            Path target = f.finished(ext, 0);
            Files.move(whole.get(), target, StandardCopyOption.ATOMIC_MOVE);
            f.delete();
            log.info("stream {}: recording finished: {} ({} MB)", f.stream(), target.getFileName(), Files.size(target) / 1_000_000);
            return List.of(target);
        }
        return keepAsWritten(f, pieces);
    }

    private Optional<Path> remux(RecordingFolder f, List<Path> pieces, String ext) {
        Path out = f.dir().resolve("whole." + ext);
        try {
            Files.deleteIfExists(out);
            remuxer.remux(pieces, out, ext);
            long in = 0;
            for (Path p : pieces) {
                in += Files.size(p);
            }
            if (Files.size(out) < in / 2) { // a copy is about as big as what it copies: something was left out
                throw new IOException("the joined file has " + Files.size(out) + " bytes of the pieces' " + in);
            }
            return Optional.of(out);
        } catch (IOException e) {
            log.warn("stream {}: recording {}: cannot join its {} piece(s) into one file ({}); keeping them as they were written",
                    f.stream(), f.stamp(), pieces.size(), e.getMessage());
            return Optional.empty();
        }
    }

    private static List<Path> keepAsWritten(RecordingFolder f, List<Path> pieces) throws IOException {
        List<Path> kept = new java.util.ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            Path target = f.finished(RecordingFolder.extension(pieces.get(i)), pieces.size() == 1 ? 0 : i + 1);
            Files.move(pieces.get(i), target, StandardCopyOption.ATOMIC_MOVE);
            kept.add(target);
        }
        f.delete();
        return kept;
    }
}
