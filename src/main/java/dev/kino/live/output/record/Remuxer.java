package dev.kino.live.output.record;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Joins a recording's pieces, listed in an ffconcat file, into one seekable file without re-encoding (the app hands
 * in ffmpeg). Blocking.
 */
@FunctionalInterface
public interface Remuxer {
    /**
     * @param concatList an {@code ffconcat} list of the pieces, in order, named relative to the list's folder
     * @param output     the file to write (replaced if it exists)
     * @param format     the container to write: {@code mp4} (with its index up front) or {@code webm} (with Cues)
     * @throws IOException if the pieces cannot be read or the file cannot be written; the pieces are left as they were
     */
    void remux(Path concatList, Path output, String format) throws IOException;
}
