package dev.kino.live.ingest.rtmp.protocol;

/** RTMP message type ids (the one-byte type field of a type-0 or type-1 chunk message header). */
public final class MessageType {
    /** Protocol control: the sender's new maximum chunk size (4 bytes). */
    public static final int SET_CHUNK_SIZE = 1;
    /** Protocol control: discard the partial message of a chunk stream (4-byte chunk stream id). */
    public static final int ABORT = 2;
    /** Protocol control: acknowledgement, the bytes received so far (4 bytes). */
    public static final int ACK = 3;
    /** User control event: a 2-byte event type and its data. */
    public static final int USER_CONTROL = 4;
    /** Protocol control: acknowledge after this many bytes (4 bytes). */
    public static final int WINDOW_ACK_SIZE = 5;
    /** Protocol control: limit the peer's output (4-byte window, 1-byte limit type). */
    public static final int SET_PEER_BANDWIDTH = 6;
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    /** Data message whose body is AMF0 after one leading format byte. */
    public static final int DATA_AMF3 = 15;
    public static final int SHARED_OBJECT_AMF3 = 16;
    /** Command message whose body is AMF0 after one leading format byte. */
    public static final int COMMAND_AMF3 = 17;
    public static final int DATA_AMF0 = 18;
    public static final int SHARED_OBJECT_AMF0 = 19;
    public static final int COMMAND_AMF0 = 20;
    /** FLV tags back to back: 11-byte tag header, data, 4-byte back pointer. */
    public static final int AGGREGATE = 22;

    private MessageType() {}
}
