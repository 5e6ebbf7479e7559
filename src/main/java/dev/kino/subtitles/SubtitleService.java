package dev.kino.subtitles;

import dev.kino.library.MediaIds;
import dev.kino.store.MediaInfo;
import dev.kino.transcode.FfmpegCommand;
import dev.kino.transcode.FfmpegProcess;
import dev.kino.transcode.FfmpegTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A video's subtitle tracks and their WebVTT. Files beside the video are converted by our own readers (character set
 * detected, see {@link TextDecoding}); text streams inside it are taken out by ffmpeg as SubRip or ASS and read by the
 * same readers, so styling is treated alike. Results are kept in {@code DATA/cache/subtitles} under the source's
 * identity (name, size, modification time), so a changed file is converted again. Blocking: call on
 * {@link #executor()}, which is its own, since taking a stream out of a film reads the whole file.
 */
public final class SubtitleService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SubtitleService.class);
    /** Larger subtitle files are refused: a film's SubRip is 50 to 200 KB. */
    static final long MAX_FILE_BYTES = 16L << 20;
    private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(3);

    private final Path cacheDir;
    private final FfmpegTools tools;
    private final ExecutorService executor;

    public SubtitleService(Path dataDir, FfmpegTools tools) {
        this.cacheDir = dataDir.resolve("cache").resolve("subtitles");
        this.tools = tools;
        AtomicInteger n = new AtomicInteger();
        // two at a time, and a bounded queue: a burst of requests for a big file gets 503s, not a pile of ffmpegs
        this.executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "subtitles-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Where the blocking calls of this service run. */
    public ExecutorService executor() {
        return executor;
    }

    /**
     * The tracks of a video: files beside it first (in name order), then its streams (in stream order, from the
     * probe's {@code info}, which may be null while the file waits for its probe). Blocking: lists the folder.
     *
     * @param video    the video's real path
     * @param realRoot the media folder's real path: files beside the video that lead out of it are not offered
     */
    public List<SubtitleTrack> tracks(Path video, Path realRoot, MediaInfo info) throws IOException {
        List<SubtitleTrack> out = new ArrayList<>();
        Path folder = video.getParent();
        if (folder != null) {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
                for (Path p : dir) {
                    String name = p.getFileName().toString();
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!name.startsWith(".") && (lower.endsWith(".srt") || lower.endsWith(".vtt") || lower.endsWith(".ass")
                            || lower.endsWith(".ssa")) && insideRoot(p, realRoot)) {
                        names.add(name);
                    }
                }
            }
            out.addAll(Sidecars.find(video.getFileName().toString(), names));
        }
        if (info != null) {
            for (MediaInfo.SubtitleStream s : info.subtitles()) {
                out.add(new SubtitleTrack(false, null, s.index(), s.codec() == null ? "unknown" : s.codec(),
                        Languages.tag(s.language()).orElse(null), s.title(), s.isDefault(), s.forced(), s.hearingImpaired()));
            }
        }
        return List.copyOf(out);
    }

    private static boolean insideRoot(Path p, Path realRoot) {
        try {
            return p.toRealPath().startsWith(realRoot) && Files.isRegularFile(p);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A track as WebVTT, converted now or taken from the cache. Blocking.
     *
     * @param video        the video's real path
     * @param videoVersion names this version of the video (id, size, mtime): the cache key of its streams
     * @throws SubtitleFormatException if the track cannot be read; the message is for the user
     */
    public String webVtt(Path video, String videoVersion, SubtitleTrack track)
            throws IOException, SubtitleFormatException, InterruptedException {
        if (!track.text()) {
            throw new SubtitleFormatException("it is a picture subtitle (" + track.format() + "), which cannot be shown as text");
        }
        Path source = track.external() ? video.resolveSibling(track.fileName()) : null;
        String key;
        if (source != null) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(source, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(track.fileName(), null, "gone");
            }
            if (a.size() > MAX_FILE_BYTES) {
                throw new SubtitleFormatException("it is " + (a.size() >> 20) + " MiB; subtitle files are at most "
                        + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            key = "f-" + MediaIds.of(source.toString() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis());
        } else {
            key = videoVersion + "-s" + track.streamIndex();
        }
        Path cached = cacheDir.resolve(key + ".vtt");
        if (Files.isRegularFile(cached, LinkOption.NOFOLLOW_LINKS)) {
            return Files.readString(cached, StandardCharsets.UTF_8);
        }
        String vtt = source != null ? convertFile(source, track.format()) : extract(video, track);
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, key, ".tmp");
        try {
            Files.writeString(tmp, vtt, StandardCharsets.UTF_8);
            Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return vtt;
    }

    /** A subtitle file's bytes as WebVTT: decoded, then read as what its extension says. */
    static String convert(byte[] bytes, String format) throws SubtitleFormatException {
        Optional<TextDecoding.Decoded> text = TextDecoding.decode(bytes);
        if (text.isEmpty()) {
            throw new SubtitleFormatException("its characters are in no encoding Kino reads "
                    + "(UTF-8, UTF-16, windows-1250, windows-1251, windows-1252, GB18030)");
        }
        String t = text.get().text();
        return switch (format) {
            case "vtt", "webvtt" -> WebVtt.normalize(t);
            case "ass", "ssa" -> WebVtt.write(Ass.read(t));
            default -> WebVtt.write(Srt.read(t));
        };
    }

    private static String convertFile(Path source, String format) throws IOException, SubtitleFormatException {
        return convert(Files.readAllBytes(source), format);
    }

    private String extract(Path video, SubtitleTrack track) throws IOException, SubtitleFormatException, InterruptedException {
        if (!tools.available()) {
            throw new SubtitleFormatException("taking it out of the file needs ffmpeg, and there is none");
        }
        String as = switch (track.format()) {
            case "ass", "ssa" -> "ass";
            case "webvtt" -> "webvtt";
            default -> "srt";
        };
        long t0 = System.nanoTime();
        FfmpegProcess.Result r = FfmpegProcess.run(FfmpegCommand.subtitle(tools, video, track.streamIndex(), as), EXTRACT_TIMEOUT);
        if (!r.succeeded()) {
            log.info("cannot take subtitle stream {} out of {}: {}", track.streamIndex(), video.getFileName(),
                    r.stderr().isEmpty() ? "exit " + r.exitCode() : r.stderr().getLast());
            throw new SubtitleFormatException("ffmpeg could not take this stream out of the file");
        }
        log.debug("subtitle stream {} of {} taken out in {} ms", track.streamIndex(), video.getFileName(),
                (System.nanoTime() - t0) / 1_000_000);
        String out = r.stdout();
        if (out.isBlank()) {
            return "WEBVTT\n";
        }
        return convert(out.getBytes(StandardCharsets.UTF_8), as);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
