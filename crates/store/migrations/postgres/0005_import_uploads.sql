-- Files uploaded for a bulk import of answers, kept between the web's steps (upload, column
-- mapping, preview, commit). Committing the import empties `bytes` and records the batch (so a
-- second click finds the import done rather than nothing); the server's hourly housekeeping
-- removes every row after 24 hours. Keep in step with migrations/sqlite.
CREATE TABLE import_uploads (
    id          TEXT PRIMARY KEY,
    phase_id    TEXT NOT NULL REFERENCES consultations(phase_id) ON DELETE CASCADE,
    uploader_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    filename    TEXT NOT NULL,
    encoding    TEXT NOT NULL,        -- auto, latin1 or utf-16le
    sheet       TEXT,                 -- XLSX: the sheet to read; NULL for the first
    bytes       BYTEA NOT NULL,
    map         TEXT,                 -- the MAP.toml of the last preview
    batch       TEXT,                 -- set when committed: the import batch it became
    created_at  BIGINT NOT NULL
);
CREATE INDEX import_uploads_created ON import_uploads (created_at);
