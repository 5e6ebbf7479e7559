package dev.kino.live.ingest.rtmp.protocol;

import java.io.ByteArrayOutputStream;

/** Hand-built chunk streams: each header field spelled out, nothing inferred. */
final class ChunkBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A basic header in the shortest form for {@code csid}. */
    ChunkBytes basic(int format, int csid) {
        if (csid < 64) {
            out.write(format << 6 | csid);
        } else if (csid < 320) {
            basic2(format, csid);
        } else {
            basic3(format, csid);
        }
        return this;
    }

    /** The 2-byte basic header form (csid 64..319). */
    ChunkBytes basic2(int format, int csid) {
        out.write(format << 6);
        out.write(csid - 64);
        return this;
    }

    /** The 3-byte basic header form (csid 64..65599). */
    ChunkBytes basic3(int format, int csid) {
        out.write(format << 6 | 1);
        out.write((csid - 64) & 0xFF);
        out.write((csid - 64) >>> 8);
        return this;
    }

    ChunkBytes type0(int csid, long timestampField, int length, int typeId, int msid) {
        basic(0, csid);
        return header0(timestampField, length, typeId, msid);
    }

    /** A type-0 message header (after a basic header written separately). */
    ChunkBytes header0(long timestampField, int length, int typeId, int msid) {
        uint(timestampField, 3).uint(length, 3);
        out.write(typeId);
        out.write(msid);
        out.write(msid >>> 8);
        out.write(msid >>> 16);
        out.write(msid >>> 24);
        return this;
    }

    ChunkBytes type1(int csid, long deltaField, int length, int typeId) {
        basic(1, csid).uint(deltaField, 3).uint(length, 3);
        out.write(typeId);
        return this;
    }

    ChunkBytes type2(int csid, long deltaField) {
        return basic(2, csid).uint(deltaField, 3);
    }

    ChunkBytes type3(int csid) {
        return basic(3, csid);
    }

    /** A 4-byte extended timestamp. */
    ChunkBytes extended(long value) {
        return uint(value, 4);
    }

    ChunkBytes data(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    ChunkBytes data(byte[] bytes, int from, int to) {
        out.write(bytes, from, to - from);
        return this;
    }

    /** A whole Set Chunk Size message on chunk stream 2 (fits in one chunk). */
    ChunkBytes setChunkSize(long size) {
        return type0(2, 0, 4, MessageType.SET_CHUNK_SIZE, 0).uint(size, 4);
    }

    ChunkBytes uint(long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
