package dev.kino.live.ingest;

import dev.kino.container.ContainerListener;
import dev.kino.container.ContainerParser;
import dev.kino.container.mp4.Fmp4Parser;
import dev.kino.container.webm.WebmParser;
import java.util.Locale;
import java.util.Optional;

/** The containers a publisher may send: WebM (Matroska) or fragmented MP4. */
public enum ContainerFormat {
    WEBM, MP4;

    public ContainerParser parser(ContainerListener listener) {
        return this == WEBM ? new WebmParser(listener) : new Fmp4Parser(listener);
    }

    /** WebM starts with the EBML magic 1A 45 DF A3; anything else is taken for MP4 (whose parser checks it). */
    public static ContainerFormat sniff(byte[] first) {
        return first.length >= 4 && (first[0] & 0xFF) == 0x1A && (first[1] & 0xFF) == 0x45 && (first[2] & 0xFF) == 0xDF
                && (first[3] & 0xFF) == 0xA3 ? WEBM : MP4;
    }

    /** The container a publisher declared ({@code ?format=}), if it named one Kino knows; null names none. */
    public static Optional<ContainerFormat> declared(String nameOrNull) {
        return nameOrNull == null ? Optional.empty() : byName(nameOrNull);
    }

    public static Optional<ContainerFormat> byName(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "webm", "mkv", "matroska" -> Optional.of(WEBM);
            case "mp4", "fmp4" -> Optional.of(MP4);
            default -> Optional.empty();
        };
    }
}
