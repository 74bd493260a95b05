-- Conversations (issue 7): statements, their moderation, participants with the stakeholder
-- group and region they declared, and their votes; the latest opinion map of each.
-- Keep in step with migrations/sqlite.

CREATE TABLE conversations (
    id          TEXT PRIMARY KEY,
    process_id  TEXT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    topic       TEXT NOT NULL,
    description TEXT NOT NULL,
    open        BIGINT NOT NULL,
    -- Bumped by every vote and every moderation decision: what the map was computed from.
    version     BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL
);
CREATE INDEX conversations_process ON conversations (process_id, created_at, id);

CREATE TABLE conversation_participants (
    id                TEXT PRIMARY KEY,
    conversation_id   TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    number            BIGINT NOT NULL,
    user_id           TEXT REFERENCES users(id) ON DELETE SET NULL,
    stakeholder_group TEXT REFERENCES stakeholder_groups(code),
    region            TEXT,
    created_at        BIGINT NOT NULL,
    UNIQUE (conversation_id, number),
    UNIQUE (conversation_id, user_id)
);

CREATE TABLE statements (
    id              TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    number          BIGINT NOT NULL,
    body            TEXT NOT NULL,
    author_id       TEXT REFERENCES conversation_participants(id) ON DELETE SET NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    reason          TEXT,
    created_at      BIGINT NOT NULL,
    UNIQUE (conversation_id, number)
);

CREATE TABLE statement_votes (
    statement_id    TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    participant_id  TEXT NOT NULL REFERENCES conversation_participants(id) ON DELETE CASCADE,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    opinion         BIGINT NOT NULL CHECK (opinion IN (-1, 0, 1)),
    voted_at        BIGINT NOT NULL,
    -- The conversation's version this vote (or its latest change) made: the map's computer
    -- reads only the votes newer than the map it has.
    version         BIGINT NOT NULL,
    PRIMARY KEY (statement_id, participant_id)
);
CREATE INDEX statement_votes_participant ON statement_votes (participant_id);
CREATE INDEX statement_votes_version ON statement_votes (conversation_id, version);

-- The latest map of a conversation, as JSON, and the version it was computed from.
CREATE TABLE conversation_maps (
    conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    version         BIGINT NOT NULL,
    computed_at     BIGINT NOT NULL,
    map             TEXT NOT NULL
);
