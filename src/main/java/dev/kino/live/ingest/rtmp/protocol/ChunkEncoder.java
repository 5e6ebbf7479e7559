package dev.kino.live.ingest.rtmp.protocol;

/**
 * Writes messages as chunks: a type-0 header on each message's first chunk, type-3 headers on its continuation
 * chunks, the extended timestamp when the timestamp is 0xFFFFFF or more (repeated on the type-3 chunks, as ffmpeg
 * and librtmp read it), and the shortest basic header for the chunk stream id. Messages are not interleaved.
 */
public final class ChunkEncoder {
    private int chunkSize = ChunkDecoder.DEFAULT_CHUNK_SIZE;

    /** Sets the chunk size for later messages; send {@link ControlMessages#setChunkSize} first, then call this. */
    public void chunkSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size " + size + " not in 1..2147483647");
        }
        chunkSize = size;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public byte[] encode(RtmpMessage m) {
        int length = m.payload().length;
        int csid = m.chunkStreamId();
        int basic = csid < 64 ? 1 : csid < 320 ? 2 : 3;
        boolean extended = m.timestamp() >= 0xFFFFFF;
        int chunks = Math.max(1, (int) ((length + (long) chunkSize - 1) / chunkSize));
        int continuationHeader = basic + (extended ? 4 : 0);
        byte[] out = new byte[basic + 11 + (extended ? 4 : 0) + (chunks - 1) * continuationHeader + length];
        int p = basicHeader(out, 0, 0, csid);
        long field = extended ? 0xFFFFFF : m.timestamp();
        p = put(out, p, field, 3);
        p = put(out, p, length, 3);
        out[p++] = (byte) m.typeId();
        int msid = m.messageStreamId();
        out[p++] = (byte) msid;
        out[p++] = (byte) (msid >>> 8);
        out[p++] = (byte) (msid >>> 16);
        out[p++] = (byte) (msid >>> 24);
        if (extended) {
            p = put(out, p, m.timestamp(), 4);
        }
        for (int done = 0; ; ) {
            int n = Math.min(chunkSize, length - done);
            System.arraycopy(m.payload(), done, out, p, n);
            p += n;
            done += n;
            if (done == length) {
                return out;
            }
            p = basicHeader(out, p, 3, csid);
            if (extended) {
                p = put(out, p, m.timestamp(), 4);
            }
        }
    }

    private static int basicHeader(byte[] out, int p, int format, int csid) {
        if (csid < 64) {
            out[p++] = (byte) (format << 6 | csid);
        } else if (csid < 320) {
            out[p++] = (byte) (format << 6);
            out[p++] = (byte) (csid - 64);
        } else {
            out[p++] = (byte) (format << 6 | 1);
            out[p++] = (byte) (csid - 64);
            out[p++] = (byte) ((csid - 64) >>> 8);
        }
        return p;
    }

    private static int put(byte[] out, int p, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out[p++] = (byte) (value >>> (8 * i));
        }
        return p;
    }
}
