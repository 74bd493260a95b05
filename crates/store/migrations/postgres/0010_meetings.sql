-- Meetings of a process (issue 5): when and where, the agenda, the interpretation languages,
-- and the participants with their stakeholder group and whether they are remote.
-- Keep in step with migrations/sqlite.

CREATE TABLE meetings (
    id          TEXT PRIMARY KEY,
    process_id  TEXT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_at   BIGINT NOT NULL,
    ends_at     BIGINT NOT NULL CHECK (ends_at > starts_at),
    place       TEXT,
    online_url  TEXT,
    languages   TEXT NOT NULL, -- BCP 47 tags, comma-separated, in the order given
    created_at  BIGINT NOT NULL
);
CREATE INDEX meetings_process ON meetings (process_id, starts_at, id);
CREATE INDEX meetings_start ON meetings (starts_at, id);

CREATE TABLE agenda_items (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    title      TEXT NOT NULL,
    minutes    BIGINT,
    PRIMARY KEY (meeting_id, position)
);

CREATE TABLE meeting_participants (
    id                TEXT PRIMARY KEY,
    meeting_id        TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    sort_key          TEXT NOT NULL,
    name              TEXT NOT NULL,
    person_id         TEXT REFERENCES people(id) ON DELETE SET NULL,
    user_id           TEXT REFERENCES users(id) ON DELETE SET NULL,
    stakeholder_group TEXT NOT NULL REFERENCES stakeholder_groups(code),
    gender            TEXT,
    role              TEXT NOT NULL, -- 'moderator', 'panellist' or 'attendee'
    remote            BIGINT NOT NULL,
    created_at        BIGINT NOT NULL,
    UNIQUE (meeting_id, user_id)
);
CREATE INDEX meeting_participants_meeting ON meeting_participants (meeting_id, sort_key, id);
