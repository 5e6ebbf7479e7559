-- Live streams declared in the UI or API: the publish key is kept only as a hash.
CREATE TABLE streams (
    name       TEXT    PRIMARY KEY,
    key_hash   TEXT    NOT NULL,
    is_public  INTEGER NOT NULL DEFAULT 0,
    owner_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
