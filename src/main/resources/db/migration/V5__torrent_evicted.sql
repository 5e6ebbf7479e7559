-- A torrent whose data the disk budget deleted stays paused until someone watches it again; remembered across
-- restarts so that watching it after one still resumes it (a torrent paused by hand stays paused).
ALTER TABLE torrents ADD COLUMN evicted INTEGER NOT NULL DEFAULT 0;
