package dev.kino.transcode;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the segments of an HLS rendition start and end, in seconds of the source. Transcoded renditions cut every
 * {@code target} seconds (the encoder is told to put keyframes there); remuxed ones can only cut at the source's
 * keyframes, so each segment runs from a keyframe to the first keyframe at least {@code target} seconds later. Pure.
 *
 * @param bounds       n+1 increasing presentation times for n segments: segment i is [bounds[i], bounds[i+1])
 * @param decodeBounds the decode times of the frames at those bounds (earlier than the presentation times when the
 *                     video has B-frames): a copied segment must stop before the next one's first frame in decode
 *                     order
 */
public record SegmentPlan(List<Double> bounds, List<Double> decodeBounds) {

    /** A keyframe of the source: presentation and decode time, seconds from the start of the file. */
    public record Keyframe(double pts, double dts) {}

    public SegmentPlan {
        bounds = List.copyOf(bounds);
        decodeBounds = List.copyOf(decodeBounds);
        if (bounds.size() < 2 || decodeBounds.size() != bounds.size()) {
            throw new IllegalArgumentException("a plan needs at least one segment and a decode time per bound");
        }
    }

    public SegmentPlan(List<Double> bounds) {
        this(bounds, bounds);
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

    /** Decode time of the first frame of the segment after {@code i} (the end of the file for the last one). */
    public double decodeEnd(int i) {
        return decodeBounds.get(i + 1);
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
    public static SegmentPlan atKeyframes(List<Keyframe> keyframes, double duration, double target) {
        List<Double> b = new ArrayList<>();
        List<Double> d = new ArrayList<>();
        b.add(0.0);
        d.add(0.0);
        double last = 0;
        for (Keyframe k : keyframes) {
            if (k.pts() >= last + target && k.pts() < duration - 0.5) {
                b.add(round(k.pts()));
                d.add(round(Math.min(k.dts(), k.pts())));
                last = k.pts();
            }
        }
        b.add(round(duration));
        d.add(round(duration));
        return new SegmentPlan(b, d);
    }

    private static double round(double t) {
        return Math.round(t * 1_000_000) / 1_000_000.0;
    }
}
