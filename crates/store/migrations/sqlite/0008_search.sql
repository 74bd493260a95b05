-- Full-text search over answers. Keep in step with migrations/postgres.
-- A trigram index finds any part of a word, in any script (Chinese and Japanese write without
-- spaces), without case. It holds each answer as plain text (answers are stored as JSON, where
-- quotes and line breaks are escaped), keyed by the answer's rowid, and triggers keep it in the
-- answers' own transactions.
CREATE VIRTUAL TABLE answers_search USING fts5(value, tokenize = 'trigram');
INSERT INTO answers_search (rowid, value) SELECT rowid, json_extract(value, '$') FROM answers;

CREATE TRIGGER answers_search_insert AFTER INSERT ON answers BEGIN
    INSERT INTO answers_search (rowid, value) VALUES (new.rowid, json_extract(new.value, '$'));
END;
CREATE TRIGGER answers_search_delete AFTER DELETE ON answers BEGIN
    DELETE FROM answers_search WHERE rowid = old.rowid;
END;
CREATE TRIGGER answers_search_update AFTER UPDATE ON answers BEGIN
    DELETE FROM answers_search WHERE rowid = old.rowid;
    INSERT INTO answers_search (rowid, value) VALUES (new.rowid, json_extract(new.value, '$'));
END;
