package dev.kino.live.output.record;

import dev.kino.config.RecordingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code live.record-keep}: finished recordings past the age, then the oldest while all of them together are over
 * the size, are deleted. Only files Kino named ({@code recordings/NAME/STAMP.mp4|webm}) are ever touched; recordings
 * still being written do not count.
 */
final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final Pattern FINISHED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}(-\\d+)?(-part\\d+)?\\.(mp4|webm)");

    /** A finished recording: its file, size and when it was last written. */
    record Recorded(Path file, long size, Instant modified) {}

    private Retention() {}

    /** Which of {@code files} to delete at {@code now}, oldest first. Pure. */
    static List<Recorded> toDelete(List<Recorded> files, RecordingConfig keep, Instant now) {
        List<Recorded> byAge = files.stream().sorted(Comparator.comparing(Recorded::modified)).toList();
        List<Recorded> out = new ArrayList<>();
        long total = 0;
        for (Recorded r : byAge) {
            total += r.size();
        }
        for (Recorded r : byAge) {
            boolean tooOld = keep.keepAge().map(age -> r.modified().isBefore(now.minus(age))).orElse(false);
            boolean tooMuch = keep.keepBytes() > 0 && total > keep.keepBytes();
            if (!tooOld && !tooMuch) {
                break; // the rest are newer, and the total fits
            }
            out.add(r);
            total -= r.size();
        }
        return out;
    }

    /** The finished recordings under {@code root}. Blocking. */
    static List<Recorded> list(Path root) throws IOException {
        List<Recorded> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> streams = Files.list(root)) {
            for (Path dir : streams.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> FINISHED.matcher(p.getFileName().toString()).matches()).toList()) {
                        if (Files.isRegularFile(f)) {
                            out.add(new Recorded(f, Files.size(f), Files.getLastModifiedTime(f).toInstant()));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Deletes what {@code keep} no longer keeps; returns how many files went. Blocking. */
    static int sweep(Path root, RecordingConfig keep, Instant now) throws IOException {
        if (keep.keepAge().isEmpty() && keep.keepBytes() == 0) {
            return 0;
        }
        List<Recorded> doomed = toDelete(list(root), keep, now);
        for (Recorded r : doomed) {
            Files.deleteIfExists(r.file());
            log.info("recordings: deleted {}/{} ({} MB, from {}): past live.record-keep", r.file().getParent().getFileName(),
                    r.file().getFileName(), r.size() / 1_000_000, r.modified());
        }
        return doomed.size();
    }
}
