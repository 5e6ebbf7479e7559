package dev.kino.store;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Accounts in SQLite. Blocking: call from a worker thread. */
public final class UserStore {
    /** A user with the stored hash, for verifying a password. */
    public record Credentials(User user, String passwordHash) {}

    private final Jdbi jdbi;

    public UserStore(Database db) {
        this.jdbi = db.jdbi();
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
    }

    public boolean exists(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE username = :u")
                .bind("u", username).mapTo(Long.class).one()) > 0;
    }

    public User create(String username, String passwordHash, boolean admin) {
        long id = jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO users(username, password_hash, is_admin, created_at) VALUES (:u, :p, :a, :t)")
                .bind("u", username).bind("p", passwordHash).bind("a", admin ? 1 : 0)
                .bind("t", System.currentTimeMillis())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new User(id, username, admin);
    }

    public void setPassword(String username, String passwordHash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET password_hash = :p WHERE username = :u")
                .bind("u", username).bind("p", passwordHash).execute());
    }

    /** Removes an account; its sessions go with it (foreign key cascade). Returns whether there was one. */
    public boolean delete(String username) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM users WHERE username = :u").bind("u", username).execute()) > 0;
    }

    /** Every account's id and current password hash: what a session's stamp is checked against. */
    public java.util.Map<Long, String> passwordHashes() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, password_hash FROM users")
                .reduceRows(new java.util.HashMap<Long, String>(), (m, row) -> {
                    m.put(row.getColumn("id", Long.class), row.getColumn("password_hash", String.class));
                    return m;
                }));
    }

    public Optional<Credentials> credentials(String username) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, username, is_admin, password_hash FROM users WHERE username = :u")
                .bind("u", username)
                .map((rs, ctx) -> new Credentials(
                        new User(rs.getLong("id"), rs.getString("username"), rs.getInt("is_admin") != 0),
                        rs.getString("password_hash")))
                .findOne());
    }
}
