package dev.kino.transcode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backstop for {@link Spawner}'s tie to the JVM (which a system without {@code setpriv} lacks, and which a JVM
 * killed in the microseconds between ffmpeg's fork and its {@code prctl} escapes): each running job's pid is kept as a
 * file in a folder of the data dir, with the process's start time from {@code /proc}, and the next start (holding the
 * data dir's lock, so no other server owns them) ends the ones still running. The start time tells a leftover from an
 * unrelated process that was given the same pid since. Linux only; elsewhere nothing is recorded.
 */
public final class Leftovers {
    private static final Logger log = LoggerFactory.getLogger(Leftovers.class);

    private final Path dir;

    /** @param dir the folder the records go in (made when needed) */
    public Leftovers(Path dir) {
        this.dir = dir;
    }

    /** Notes a running child. Failures are logged, not thrown: the record is a backstop. */
    void record(long pid) {
        OptionalLong started = startTime(pid);
        if (started.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(Long.toString(pid)), started.getAsLong() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            log.debug("cannot record pid {}: {}", pid, e.toString());
        }
    }

    /** Drops the record of a child that has been reaped. */
    void forget(long pid) {
        try {
            Files.deleteIfExists(dir.resolve(Long.toString(pid)));
        } catch (IOException e) {
            log.debug("cannot drop the record of pid {}: {}", pid, e.toString());
        }
    }

    /**
     * SIGKILLs every recorded process that still runs with its recorded start time, and drops all records. Call it
     * before any job starts. Returns how many it ended.
     */
    public int endAll() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int ended = 0;
        try (DirectoryStream<Path> records = Files.newDirectoryStream(dir)) {
            for (Path record : records) {
                if (endIfLeftOver(record)) {
                    ended++;
                }
                Files.deleteIfExists(record);
            }
        } catch (IOException e) {
            log.warn("cannot read the records of ffmpeg processes in {}: {}", dir, e.toString());
        }
        if (ended > 0) {
            log.warn("ended {} ffmpeg process(es) left running by an earlier Kino", ended);
        }
        return ended;
    }

    private static boolean endIfLeftOver(Path record) {
        try {
            long pid = Long.parseLong(record.getFileName().toString());
            long recorded = Long.parseLong(Files.readString(record, StandardCharsets.US_ASCII).trim());
            OptionalLong now = startTime(pid);
            if (now.isEmpty() || now.getAsLong() != recorded) {
                return false; // gone, or the pid is another process's now
            }
            return ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
        } catch (NumberFormatException | IOException e) {
            return false; // not a record of ours
        }
    }

    /** The process's start time in clock ticks after boot ({@code /proc/PID/stat}, field 22), if it runs here. */
    static OptionalLong startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // the name (field 2) is in parentheses and may hold spaces; the fields after it start with the state (3)
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return after.length > 19 ? OptionalLong.of(Long.parseLong(after[19])) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
