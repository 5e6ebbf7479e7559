package dev.kino.live.output.record;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One recording on disk while it is written: a hidden folder {@code recordings/NAME/.STAMP.rec/} (the library skips
 * hidden names) holding its pieces {@code 001.mp4}, {@code 002.mp4}… exactly as they came from the hub, one per
 * publisher session (init segment + fragments). Finished, it becomes {@code recordings/NAME/STAMP.mp4} (or
 * {@code .webm}). Blocking.
 */
final class RecordingFolder {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");
    private static final String SUFFIX = ".rec";
    private static final Pattern PIECE = Pattern.compile("(\\d{3,9})\\.(mp4|webm)");

    private final String stream;
    private final Path streamDir;
    private final Path dir;
    private final String stamp;
    private int pieces;

    private RecordingFolder(String stream, Path streamDir, Path dir, String stamp) {
        this.stream = stream;
        this.streamDir = streamDir;
        this.dir = dir;
        this.stamp = stamp;
    }

    /** Makes the folder of a recording of {@code stream} starting at {@code start}; a stamp taken already gets {@code -2}… */
    static RecordingFolder create(Path root, String stream, ZonedDateTime start) throws IOException {
        Path streamDir = Files.createDirectories(root.resolve(stream));
        String base = STAMP.format(start);
        for (int n = 1; ; n++) {
            String stamp = n == 1 ? base : base + "-" + n;
            Path dir;
            try {
                dir = Files.createDirectory(streamDir.resolve("." + stamp + SUFFIX));
            } catch (FileAlreadyExistsException e) {
                continue; // another recording of the same second, still being written or finished
            }
            // checked after the folder is made: one finished meanwhile has its file in place before its folder goes
            if (!Files.exists(streamDir.resolve(stamp + ".mp4")) && !Files.exists(streamDir.resolve(stamp + ".webm"))) {
                return new RecordingFolder(stream, streamDir, dir, stamp);
            }
            Files.delete(dir);
        }
    }

    /** The recordings a previous run left unfinished (a crash, a kill, a power cut), oldest first. */
    static List<RecordingFolder> leftovers(Path root) throws IOException {
        List<RecordingFolder> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> streams = Files.list(root)) {
            for (Path streamDir : streams.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> entries = Files.list(streamDir)) {
                    entries.filter(p -> isRecordingDir(p.getFileName().toString()) && Files.isDirectory(p)).sorted()
                            .forEach(p -> out.add(open(streamDir, p)));
                }
            }
        }
        return out;
    }

    private static boolean isRecordingDir(String name) {
        return name.startsWith(".") && name.endsWith(SUFFIX) && name.length() > SUFFIX.length() + 1;
    }

    private static RecordingFolder open(Path streamDir, Path dir) {
        String name = dir.getFileName().toString();
        return new RecordingFolder(streamDir.getFileName().toString(), streamDir, dir,
                name.substring(1, name.length() - SUFFIX.length()));
    }

    String stream() {
        return stream;
    }

    String stamp() {
        return stamp;
    }

    Path dir() {
        return dir;
    }

    /** The next piece's file name; the piece is made by whoever writes it. */
    Path nextPiece(String extension) {
        pieces++;
        return dir.resolve(String.format("%03d.%s", pieces, extension));
    }

    /** The pieces on disk, in the order they were written. */
    List<Path> pieces() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> PIECE.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                    .sorted(Comparator.comparingLong(RecordingFolder::pieceNumber)).toList();
        }
    }

    /** Where the finished recording goes: {@code STAMP.EXT}, or {@code STAMP-partN.EXT} for pieces kept as they are. */
    Path finished(String extension, int part) {
        return streamDir.resolve(stamp + (part == 0 ? "" : "-part" + part) + "." + extension);
    }

    /** Removes the folder and whatever is left in it. */
    void delete() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    static String extension(Path piece) {
        String n = piece.getFileName().toString();
        return n.substring(n.lastIndexOf('.') + 1);
    }

    private static long pieceNumber(Path piece) {
        String n = piece.getFileName().toString();
        return Long.parseLong(n.substring(0, n.indexOf('.')));
    }

    @Override
    public String toString() {
        return "recordings/" + stream + "/" + stamp;
    }
}
