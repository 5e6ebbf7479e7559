package dev.kino.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Declared live streams. Blocking: call from a worker thread. */
public final class StreamStore {
    /** A declared stream; the key itself is never stored. */
    public record StreamRow(String name, String keyHash, boolean isPublic, Long ownerId) {}

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

    public Optional<StreamRow> find(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, key_hash, is_public, owner_id FROM streams WHERE name = :n")
                .bind("n", name)
                .map((rs, ctx) -> new StreamRow(rs.getString(1), rs.getString(2), rs.getInt(3) != 0,
                        rs.getObject(4) == null ? null : rs.getLong(4)))
                .findOne());
    }

    public List<StreamRow> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, key_hash, is_public, owner_id FROM streams ORDER BY name")
                .map((rs, ctx) -> new StreamRow(rs.getString(1), rs.getString(2), rs.getInt(3) != 0,
                        rs.getObject(4) == null ? null : rs.getLong(4)))
                .list());
    }
}
