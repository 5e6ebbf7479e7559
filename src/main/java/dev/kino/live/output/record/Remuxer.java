package dev.kino.live.output.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Joins a recording's pieces into one seekable file without re-encoding (the app hands in ffmpeg). Blocking.
 */
@FunctionalInterface
public interface Remuxer {
    /**
     * @param pieces the pieces, in order, all in one folder where the remuxer may keep its own temporary files
     * @param output the file to write (replaced if it exists)
     * @param format the container to write: {@code mp4} (with its index up front) or {@code webm} (with Cues)
     * @throws IOException if the pieces cannot be read or the file cannot be written; the pieces are left as they were
     */
    void remux(List<Path> pieces, Path output, String format) throws IOException;
}
