package dev.kino.live.output.hls;

import dev.kino.container.ParseException;
import dev.kino.container.mp4.FragmentReader;
import dev.kino.container.mp4.Fmp4Writer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cuts a live fragmented-MP4 stream into HLS segments and Low-Latency HLS parts, whatever fragments the publisher
 * made: the samples are read out of each fragment and written again, a part every {@code partMillis} (rounded to
 * whole frames, so that every part but a segment's last is as long as the part target) and a new segment at the
 * first keyframe once the open one has lasted {@code segmentMillis}. A segment is its parts one after the other.
 * Audio samples go with the video part their decode time falls in. A new init segment closes what is open and
 * starts a discontinuity. The last {@code keepSegments} segments are listed (the time-shift window); only the last
 * {@code hotSegments} of them stay in memory, the older ones are handed out ({@link #takeCooled}) to be kept on disk,
 * and those that leave the window are handed out too ({@link #takeDropped}). Pure; one thread.
 */
final class HlsMuxer {
    private static final int MAX_PENDING_SAMPLES = 4096;

    /** One part: a {@code moof} + {@code mdat} with every track's samples of its span. */
    record Part(long msn, int index, byte[] data, double seconds, boolean independent, Init init) {}

    /** An init segment, named by the sequence number of the first segment that uses it. */
    record Init(long id, byte[] data, String mimeType) {}

    /** A media segment: its parts so far, and once complete its duration. */
    static final class Segment {
        final long msn;
        final Init init;
        final long discontinuitySequence;
        final boolean discontinuity;
        final long programDateMillis;
        final List<Part> parts = new ArrayList<>();
        double seconds;
        boolean complete;
        private byte[] data;
        private Path file;

        Segment(long msn, Init init, long discontinuitySequence, boolean discontinuity, long programDateMillis) {
            this.msn = msn;
            this.init = init;
            this.discontinuitySequence = discontinuitySequence;
            this.discontinuity = discontinuity;
            this.programDateMillis = programDateMillis;
        }

        /** Where the segment is kept once it has left memory, or null while it is in memory. */
        Path file() {
            return file;
        }

        /** The segment is on disk now: its bytes leave memory. */
        void spilled(Path where) {
            file = where;
            data = null;
            parts.clear();
        }

        /** The whole segment (its parts in a row); only once complete, and while in memory. */
        byte[] data() {
            if (data == null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                parts.forEach(p -> out.writeBytes(p.data()));
                data = out.toByteArray();
            }
            return data;
        }
    }

    private record Timed(long decodeTime, Fmp4Writer.Sample sample) {}

    /** The samples of a track other than the timing one, waiting for the part they fall in. */
    private static final class Pending {
        final int trackId;
        final long timescale;
        final ArrayDeque<Timed> samples = new ArrayDeque<>();

        Pending(FragmentReader.TrackInfo track) {
            this.trackId = track.id();
            this.timescale = track.timescale();
        }

        double seconds(Timed t) {
            return (double) t.decodeTime() / timescale;
        }
    }

    private final long segmentMillis;
    private final long partMillis;
    private final int keepSegments;
    private final int hotSegments;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Segment> cooled = new ArrayList<>();
    private final List<Segment> dropped = new ArrayList<>();
    private long nextMsn;
    private long fragmentSequence;
    private int targetDuration;
    private double partTargetSeconds; // fixed by the first frames seen; the playlist's PART-TARGET never changes

    private FragmentReader reader;
    private Init init;
    private FragmentReader.TrackInfo timing;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private long partUnits; // the part target in the timing track's timescale
    private long slack;
    private boolean discontinuityNext;
    private long discontinuitySequence;
    private Segment open;
    private long segmentUnits;
    private final List<Fmp4Writer.Sample> partSamples = new ArrayList<>();
    private long partStart;
    private long partDuration;
    private long anchorTime = -1; // the timing track's time at which programDate was anchorMillis
    private long anchorMillis;
    private long version; // counts every change a playlist shows
    private final Map<String, byte[]> rendered = new HashMap<>(); // playlists of this version, by skip and query
    private long renderedVersion = -1;

    /** @param firstMsn the first media sequence number: distinct per muxer, so no URI names two different things */
    HlsMuxer(long segmentMillis, long partMillis, int keepSegments, long firstMsn) {
        this(segmentMillis, partMillis, keepSegments, keepSegments, firstMsn);
    }

    /** @param hotSegments how many of the newest segments stay in memory */
    HlsMuxer(long segmentMillis, long partMillis, int keepSegments, int hotSegments, long firstMsn) {
        this.segmentMillis = segmentMillis;
        this.partMillis = partMillis;
        this.keepSegments = keepSegments;
        this.hotSegments = Math.min(hotSegments, keepSegments);
        this.nextMsn = firstMsn;
        this.targetDuration = (int) Math.max(1, Math.ceil(segmentMillis / 1000.0));
    }

    /** A new init segment: what is open is finished, and the next segment starts with a discontinuity. */
    void init(byte[] data, String mimeType) throws ParseException {
        FragmentReader r = FragmentReader.of(data);
        finishOpen();
        reader = r;
        timing = r.timingTrack();
        init = new Init(nextMsn, data, mimeType);
        pending.clear();
        partUnits = 0;
        anchorTime = -1;
        discontinuityNext = !segments.isEmpty();
        version++;
    }

    /** One fragment from the hub; {@code wallMillis} is when it reached the hub (for the program date). */
    void fragment(byte[] data, long wallMillis) throws ParseException {
        if (reader == null) {
            return;
        }
        List<Fmp4Writer.Run> runs = reader.read(data);
        for (Fmp4Writer.Run run : runs) {
            if (run.trackId() != timing.id()) {
                queueOther(run);
            }
        }
        for (Fmp4Writer.Run run : runs) {
            if (run.trackId() == timing.id() && !run.samples().isEmpty()) {
                if (partUnits == 0) {
                    choosePartTarget(run.samples());
                }
                long t = run.baseDecodeTime();
                for (Fmp4Writer.Sample s : run.samples()) {
                    step(s, t, wallMillis);
                    t += Integer.toUnsignedLong(s.duration());
                }
            }
        }
    }

    /** The publisher has gone: what is open is finished. */
    void end() {
        finishOpen();
    }

    private void queueOther(Fmp4Writer.Run run) {
        FragmentReader.TrackInfo track = reader.tracks().stream().filter(x -> x.id() == run.trackId()).findFirst().orElseThrow();
        ArrayDeque<Timed> q = pending.computeIfAbsent(run.trackId(), id -> new Pending(track)).samples;
        long t = run.baseDecodeTime();
        for (Fmp4Writer.Sample s : run.samples()) {
            q.add(new Timed(t, s));
            t += Integer.toUnsignedLong(s.duration());
        }
        while (q.size() > MAX_PENDING_SAMPLES) {
            q.poll(); // the video has stalled while this track goes on: keep only the recent samples
        }
    }

    /** The part target, in whole frames of the timing track, from the typical frame duration of the first run. */
    private void choosePartTarget(List<Fmp4Writer.Sample> samples) {
        long[] d = samples.stream().mapToLong(s -> Integer.toUnsignedLong(s.duration())).filter(x -> x > 0).sorted().toArray();
        long frame = d.length == 0 ? Math.max(1, timing.timescale() / 30) : d[d.length / 2];
        double wantedUnits = partTargetSeconds > 0 ? partTargetSeconds * timing.timescale() : partMillis * timing.timescale() / 1000.0;
        long frames = partTargetSeconds > 0 ? (long) Math.floor(wantedUnits / frame + 0.01) : Math.round(wantedUnits / frame);
        partUnits = Math.max(1, frames) * frame;
        slack = Math.max(1, frame / 50);
        if (partTargetSeconds == 0) {
            partTargetSeconds = (double) partUnits / timing.timescale();
        }
    }

    private void step(Fmp4Writer.Sample s, long t, long wallMillis) {
        long segmentTargetUnits = segmentMillis * timing.timescale() / 1000;
        if (open != null && s.sync() && segmentUnits + partDuration >= segmentTargetUnits) {
            closePart(t);
            closeSegment();
        } else if (!partSamples.isEmpty() && partDuration + Integer.toUnsignedLong(s.duration()) > partUnits + slack) {
            closePart(t);
        }
        if (open == null) {
            if (!s.sync()) {
                return; // a segment starts at a keyframe
            }
            openSegment(t, wallMillis);
        }
        if (partSamples.isEmpty()) {
            partStart = t;
        }
        partSamples.add(s);
        partDuration += Integer.toUnsignedLong(s.duration());
        if (partDuration + slack >= partUnits) {
            closePart(t + Integer.toUnsignedLong(s.duration()));
        }
    }

    private void openSegment(long t, long wallMillis) {
        if (anchorTime < 0) {
            anchorTime = t;
            anchorMillis = wallMillis;
        }
        boolean discontinuity = discontinuityNext;
        discontinuityNext = false;
        if (discontinuity) {
            discontinuitySequence++;
        }
        long programDate = anchorMillis + (t - anchorTime) * 1000 / timing.timescale();
        open = new Segment(nextMsn++, init, discontinuitySequence, discontinuity, programDate);
        segmentUnits = 0;
        double startSeconds = (double) t / timing.timescale();
        pending.values().forEach(p -> {
            while (!p.samples.isEmpty() && p.seconds(p.samples.peek()) < startSeconds - 0.001) {
                p.samples.poll(); // before the segment's first keyframe: nothing to go with
            }
        });
    }

    private void closePart(long boundary) {
        if (partSamples.isEmpty()) {
            return;
        }
        double end = (double) boundary / timing.timescale();
        List<Fmp4Writer.Run> runs = new ArrayList<>();
        runs.add(new Fmp4Writer.Run(timing.id(), partStart, List.copyOf(partSamples)));
        for (FragmentReader.TrackInfo track : reader.tracks()) {
            Pending p = pending.get(track.id());
            if (p != null) {
                runs.addAll(takeBefore(p, end));
            }
        }
        boolean independent = partSamples.getFirst().sync();
        Part part = new Part(open.msn, open.parts.size(), Fmp4Writer.fragment(++fragmentSequence, runs),
                (double) partDuration / timing.timescale(), independent, init);
        open.parts.add(part);
        version++;
        segmentUnits += partDuration;
        partSamples.clear();
        partDuration = 0;
    }

    /** The queued samples that start before {@code end} (seconds), as runs of samples that follow each other. */
    private static List<Fmp4Writer.Run> takeBefore(Pending p, double end) {
        List<Fmp4Writer.Run> runs = new ArrayList<>();
        List<Fmp4Writer.Sample> run = new ArrayList<>();
        long runStart = 0;
        long expected = Long.MIN_VALUE;
        while (!p.samples.isEmpty() && p.seconds(p.samples.peek()) < end) {
            Timed t = p.samples.poll();
            if (t.decodeTime() != expected && !run.isEmpty()) {
                runs.add(new Fmp4Writer.Run(p.trackId, runStart, List.copyOf(run)));
                run.clear();
            }
            if (run.isEmpty()) {
                runStart = t.decodeTime();
            }
            run.add(t.sample());
            expected = t.decodeTime() + Integer.toUnsignedLong(t.sample().duration());
        }
        if (!run.isEmpty()) {
            runs.add(new Fmp4Writer.Run(p.trackId, runStart, List.copyOf(run)));
        }
        return runs;
    }

    private void closeSegment() {
        if (open == null) {
            return; // an open segment always has a part here: it opens with a sample, which closePart has just written
        }
        open.seconds = open.parts.stream().mapToDouble(Part::seconds).sum();
        open.complete = true;
        version++;
        targetDuration = Math.max(targetDuration, (int) Math.round(open.seconds));
        segments.add(open);
        open = null;
        if (keepSegments > hotSegments && segments.size() > hotSegments) {
            cooled.add(segments.get(segments.size() - hotSegments - 1));
        }
        while (segments.size() > keepSegments) {
            dropped.add(segments.removeFirst());
        }
    }

    private void finishOpen() {
        closePart(partStart + partDuration);
        closeSegment();
    }

    // --- what the playlist and the handlers read ---

    /**
     * The playlist as UTF-8, rendered once per change and per form (delta or full, query), since every waiting player
     * asks for the same one the moment a part completes.
     */
    byte[] playlist(boolean skip, String query) {
        if (renderedVersion != version) {
            rendered.clear();
            renderedVersion = version;
        }
        return rendered.computeIfAbsent((skip ? "skip " : "full ") + query,
                k -> HlsPlaylist.render(this, skip, query).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    int targetDuration() {
        return targetDuration;
    }

    /** The part target in seconds, or 0 before the first frame. */
    double partTargetSeconds() {
        return partTargetSeconds;
    }

    /** The complete segments kept, oldest first. */
    List<Segment> segments() {
        return List.copyOf(segments);
    }

    /** The segment being filled (it has at least one part), or empty. */
    Optional<Segment> openSegment() {
        return open == null || open.parts.isEmpty() ? Optional.empty() : Optional.of(open);
    }

    /**
     * Whether a playlist can be written: once the first segment is complete, since its length (a GOP, when that is
     * longer than {@code live.hls.segment}) fixes {@code EXT-X-TARGETDURATION}, which a playlist must not change.
     */
    boolean started() {
        return !segments.isEmpty();
    }

    /** The part that will come next: (msn, index). */
    long[] nextPart() {
        return open != null ? new long[] {open.msn, open.parts.size()} : new long[] {nextMsn, 0};
    }

    /** Whether segment {@code msn} is complete (or has already left the window). */
    boolean hasSegment(long msn) {
        return !segments.isEmpty() && segments.getLast().msn >= msn;
    }

    /** The segments that have just left the in-memory part of the window, to be kept on disk; clears the list. */
    List<Segment> takeCooled() {
        List<Segment> out = List.copyOf(cooled);
        cooled.clear();
        return out;
    }

    /** The segments that have just left the window; clears the list. */
    List<Segment> takeDropped() {
        List<Segment> out = List.copyOf(dropped);
        dropped.clear();
        return out;
    }

    /** Whether part {@code index} of segment {@code msn}, or a later part, exists. */
    boolean hasPart(long msn, int index) {
        long[] next = nextPart();
        return next[0] > msn || next[0] == msn && next[1] > index;
    }

    /** A complete segment still kept. */
    Optional<Segment> segment(long msn) {
        for (Segment s : segments) {
            if (s.msn == msn) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** A part still kept, of a complete segment or of the open one. */
    Optional<Part> part(long msn, int index) {
        Segment s = segment(msn).orElse(open != null && open.msn == msn ? open : null);
        return s == null || index < 0 || index >= s.parts.size() ? Optional.empty() : Optional.of(s.parts.get(index));
    }

    /** An init segment some kept segment uses. */
    Optional<Init> init(long id) {
        if (init != null && init.id() == id) {
            return Optional.of(init);
        }
        return segments.stream().map(s -> s.init).filter(i -> i.id() == id).findFirst();
    }
}
