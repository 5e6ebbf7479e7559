package dev.kino.container.webm;

import dev.kino.container.ParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The MSE type of a WebM stream from its Tracks: {@code video/webm; codecs="vp8, opus"} (video codecs first), or
 * {@code audio/webm; codecs="opus"} without video. Codec strings follow RFC 6381 and the VP9/AV1 codec ISO-BMFF
 * bindings where CodecPrivate carries enough: {@code vp09.PP.LL.DD}, {@code av01.P.LLT.DD}, {@code avc1.PPCCLL}.
 */
final class CodecStrings {
    private CodecStrings() {}

    /** Whether an H.264 track lacks its avcC, so its profile must be read from the SPS in the first video frame. */
    static boolean needsFirstFrame(List<Track> tracks) {
        for (Track track : tracks) {
            if (track.isVideo() && track.codecId().equals("V_MPEG4/ISO/AVC") && !hasAvcC(track.codecPrivate())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The MSE type.
     *
     * @param frame the first video frame's bytes at {@code off} (null if unknown); only used for H.264 without avcC
     * @throws ParseException (unsupported) for a codec with no WebM MSE mapping, or no audio or video track at all
     */
    static String mimeType(List<Track> tracks, byte[] frame, int off, int len) throws ParseException {
        Set<String> codecs = new LinkedHashSet<>();
        for (Track track : tracks) {
            if (track.isVideo()) {
                codecs.add(videoCodec(track, frame, off, len));
            }
        }
        boolean video = !codecs.isEmpty();
        for (Track track : tracks) {
            if (track.isAudio()) {
                codecs.add(audioCodec(track));
            }
        }
        if (codecs.isEmpty()) {
            throw ParseException.unsupported("the stream has no audio or video track");
        }
        return (video ? "video/webm" : "audio/webm") + "; codecs=\"" + String.join(", ", codecs) + "\"";
    }

    static String videoCodec(Track track, byte[] frame, int off, int len) throws ParseException {
        byte[] priv = track.codecPrivate();
        return switch (track.codecId()) {
            case "V_VP8" -> "vp8";
            case "V_VP9" -> vp9(priv, track.bitsPerChannel());
            case "V_AV1" -> av1(priv);
            case "V_MPEG4/ISO/AVC" -> hasAvcC(priv) ? avc1(priv[1], priv[2], priv[3]) : avcFromFrame(frame, off, len);
            default -> throw ParseException.unsupported("video codec " + track.codecId() + " has no WebM MSE type");
        };
    }

    static String audioCodec(Track track) throws ParseException {
        return switch (track.codecId()) {
            case "A_OPUS" -> "opus";
            case "A_VORBIS" -> "vorbis";
            default -> throw ParseException.unsupported("audio codec " + track.codecId() + " has no WebM MSE type");
        };
    }

    /** {@code vp09.PP.LL.DD} from the VP9 CodecPrivate features (1 profile, 2 level, 3 bit depth), else {@code vp9}. */
    static String vp9(byte[] priv, int bitsPerChannel) {
        int profile = -1;
        int level = -1;
        int bitDepth = bitsPerChannel;
        for (int i = 0; i + 1 < priv.length; ) {
            int id = priv[i] & 0xFF;
            int length = priv[i + 1] & 0xFF;
            if (i + 2 + length > priv.length) {
                break;
            }
            if (length == 1) {
                int value = priv[i + 2] & 0xFF;
                switch (id) {
                    case 1 -> profile = value;
                    case 2 -> level = value;
                    case 3 -> bitDepth = value;
                    default -> { }
                }
            }
            i += 2 + length;
        }
        if (bitDepth == 0 && (profile == 0 || profile == 1)) {
            bitDepth = 8;
        }
        if (profile < 0 || profile > 3 || level <= 0 || (bitDepth != 8 && bitDepth != 10 && bitDepth != 12)) {
            return "vp9";
        }
        return String.format("vp09.%02d.%02d.%02d", profile, level, bitDepth);
    }

    /** {@code av01.P.LLT.DD} from the av1C in CodecPrivate (mandatory for V_AV1). */
    static String av1(byte[] priv) throws ParseException {
        if (priv.length < 4 || (priv[0] & 0xFF) != 0x81) {
            throw ParseException.unsupported("AV1 track without an av1C CodecPrivate: its MSE type is unknown");
        }
        int profile = (priv[1] >> 5) & 0x07;
        int level = priv[1] & 0x1F;
        char tier = (priv[2] & 0x80) != 0 ? 'H' : 'M';
        boolean highBitDepth = (priv[2] & 0x40) != 0;
        boolean twelveBit = (priv[2] & 0x20) != 0;
        int bitDepth = highBitDepth ? (profile == 2 && twelveBit ? 12 : 10) : 8;
        return String.format("av01.%d.%02d%c.%02d", profile, level, tier, bitDepth);
    }

    /** {@code avc1.PPCCLL} from the SPS in an Annex-B or length-prefixed frame, else {@code avc1} alone. */
    static String avcFromFrame(byte[] frame, int off, int len) {
        if (frame != null) {
            int end = off + len;
            for (int i = off; i + 6 < end; i++) {
                boolean startCode = frame[i] == 0 && frame[i + 1] == 0 && frame[i + 2] == 1;
                if (startCode && (frame[i + 3] & 0x1F) == 7) {
                    return avc1(frame[i + 4], frame[i + 5], frame[i + 6]);
                }
            }
            if (len >= 8 && (frame[off + 4] & 0x1F) == 7) {
                return avc1(frame[off + 5], frame[off + 6], frame[off + 7]);
            }
        }
        return "avc1";
    }

    private static boolean hasAvcC(byte[] priv) {
        return priv.length >= 4 && priv[0] == 1;
    }

    private static String avc1(byte profile, byte compatibility, byte level) {
        return String.format("avc1.%02X%02X%02X", profile & 0xFF, compatibility & 0xFF, level & 0xFF);
    }
}
