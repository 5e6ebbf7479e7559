package dev.kino.torrent;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** Says why the disk refused a torrent's data, naming files inside the torrent's folder only (no server paths). */
final class StorageErrors {
    private StorageErrors() {}

    static String describe(Throwable t, Path root) {
        Throwable c = rootCause(t);
        if (!(c instanceof FileSystemException f)) {
            return c.getClass().getSimpleName();
        }
        String where = f.getFile() == null ? "the torrent's folder" : where(Path.of(f.getFile()), root);
        if (f instanceof FileAlreadyExistsException) {
            return where + ": a file that is not a folder is in the way";
        }
        if (f instanceof AccessDeniedException) {
            return where + ": permission denied";
        }
        return where + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
    }

    /** The innermost cause, where the reason usually is (Bt wraps I/O errors in its own exceptions). */
    static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String where(Path file, Path root) {
        Path abs = file.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        if (abs.equals(r)) {
            return "the torrent's folder";
        }
        return abs.startsWith(r) ? "'" + r.relativize(abs) + "'" : "the torrent's folder";
    }
}
