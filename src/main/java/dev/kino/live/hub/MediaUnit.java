package dev.kino.live.hub;

/**
 * What travels from a publisher through the hub to readers: an init segment (with its MSE type) or a media
 * fragment. Immutable; the byte array is never modified after construction and may be shared by all readers.
 *
 * @param arrivalNanos when the hub received it ({@link System#nanoTime()}), for latency figures
 */
public record MediaUnit(boolean init, byte[] data, String mimeType, boolean keyframe, long timestampMillis, long arrivalNanos) {

    public static MediaUnit init(byte[] data, String mimeType, long arrivalNanos) {
        return new MediaUnit(true, data, mimeType, true, 0, arrivalNanos);
    }

    public static MediaUnit fragment(byte[] data, boolean keyframe, long timestampMillis, long arrivalNanos) {
        return new MediaUnit(false, data, null, keyframe, timestampMillis, arrivalNanos);
    }

    public int size() {
        return data.length;
    }
}
