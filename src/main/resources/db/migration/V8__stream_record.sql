-- Whether each publish session of a stream declared in the UI or API is recorded into the library.
ALTER TABLE streams ADD COLUMN record INTEGER NOT NULL DEFAULT 0;
