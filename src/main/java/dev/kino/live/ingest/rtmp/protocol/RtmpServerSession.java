package dev.kino.live.ingest.rtmp.protocol;

import dev.kino.container.ParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The protocol of one publishing RTMP connection, without I/O: the bytes received go in through {@link #feed}, and
 * what to send and what happened come out through {@link Events}. Any split of the input gives the same events.
 *
 * <p>The handshake ({@link ServerHandshake}) comes first, then the chunk stream ({@link ChunkDecoder}) and the
 * commands of a publisher (ffmpeg and OBS send them in this order):
 * <ul>
 *   <li>{@code connect}: answered with Window Acknowledgement Size and Set Peer Bandwidth (2,500,000, dynamic), Set
 *       Chunk Size 4096 (later replies use it) and {@code _result} NetConnection.Connect.Success. The app loses a
 *       trailing {@code /}; a {@code ?query} in it (a key put in the server URL) is kept for the publish.</li>
 *   <li>{@code releaseStream}, {@code FCPublish}: {@code _result}; {@code createStream}: {@code _result} with stream
 *       id 1 (every time: one publish per connection).</li>
 *   <li>{@code publish}: {@link Events#publishRequested} with the app, the name up to its first {@code ?} and the
 *       app's and the name's queries merged (the name's win); then {@link #acceptPublish()} or
 *       {@link #refusePublish} answer, from inside that call or later.</li>
 *   <li>{@code FCUnpublish}, {@code deleteStream}, {@code closeStream}: {@link Events#unpublished} once, if a
 *       publish was requested and not refused.</li>
 *   <li>{@code play}, {@code play2}: refused with NetStream.Play.Failed. Other commands: {@code _error}
 *       NetConnection.Call.Failed when they carry a transaction id, else ignored. A command before
 *       {@code connect}, or a second {@code connect}, is malformed.</li>
 * </ul>
 * Command messages over {@link #MAX_COMMAND_BYTES} are malformed (their AMF0 is decoded, data messages' is not).
 * Audio, video, data and aggregate messages on the publishing stream reach {@link Events#media} only once the
 * publish is accepted, and not after it ended; before that they are dropped. Data messages lose a leading
 * {@code @setDataFrame}, so the payload is what an FLV script tag holds; aggregates are split into their tags;
 * AMF3-typed data and command messages (a zero format byte, then AMF0) are handled as AMF0 ones, and data is
 * delivered as type 18.
 *
 * <p>When the peer sets a Window Acknowledgement Size W (taken as at least {@link #MIN_ACK_WINDOW}, which bounds the
 * replies a peer can ask for), an Acknowledgement of the total bytes received (the handshake's included) is sent
 * each time the total reaches the last acknowledged one plus W, exactly there (or at once, when the total is already
 * past it as W arrives). Ping requests are answered.
 * After a {@link ParseException} every call fails again.
 */
public final class RtmpServerSession {
    /** What the session asks of its connection. Called on the thread calling the session. */
    public interface Events {
        /** Bytes to write to the peer, in order. */
        void send(byte[] bytes);

        /**
         * The peer asks to publish; answer with {@link #acceptPublish()} or {@link #refusePublish}, from inside this call
         * or later. {@code query} is raw ({@code a=b&c=d}, not URL-decoded), "" if none.
         */
        void publishRequested(String app, String streamName, String query);

        /** An audio (8), video (9) or script data (18) message's payload, as an FLV tag body holds it. */
        void media(int typeId, long timestamp, byte[] payload) throws ParseException;

        /** The publisher ended its publish; called at most once. */
        void unpublished(String how);
    }

    public static final long WINDOW_ACK_SIZE = 2_500_000;
    public static final long PEER_BANDWIDTH = 2_500_000;
    public static final int CHUNK_SIZE = 4096;
    public static final long MIN_ACK_WINDOW = 1024;
    /** The message stream id createStream hands out. */
    public static final int STREAM_ID = 1;
    /** Commands are small (a connect is a few hundred bytes); bigger ones are refused before decoding. */
    public static final int MAX_COMMAND_BYTES = 64 << 10;

    /** The AMF0 string "@setDataFrame". */
    private static final byte[] SET_DATA_FRAME = Amf0.encode("@setDataFrame");

    private enum State { CONNECTING, CONNECTED, PUBLISH_REQUESTED, PUBLISHING, REFUSED, FINISHED }

    private final Events events;
    private final ServerHandshake handshake;
    private final ChunkDecoder decoder;
    private final ChunkEncoder encoder = new ChunkEncoder();
    private State state = State.CONNECTING;
    private String app = "";
    private String appQuery = "";
    private String streamName;
    private int publishStreamId;
    private long received;
    private long ackWindow;
    private long lastAck;
    private ParseException failure;

    public RtmpServerSession(Events events, ChunkDecoder.Limits limits, RandomGenerator random) {
        this.events = Objects.requireNonNull(events, "events");
        this.handshake = new ServerHandshake(random);
        this.decoder = new ChunkDecoder(this::onMessage, limits);
    }

    public void feed(byte[] data, int off, int len) throws ParseException {
        Objects.checkFromIndexSize(off, len, data.length);
        if (failure != null) {
            String message = "the RTMP session failed earlier: " + failure.getMessage();
            throw failure.isMalformed() ? ParseException.malformed(message) : ParseException.unsupported(message);
        }
        try {
            if (!handshake.done()) {
                byte[] reply = handshake.feed(data, off, len);
                if (reply.length > 0) {
                    events.send(reply);
                }
                if (!handshake.done()) {
                    received += len;
                    return;
                }
                data = handshake.leftover();
                received += len - data.length;
                off = 0;
                len = data.length;
            }
            readChunks(data, off, off + len);
        } catch (ParseException e) {
            failure = e;
            throw e;
        }
    }

    /** Accepts the requested publish: Stream Begin and NetStream.Publish.Start; media flows from now on. */
    public void acceptPublish() {
        if (answerable()) {
            send(ControlMessages.streamBegin(publishStreamId));
            send(CommandReplies.status(publishStreamId, "status", "NetStream.Publish.Start",
                    streamName + " is now published."));
            state = State.PUBLISHING;
        }
    }

    /**
     * Refuses the requested publish with an error status (the client shows the description); later media is dropped.
     *
     * @param code such as NetStream.Publish.BadName (name in use or not allowed) or NetStream.Publish.Denied
     */
    public void refusePublish(String code, String description) {
        if (answerable()) {
            send(CommandReplies.status(publishStreamId, "error", code, description));
            state = State.REFUSED;
        }
    }

    /** The app of {@code connect}, without a trailing slash or query ("" before connect). */
    public String app() {
        return app;
    }

    /** All bytes fed so far, the handshake's included. */
    public long bytesReceived() {
        return received;
    }

    /** True if a publish is waiting for an answer; false if it ended first (then answers are ignored). */
    private boolean answerable() {
        if (state == State.FINISHED) {
            return false;
        }
        if (state != State.PUBLISH_REQUESTED) {
            throw new IllegalStateException("no publish is waiting for an answer (" + state + ")");
        }
        return true;
    }

    private void readChunks(byte[] data, int off, int end) throws ParseException {
        while (off < end) {
            int n = end - off;
            if (ackWindow > 0) {
                n = (int) Math.min(n, lastAck + ackWindow - received);
            }
            int consumed = decoder.feedUntilMessage(data, off, n);
            off += consumed;
            received += consumed;
            if (ackWindow > 0 && received - lastAck >= ackWindow) {
                send(ControlMessages.acknowledgement(received));
                lastAck = received;
            }
        }
    }

    private void onMessage(RtmpMessage m) throws ParseException {
        byte[] p = m.payload();
        switch (m.typeId()) {
            case MessageType.WINDOW_ACK_SIZE -> ackWindow = Math.max(MIN_ACK_WINDOW, ControlMessages.readUint32(p));
            case MessageType.USER_CONTROL -> {
                if (ControlMessages.readEventType(p) == ControlMessages.EVENT_PING_REQUEST) {
                    send(ControlMessages.pingResponse(ControlMessages.readUint32(p, 2)));
                }
            }
            case MessageType.COMMAND_AMF0 -> onCommand(m, Command.parse(checkCommandSize(p), 0));
            case MessageType.COMMAND_AMF3 -> onCommand(m, Command.parse(checkCommandSize(p), amf3FormatByte(m)));
            case MessageType.DATA_AMF0 -> onMedia(m.messageStreamId(), MessageType.DATA_AMF0, m.timestamp(), p, 0);
            case MessageType.DATA_AMF3 ->
                    onMedia(m.messageStreamId(), MessageType.DATA_AMF0, m.timestamp(), p, amf3FormatByte(m));
            case MessageType.AUDIO, MessageType.VIDEO -> onMedia(m.messageStreamId(), m.typeId(), m.timestamp(), p, 0);
            case MessageType.AGGREGATE -> {
                if (publishingOn(m.messageStreamId())) {
                    for (RtmpMessage sub : AggregateMessage.split(m)) {
                        onMedia(sub.messageStreamId(), sub.typeId(), sub.timestamp(), sub.payload(), 0);
                    }
                }
            }
            default -> { } // chunk size and abort are the decoder's; acks, bandwidth, shared objects need nothing
        }
    }

    private static byte[] checkCommandSize(byte[] p) throws ParseException {
        if (p.length > MAX_COMMAND_BYTES) {
            throw ParseException.malformed("command message of " + p.length + " bytes; the limit is " + MAX_COMMAND_BYTES);
        }
        return p;
    }

    private static int amf3FormatByte(RtmpMessage m) throws ParseException {
        if (m.payload().length == 0 || m.payload()[0] != 0) {
            throw ParseException.unsupported("AMF3 message (type " + m.typeId() + ") whose body does not start with"
                    + " format byte 0: only AMF0 bodies are supported");
        }
        return 1;
    }

    private boolean publishingOn(int messageStreamId) {
        return state == State.PUBLISHING && messageStreamId == publishStreamId;
    }

    private void onMedia(int messageStreamId, int typeId, long timestamp, byte[] p, int off) throws ParseException {
        if (!publishingOn(messageStreamId)) {
            return;
        }
        if (typeId == MessageType.DATA_AMF0) {
            off += setDataFrameLength(p, off);
        } else if (typeId != MessageType.AUDIO && typeId != MessageType.VIDEO) {
            return; // an aggregate's tag of another type
        }
        events.media(typeId, timestamp, off == 0 ? p : Arrays.copyOfRange(p, off, p.length));
    }

    /** 16 if {@code p} holds the AMF0 string "@setDataFrame" at {@code off}, else 0. */
    private static int setDataFrameLength(byte[] p, int off) {
        int n = SET_DATA_FRAME.length;
        return p.length - off >= n && Arrays.equals(p, off, off + n, SET_DATA_FRAME, 0, n) ? n : 0;
    }

    private void onCommand(RtmpMessage m, Command c) throws ParseException {
        int msid = m.messageStreamId();
        double txn = c.transactionId();
        if (state == State.CONNECTING && !c.name().equals("connect")) {
            throw ParseException.malformed("command '" + c.name() + "' before connect");
        }
        switch (c.name()) {
            case "connect" -> connect(c);
            case "releaseStream", "FCPublish" -> answer(msid, txn, null, Amf0.Undefined.VALUE);
            case "createStream" -> answer(msid, txn, null, (double) STREAM_ID);
            case "publish" -> publish(msid, c);
            case "FCUnpublish", "deleteStream", "closeStream" -> {
                if (state == State.PUBLISH_REQUESTED || state == State.PUBLISHING) {
                    state = State.FINISHED;
                    events.unpublished("publisher finished");
                }
            }
            case "play", "play2" ->
                    send(CommandReplies.status(msid, "error", "NetStream.Play.Failed", "this server takes publishers only"));
            case "_result", "_error", "onStatus" -> { } // answers to calls we never make
            default -> {
                if (txn != 0) {
                    send(CommandReplies.callFailed(msid, txn, "unknown command " + abbreviate(c.name())));
                }
            }
        }
    }

    private void connect(Command c) throws ParseException {
        if (state != State.CONNECTING) {
            throw ParseException.malformed("connect received twice");
        }
        String requested = c.arguments().isEmpty() || !(c.arguments().getFirst() instanceof Map<?, ?> o)
                || !(o.get("app") instanceof String a) ? "" : a;
        String[] split = QueryParameters.splitAtQuestionMark(requested);
        app = split[0].endsWith("/") ? split[0].substring(0, split[0].length() - 1) : split[0];
        appQuery = split[1];
        state = State.CONNECTED;
        send(ControlMessages.windowAckSize(WINDOW_ACK_SIZE));
        send(ControlMessages.setPeerBandwidth(PEER_BANDWIDTH, ControlMessages.LIMIT_DYNAMIC));
        send(ControlMessages.setChunkSize(CHUNK_SIZE));
        encoder.chunkSize(CHUNK_SIZE);
        send(CommandReplies.connectResult(c.transactionId()));
    }

    private void publish(int msid, Command c) {
        String name = c.string(1);
        if (state != State.CONNECTED) {
            send(CommandReplies.status(msid, "error", "NetStream.Publish.BadConnection", "one publish per connection"));
            return;
        }
        String[] split = QueryParameters.splitAtQuestionMark(name == null ? "" : name);
        if (split[0].isEmpty()) {
            send(CommandReplies.status(msid, "error", "NetStream.Publish.BadName", "publish without a stream name"));
            return;
        }
        streamName = split[0];
        publishStreamId = msid;
        state = State.PUBLISH_REQUESTED;
        events.publishRequested(app, streamName, QueryParameters.merge(appQuery, split[1]));
    }

    private void answer(int msid, double txn, Object... values) {
        if (txn != 0) {
            send(CommandReplies.result(msid, txn, values));
        }
    }

    private void send(RtmpMessage m) {
        events.send(encoder.encode(m));
    }

    private static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
