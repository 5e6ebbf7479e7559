package dev.kino.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per data dir: an exclusive lock on {@code DATA/kino.lock}, held while the server runs (the kernel drops
 * it when the process dies, so a crash leaves nothing to clean up). The file holds the owner's pid, for the message
 * the next server gives. The CLI's commands take no lock: they are meant to run beside the server.
 */
final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve("kino.lock");
        FileChannel ch = null;
        try {
            Files.createDirectories(dataDir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String owner = Files.readString(file, StandardCharsets.US_ASCII).trim();
                ch.close();
                throw new StartupException("another Kino server is using the data dir " + dataDir.toAbsolutePath()
                        + (owner.isEmpty() ? "" : " (pid " + owner + ")") + ": stop it, or give this one its own --data");
            }
            ch.truncate(0).write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new DataDirLock(ch, lock);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new StartupException("cannot lock the data dir " + dataDir.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing held any more
            }
        }
    }
}
