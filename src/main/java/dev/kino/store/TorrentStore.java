package dev.kino.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Added torrents, by info hash. Blocking: call from a worker thread. */
public final class TorrentStore {
    /**
     * One stored torrent.
     *
     * @param magnet the magnet link it was added with, or null when added from a file
     * @param metainfo the {@code .torrent} bytes, or null until the swarm sent the metadata
     * @param ownerId the account that added it; null for rows from before owners were kept (the admins' alone)
     * @param lastWatchedAt when a reader last opened one of its files, or null
     * @param evicted paused because the disk budget deleted its data (watching it resumes it)
     */
    public record TorrentRow(String infoHash, String magnet, byte[] metainfo, String name, String addedBy,
                             Long ownerId, Instant addedAt, boolean paused, Instant lastWatchedAt, long totalSize, long bytesVerified,
                             boolean evicted) {}

    private static final String COLUMNS = "info_hash, magnet, metainfo, name, added_by, owner_id, added_at, paused, last_watched_at, "
            + "total_size, bytes_verified, evicted";

    private final Jdbi jdbi;

    public TorrentStore(Database db) {
        this.jdbi = db.jdbi();
    }

    /** False if a torrent with that info hash is stored already. */
    public boolean insert(TorrentRow r) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT OR IGNORE INTO torrents(" + COLUMNS + ") VALUES "
                        + "(:h, :magnet, :meta, :name, :by, :owner, :at, :paused, :watched, :size, :verified, :evicted)")
                .bind("h", r.infoHash()).bind("magnet", r.magnet()).bind("meta", r.metainfo()).bind("name", r.name())
                .bind("by", r.addedBy()).bind("owner", r.ownerId()).bind("at", r.addedAt().toEpochMilli()).bind("paused", r.paused() ? 1 : 0)
                .bind("watched", r.lastWatchedAt() == null ? null : r.lastWatchedAt().toEpochMilli())
                .bind("size", r.totalSize()).bind("verified", r.bytesVerified()).bind("evicted", r.evicted() ? 1 : 0)
                .execute()) == 1;
    }

    public List<TorrentRow> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM torrents ORDER BY added_at, info_hash")
                .map((rs, ctx) -> row(rs)).list());
    }

    public Optional<TorrentRow> find(String infoHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM torrents WHERE info_hash = :h")
                .bind("h", infoHash).map((rs, ctx) -> row(rs)).findOne());
    }

    /** Records the metadata once the swarm sent it. */
    public void setMetainfo(String infoHash, byte[] metainfo, String name, long totalSize) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE torrents SET metainfo = :meta, name = :name, total_size = :size WHERE info_hash = :h")
                .bind("h", infoHash).bind("meta", metainfo).bind("name", name).bind("size", totalSize).execute());
    }

    public void setPaused(String infoHash, boolean paused) {
        set("paused", infoHash, paused ? 1 : 0);
    }

    /** Paused (or not) by the disk budget; see {@link TorrentRow#evicted()}. */
    public void setEvicted(String infoHash, boolean evicted) {
        set("evicted", infoHash, evicted ? 1 : 0);
    }

    public void setLastWatched(String infoHash, Instant at) {
        set("last_watched_at", infoHash, at.toEpochMilli());
    }

    public void setBytesVerified(String infoHash, long bytes) {
        set("bytes_verified", infoHash, bytes);
    }

    public boolean delete(String infoHash) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM torrents WHERE info_hash = :h")
                .bind("h", infoHash).execute()) == 1;
    }

    /** @param column one of this class's own column names, never input */
    private void set(String column, String infoHash, Object value) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE torrents SET " + column + " = :v WHERE info_hash = :h")
                .bind("h", infoHash).bind("v", value).execute());
    }

    private static TorrentRow row(ResultSet rs) throws SQLException {
        long watched = rs.getLong("last_watched_at");
        boolean watchedNull = rs.wasNull();
        return new TorrentRow(rs.getString("info_hash"), rs.getString("magnet"), rs.getBytes("metainfo"),
                rs.getString("name"), rs.getString("added_by"),
                rs.getObject("owner_id") == null ? null : rs.getLong("owner_id"), Instant.ofEpochMilli(rs.getLong("added_at")),
                rs.getInt("paused") != 0, watchedNull ? null : Instant.ofEpochMilli(watched),
                rs.getLong("total_size"), rs.getLong("bytes_verified"), rs.getInt("evicted") != 0);
    }
}
