package dev.kino.store;

import java.util.HashMap;
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
                    rs.getString("error"));
            out.put(rs.getString("path"), new Entry(rs.getLong("size"), rs.getLong("mtime"), info));
            return null;
        }).list());
        return out;
    }

    public void put(String path, long size, long mtime, MediaInfo i) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT OR REPLACE INTO media_info
                          (path, size, mtime, duration, width, height, video_codec, audio_codec, bitrate, error, probed_at)
                        VALUES (:path, :size, :mtime, :duration, :width, :height, :vc, :ac, :bitrate, :error, :now)""")
                .bind("path", path).bind("size", size).bind("mtime", mtime)
                .bind("duration", i.durationSeconds()).bind("width", i.width()).bind("height", i.height())
                .bind("vc", i.videoCodec()).bind("ac", i.audioCodec()).bind("bitrate", i.bitrate())
                .bind("error", i.error()).bind("now", System.currentTimeMillis())
                .execute());
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
