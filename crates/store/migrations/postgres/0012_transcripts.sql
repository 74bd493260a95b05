-- Meeting records (issue 5): transcripts imported into a meeting, their turns with the
-- participant each was attributed to (NULL: nobody identified the speaker), and the files
-- uploaded for import, kept while the secretariat reviews the speaker mapping. Committing a
-- review empties `bytes` and records the transcript it became (so a second click finds the
-- import done); the server's hourly housekeeping removes every upload after 24 hours.
-- Keep in step with migrations/sqlite.

CREATE TABLE transcripts (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    title       TEXT,
    date_text   TEXT,            -- the header's date line, as written
    place       TEXT,
    language    TEXT,            -- ISO 639-1, as detected
    format      TEXT NOT NULL,   -- the parser that read it
    filename    TEXT NOT NULL,
    disclaimers TEXT NOT NULL,   -- JSON array of strings
    inaudible   BIGINT NOT NULL,
    warnings    TEXT NOT NULL,   -- JSON array of strings
    imported_at BIGINT NOT NULL,
    imported_by TEXT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX transcripts_meeting ON transcripts (meeting_id, imported_at, id);
CREATE INDEX transcripts_imported ON transcripts (imported_at, id);

CREATE TABLE transcript_turns (
    transcript_id  TEXT NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
    position       BIGINT NOT NULL,
    participant_id TEXT REFERENCES meeting_participants(id) ON DELETE SET NULL,
    kind           TEXT NOT NULL,  -- 'speech', or 'narrative' (text about the meeting)
    speaker        TEXT,           -- the parse's speaker (spellings merged); NULL for `>>`
    label          TEXT,           -- the label as written; NULL for `>>`
    body           TEXT NOT NULL,
    line           BIGINT NOT NULL,
    start_ms       BIGINT,
    end_ms         BIGINT,
    words          BIGINT NOT NULL,
    PRIMARY KEY (transcript_id, position)
);
CREATE INDEX transcript_turns_participant ON transcript_turns (participant_id);

CREATE TABLE transcript_uploads (
    id            TEXT PRIMARY KEY,
    meeting_id    TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    uploader_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    filename      TEXT NOT NULL,
    bytes         BYTEA NOT NULL,
    created_at    BIGINT NOT NULL,
    transcript_id TEXT            -- set when committed: the transcript it became
);
CREATE INDEX transcript_uploads_created ON transcript_uploads (created_at);
