-- The account that added a torrent: it and the admins alone see and control it. Rows from before this column have
-- no owner and are the admins' alone, as are the torrents of an account that is removed.
ALTER TABLE torrents ADD COLUMN owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
