package dev.kino.live.output.hls;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the media playlist of a {@link HlsMuxer} (RFC 8216bis): Low-Latency HLS parts for the last few target
 * durations, a preload hint for the next part, blocking reload and delta updates offered in
 * {@code EXT-X-SERVER-CONTROL}, a program date per segment, discontinuities where the stream re-initialised. Players
 * without Low-Latency support read the same playlist as ordinary HLS. Pure.
 */
final class HlsPlaylist {
    /** How far back from the end parts are listed, in target durations. */
    private static final int PARTS_FOR_TARGETS = 3;
    /** Delta updates may leave out segments older than this many target durations (the spec's least). */
    private static final int SKIP_AFTER_TARGETS = 6;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private HlsPlaylist() {}

    static String segmentUri(long msn) {
        return "seg" + msn + ".mp4";
    }

    static String partUri(long msn, int index) {
        return "part" + msn + "." + index + ".mp4";
    }

    static String initUri(long id) {
        return "init" + id + ".mp4";
    }

    /**
     * @param skip  the request asked for a delta update ({@code _HLS_skip=YES})
     * @param query appended to every URI ({@code ""} or {@code "?expires=…&sig=…"}), so a signed link works throughout
     */
    static String render(HlsMuxer m, boolean skip, String query) {
        List<HlsMuxer.Segment> all = new ArrayList<>(m.segments());
        m.openSegment().ifPresent(all::add);
        int target = m.targetDuration();
        double partTarget = m.partTargetSeconds();
        StringBuilder b = new StringBuilder(4096);
        b.append("#EXTM3U\n#EXT-X-VERSION:9\n");
        b.append("#EXT-X-TARGETDURATION:").append(target).append('\n');
        b.append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=").append(num(3 * partTarget))
                .append(",CAN-SKIP-UNTIL=").append(num(SKIP_AFTER_TARGETS * target)).append('\n');
        b.append("#EXT-X-PART-INF:PART-TARGET=").append(num(partTarget)).append('\n');
        b.append("#EXT-X-MEDIA-SEQUENCE:").append(all.getFirst().msn).append('\n');
        if (all.getFirst().discontinuitySequence > 0) {
            b.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(all.getFirst().discontinuitySequence).append('\n');
        }
        b.append("#EXT-X-INDEPENDENT-SEGMENTS\n");

        double[] fromEnd = new double[all.size()]; // seconds from each segment's start to the playlist's end
        double acc = 0;
        for (int i = all.size() - 1; i >= 0; i--) {
            HlsMuxer.Segment s = all.get(i);
            acc += s.complete ? s.seconds : s.parts.stream().mapToDouble(HlsMuxer.Part::seconds).sum();
            fromEnd[i] = acc;
        }
        int skipped = 0;
        if (skip) {
            // leave out complete segments while what remains still reaches back CAN-SKIP-UNTIL
            while (skipped + 1 < all.size() && all.get(skipped).complete
                    && fromEnd[skipped + 1] >= SKIP_AFTER_TARGETS * target - 0.001) {
                skipped++;
            }
            if (skipped > 0) {
                b.append("#EXT-X-SKIP:SKIPPED-SEGMENTS=").append(skipped).append('\n');
            }
        }
        HlsMuxer.Init mapped = null;
        for (int i = skipped; i < all.size(); i++) {
            HlsMuxer.Segment s = all.get(i);
            if (s.discontinuity && i > 0) {
                b.append("#EXT-X-DISCONTINUITY\n");
            }
            if (s.init != mapped) {
                mapped = s.init;
                b.append("#EXT-X-MAP:URI=\"").append(initUri(mapped.id())).append(query).append("\"\n");
            }
            b.append("#EXT-X-PROGRAM-DATE-TIME:").append(DATE.format(Instant.ofEpochMilli(s.programDateMillis))).append('\n');
            if (fromEnd[i] <= PARTS_FOR_TARGETS * target + target || !s.complete) {
                for (HlsMuxer.Part p : s.parts) {
                    b.append("#EXT-X-PART:DURATION=").append(num(p.seconds())).append(",URI=\"")
                            .append(partUri(p.msn(), p.index())).append(query).append('"');
                    if (p.independent()) {
                        b.append(",INDEPENDENT=YES");
                    }
                    b.append('\n');
                }
            }
            if (s.complete) {
                b.append("#EXTINF:").append(num(s.seconds)).append(",\n").append(segmentUri(s.msn)).append(query).append('\n');
            }
        }
        long[] next = m.nextPart();
        b.append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"").append(partUri(next[0], (int) next[1])).append(query).append("\"\n");
        return b.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }
}
