-- Facts a running server records for the command-line tools that open the same data dir (kino sign reads the media
-- folder from here, so that it only signs paths the server can serve).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
