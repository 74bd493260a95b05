-- The secretariat's workspace: moderation and tags on answer sheets. Keep in step with
-- migrations/sqlite.

-- Honest moderation: a sheet marked confidential or hidden stays, with the reason, for the
-- secretariat; only the public pages leave it out.
CREATE TABLE moderations (
    submission_id TEXT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
    visibility    TEXT NOT NULL, -- 'confidential' or 'hidden'
    reason        TEXT NOT NULL,
    moderator_id  TEXT REFERENCES users(id),
    at            BIGINT NOT NULL
);

CREATE TABLE submission_tags (
    submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
    tag           TEXT NOT NULL,
    PRIMARY KEY (submission_id, tag)
);
CREATE INDEX submission_tags_tag ON submission_tags (tag, submission_id);
-- The workspace filters and counts by these; the index covers the counting queries.
CREATE INDEX submissions_facets ON submissions (phase_id, state, stakeholder_group, lang, region);
