package dev.kino.container.mp4;

import dev.kino.container.ParseException;
import java.util.HexFormat;

/**
 * The codec string of an {@code mp4a} sample entry, from its {@code esds} box (ISO/IEC 14496-1 descriptors):
 * {@code mp4a.40.N} for MPEG-4 audio with audio object type N (2 = AAC-LC, 5 = HE-AAC, 29 = HE-AACv2), {@code mp3}
 * for MPEG-1/2 layer 3, otherwise {@code mp4a.OO} with the object type indication in hex.
 */
final class EsdsReader {
    private static final int ES_DESCRIPTOR = 0x03;
    private static final int DECODER_CONFIG_DESCRIPTOR = 0x04;
    private static final int DECODER_SPECIFIC_INFO = 0x05;
    private static final int MPEG4_AUDIO = 0x40;
    private static final int MPEG2_LAYER3 = 0x69;
    private static final int MPEG1_LAYER3 = 0x6B;

    private EsdsReader() {}

    static String codec(Box esds) throws ParseException {
        ByteCursor c = esds.payload();
        c.int32(); // version and flags
        expectDescriptor(c, ES_DESCRIPTOR);
        c.u16(); // ES_ID
        int flags = c.u8();
        if ((flags & 0x80) != 0) {
            c.u16(); // dependsOn_ES_ID
        }
        if ((flags & 0x40) != 0) {
            c.skip(c.u8()); // URL
        }
        if ((flags & 0x20) != 0) {
            c.u16(); // OCR_ES_ID
        }
        int configSize = expectDescriptor(c, DECODER_CONFIG_DESCRIPTOR);
        int configEnd = c.position() + configSize;
        int objectType = c.u8();
        c.skip(12); // streamType, bufferSizeDB, maxBitrate, avgBitrate
        if (objectType == MPEG1_LAYER3 || objectType == MPEG2_LAYER3) {
            return "mp3";
        }
        String oti = HexFormat.of().withUpperCase().toHexDigits((byte) objectType);
        if (objectType != MPEG4_AUDIO || c.position() >= configEnd || c.u8() != DECODER_SPECIFIC_INFO) {
            return "mp4a." + oti;
        }
        if (descriptorSize(c) < 1) {
            throw c.malformed("empty AudioSpecificConfig");
        }
        return "mp4a.40." + audioObjectType(c);
    }

    /** The 5-bit audio object type at the start of an AudioSpecificConfig, with its escape (31 → 32 + 6 bits). */
    private static int audioObjectType(ByteCursor c) throws ParseException {
        int b0 = c.u8();
        int type = b0 >>> 3;
        if (type == 31) {
            type = 32 + (((b0 & 0x07) << 3) | (c.u8() >>> 5));
        }
        return type;
    }

    /** Reads a descriptor tag, which must be {@code tag}, and its size; returns the size. */
    private static int expectDescriptor(ByteCursor c, int tag) throws ParseException {
        int actual = c.u8();
        if (actual != tag) {
            throw c.malformed("descriptor tag " + actual + " where " + tag + " belongs");
        }
        return descriptorSize(c);
    }

    /** The size that follows a tag: up to four bytes of 7 bits each, high bit set on all but the last. */
    private static int descriptorSize(ByteCursor c) throws ParseException {
        int size = 0;
        for (int i = 0; i < 4; i++) {
            int b = c.u8();
            size = (size << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                break;
            }
        }
        c.require(size);
        return size;
    }
}
