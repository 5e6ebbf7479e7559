-- The chapters ffprobe found in each file, a line each (see MediaInfoStore); every file is probed again for them.
ALTER TABLE media_info ADD COLUMN chapters TEXT;
DELETE FROM media_info;
