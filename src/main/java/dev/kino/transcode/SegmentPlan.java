package dev.kino.transcode;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the segments of an HLS rendition start and end, in seconds of the source. Transcoded renditions cut every
 * {@code target} seconds (the encoder is told to put keyframes there); remuxed ones can only cut at the source's
 * keyframes, so each segment runs from a keyframe to the first keyframe at least {@code target} seconds later. Pure.
 *
 * @param bounds n+1 increasing times for n segments: segment i is [bounds[i], bounds[i+1])
 */
public record SegmentPlan(List<Double> bounds) {

    public SegmentPlan {
        bounds = List.copyOf(bounds);
        if (bounds.size() < 2) {
            throw new IllegalArgumentException("a plan needs at least one segment");
        }
    }

    public int count() {
        return bounds.size() - 1;
    }

    public double start(int i) {
        return bounds.get(i);
    }

    public double duration(int i) {
        return bounds.get(i + 1) - bounds.get(i);
    }

    public double total() {
        return bounds.get(bounds.size() - 1);
    }

    public static SegmentPlan fixed(double duration, double target) {
        List<Double> b = new ArrayList<>();
        for (double t = 0; t < duration - 0.05; t += target) {
            b.add(round(t));
        }
        b.add(round(duration));
        return new SegmentPlan(b);
    }

    /** Cuts at keyframes: the first segment starts at 0 whatever the first keyframe's time. */
    public static SegmentPlan atKeyframes(List<Double> keyframes, double duration, double target) {
        List<Double> b = new ArrayList<>();
        b.add(0.0);
        double last = 0;
        for (double k : keyframes) {
            if (k >= last + target && k < duration - 0.5) {
                b.add(round(k));
                last = k;
            }
        }
        b.add(round(duration));
        return new SegmentPlan(b);
    }

    private static double round(double t) {
        return Math.round(t * 1_000_000) / 1_000_000.0;
    }
}
