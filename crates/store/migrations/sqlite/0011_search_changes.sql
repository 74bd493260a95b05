-- The search index's feed. Keep in step with migrations/postgres.
-- Every write to a record that search shows (or stops showing) adds a row here, by trigger, in
-- the writer's own transaction: no code path can forget it, and a change is in the feed exactly
-- when it is committed. The indexer of each `agora serve` reads the rows after the last one its
-- index holds (the watermark in the index's commit), reads each record again through the store
-- and indexes it or removes it. `source` names what the key is an id of: 'answer' (an answer
-- sheet), 'glossary' (an entry), 'process'. Rows older than a month are purged; an index whose
-- watermark is older than the oldest row left is rebuilt.
CREATE TABLE search_changes (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    key    TEXT NOT NULL,
    at     BIGINT NOT NULL
);
CREATE INDEX search_changes_at ON search_changes (at);

-- An answer sheet matters to search while it is, or was, submitted and public; drafts do not.
-- Its answers are only ever written together with the sheet's row.
CREATE TRIGGER search_sheet_insert AFTER INSERT ON submissions
    WHEN new.state = 'submitted' AND new.public = 1 BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('answer', new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_sheet_update AFTER UPDATE ON submissions
    WHEN (old.state = 'submitted' AND old.public = 1) OR (new.state = 'submitted' AND new.public = 1) BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('answer', new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_sheet_delete AFTER DELETE ON submissions
    WHEN old.state = 'submitted' AND old.public = 1 BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('answer', old.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

-- Moderation hides a sheet from the public pages, and so from search.
CREATE TRIGGER search_moderation_insert AFTER INSERT ON moderations BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('answer', new.submission_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_moderation_update AFTER UPDATE ON moderations BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('answer', new.submission_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_moderation_delete AFTER DELETE ON moderations BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('answer', old.submission_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER search_glossary_insert AFTER INSERT ON glossary_entries BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('glossary', new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_glossary_update AFTER UPDATE ON glossary_entries BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('glossary', new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_glossary_delete AFTER DELETE ON glossary_entries BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('glossary', old.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_expansion_insert AFTER INSERT ON glossary_expansions BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('glossary', new.entry_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_expansion_update AFTER UPDATE ON glossary_expansions BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('glossary', new.entry_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_expansion_delete AFTER DELETE ON glossary_expansions BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('glossary', old.entry_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER search_process_insert AFTER INSERT ON processes BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('process', new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_process_update AFTER UPDATE ON processes BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('process', new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_process_delete AFTER DELETE ON processes BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('process', old.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
