-- Transcripts in the search feed (see 0011 and migrations/sqlite, which explains it): each
-- turn is a record keyed '<transcript id>/<position>'; a change to its speaker or its meeting
-- puts the turns they reach in the feed too. Deferred to commit like the other feed triggers.
CREATE FUNCTION search_turn_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    turn transcript_turns;
BEGIN
    IF TG_OP = 'DELETE' THEN turn := OLD; ELSE turn := NEW; END IF;
    INSERT INTO search_changes (source, key, at) VALUES (
        'transcript', turn.transcript_id || '/' || turn.position,
        (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT
    );
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER search_turn AFTER INSERT OR UPDATE OR DELETE ON transcript_turns
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION search_turn_changed();

CREATE FUNCTION search_turns_of_speaker() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_changes (source, key, at)
        SELECT 'transcript', transcript_id || '/' || position,
               (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT
        FROM transcript_turns WHERE participant_id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER search_turn_speaker AFTER UPDATE ON meeting_participants
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION search_turns_of_speaker();

CREATE FUNCTION search_turns_of_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_changes (source, key, at)
        SELECT 'transcript', t.transcript_id || '/' || t.position,
               (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT
        FROM transcript_turns t JOIN transcripts r ON r.id = t.transcript_id
        WHERE r.meeting_id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER search_turn_meeting AFTER UPDATE ON meetings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION search_turns_of_meeting();
