package dev.kino.live.output.record;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where a recording's pieces are written: new files on disk, or (in tests) a channel that fails as a full disk does. */
@FunctionalInterface
interface Storage {
    Storage FILES = file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /** A new, empty file to write a piece into. */
    WritableByteChannel create(Path file) throws IOException;
}
