package dev.kino.transcode;

import java.util.Locale;
import java.util.Optional;

/** How an HLS rendition is made: the video copied (audio copied or made AAC), or everything transcoded to H.264/AAC. */
public enum HlsMode {
    REMUX, TRANSCODE;

    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HlsMode> byPathName(String s) {
        for (HlsMode m : values()) {
            if (m.pathName().equals(s)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
