package dev.kino.container.webm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds small EBML/WebM byte strings for tests. */
final class Ebml {
    static final String UNKNOWN_SIZE_8 = "01FFFFFFFFFFFFFF";

    private Ebml() {}

    /** Bytes from hex, spaces allowed: {@code "1A45DFA3 93"}. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String toHex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** An element with a known size, written in the shortest size length. */
    static byte[] element(int id, byte[]... children) {
        byte[] body = cat(children);
        return cat(id(id), size(body.length), body);
    }

    /** The header of an element of unknown size (8-byte form). */
    static byte[] unknownSize(int id) {
        return cat(id(id), hex(UNKNOWN_SIZE_8));
    }

    static byte[] uint(int id, long value) {
        int length = 1;
        while (length < 8 && (value >>> (8 * length)) != 0) {
            length++;
        }
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[length - 1 - i] = (byte) (value >>> (8 * i));
        }
        return element(id, body);
    }

    static byte[] string(int id, String value) {
        return element(id, value.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] ebmlHeader(String docType) {
        return element(ElementId.EBML, uint(0x4286, 1), uint(ElementId.EBML_READ_VERSION, 1),
                uint(ElementId.EBML_MAX_ID_LENGTH, 4), uint(ElementId.EBML_MAX_SIZE_LENGTH, 8),
                string(ElementId.DOC_TYPE, docType), uint(0x4287, 4), uint(0x4285, 2));
    }

    static byte[] info(long timecodeScale) {
        return element(ElementId.INFO, uint(ElementId.TIMECODE_SCALE, timecodeScale), string(0x4D80, "test"));
    }

    static byte[] track(int number, int type, String codecId, byte[]... more) {
        return element(ElementId.TRACK_ENTRY, cat(uint(ElementId.TRACK_NUMBER, number), uint(ElementId.TRACK_TYPE, type),
                string(ElementId.CODEC_ID, codecId), cat(more)));
    }

    static byte[] simpleBlock(int track, int relativeTimecode, boolean keyframe, byte[] frame) {
        return element(ElementId.SIMPLE_BLOCK, blockHeader(track, relativeTimecode, keyframe ? 0x80 : 0), frame);
    }

    static byte[] blockHeader(int track, int relativeTimecode, int flags) {
        return new byte[] {(byte) (0x80 | track), (byte) (relativeTimecode >> 8), (byte) relativeTimecode, (byte) flags};
    }

    private static byte[] id(int id) {
        int length = id >= 0x1000000 ? 4 : id >= 0x10000 ? 3 : id >= 0x100 ? 2 : 1;
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[length - 1 - i] = (byte) (id >>> (8 * i));
        }
        return out;
    }

    private static byte[] size(long size) {
        int length = 1;
        while (size >= (1L << (7 * length)) - 1) {
            length++;
        }
        byte[] out = new byte[length];
        long value = size | (1L << (7 * length));
        for (int i = 0; i < length; i++) {
            out[length - 1 - i] = (byte) (value >>> (8 * i));
        }
        return out;
    }
}
