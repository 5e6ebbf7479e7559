package dev.kino.live.rung;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an HLS player takes, told from a stream's MSE type ({@code video/mp4; codecs="avc1.64001F, mp4a.40.2"}):
 * fragmented MP4 holding only H.264, HEVC and AAC. Everything else (WebM with VP8, VP9, AV1 or Opus) goes through the
 * rung. Pure.
 */
final class HlsCodecs {
    /** Sample entries HLS players decode: H.264 ({@code avc1}, {@code avc3}), HEVC ({@code hvc1}, {@code hev1}), AAC. */
    private static final List<String> PLAYABLE = List.of("avc1.", "avc3.", "hvc1.", "hev1.", "mp4a.40.");

    private HlsCodecs() {}

    /** True when HLS can carry the stream as it is: fMP4 whose every codec is H.264, HEVC or AAC. */
    static boolean playable(String mimeType) {
        if (!isMp4(mimeType)) {
            return false;
        }
        List<String> codecs = codecs(mimeType);
        return !codecs.isEmpty() && codecs.stream().allMatch(c -> PLAYABLE.stream().anyMatch(c::startsWith));
    }

    /** The ffmpeg demuxer that reads the stream's container ({@code matroska} for WebM), or empty for one it cannot. */
    static Optional<String> demuxer(String mimeType) {
        String type = baseType(mimeType);
        if (type.endsWith("/webm") || type.endsWith("/x-matroska")) {
            return Optional.of("matroska");
        }
        return isMp4(mimeType) ? Optional.of("mp4") : Optional.empty();
    }

    /** The codecs of the {@code codecs} parameter, trimmed, in order; empty when there is none. */
    static List<String> codecs(String mimeType) {
        int at = mimeType.toLowerCase(Locale.ROOT).indexOf("codecs=");
        if (at < 0) {
            return List.of();
        }
        String value = mimeType.substring(at + "codecs=".length()).replace("\"", "");
        List<String> out = new ArrayList<>();
        for (String c : value.split(",")) {
            if (!c.isBlank()) {
                out.add(c.trim());
            }
        }
        return out;
    }

    private static boolean isMp4(String mimeType) {
        String type = baseType(mimeType);
        return type.equals("video/mp4") || type.equals("audio/mp4");
    }

    private static String baseType(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
