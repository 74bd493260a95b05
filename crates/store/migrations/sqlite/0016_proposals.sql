-- Calls for proposals (issue 6): the themes and session formats of a call-for-proposals
-- phase, and the session proposals sent to it. The people of a proposal are kept as JSON:
-- they are read and written with their proposal, never queried alone.
-- Keep in step with migrations/postgres.

CREATE TABLE calls (
    phase_id TEXT PRIMARY KEY REFERENCES phases(id) ON DELETE CASCADE,
    -- JSON: [{"name", "sub_themes": [...]}]
    themes   TEXT NOT NULL,
    -- JSON: [{"name", "minutes"}]
    formats  TEXT NOT NULL
);

CREATE TABLE proposals (
    id               TEXT PRIMARY KEY,
    phase_id         TEXT NOT NULL REFERENCES calls(phase_id) ON DELETE CASCADE,
    author_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title            TEXT NOT NULL,
    description      TEXT NOT NULL,
    policy_questions TEXT NOT NULL,
    format           TEXT NOT NULL,
    theme            TEXT NOT NULL,
    sub_theme        TEXT,
    -- JSON: [{"role", "name", "organisation", "stakeholder_group", "region", "gender",
    --         "remote", "confirmed", "moderator"}]
    people           TEXT NOT NULL,
    first_time       BIGINT NOT NULL,
    report_filed     BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
-- Submission order: what screening's caps count in.
CREATE INDEX proposals_phase ON proposals (phase_id, created_at, id);
CREATE INDEX proposals_author ON proposals (author_id);
