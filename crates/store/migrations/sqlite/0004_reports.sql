-- Reports of answer sheets submitted in someone's name without their consent (ACUS 2021-1).
-- Keep in step with migrations/postgres.

CREATE TABLE attribution_reports (
    id            TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    reporter_id   TEXT REFERENCES users(id), -- NULL when the reporter was not signed in
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,
    statement     TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    state         TEXT NOT NULL, -- 'open', 'upheld' or 'dismissed'
    note          TEXT,          -- the secretariat's, once decided
    resolver_id   TEXT REFERENCES users(id),
    resolved_at   BIGINT
);
CREATE INDEX attribution_reports_sheet ON attribution_reports (submission_id, state);
