-- Full-text search over answers. Keep in step with migrations/sqlite.
-- A trigram index finds any part of a word, in any script (Chinese and Japanese write without
-- spaces), without case: it serves `LOWER(value::jsonb #>> '{}') LIKE '%…%'`, the answer as
-- plain text (answers are stored as JSON, where quotes and line breaks are escaped). pg_trgm
-- ships with PostgreSQL (contrib); creating it needs a role allowed to create extensions.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX answers_search ON answers USING gin (LOWER(value::jsonb #>> '{}') gin_trgm_ops);
