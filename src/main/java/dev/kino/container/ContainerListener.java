package dev.kino.container;

/**
 * What an incremental container parser reports. Calls come in stream order from the thread that feeds the parser.
 * Byte arrays handed over are the listener's to keep (the parser does not reuse them).
 */
public interface ContainerListener {
    /**
     * The initialisation segment: for WebM the EBML header and the Segment's header elements up to the first
     * Cluster (Info, Tracks…); for fragmented MP4 {@code ftyp} + {@code moov}. A second call means the stream was
     * re-initialised (a publisher restarted its recorder).
     *
     * @param mimeType the exact MSE type, e.g. {@code video/webm; codecs="vp8, opus"} or
     *                 {@code video/mp4; codecs="avc1.64001F, mp4a.40.2"}
     */
    void onInit(byte[] init, String mimeType);

    /**
     * One media fragment that can be appended after the init segment: a WebM Cluster, or an MP4 {@code moof} with its
     * {@code mdat} (and any {@code styp}/{@code sidx} before it).
     *
     * @param keyframe        whether a decoder can start here: the first video frame in it is a keyframe (an
     *                        audio-only stream: always)
     * @param timestampMillis time of its first frame, in milliseconds on the stream's timeline: the block time for
     *                        WebM, the decode time (tfdt) for MP4, which runs ahead of presentation by the first
     *                        frame's composition offset when there are B-frames
     */
    void onFragment(byte[] fragment, boolean keyframe, long timestampMillis);

    /**
     * What the container says of its video: the picture size and the frame rate (0 = not known). Called after
     * {@link #onInit} whenever the values become known or change; containers that do not say never call it.
     */
    default void onVideoInfo(int width, int height, double framesPerSecond) {}
}
