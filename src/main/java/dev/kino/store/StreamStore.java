package dev.kino.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Declared live streams. Blocking: call from a worker thread. */
public final class StreamStore {
    /** A declared stream; the key itself is never stored. {@code record}: its publish sessions are recorded. */
    public record StreamRow(String name, String keyHash, boolean isPublic, Long ownerId, boolean record) {}

    private static final String COLUMNS = "SELECT name, key_hash, is_public, owner_id, record FROM streams";

    private final Jdbi jdbi;

    public StreamStore(Database db) {
        this.jdbi = db.jdbi();
    }

    /** False if a stream of that name exists already. */
    public boolean create(String name, String keyHash, boolean isPublic, long ownerId) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT OR IGNORE INTO streams(name, key_hash, is_public, owner_id, created_at)
                        VALUES (:n, :k, :p, :o, :t)""")
                .bind("n", name).bind("k", keyHash).bind("p", isPublic ? 1 : 0).bind("o", ownerId)
                .bind("t", System.currentTimeMillis()).execute()) == 1;
    }

    public boolean setKeyHash(String name, String keyHash) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE streams SET key_hash = :k WHERE name = :n")
                .bind("n", name).bind("k", keyHash).execute()) == 1;
    }

    /** Whether the stream's publish sessions are recorded; false if there is no such stream. */
    public boolean setRecord(String name, boolean record) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE streams SET record = :r WHERE name = :n")
                .bind("n", name).bind("r", record ? 1 : 0).execute()) == 1;
    }

    public Optional<StreamRow> find(String name) {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + " WHERE name = :n")
                .bind("n", name)
                .map((rs, ctx) -> row(rs))
                .findOne());
    }

    public List<StreamRow> all() {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + " ORDER BY name")
                .map((rs, ctx) -> row(rs))
                .list());
    }

    private static StreamRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StreamRow(rs.getString(1), rs.getString(2), rs.getInt(3) != 0, rs.getObject(4) == null ? null : rs.getLong(4),
                rs.getInt(5) != 0);
    }
}
