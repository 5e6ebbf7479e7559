package dev.kino.live.ingest.rtmp.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * One whole RTMP message as the chunk stream carries it.
 *
 * <p>Equality compares the payload's contents (the array itself is shared, not copied).
 *
 * @param chunkStreamId   2..65599 (0 and 1 only select the longer basic header forms)
 * @param typeId          0..255, see {@link MessageType}
 * @param messageStreamId the 32-bit message stream id (0 for the connection's own messages)
 * @param timestamp       absolute, in milliseconds, unsigned 32-bit: 0..0xFFFFFFFFL
 * @param payload         at most 0xFFFFFF bytes (the message header's length field has 24 bits)
 */
public record RtmpMessage(int chunkStreamId, int typeId, int messageStreamId, long timestamp, byte[] payload) {
    public static final int MIN_CHUNK_STREAM_ID = 2;
    public static final int MAX_CHUNK_STREAM_ID = 65599;
    public static final int MAX_PAYLOAD_LENGTH = 0xFFFFFF;

    public RtmpMessage {
        Objects.requireNonNull(payload, "payload");
        if (chunkStreamId < MIN_CHUNK_STREAM_ID || chunkStreamId > MAX_CHUNK_STREAM_ID) {
            throw new IllegalArgumentException("chunk stream id " + chunkStreamId + " not in 2..65599");
        }
        if (typeId < 0 || typeId > 255) {
            throw new IllegalArgumentException("type id " + typeId + " not in 0..255");
        }
        if (timestamp < 0 || timestamp > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("timestamp " + timestamp + " not an unsigned 32-bit value");
        }
        if (payload.length > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes, more than 0xFFFFFF");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtmpMessage m && chunkStreamId == m.chunkStreamId && typeId == m.typeId
                && messageStreamId == m.messageStreamId && timestamp == m.timestamp && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chunkStreamId, typeId, messageStreamId, timestamp, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RtmpMessage[csid=" + chunkStreamId + ", type=" + typeId + ", msid=" + messageStreamId + ", ts=" + timestamp
                + ", " + payload.length + " bytes #" + Integer.toHexString(Arrays.hashCode(payload)) + "]";
    }
}
