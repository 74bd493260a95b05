-- Transcripts in the search feed (see 0011): each turn is a record of its own, keyed
-- '<transcript id>/<position>', so that a result links to the turn. A turn changes when it is
-- imported, re-mapped to another speaker or removed with its transcript; it also reads its
-- speaker's name and stakeholder group and its meeting's title and date, so a change to those
-- puts the turns they reach in the feed too. Keep in step with migrations/postgres.
CREATE TRIGGER search_turn_insert AFTER INSERT ON transcript_turns BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('transcript', new.transcript_id || '/' || new.position,
                CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_turn_update AFTER UPDATE ON transcript_turns BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('transcript', new.transcript_id || '/' || new.position,
                CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_turn_delete AFTER DELETE ON transcript_turns BEGIN
    INSERT INTO search_changes (source, key, at)
        VALUES ('transcript', old.transcript_id || '/' || old.position,
                CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
CREATE TRIGGER search_turn_speaker AFTER UPDATE ON meeting_participants BEGIN
    INSERT INTO search_changes (source, key, at)
        SELECT 'transcript', transcript_id || '/' || position,
               CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
        FROM transcript_turns WHERE participant_id = new.id;
END;
CREATE TRIGGER search_turn_meeting AFTER UPDATE ON meetings BEGIN
    INSERT INTO search_changes (source, key, at)
        SELECT 'transcript', t.transcript_id || '/' || t.position,
               CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
        FROM transcript_turns t JOIN transcripts r ON r.id = t.transcript_id
        WHERE r.meeting_id = new.id;
END;
