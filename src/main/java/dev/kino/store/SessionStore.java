package dev.kino.store;

import org.jdbi.v3.core.Jdbi;

/** Login sessions in SQLite, keyed by the SHA-256 of the cookie token. Blocking: call from a worker thread. */
public final class SessionStore {
    /** A live session. */
    /** A live session; {@code passwordHash} is its user's current one (a session is void once it changes). */
    public record StoredSession(String tokenHash, User user, String passwordHash, long expiresAtMillis) {}

    private final Jdbi jdbi;

    public SessionStore(Database db) {
        this.jdbi = db.jdbi();
    }

    public void insert(String tokenHash, long userId, long createdAt, long expiresAt) {
        jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO sessions(token_hash, user_id, created_at, expires_at) VALUES (:h, :u, :c, :e)")
                .bind("h", tokenHash).bind("u", userId).bind("c", createdAt).bind("e", expiresAt).execute());
    }

    public java.util.List<StoredSession> all(long now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.token_hash, s.expires_at, u.id, u.username, u.is_admin, u.password_hash
                        FROM sessions s JOIN users u ON u.id = s.user_id
                        WHERE s.expires_at > :now""")
                .bind("now", now)
                .map((rs, ctx) -> new StoredSession(rs.getString("token_hash"),
                        new User(rs.getLong("id"), rs.getString("username"), rs.getInt("is_admin") != 0),
                        rs.getString("password_hash"), rs.getLong("expires_at")))
                .list());
    }

    public void delete(String tokenHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :h").bind("h", tokenHash).execute());
    }

    /** Ends every session of a user except {@code keepTokenHash} (null: all of them); returns how many ended. */
    public int deleteForUser(long userId, String keepTokenHash) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE user_id = :u AND token_hash IS NOT :k")
                .bind("u", userId).bind("k", keepTokenHash).execute());
    }

    public int deleteExpired(long now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at <= :now").bind("now", now).execute());
    }
}
