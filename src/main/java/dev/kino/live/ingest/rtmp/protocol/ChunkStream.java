package dev.kino.live.ingest.rtmp.protocol;

import java.util.Arrays;

/**
 * What a chunk stream remembers between chunks: the last message header's fields (which type 1, 2 and 3 headers
 * reuse) and the message being reassembled, whose buffer grows only as its bytes arrive.
 */
final class ChunkStream {
    private static final int INITIAL_CAPACITY = 4096;

    final int id;
    int typeId;
    int messageStreamId;
    /** The declared length of the current (or last) message. */
    int length;
    /** The absolute timestamp of the current (or last) message. */
    long timestamp;
    /** What a type-3 header starting a new message adds: the last delta, or after a type-0 header its timestamp. */
    long delta;
    /** Whether the last type 0, 1 or 2 header had the extended timestamp, which type-3 chunks then repeat. */
    boolean extended;
    /** True while a message is incomplete. */
    boolean inMessage;

    private byte[] buffer;
    private int received;

    ChunkStream(int id) {
        this.id = id;
    }

    void begin() {
        inMessage = true;
        received = 0;
        buffer = null;
    }

    int received() {
        return received;
    }

    int remaining() {
        return length - received;
    }

    void append(byte[] src, int off, int n) {
        if (buffer == null) {
            buffer = new byte[Math.min(length, Math.max(n, INITIAL_CAPACITY))];
        } else if (received + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(length, Math.max((long) received + n, 2L * buffer.length)));
        }
        System.arraycopy(src, off, buffer, received, n);
        received += n;
    }

    /** The finished payload (its buffer grew to exactly the declared length), handed over without a copy. */
    byte[] finish() {
        byte[] payload = length == 0 ? new byte[0] : buffer.length == length ? buffer : Arrays.copyOf(buffer, length);
        discard();
        return payload;
    }

    /** Drops the message being reassembled; returns how many bytes it held. */
    int discard() {
        int held = received;
        inMessage = false;
        buffer = null;
        received = 0;
        return held;
    }
}
