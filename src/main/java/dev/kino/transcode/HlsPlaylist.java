package dev.kino.transcode;

import java.util.Locale;

/** Writes the VOD media playlist (RFC 8216) of a segment plan: whole duration known up front, so players can seek. Pure. */
public final class HlsPlaylist {
    private HlsPlaylist() {}

    /** @param query appended to every segment URI (e.g. a signed link's {@code ?expires=…&sig=…}), or "" */
    public static String write(SegmentPlan plan, String query) {
        double longest = 0;
        for (int i = 0; i < plan.count(); i++) {
            longest = Math.max(longest, plan.duration(i));
        }
        StringBuilder b = new StringBuilder(64 + plan.count() * 32)
                .append("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-PLAYLIST-TYPE:VOD\n")
                .append("#EXT-X-TARGETDURATION:").append((long) Math.ceil(longest)).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:0\n");
        for (int i = 0; i < plan.count(); i++) {
            b.append(String.format(Locale.ROOT, "#EXTINF:%.6f,", plan.duration(i))).append('\n')
                    .append(i).append(".ts").append(query).append('\n');
        }
        return b.append("#EXT-X-ENDLIST\n").toString();
    }
}
