-- The subtitle streams ffprobe found in each file, a line each (see MediaInfoStore); the results stored before are dropped so that
-- every file is probed again and gets its list.
ALTER TABLE media_info ADD COLUMN subtitles TEXT;
DELETE FROM media_info;
