package dev.kino.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Probe results by relative path, each valid for one (size, mtime) of the file. Blocking: call from a worker thread. */
public final class MediaInfoStore {
    /** A stored result with the file state it was taken from. */
    public record Entry(long size, long mtime, MediaInfo info) {}

    private final Jdbi jdbi;

    public MediaInfoStore(Database db) {
        this.jdbi = db.jdbi();
    }

    public Map<String, Entry> all() {
        Map<String, Entry> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT * FROM media_info").map((rs, ctx) -> {
            MediaInfo info = new MediaInfo(
                    rs.getObject("duration") == null ? null : rs.getDouble("duration"),
                    rs.getObject("width") == null ? null : rs.getInt("width"),
                    rs.getObject("height") == null ? null : rs.getInt("height"),
                    rs.getString("video_codec"), rs.getString("audio_codec"),
                    rs.getObject("bitrate") == null ? null : rs.getLong("bitrate"),
                    rs.getString("error"), subtitles(rs.getString("subtitles")), chapters(rs.getString("chapters")));
            out.put(rs.getString("path"), new Entry(rs.getLong("size"), rs.getLong("mtime"), info));
            return null;
        }).list());
        return out;
    }

    public void put(String path, long size, long mtime, MediaInfo i) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT OR REPLACE INTO media_info
                          (path, size, mtime, duration, width, height, video_codec, audio_codec, bitrate, error, subtitles, chapters, probed_at)
                        VALUES (:path, :size, :mtime, :duration, :width, :height, :vc, :ac, :bitrate, :error, :subtitles, :chapters,
                          :now)""")
                .bind("path", path).bind("size", size).bind("mtime", mtime)
                .bind("duration", i.durationSeconds()).bind("width", i.width()).bind("height", i.height())
                .bind("vc", i.videoCodec()).bind("ac", i.audioCodec()).bind("bitrate", i.bitrate())
                .bind("error", i.error()).bind("subtitles", subtitlesColumn(i.subtitles())).bind("chapters", chaptersColumn(i.chapters())).bind("now", System.currentTimeMillis())
                .execute());
    }

    /**
     * The column's form: a line a stream, {@code index TAB codec TAB language TAB title TAB flags}, an empty field for
     * null, flags a subset of {@code d} (default), {@code f} (forced), {@code h} (hearing impaired).
     */
    static String subtitlesColumn(List<MediaInfo.SubtitleStream> subtitles) {
        StringBuilder b = new StringBuilder();
        for (MediaInfo.SubtitleStream s : subtitles) {
            b.append(s.index()).append('\t').append(field(s.codec())).append('\t').append(field(s.language())).append('\t')
                    .append(field(s.title())).append('\t').append(s.isDefault() ? "d" : "").append(s.forced() ? "f" : "")
                    .append(s.hearingImpaired() ? "h" : "").append('\n');
        }
        return b.toString();
    }

    private static String field(String v) {
        return v == null ? "" : v.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    static List<MediaInfo.SubtitleStream> subtitles(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        List<MediaInfo.SubtitleStream> out = new ArrayList<>();
        for (String line : column.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 5 && f[0].matches("[0-9]{1,6}")) {
                out.add(new MediaInfo.SubtitleStream(Integer.parseInt(f[0]), f[1].isEmpty() ? null : f[1],
                        f[2].isEmpty() ? null : f[2], f[3].isEmpty() ? null : f[3], f[4].contains("d"), f[4].contains("f"),
                        f[4].contains("h")));
            }
        }
        return out;
    }

    /** The column's form: a line a chapter, {@code start TAB end TAB title} (an empty title for none). */
    static String chaptersColumn(List<MediaInfo.Chapter> chapters) {
        StringBuilder b = new StringBuilder();
        for (MediaInfo.Chapter c : chapters) {
            b.append(c.start()).append('\t').append(c.end()).append('\t').append(field(c.title())).append('\n');
        }
        return b.toString();
    }

    static List<MediaInfo.Chapter> chapters(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        List<MediaInfo.Chapter> out = new ArrayList<>();
        for (String line : column.split("\n")) {
            String[] f = line.split("\t", -1);
            try {
                if (f.length == 3) {
                    out.add(new MediaInfo.Chapter(Double.parseDouble(f[0]), Double.parseDouble(f[1]), f[2].isEmpty() ? null : f[2]));
                }
            } catch (NumberFormatException e) {
                // a damaged line: that chapter is left out
            }
        }
        return out;
    }

    public void retainOnly(java.util.Set<String> paths) {
        jdbi.useHandle(h -> {
            var existing = h.createQuery("SELECT path FROM media_info").mapTo(String.class).list();
            for (String p : existing) {
                if (!paths.contains(p)) {
                    h.createUpdate("DELETE FROM media_info WHERE path = :p").bind("p", p).execute();
                }
            }
        });
    }
}
