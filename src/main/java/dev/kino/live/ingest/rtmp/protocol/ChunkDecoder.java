package dev.kino.live.ingest.rtmp.protocol;

import dev.kino.container.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Incremental reader of an RTMP chunk stream (the bytes after the handshake): chunks in, whole messages out.
 *
 * <p>Any split of the input gives the same messages. Each chunk is a basic header (format and chunk stream id in
 * 1, 2 or 3 bytes), a message header of 11, 7, 3 or 0 bytes (format 0: absolute timestamp, length, type, message
 * stream id; 1: timestamp delta, length, type; 2: delta; 3: nothing), a 4-byte extended timestamp when the 24-bit
 * field is 0xFFFFFF, and up to {@link #chunkSize()} payload bytes. Timestamps are computed as follows, modulo 2^32:
 * <ul>
 *   <li>format 0: the timestamp; it is also the "delta" a later format-3 message adds (the spec's rule that a
 *       format-3 chunk may follow a format-0 one when the second message's delta equals the first's timestamp);</li>
 *   <li>format 1 and 2: the previous message's timestamp plus the delta, which becomes the delta in effect;</li>
 *   <li>format 3 starting a new message: the previous timestamp plus the delta in effect;</li>
 *   <li>format 3 continuing a message: unchanged.</li>
 * </ul>
 * A format-3 chunk carries the 4-byte extended timestamp again when the last format 0, 1 or 2 header of its chunk
 * stream had one (as ffmpeg and librtmp write); those four bytes are read and not used: the value in effect is kept.
 * Peers that leave them out are not supported.
 *
 * <p>Set Chunk Size ({@link MessageType#SET_CHUNK_SIZE}) is applied to the chunks after it and Abort
 * ({@link MessageType#ABORT}) drops the named chunk stream's partial message; both are also delivered, as is every
 * other message. A message's buffer grows only as its bytes arrive, and {@link Limits} bound the declared message
 * length, the bytes held in incomplete messages and the number of chunk streams. After a {@link ParseException}
 * (including one thrown by the listener) every call fails again.
 */
public final class ChunkDecoder {
    /** Receives each whole message, in the order its last byte arrived. */
    public interface Listener {
        void onMessage(RtmpMessage message) throws ParseException;
    }

    /**
     * Bounds on what a peer can make the decoder hold.
     *
     * @param maxMessageBytes the largest declared message length accepted
     * @param maxPendingBytes the most payload bytes held in incomplete messages, over all chunk streams
     * @param maxChunkStreams the most distinct chunk stream ids used (their header state is kept for the connection)
     */
    public record Limits(int maxMessageBytes, int maxPendingBytes, int maxChunkStreams) {
        /** 16 MiB per message (the 24-bit length field cannot declare more), 32 MiB pending, 64 chunk streams. */
        public static final Limits DEFAULT = new Limits(16 << 20, 32 << 20, 64);

        public Limits {
            if (maxMessageBytes < 1 || maxPendingBytes < maxMessageBytes || maxChunkStreams < 1) {
                throw new IllegalArgumentException("limits need maxMessageBytes >= 1, maxPendingBytes >= maxMessageBytes"
                        + " and maxChunkStreams >= 1: " + maxMessageBytes + ", " + maxPendingBytes + ", " + maxChunkStreams);
            }
        }
    }

    public static final int DEFAULT_CHUNK_SIZE = 128;
    public static final int MAX_CHUNK_SIZE = 0x7FFFFFFF;

    private static final int[] MESSAGE_HEADER_LENGTH = {11, 7, 3, 0};
    private static final int MAX_HEADER_LENGTH = 3 + 11 + 4;
    private static final long MASK = 0xFFFFFFFFL;

    private enum State { HEADER, PAYLOAD, FAILED }

    private final Listener listener;
    private final Limits limits;
    private final Map<Integer, ChunkStream> streams = new HashMap<>();
    private final byte[] header = new byte[MAX_HEADER_LENGTH];
    private State state = State.HEADER;
    private int headerFill;
    private int headerNeeded;
    private int basicLength;
    private boolean extendedChecked;
    private ChunkStream current;
    private int chunkRemaining;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private long bytesRead;
    private long pendingBytes;
    private boolean delivered;
    private ParseException failure;

    public ChunkDecoder(Listener listener, Limits limits) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Consumes all of {@code d[off, off+len)}, delivering every message it completes. */
    public void feed(byte[] d, int off, int len) throws ParseException {
        Objects.checkFromIndexSize(off, len, d.length);
        run(d, off, off + len, false);
    }

    /**
     * Consumes bytes up to and including the last byte of the next message completed (delivering it), or all of them;
     * returns how many were consumed. Lets a caller act at exact message boundaries.
     */
    int feedUntilMessage(byte[] d, int off, int len) throws ParseException {
        Objects.checkFromIndexSize(off, len, d.length);
        return run(d, off, off + len, true) - off;
    }

    /** The bytes consumed so far; during {@link Listener#onMessage} it counts up to the message's last byte. */
    public long bytesRead() {
        return bytesRead;
    }

    /** The peer's current maximum chunk size: 128 until it sends Set Chunk Size. */
    public int chunkSize() {
        return chunkSize;
    }

    private int run(byte[] d, int off, int end, boolean stopAtMessage) throws ParseException {
        if (state == State.FAILED) {
            String message = "the chunk stream failed earlier: " + failure.getMessage();
            throw failure.isMalformed() ? ParseException.malformed(message) : ParseException.unsupported(message);
        }
        try {
            delivered = false;
            while (off < end && !(stopAtMessage && delivered)) {
                off = state == State.HEADER ? readHeader(d, off, end) : readPayload(d, off, end);
            }
            return off;
        } catch (ParseException e) {
            state = State.FAILED;
            failure = e;
            throw e;
        }
    }

    private int readHeader(byte[] d, int off, int end) throws ParseException {
        if (headerFill == 0) {
            int low = d[off] & 0x3F;
            basicLength = low == 0 ? 2 : low == 1 ? 3 : 1;
            headerNeeded = basicLength + MESSAGE_HEADER_LENGTH[(d[off] & 0xFF) >>> 6];
            extendedChecked = false;
        }
        int n = Math.min(end - off, headerNeeded - headerFill);
        System.arraycopy(d, off, header, headerFill, n);
        headerFill += n;
        bytesRead += n;
        off += n;
        if (headerFill < headerNeeded) {
            return off;
        }
        int format = (header[0] & 0xFF) >>> 6;
        if (!extendedChecked) {
            extendedChecked = true;
            current = stream(format, chunkStreamId());
            boolean extended = format < 3 ? uint24(basicLength) == 0xFFFFFF : current.extended;
            if (extended) {
                headerNeeded += 4;
                return off;
            }
        }
        headerFill = 0;
        onHeader(format, headerNeeded > basicLength + MESSAGE_HEADER_LENGTH[format]);
        return off;
    }

    private int chunkStreamId() {
        return switch (basicLength) {
            case 1 -> header[0] & 0x3F;
            case 2 -> 64 + (header[1] & 0xFF);
            default -> 64 + (header[1] & 0xFF) + ((header[2] & 0xFF) << 8);
        };
    }

    private ChunkStream stream(int format, int id) throws ParseException {
        ChunkStream s = streams.get(id);
        if (s == null) {
            if (format != 0) {
                throw ParseException.malformed("chunk stream " + id + " starts with a type-" + format
                        + " chunk header; its first header must be type 0");
            }
            if (streams.size() >= limits.maxChunkStreams()) {
                throw ParseException.malformed("chunk stream " + id + " is one more than the " + limits.maxChunkStreams()
                        + " chunk streams allowed");
            }
            s = new ChunkStream(id);
            streams.put(id, s);
        }
        return s;
    }

    private void onHeader(int format, boolean extended) throws ParseException {
        ChunkStream s = current;
        if (format == 3 && s.inMessage) {
            startChunk(s);
            return;
        }
        if (s.inMessage) {
            throw ParseException.malformed("chunk stream " + s.id + ": a type-" + format + " header starts a message while "
                    + s.remaining() + " of the last message's " + s.length + " bytes are still to come");
        }
        int p = basicLength;
        long value = extended ? uint32(headerNeeded - 4) : uint24(p);
        switch (format) {
            case 0 -> {
                setLengthAndType(s, p);
                s.messageStreamId = (header[p + 7] & 0xFF) | (header[p + 8] & 0xFF) << 8 | (header[p + 9] & 0xFF) << 16
                        | (header[p + 10] & 0xFF) << 24;
                s.timestamp = value;
                s.delta = value;
                s.extended = extended;
            }
            case 1, 2 -> {
                if (format == 1) {
                    setLengthAndType(s, p);
                }
                s.delta = value;
                s.extended = extended;
                s.timestamp = (s.timestamp + value) & MASK;
            }
            default -> s.timestamp = (s.timestamp + s.delta) & MASK;
        }
        s.begin();
        if (s.length == 0) {
            deliver(s);
        } else {
            startChunk(s);
        }
    }

    private void setLengthAndType(ChunkStream s, int p) throws ParseException {
        int length = (int) uint24(p + 3);
        if (length > limits.maxMessageBytes()) {
            throw ParseException.malformed("chunk stream " + s.id + " declares a message of " + length
                    + " bytes; the limit is " + limits.maxMessageBytes());
        }
        s.length = length;
        s.typeId = header[p + 6] & 0xFF;
    }

    private void startChunk(ChunkStream s) {
        chunkRemaining = Math.min(chunkSize, s.remaining());
        state = State.PAYLOAD;
    }

    private int readPayload(byte[] d, int off, int end) throws ParseException {
        int n = Math.min(end - off, chunkRemaining);
        if (pendingBytes + n > limits.maxPendingBytes()) {
            throw ParseException.malformed("incomplete messages would hold more than " + limits.maxPendingBytes()
                    + " bytes (at a chunk of chunk stream " + current.id + ")");
        }
        current.append(d, off, n);
        pendingBytes += n;
        bytesRead += n;
        chunkRemaining -= n;
        if (current.remaining() == 0) {
            deliver(current);
        } else if (chunkRemaining == 0) {
            state = State.HEADER;
        }
        return off + n;
    }

    private void deliver(ChunkStream s) throws ParseException {
        state = State.HEADER;
        pendingBytes -= s.received();
        RtmpMessage message = new RtmpMessage(s.id, s.typeId, s.messageStreamId, s.timestamp, s.finish());
        if (message.typeId() == MessageType.SET_CHUNK_SIZE) {
            chunkSize = ControlMessages.readChunkSize(message.payload());
        } else if (message.typeId() == MessageType.ABORT) {
            ChunkStream aborted = streams.get((int) Math.min(ControlMessages.readUint32(message.payload()), Integer.MAX_VALUE));
            if (aborted != null && aborted.inMessage) {
                pendingBytes -= aborted.discard();
            }
        }
        delivered = true;
        listener.onMessage(message);
    }

    private long uint24(int p) {
        return (header[p] & 0xFF) << 16 | (header[p + 1] & 0xFF) << 8 | header[p + 2] & 0xFF;
    }

    private long uint32(int p) {
        return (long) (header[p] & 0xFF) << 24 | (header[p + 1] & 0xFF) << 16 | (header[p + 2] & 0xFF) << 8
                | header[p + 3] & 0xFF;
    }
}
