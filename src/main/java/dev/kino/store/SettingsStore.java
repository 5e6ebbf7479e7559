package dev.kino.store;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Named facts the server records for the CLI (such as its media folder). Blocking: call from a worker thread. */
public final class SettingsStore {
    public static final String MEDIA_ROOT = "media.root";

    private final Jdbi jdbi;

    public SettingsStore(Database db) {
        this.jdbi = db.jdbi();
    }

    public void put(String key, String value) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO settings(key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = :v")
                .bind("k", key).bind("v", value).execute());
    }

    public Optional<String> get(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM settings WHERE key = :k").bind("k", key).mapTo(String.class).findOne());
    }
}
