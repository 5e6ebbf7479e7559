package dev.kino.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Each user's place in each library file, and whether they watched it. Blocking: call from a worker thread. */
public final class WatchStore {
    /**
     * @param position seconds into the file where the user stopped
     * @param duration the file's length as the player saw it, or null
     */
    public record Progress(String path, double position, Double duration, boolean watched, long updatedMillis) {}

    private static final String COLUMNS = "SELECT path, position, duration, watched, updated_at FROM watch_progress";

    private final Jdbi jdbi;

    public WatchStore(Database db) {
        this.jdbi = db.jdbi();
    }

    public void put(long userId, String path, double position, Double duration, boolean watched) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO watch_progress(user_id, path, position, duration, watched, updated_at)
                        VALUES (:u, :p, :pos, :d, :w, :t)
                        ON CONFLICT(user_id, path) DO UPDATE SET position = excluded.position, duration = excluded.duration,
                          watched = excluded.watched, updated_at = excluded.updated_at""")
                .bind("u", userId).bind("p", path).bind("pos", position).bind("d", duration).bind("w", watched ? 1 : 0)
                .bind("t", System.currentTimeMillis()).execute());
    }

    public Optional<Progress> get(long userId, String path) {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + " WHERE user_id = :u AND path = :p")
                .bind("u", userId).bind("p", path).map((rs, ctx) -> row(rs)).findOne());
    }

    /** The user's progress in every file, by path. */
    public Map<String, Progress> all(long userId) {
        Map<String, Progress> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery(COLUMNS + " WHERE user_id = :u").bind("u", userId).map((rs, ctx) -> row(rs))
                .forEach(p -> out.put(p.path(), p)));
        return out;
    }

    /** Files the user stopped in and has not watched, most recent first. */
    public List<Progress> unfinished(long userId, int limit) {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + " WHERE user_id = :u AND watched = 0 AND position > 0"
                        + " ORDER BY updated_at DESC LIMIT :n")
                .bind("u", userId).bind("n", limit).map((rs, ctx) -> row(rs)).list());
    }

    private static Progress row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Progress(rs.getString("path"), rs.getDouble("position"),
                rs.getObject("duration") == null ? null : rs.getDouble("duration"), rs.getInt("watched") == 1,
                rs.getLong("updated_at"));
    }
}
