package dev.kino.live.ingest.rtmp.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A test sender written from the spec, apart from {@link ChunkEncoder}: it picks a random legal header type for each
 * message (1 for the same message stream, 2 also for the same length and type, 3 also for the same delta, where a
 * type-0 header's "delta" is its timestamp), interleaves the chunks of different chunk streams at random, and
 * applies its own Set Chunk Size messages once their last chunk is written.
 */
final class InterleavingChunkWriter {
    private static final long MASK = 0xFFFFFFFFL;

    /** The bytes written, and the messages in the order their last chunk was written. */
    record Result(byte[] bytes, List<RtmpMessage> completed) {}

    /** One chunk stream's sending state. */
    private static final class Sender {
        final int csid;
        final ArrayDeque<RtmpMessage> queue = new ArrayDeque<>();
        boolean started;
        long timestamp;
        long delta;
        int length;
        int typeId;
        int messageStreamId;
        boolean extended;
        RtmpMessage current;
        int sent;

        Sender(int csid) {
            this.csid = csid;
        }

        boolean busy() {
            return current != null || !queue.isEmpty();
        }
    }

    private final Random random;
    private ChunkBytes out;
    private int chunkSize = ChunkDecoder.DEFAULT_CHUNK_SIZE;

    InterleavingChunkWriter(Random random) {
        this.random = random;
    }

    /** Writes the messages; those of one chunk stream stay in order. */
    Result write(List<RtmpMessage> messages) {
        out = new ChunkBytes();
        Map<Integer, Sender> senders = new LinkedHashMap<>();
        for (RtmpMessage m : messages) {
            senders.computeIfAbsent(m.chunkStreamId(), Sender::new).queue.add(m);
        }
        List<RtmpMessage> completed = new ArrayList<>();
        while (true) {
            List<Sender> busy = senders.values().stream().filter(Sender::busy).toList();
            if (busy.isEmpty()) {
                return new Result(out.bytes(), completed);
            }
            Sender s = busy.get(random.nextInt(busy.size()));
            RtmpMessage done = writeChunk(s);
            if (done != null) {
                completed.add(done);
            }
        }
    }

    private RtmpMessage writeChunk(Sender s) {
        if (s.current == null) {
            s.current = s.queue.poll();
            s.sent = 0;
            writeFirstHeader(s);
        } else {
            out.type3(s.csid);
            if (s.extended) {
                out.extended(s.delta);
            }
        }
        RtmpMessage m = s.current;
        int n = Math.min(chunkSize, m.payload().length - s.sent);
        out.data(m.payload(), s.sent, s.sent + n);
        s.sent += n;
        if (s.sent < m.payload().length) {
            return null;
        }
        s.current = null;
        if (m.typeId() == MessageType.SET_CHUNK_SIZE) {
            chunkSize = (int) new ChunkBytesReader(m.payload()).uint32();
        }
        return m;
    }

    private void writeFirstHeader(Sender s) {
        RtmpMessage m = s.current;
        long delta = (m.timestamp() - s.timestamp) & MASK;
        List<Integer> legal = new ArrayList<>(List.of(0));
        if (s.started && m.messageStreamId() == s.messageStreamId) {
            legal.add(1);
            if (m.payload().length == s.length && m.typeId() == s.typeId) {
                legal.add(2);
                if (delta == s.delta) {
                    legal.add(3);
                }
            }
        }
        int format = legal.get(random.nextInt(legal.size()));
        long value = format == 0 ? m.timestamp() : delta;
        boolean extended = value >= 0xFFFFFF;
        long field = extended ? 0xFFFFFF : value;
        switch (format) {
            case 0 -> out.type0(s.csid, field, m.payload().length, m.typeId(), m.messageStreamId());
            case 1 -> out.type1(s.csid, field, m.payload().length, m.typeId());
            case 2 -> out.type2(s.csid, field);
            default -> out.type3(s.csid);
        }
        if (format < 3) {
            s.delta = value;
            s.extended = extended;
        }
        if (s.extended) {
            out.extended(s.delta);
        }
        s.started = true;
        s.timestamp = m.timestamp();
        s.length = m.payload().length;
        s.typeId = m.typeId();
        s.messageStreamId = m.messageStreamId();
    }

    /** Reads the big-endian value of a 4-byte payload. */
    private record ChunkBytesReader(byte[] b) {
        long uint32() {
            return (long) (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
        }
    }
}
