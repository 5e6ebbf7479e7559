package dev.kino.subtitles;

import java.util.List;
import java.util.Locale;

/**
 * The HLS side of subtitles (RFC 8216): a multivariant playlist that names the film's text tracks as
 * {@code EXT-X-MEDIA TYPE=SUBTITLES} renditions beside its one video rendition, and each track's media playlist,
 * one WebVTT segment as long as the film. Pure.
 */
public final class HlsSubtitles {
    private static final String GROUP = "subs";

    private HlsSubtitles() {}

    /** A track as the multivariant playlist offers it. */
    public record Rendition(String name, String language, boolean forced, String uri) {}

    /**
     * @param videoUri  the video rendition's media playlist, relative to this one
     * @param bandwidth the video's peak bits per second (a guess is fine: there is one rendition)
     */
    public static String multivariant(List<Rendition> subtitles, String videoUri, long bandwidth) {
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:4\n");
        for (Rendition r : subtitles) {
            b.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"").append(GROUP).append("\",NAME=\"").append(quoted(r.name()))
                    .append('"');
            if (r.language() != null) {
                b.append(",LANGUAGE=\"").append(quoted(r.language())).append('"');
            }
            b.append(",DEFAULT=NO,AUTOSELECT=YES,FORCED=").append(r.forced() ? "YES" : "NO")
                    .append(",URI=\"").append(quoted(r.uri())).append("\"\n");
        }
        b.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(Math.max(1, bandwidth));
        if (!subtitles.isEmpty()) {
            b.append(",SUBTITLES=\"").append(GROUP).append('"');
        }
        return b.append('\n').append(videoUri).append('\n').toString();
    }

    /** A subtitle track's media playlist: the whole WebVTT file as its one segment. */
    public static String mediaPlaylist(double durationSeconds, String vttUri) {
        double d = Math.max(0.001, durationSeconds);
        return "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-TARGETDURATION:" + (long) Math.ceil(d)
                + "\n#EXT-X-MEDIA-SEQUENCE:0\n" + String.format(Locale.ROOT, "#EXTINF:%.6f,", d) + "\n" + vttUri
                + "\n#EXT-X-ENDLIST\n";
    }

    /** A quoted-string attribute may hold no double quote, carriage return or line feed. */
    private static String quoted(String s) {
        return s.replace('"', '\'').replace('\r', ' ').replace('\n', ' ');
    }
}
