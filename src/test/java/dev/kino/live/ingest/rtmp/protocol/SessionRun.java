package dev.kino.live.ingest.rtmp.protocol;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kino.container.ParseException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** One {@link RtmpServerSession} with recording events, and the server's replies decoded. */
final class SessionRun implements RtmpServerSession.Events {
    /** One media callback. */
    record Media(int typeId, long timestamp, byte[] payload) {
        @Override
        public String toString() {
            return "media " + typeId + " @" + timestamp + " " + payload.length + " bytes #"
                    + Integer.toHexString(Arrays.hashCode(payload));
        }
    }

    final RtmpServerSession session = new RtmpServerSession(this, ChunkDecoder.Limits.DEFAULT, new Random(5));
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    final List<String> events = new ArrayList<>();
    final List<Media> media = new ArrayList<>();
    private final Consumer<RtmpServerSession> onPublish;

    SessionRun(Consumer<RtmpServerSession> onPublish) {
        this.onPublish = onPublish;
    }

    @Override
    public void send(byte[] bytes) {
        sent.writeBytes(bytes);
    }

    @Override
    public void publishRequested(String app, String streamName, String query) {
        events.add("publish app=" + app + " name=" + streamName + " query=" + query);
        onPublish.accept(session);
    }

    @Override
    public void media(int typeId, long timestamp, byte[] payload) {
        Media m = new Media(typeId, timestamp, payload);
        media.add(m);
        events.add(m.toString());
    }

    @Override
    public void unpublished(String how) {
        events.add("unpublished " + how);
    }

    void feed(byte[] input, int[] sizes) throws ParseException {
        Splits.feed(session::feed, input, 0, sizes);
    }

    /** The server's bytes after S0 S1 S2, decoded. */
    List<RtmpMessage> replies() {
        byte[] all = sent.toByteArray();
        Decoding.Outcome out = Decoding.decode(Arrays.copyOfRange(all, 3073, all.length), new int[] {all.length - 3073},
                ChunkDecoder.Limits.DEFAULT);
        assertNull(out.error());
        return out.messages();
    }

    /** The replies other than acknowledgements, described. */
    List<String> describedReplies() {
        return replies().stream().filter(m -> m.typeId() != MessageType.ACK).map(SessionRun::describe).toList();
    }

    /** The sequence numbers of the acknowledgements sent. */
    List<Long> acks() {
        return replies().stream().filter(m -> m.typeId() == MessageType.ACK).map(m -> uint32(m.payload(), 0)).toList();
    }

    static String describe(RtmpMessage m) {
        byte[] p = m.payload();
        return switch (m.typeId()) {
            case MessageType.SET_CHUNK_SIZE -> "SetChunkSize " + uint32(p, 0);
            case MessageType.WINDOW_ACK_SIZE -> "WindowAckSize " + uint32(p, 0);
            case MessageType.SET_PEER_BANDWIDTH -> "SetPeerBandwidth " + uint32(p, 0) + " " + p[4];
            case MessageType.USER_CONTROL -> "UserControl " + ((p[0] & 0xFF) << 8 | p[1] & 0xFF) + " " + uint32(p, 2);
            case MessageType.COMMAND_AMF0 -> {
                try {
                    yield "msid " + m.messageStreamId() + " " + Amf0.decodeAll(p);
                } catch (ParseException e) {
                    throw new AssertionError(e);
                }
            }
            default -> m.toString();
        };
    }

    private static long uint32(byte[] p, int off) {
        return (long) (p[off] & 0xFF) << 24 | (p[off + 1] & 0xFF) << 16 | (p[off + 2] & 0xFF) << 8 | p[off + 3] & 0xFF;
    }
}
