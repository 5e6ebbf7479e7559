package dev.kino.transcode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HLS renditions made on demand: a VOD playlist covering the whole file (so players show the real duration and can
 * seek anywhere), and each segment made by its own short ffmpeg run when it is asked for. Segment plans are kept
 * per file version; a remux plan needs the source's keyframe times, read once with ffprobe.
 */
public final class HlsService {
    /** Seconds per segment: short enough to start and seek fast, long enough to keep ffmpeg starts rare. */
    public static final double TARGET_SECONDS = 4;
    private static final Duration KEYFRAME_SCAN_TIMEOUT = Duration.ofMinutes(5);
    private static final int MAX_PLANS = 256;

    private final TranscodeService transcodes;
    private final Map<String, SegmentPlan> plans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SegmentPlan> eldest) {
            return size() > MAX_PLANS;
        }
    };

    public HlsService(TranscodeService transcodes) {
        this.transcodes = transcodes;
    }

    /**
     * The segments of a rendition. Blocking the first time for a remux (reads the packet list of the whole file).
     *
     * @param source its key identifies the content (a library file's id, size and modification time)
     */
    public SegmentPlan plan(MediaSource source, HlsMode mode, double duration) throws IOException, InterruptedException {
        String key = source.key() + "/" + mode;
        synchronized (plans) {
            SegmentPlan p = plans.get(key);
            if (p != null) {
                return p;
            }
        }
        SegmentPlan plan = mode == HlsMode.TRANSCODE
                ? SegmentPlan.fixed(duration, TARGET_SECONDS)
                : SegmentPlan.atKeyframes(keyframes(source), duration, TARGET_SECONDS);
        synchronized (plans) {
            plans.put(key, plan);
        }
        return plan;
    }

    /** Starts making segment {@code index}; empty when every transcode slot is taken. Blocking (spawns ffmpeg). */
    public Optional<TranscodeService.Job> segment(MediaSource source, HlsMode mode, boolean copyAudio, SegmentPlan plan,
                                                  int index) throws IOException {
        double start = plan.start(index);
        return transcodes.start(source.label(), "hls " + mode.pathName(), start, FfmpegCommand.hlsSegment(transcodes.tools(), source,
                mode, copyAudio, start, plan.duration(index), plan.decodeEnd(index)));
    }

    private List<SegmentPlan.Keyframe> keyframes(MediaSource source) throws IOException, InterruptedException {
        FfmpegProcess.Result r = FfmpegProcess.run(FfmpegCommand.keyframes(transcodes.tools(), source), KEYFRAME_SCAN_TIMEOUT);
        if (!r.succeeded()) {
            throw new IOException("cannot read the keyframes: " + (r.stderr().isEmpty() ? "ffprobe failed" : r.stderr().getLast()));
        }
        return parseKeyframes(r.stdout());
    }

    /**
     * Keyframes from ffprobe's {@code pts_time,dts_time,flags} packet lines and the container's {@code start_time}
     * line, as times from the start of the file, in order. Pure.
     */
    static List<SegmentPlan.Keyframe> parseKeyframes(String csv) {
        List<double[]> raw = new ArrayList<>();
        double startTime = 0;
        for (String line : csv.split("\n")) {
            String[] f = line.trim().split(",");
            try {
                if (f.length == 1 && !f[0].isEmpty() && !f[0].equals("N/A")) {
                    startTime = Double.parseDouble(f[0]);
                } else if (f.length >= 3 && f[2].startsWith("K") && !f[0].equals("N/A")) {
                    double pts = Double.parseDouble(f[0]);
                    raw.add(new double[] {pts, f[1].equals("N/A") ? pts : Double.parseDouble(f[1])});
                }
            } catch (NumberFormatException ignored) {
                // a line ffprobe could not time: skip it
            }
        }
        List<SegmentPlan.Keyframe> out = new ArrayList<>();
        for (double[] k : raw) {
            out.add(new SegmentPlan.Keyframe(k[0] - startTime, k[1] - startTime));
        }
        out.sort((a, b) -> Double.compare(a.pts(), b.pts()));
        return out;
    }
}
