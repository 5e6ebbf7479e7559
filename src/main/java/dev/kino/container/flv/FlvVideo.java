package dev.kino.container.flv;

import dev.kino.container.ParseException;
import dev.kino.container.mp4.VideoConfig.Coding;
import java.util.Arrays;

/**
 * The body of an FLV video tag, legacy (codec id 7 = AVC, 12 = HEVC as Chinese CDNs map it) or Enhanced RTMP v1
 * ({@code ex-header} bit, a packet type and a FourCC: {@code avc1}, {@code hvc1}, {@code av01}). Pure.
 *
 * @param kind    what the tag holds
 * @param data    the decoder configuration record (CONFIG) or the sample (FRAME): length-prefixed NAL units for
 *                AVC/HEVC, OBUs for AV1
 * @param ctsOffset composition time minus decode time, in ms (FRAME)
 */
record FlvVideo(Kind kind, Coding coding, boolean keyframe, int ctsOffset, byte[] data) {
    enum Kind { CONFIG, FRAME, END, SKIP }

    private static final FlvVideo SKIP = new FlvVideo(Kind.SKIP, null, false, 0, null);

    static FlvVideo parse(byte[] body) throws ParseException {
        if (body.length == 0) {
            return SKIP;
        }
        int b0 = body[0] & 0xFF;
        if ((b0 & 0x80) != 0) {
            return enhanced(body, (b0 >>> 4) & 0x07, b0 & 0x0F);
        }
        int frameType = b0 >>> 4;
        int codecId = b0 & 0x0F;
        Coding coding = switch (codecId) {
            case 7 -> Coding.AVC;
            case 12 -> Coding.HEVC;
            default -> throw ParseException.unsupported("video codec " + legacyName(codecId)
                    + " in FLV is not supported; publish H.264, HEVC or AV1");
        };
        if (frameType == 5) {
            return SKIP; // a command frame: no picture
        }
        if (body.length < 5) {
            throw ParseException.malformed("FLV video tag of " + body.length + " bytes: too short for its header");
        }
        int cts = ((body[2] << 24) >> 8) | ((body[3] & 0xFF) << 8) | (body[4] & 0xFF); // signed 24 bits
        byte[] rest = Arrays.copyOfRange(body, 5, body.length);
        return switch (body[1]) {
            case 0 -> new FlvVideo(Kind.CONFIG, coding, false, 0, rest);
            case 1 -> new FlvVideo(Kind.FRAME, coding, frameType == 1, cts, rest);
            case 2 -> new FlvVideo(Kind.END, coding, false, 0, null);
            default -> throw ParseException.malformed("FLV video packet type " + body[1]);
        };
    }

    private static FlvVideo enhanced(byte[] body, int frameType, int packetType) throws ParseException {
        if (body.length < 5) {
            throw ParseException.malformed("Enhanced RTMP video tag of " + body.length + " bytes: too short for its header");
        }
        String fourcc = new String(body, 1, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        Coding coding = switch (fourcc) {
            case "avc1" -> Coding.AVC;
            case "hvc1" -> Coding.HEVC;
            case "av01" -> Coding.AV1;
            default -> throw ParseException.unsupported("video codec '" + fourcc.replaceAll("[^\\x20-\\x7e]", "?")
                    + "' over Enhanced RTMP is not supported; publish H.264, HEVC or AV1");
        };
        if (frameType == 5 && packetType != 0) {
            return SKIP; // a command frame
        }
        return switch (packetType) {
            case 0 -> new FlvVideo(Kind.CONFIG, coding, false, 0, Arrays.copyOfRange(body, 5, body.length));
            case 1 -> coding == Coding.AV1 ? frame(coding, frameType, 0, body, 5) : codedFrames(coding, frameType, body);
            case 2 -> new FlvVideo(Kind.END, coding, false, 0, null);
            case 3 -> frame(coding, frameType, 0, body, 5);
            case 4 -> SKIP; // metadata (colour info, HDR): not needed to play
            case 5 -> throw ParseException.unsupported("Enhanced RTMP MPEG-2 TS sequence start is not supported");
            case 6 -> throw ParseException.unsupported("Enhanced RTMP multitrack video is not supported");
            default -> throw ParseException.malformed("Enhanced RTMP video packet type " + packetType);
        };
    }

    private static FlvVideo codedFrames(Coding coding, int frameType, byte[] body) throws ParseException {
        if (body.length < 8) {
            throw ParseException.malformed("Enhanced RTMP coded frames of " + body.length + " bytes: too short for their header");
        }
        int cts = ((body[5] << 24) >> 8) | ((body[6] & 0xFF) << 8) | (body[7] & 0xFF);
        return frame(coding, frameType, cts, body, 8);
    }

    private static FlvVideo frame(Coding coding, int frameType, int cts, byte[] body, int from) {
        return new FlvVideo(Kind.FRAME, coding, frameType == 1, cts, Arrays.copyOfRange(body, from, body.length));
    }

    private static String legacyName(int codecId) {
        return switch (codecId) {
            case 2 -> "Sorenson H.263";
            case 3 -> "Screen video";
            case 4 -> "On2 VP6";
            case 5 -> "On2 VP6 with alpha";
            case 6 -> "Screen video 2";
            default -> "id " + codecId;
        };
    }
}
