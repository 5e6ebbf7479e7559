package dev.kino.live.ingest;

import dev.kino.container.ContainerListener;
import dev.kino.container.ContainerParser;
import dev.kino.container.flv.FlvParser;
import dev.kino.container.mp4.Fmp4Parser;
import dev.kino.container.webm.WebmParser;
import java.util.Locale;
import java.util.Optional;

/**
 * The containers a publisher may send: WebM (Matroska), fragmented MP4, or FLV (what RTMP carries, and what
 * {@code ffmpeg -f flv} writes), which is re-packaged into fragmented MP4.
 */
public enum ContainerFormat {
    WEBM, MP4, FLV;

    public ContainerParser parser(ContainerListener listener) {
        return switch (this) {
            case WEBM -> new WebmParser(listener);
            case MP4 -> new Fmp4Parser(listener);
            case FLV -> new FlvParser(listener);
        };
    }

    /**
     * WebM starts with the EBML magic 1A 45 DF A3, FLV with "FLV" and version 1; anything else is taken for MP4
     * (whose parser checks it).
     */
    public static ContainerFormat sniff(byte[] first) {
        if (first.length >= 4 && (first[0] & 0xFF) == 0x1A && (first[1] & 0xFF) == 0x45 && (first[2] & 0xFF) == 0xDF
                && (first[3] & 0xFF) == 0xA3) {
            return WEBM;
        }
        return first.length >= 4 && first[0] == 'F' && first[1] == 'L' && first[2] == 'V' && first[3] == 1 ? FLV : MP4;
    }

    /** The container a publisher declared ({@code ?format=}), if it named one Kino knows; null names none. */
    public static Optional<ContainerFormat> declared(String nameOrNull) {
        return nameOrNull == null ? Optional.empty() : byName(nameOrNull);
    }

    public static Optional<ContainerFormat> byName(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "webm", "mkv", "matroska" -> Optional.of(WEBM);
            case "mp4", "fmp4" -> Optional.of(MP4);
            case "flv" -> Optional.of(FLV);
            default -> Optional.empty();
        };
    }
}
