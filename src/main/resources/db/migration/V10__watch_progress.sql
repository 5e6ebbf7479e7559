-- Where each user stopped in each library file (by relative path, as media_info), and whether they watched it.
CREATE TABLE watch_progress (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    path       TEXT    NOT NULL,
    position   REAL    NOT NULL,
    duration   REAL,
    watched    INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, path)
);
CREATE INDEX watch_progress_recent ON watch_progress(user_id, updated_at);
