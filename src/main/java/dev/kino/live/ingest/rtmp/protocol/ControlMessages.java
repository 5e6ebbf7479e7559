package dev.kino.live.ingest.rtmp.protocol;

import dev.kino.container.ParseException;

/**
 * Protocol control and user control messages: builders for the ones a server sends (on chunk stream 2, message
 * stream 0, timestamp 0) and readers for the fields of the ones it receives.
 */
public final class ControlMessages {
    public static final int CONTROL_CHUNK_STREAM = 2;

    /** Set Peer Bandwidth limit types. */
    public static final int LIMIT_HARD = 0;
    public static final int LIMIT_SOFT = 1;
    public static final int LIMIT_DYNAMIC = 2;

    /** User control event types. */
    public static final int EVENT_STREAM_BEGIN = 0;
    public static final int EVENT_STREAM_EOF = 1;
    public static final int EVENT_STREAM_DRY = 2;
    public static final int EVENT_SET_BUFFER_LENGTH = 3;
    public static final int EVENT_STREAM_IS_RECORDED = 4;
    public static final int EVENT_PING_REQUEST = 6;
    public static final int EVENT_PING_RESPONSE = 7;

    private ControlMessages() {}

    /** @param size 1..0x7FFFFFFF */
    public static RtmpMessage setChunkSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size " + size + " not in 1..2147483647");
        }
        return control(MessageType.SET_CHUNK_SIZE, uint32(size));
    }

    public static RtmpMessage windowAckSize(long windowBytes) {
        return control(MessageType.WINDOW_ACK_SIZE, uint32(windowBytes));
    }

    /** @param limitType {@link #LIMIT_HARD}, {@link #LIMIT_SOFT} or {@link #LIMIT_DYNAMIC} */
    public static RtmpMessage setPeerBandwidth(long windowBytes, int limitType) {
        if (limitType < 0 || limitType > 2) {
            throw new IllegalArgumentException("limit type " + limitType + " not in 0..2");
        }
        byte[] payload = new byte[5];
        System.arraycopy(uint32(windowBytes), 0, payload, 0, 4);
        payload[4] = (byte) limitType;
        return control(MessageType.SET_PEER_BANDWIDTH, payload);
    }

    /** @param sequenceNumber the bytes received so far (taken modulo 2^32) */
    public static RtmpMessage acknowledgement(long sequenceNumber) {
        return control(MessageType.ACK, uint32(sequenceNumber));
    }

    /** User control Stream Begin: the stream is ready for use. */
    public static RtmpMessage streamBegin(int streamId) {
        return userControl(EVENT_STREAM_BEGIN, streamId);
    }

    /** User control Ping Response, echoing the Ping Request's timestamp. */
    public static RtmpMessage pingResponse(long timestamp) {
        return userControl(EVENT_PING_RESPONSE, timestamp);
    }

    /** A user control message of the given event type with one 4-byte argument. */
    public static RtmpMessage userControl(int eventType, long argument) {
        byte[] payload = new byte[6];
        payload[0] = (byte) (eventType >>> 8);
        payload[1] = (byte) eventType;
        System.arraycopy(uint32(argument), 0, payload, 2, 4);
        return control(MessageType.USER_CONTROL, payload);
    }

    /** The unsigned 32-bit big-endian value at the start of a control message's payload. */
    public static long readUint32(byte[] payload) throws ParseException {
        return readUint32(payload, 0);
    }

    /** The unsigned 32-bit big-endian value at {@code off}. */
    public static long readUint32(byte[] payload, int off) throws ParseException {
        if (off < 0 || payload.length - off < 4) {
            throw ParseException.malformed("control message of " + payload.length + " bytes: need 4 at offset " + off);
        }
        return (long) (payload[off] & 0xFF) << 24 | (payload[off + 1] & 0xFF) << 16 | (payload[off + 2] & 0xFF) << 8
                | payload[off + 3] & 0xFF;
    }

    /** The event type of a user control message. */
    public static int readEventType(byte[] payload) throws ParseException {
        if (payload.length < 2) {
            throw ParseException.malformed("user control message of " + payload.length + " bytes: need at least 2");
        }
        return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
    }

    /** The value of a Set Chunk Size message, checked: 1..0x7FFFFFFF. */
    public static int readChunkSize(byte[] payload) throws ParseException {
        long size = readUint32(payload);
        if (size == 0 || size > ChunkDecoder.MAX_CHUNK_SIZE) {
            throw ParseException.malformed(String.format("Set Chunk Size %d (0x%08X) is not in 1..2147483647", size, size));
        }
        return (int) size;
    }

    private static RtmpMessage control(int typeId, byte[] payload) {
        return new RtmpMessage(CONTROL_CHUNK_STREAM, typeId, 0, 0, payload);
    }

    private static byte[] uint32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
