package dev.kino.torrent.web;

import java.util.List;

/** An extended M3U playlist, as VLC and mpv read it. Pure. */
final class M3uPlaylist {
    /** One entry: a display title and an absolute URL. */
    record Entry(String title, String url) {}

    private M3uPlaylist() {}

    static String write(List<Entry> entries) {
        StringBuilder b = new StringBuilder("#EXTM3U\n");
        for (Entry e : entries) {
            b.append("#EXTINF:-1,").append(oneLine(e.title())).append('\n').append(oneLine(e.url())).append('\n');
        }
        return b.toString();
    }

    /** A title or URL can never start a new line (and so a new directive). */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
    }
}
