package dev.kino.library;

import java.nio.file.Path;

/**
 * One file of the library.
 *
 * @param id            stable id derived from the relative path
 * @param relativePath  path below the media folder, '/'-separated
 * @param file          absolute path on disk
 * @param size          bytes, as of the last scan
 * @param modifiedMillis last modification, as of the last scan
 * @param mimeType      Content-Type it is served as
 */
public record MediaItem(String id, String relativePath, Path file, long size, long modifiedMillis, String mimeType) {

    public String name() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }

    public String folder() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash);
    }

    /** Names this version of the file (id, size, modification time): a cache key that changes when the file does. */
    public String version() {
        return id + "-" + Long.toHexString(size) + "-" + Long.toHexString(modifiedMillis);
    }

    public String kind() {
        return mimeType.startsWith("audio/") ? "audio" : "video";
    }
}
