-- Review of session proposals (issue 6): the criteria a call's secretariat publishes and the
-- reviews each proposal gets; what each reviewer declares (organisation, conflicts); who
-- reviews what; the reviews; and the runs of the balanced selection, each with its rules,
-- pins and result, the last one shown. Scores are never public: only the reviewer and the
-- secretariat read them.
-- Keep in step with migrations/postgres.

CREATE TABLE review_settings (
    phase_id     TEXT PRIMARY KEY REFERENCES calls(phase_id) ON DELETE CASCADE,
    -- JSON: [{"name", "weight", "rubric": {"low", "middle", "high"}}]
    criteria     TEXT NOT NULL,
    per_proposal BIGINT NOT NULL
);

CREATE TABLE reviewer_profiles (
    phase_id     TEXT NOT NULL REFERENCES calls(phase_id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    organisation TEXT,
    -- JSON: ["organisation, person's name or proposal id", ...]
    conflicts    TEXT NOT NULL,
    PRIMARY KEY (phase_id, user_id)
);

CREATE TABLE review_assignments (
    proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    reviewer_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    phase_id    TEXT NOT NULL REFERENCES calls(phase_id) ON DELETE CASCADE,
    assigned_at BIGINT NOT NULL,
    PRIMARY KEY (proposal_id, reviewer_id)
);
CREATE INDEX review_assignments_reviewer ON review_assignments (reviewer_id);
CREATE INDEX review_assignments_phase ON review_assignments (phase_id);

-- A review exists only for an assignment.
CREATE TABLE reviews (
    proposal_id TEXT NOT NULL,
    reviewer_id TEXT NOT NULL,
    -- JSON: {"criterion name": 1..5}
    scores      TEXT NOT NULL,
    comment     TEXT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (proposal_id, reviewer_id),
    FOREIGN KEY (proposal_id, reviewer_id)
        REFERENCES review_assignments (proposal_id, reviewer_id) ON DELETE CASCADE
);

CREATE TABLE selection_runs (
    id       TEXT PRIMARY KEY,
    phase_id TEXT NOT NULL REFERENCES calls(phase_id) ON DELETE CASCADE,
    -- JSON: the committee's rules, pins and excludes with their reasons
    rules    TEXT NOT NULL,
    -- JSON: the selection, a reason for every proposal and the unmet constraints
    result   TEXT NOT NULL,
    ran_at   BIGINT NOT NULL,
    ran_by   TEXT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX selection_runs_phase ON selection_runs (phase_id, ran_at);
