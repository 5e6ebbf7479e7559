package dev.kino.live.ingest.rtmp;

/**
 * RTMP audio, video and data messages as the FLV tags they are (the same bodies, an 11-byte header before and the
 * back pointer after), so that one FLV parser reads RTMP, a TCP {@code -f flv} and an HTTP body alike. Pure.
 */
final class FlvTags {
    private static final int TAG_HEADER = 11;

    private FlvTags() {}

    /** The FLV file header (version 1, audio and video) and the first back pointer, which is 0. */
    static byte[] header() {
        return new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0};
    }

    /** One tag: {@code typeId} 8 (audio), 9 (video) or 18 (data) at {@code timestamp} ms (32 bits: 24 + 8 extended). */
    static byte[] tag(int typeId, long timestamp, byte[] body) {
        int n = body.length;
        byte[] out = new byte[TAG_HEADER + n + 4];
        out[0] = (byte) typeId;
        out[1] = (byte) (n >>> 16);
        out[2] = (byte) (n >>> 8);
        out[3] = (byte) n;
        out[4] = (byte) (timestamp >>> 16);
        out[5] = (byte) (timestamp >>> 8);
        out[6] = (byte) timestamp;
        out[7] = (byte) (timestamp >>> 24);
        // 8..10: stream id, always 0
        System.arraycopy(body, 0, out, TAG_HEADER, n);
        int back = TAG_HEADER + n;
        out[TAG_HEADER + n] = (byte) (back >>> 24);
        out[TAG_HEADER + n + 1] = (byte) (back >>> 16);
        out[TAG_HEADER + n + 2] = (byte) (back >>> 8);
        out[TAG_HEADER + n + 3] = (byte) back;
        return out;
    }
}
