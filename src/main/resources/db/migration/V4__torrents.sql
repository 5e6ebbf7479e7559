-- Torrents added in the UI or API, re-added on every start. The metainfo (a .torrent file's bytes) is stored once
-- known, so that a restart needs no swarm for metadata; until then the magnet link is all there is.
CREATE TABLE torrents (
    info_hash       TEXT    PRIMARY KEY,
    magnet          TEXT,
    metainfo        BLOB,
    name            TEXT    NOT NULL,
    added_by        TEXT,
    added_at        INTEGER NOT NULL,
    paused          INTEGER NOT NULL DEFAULT 0,
    last_watched_at INTEGER,
    total_size      INTEGER NOT NULL DEFAULT 0,
    bytes_verified  INTEGER NOT NULL DEFAULT 0,
    CHECK (magnet IS NOT NULL OR metainfo IS NOT NULL)
);
