package dev.kino.container.flv;

import dev.kino.container.ParseException;
import java.util.Arrays;

/**
 * The body of an FLV audio tag: AAC only (sound format 10), its AudioSpecificConfig or one raw frame. Pure.
 *
 * @param config whether {@code data} is the AudioSpecificConfig rather than a frame
 */
record FlvAudio(boolean config, byte[] data) {
    static FlvAudio parse(byte[] body) throws ParseException {
        if (body.length == 0) {
            return null;
        }
        int format = (body[0] & 0xFF) >>> 4;
        if (format != 10) {
            throw ParseException.unsupported("audio codec " + name(format) + " in FLV is not supported; publish AAC");
        }
        if (body.length < 2) {
            throw ParseException.malformed("FLV AAC tag of 1 byte: no packet type");
        }
        byte[] data = Arrays.copyOfRange(body, 2, body.length);
        return switch (body[1]) {
            case 0 -> new FlvAudio(true, data);
            case 1 -> new FlvAudio(false, data);
            default -> throw ParseException.malformed("FLV AAC packet type " + body[1]);
        };
    }

    private static String name(int format) {
        return switch (format) {
            case 0, 3 -> "PCM";
            case 1 -> "ADPCM";
            case 2, 14 -> "MP3";
            case 4, 5, 6 -> "Nellymoser";
            case 7 -> "G.711 A-law";
            case 8 -> "G.711 mu-law";
            case 9 -> "of the Enhanced RTMP audio header (Opus, FLAC, AC-3…)";
            case 11 -> "Speex";
            default -> "id " + format;
        };
    }
}
