package dev.kino.live.hub;

import java.util.function.Function;

/**
 * What travels from a publisher through the hub to readers: an init segment (with its MSE type) or a media
 * fragment. Immutable; the byte array is never modified after construction and is shared by all readers, and so is
 * the network form an output makes of it ({@link #shared}), so a fragment is copied once, not once per viewer.
 */
public final class MediaUnit {
    private final boolean init;
    private final byte[] data;
    private final String mimeType;
    private final boolean keyframe;
    private final long timestampMillis;
    private final long arrivalNanos;
    private volatile Object shared;

    /** @param arrivalNanos when the hub received it ({@link System#nanoTime()}), for latency figures */
    public MediaUnit(boolean init, byte[] data, String mimeType, boolean keyframe, long timestampMillis, long arrivalNanos) {
        this.init = init;
        this.data = data;
        this.mimeType = mimeType;
        this.keyframe = keyframe;
        this.timestampMillis = timestampMillis;
        this.arrivalNanos = arrivalNanos;
    }

    public static MediaUnit init(byte[] data, String mimeType, long arrivalNanos) {
        return new MediaUnit(true, data, mimeType, true, 0, arrivalNanos);
    }

    public static MediaUnit fragment(byte[] data, boolean keyframe, long timestampMillis, long arrivalNanos) {
        return new MediaUnit(false, data, null, keyframe, timestampMillis, arrivalNanos);
    }

    /**
     * The data in the outputs' network form, made by {@code make} the first time any reader asks and then shared by
     * all of them (read-only). Two readers racing may both make it; one result wins, both are equal.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(Function<byte[], T> make) {
        Object s = shared;
        if (s == null) {
            s = make.apply(data);
            shared = s;
        }
        return (T) s;
    }

    public boolean init() {
        return init;
    }

    public byte[] data() {
        return data;
    }

    public String mimeType() {
        return mimeType;
    }

    public boolean keyframe() {
        return keyframe;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    public long arrivalNanos() {
        return arrivalNanos;
    }

    public int size() {
        return data.length;
    }
}
