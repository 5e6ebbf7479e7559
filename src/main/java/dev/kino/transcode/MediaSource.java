package dev.kino.transcode;

import java.nio.file.Path;
import java.util.List;

/**
 * What the transcode layer reads: a library file, or a file of a torrent that Kino serves itself over loopback HTTP
 * (read by ffmpeg with range requests while the torrent downloads). Pure.
 *
 * @param key       identifies the content for caches: a library file's version, a torrent's infohash and file index
 * @param label     names the source in the jobs list and in logs
 * @param input     ffmpeg's input: a {@code file:} URL of an absolute path, or an {@code http:} URL
 * @param container the container family as the browser would see it (see {@link PlaybackPlanner#container})
 */
public record MediaSource(String key, String label, String input, String container) {
    /**
     * How long ffmpeg waits on a network read, in microseconds: longer than the server's own wait for a torrent piece
     * (60 s), so that the server answers first (a 504, or a reset connection) and ffmpeg fails with a reason.
     */
    static final String NETWORK_TIMEOUT_MICROS = "90000000";

    public MediaSource {
        if (!input.startsWith("file:") && !input.startsWith("http://")) {
            throw new IllegalArgumentException("a source is a file: or http:// URL");
        }
    }

    /** A local file ({@code file:} keeps names such as {@code concat:x} or {@code -y} from being read as anything else). */
    public static MediaSource file(String key, String label, Path file) {
        return new MediaSource(key, label, "file:" + file.toAbsolutePath(),
                PlaybackPlanner.container(file.getFileName() == null ? "" : file.getFileName().toString()));
    }

    /** A file served over HTTP; its container is told by the name in {@code label}. */
    public static MediaSource http(String key, String label, String url) {
        return new MediaSource(key, label, url, PlaybackPlanner.container(label));
    }

    public boolean remote() {
        return input.startsWith("http://");
    }

    /** What ffmpeg and ffprobe need before the input to read it: a read timeout for network sources. */
    public List<String> inputOptions() {
        return remote() ? List.of("-rw_timeout", NETWORK_TIMEOUT_MICROS) : List.of();
    }
}
