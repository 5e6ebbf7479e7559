package dev.kino.live.ingest.rtmp.protocol;

import java.io.ByteArrayOutputStream;

/** The client side of a publishing connection, written with {@link ChunkEncoder} and {@link Amf0}. */
final class ScriptedPublisher {
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** C0, C1 and C2 (C2 is not checked by the server, so it need not echo S1). */
    ScriptedPublisher handshake() {
        out.write(3);
        out.writeBytes(Bytes.random(11, 1536));
        out.writeBytes(Bytes.random(12, 1536));
        return this;
    }

    ScriptedPublisher send(RtmpMessage m) {
        out.writeBytes(encoder.encode(m));
        if (m.typeId() == MessageType.SET_CHUNK_SIZE) {
            encoder.chunkSize((int) ((m.payload()[0] & 0xFF) << 24 | (m.payload()[1] & 0xFF) << 16
                    | (m.payload()[2] & 0xFF) << 8 | m.payload()[3] & 0xFF));
        }
        return this;
    }

    ScriptedPublisher command(int msid, Object... values) {
        return send(new RtmpMessage(msid == 0 ? 3 : 8, MessageType.COMMAND_AMF0, msid, 0, Amf0.encode(values)));
    }

    /** An AMF3-typed command: the format byte 0, then AMF0. */
    ScriptedPublisher commandAmf3(int msid, Object... values) {
        return send(new RtmpMessage(3, MessageType.COMMAND_AMF3, msid, 0, Bytes.cat(new byte[1], Amf0.encode(values))));
    }

    ScriptedPublisher media(int typeId, long timestamp, byte[] payload) {
        return send(new RtmpMessage(typeId == MessageType.AUDIO ? 4 : 6, typeId, 1, timestamp, payload));
    }

    /** Everything written since the last call. */
    byte[] take() {
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }
}
