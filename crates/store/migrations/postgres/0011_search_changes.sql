-- The search index's feed. Keep in step with migrations/sqlite (which explains it).
-- Here the triggers are deferred constraint triggers: they run when the transaction commits,
-- so a row's seq is taken at commit time. A sequence hands out numbers at insert, not in commit
-- order, and an immediate trigger of a long transaction would leave a low seq that commits
-- after higher ones, which an indexer tailing the feed might pass over; taken at commit, the
-- window is the commit itself, and the indexer waits for a missing seq a while before it takes
-- it for a rolled-back one.
CREATE TABLE search_changes (
    seq    BIGSERIAL PRIMARY KEY,
    source TEXT NOT NULL,
    key    TEXT NOT NULL,
    at     BIGINT NOT NULL
);
CREATE INDEX search_changes_at ON search_changes (at);

-- search_changed(source, key column): records the row's key, from NEW, or OLD on a delete.
CREATE FUNCTION search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_changes (source, key, at) VALUES (
        TG_ARGV[0],
        CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ->> TG_ARGV[1] ELSE to_jsonb(NEW) ->> TG_ARGV[1] END,
        (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT
    );
    RETURN NULL;
END;
$$;

-- An answer sheet matters to search while it is, or was, submitted and public; drafts do not.
-- Its answers are only ever written together with the sheet's row.
CREATE CONSTRAINT TRIGGER search_sheet_insert AFTER INSERT ON submissions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.state = 'submitted' AND NEW.public = 1)
    EXECUTE FUNCTION search_changed('answer', 'id');
CREATE CONSTRAINT TRIGGER search_sheet_update AFTER UPDATE ON submissions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN ((OLD.state = 'submitted' AND OLD.public = 1) OR (NEW.state = 'submitted' AND NEW.public = 1))
    EXECUTE FUNCTION search_changed('answer', 'id');
CREATE CONSTRAINT TRIGGER search_sheet_delete AFTER DELETE ON submissions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.state = 'submitted' AND OLD.public = 1)
    EXECUTE FUNCTION search_changed('answer', 'id');

-- Moderation hides a sheet from the public pages, and so from search.
CREATE CONSTRAINT TRIGGER search_moderation AFTER INSERT OR UPDATE OR DELETE ON moderations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION search_changed('answer', 'submission_id');

CREATE CONSTRAINT TRIGGER search_glossary AFTER INSERT OR UPDATE OR DELETE ON glossary_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION search_changed('glossary', 'id');
CREATE CONSTRAINT TRIGGER search_expansion AFTER INSERT OR UPDATE OR DELETE ON glossary_expansions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION search_changed('glossary', 'entry_id');

CREATE CONSTRAINT TRIGGER search_process AFTER INSERT OR UPDATE OR DELETE ON processes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION search_changed('process', 'id');
