-- Consultations: a questionnaire on a phase, one answer sheet per person. Keep in step with
-- migrations/sqlite. Booleans are BIGINT 0/1 (sqlx::Any has no portable bool column).

CREATE TABLE consultations (
    phase_id          TEXT PRIMARY KEY REFERENCES phases(id) ON DELETE CASCADE,
    description       TEXT NOT NULL,
    languages         TEXT NOT NULL,
    public_by_default BIGINT NOT NULL,
    on_behalf_allowed BIGINT NOT NULL,
    eligibility       TEXT NOT NULL
);

CREATE TABLE questions (
    id       TEXT PRIMARY KEY,
    phase_id TEXT NOT NULL REFERENCES consultations(phase_id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    prompt   TEXT NOT NULL,
    required BIGINT NOT NULL,
    kind     TEXT NOT NULL, -- JSON: {"type": "free-text", "word_limit": 500} …
    UNIQUE (phase_id, position)
);

CREATE TABLE submissions (
    id                TEXT PRIMARY KEY,
    phase_id          TEXT NOT NULL REFERENCES consultations(phase_id) ON DELETE CASCADE,
    user_id           TEXT REFERENCES users(id), -- NULL for imported answers
    receipt           TEXT NOT NULL UNIQUE,
    state             TEXT NOT NULL,
    public            BIGINT NOT NULL,
    stakeholder_group TEXT NOT NULL REFERENCES stakeholder_groups(code),
    country           TEXT,
    region            TEXT,
    organisation      TEXT,
    on_behalf         BIGINT NOT NULL,
    lang              TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    submitted_at      BIGINT,
    -- Imported answers: the import, the file's row, the respondent as the file names them.
    imported_batch    TEXT,
    imported_row      BIGINT,
    respondent_name   TEXT,
    respondent_email  TEXT,
    UNIQUE (phase_id, user_id)
);
-- Public answers are listed in id order: this index serves that order without a sort.
CREATE INDEX submissions_published ON submissions (phase_id, state, public, id);

CREATE TABLE answers (
    submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    question_id   TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    value         TEXT NOT NULL, -- JSON: a string, a list of choices, or 1–5
    PRIMARY KEY (submission_id, question_id)
);

-- A later deadline for one person, granted by the secretariat.
CREATE TABLE late_windows (
    phase_id TEXT NOT NULL REFERENCES consultations(phase_id) ON DELETE CASCADE,
    user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    until    BIGINT NOT NULL,
    PRIMARY KEY (phase_id, user_id)
);

-- API clients retrying after a timeout send the same Idempotency-Key: the first request's
-- submission is answered again instead of being saved twice.
CREATE TABLE idempotency_keys (
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (user_id, key)
);
