-- The live speaker queue of a meeting (issue 5): raised hands in order, who speaks, the
-- moderator's settings, and the written interventions of remote participants.
-- Keep in step with migrations/postgres.

-- One row per meeting whose queue has changed. Every queue write bumps `version` first,
-- which on PostgreSQL locks the row until commit, so the writes of one meeting's queue are
-- serialised on both backends; instances poll the version to learn of others' changes.
CREATE TABLE speaker_queues (
    meeting_id   TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    version      BIGINT NOT NULL,
    turn_seconds BIGINT,          -- the speaking-time limit per turn; NULL: none
    agenda_item  BIGINT           -- the agenda item under discussion (index); NULL: none
);

-- A raised hand. Name, group and place are the participant's when the hand went up, so the
-- record of who spoke for which group stays as it was if the participant is later removed.
CREATE TABLE queue_entries (
    id                TEXT PRIMARY KEY,
    meeting_id        TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    participant_id    TEXT REFERENCES meeting_participants(id) ON DELETE SET NULL,
    name              TEXT NOT NULL,
    stakeholder_group TEXT NOT NULL,
    remote            BIGINT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('waiting', 'speaking', 'done', 'withdrawn')),
    position          BIGINT NOT NULL,
    raised_at         BIGINT NOT NULL,
    started_at        BIGINT,
    ended_at          BIGINT,
    agenda_item       BIGINT
);
CREATE INDEX queue_entries_meeting ON queue_entries (meeting_id, raised_at, id);
-- One raised hand per participant at a time, and one speaker per meeting.
CREATE UNIQUE INDEX queue_entries_one_hand ON queue_entries (participant_id)
    WHERE state IN ('waiting', 'speaking');
CREATE UNIQUE INDEX queue_entries_one_speaker ON queue_entries (meeting_id)
    WHERE state = 'speaking';

CREATE TABLE written_interventions (
    id                TEXT PRIMARY KEY,
    meeting_id        TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    participant_id    TEXT REFERENCES meeting_participants(id) ON DELETE SET NULL,
    name              TEXT NOT NULL,
    stakeholder_group TEXT NOT NULL,
    text              TEXT NOT NULL,
    at                BIGINT NOT NULL,
    agenda_item       BIGINT
);
CREATE INDEX written_interventions_meeting ON written_interventions (meeting_id, at, id);
