-- What ffprobe found in each library file, valid while the file's size and modification time are unchanged.
CREATE TABLE media_info (
    path        TEXT    PRIMARY KEY,
    size        INTEGER NOT NULL,
    mtime       INTEGER NOT NULL,
    duration    REAL,
    width       INTEGER,
    height      INTEGER,
    video_codec TEXT,
    audio_codec TEXT,
    bitrate     INTEGER,
    error       TEXT,
    probed_at   INTEGER NOT NULL
);
