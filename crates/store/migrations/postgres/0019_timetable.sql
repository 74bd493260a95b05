-- The venue and timetable of a call for proposals (issue 6): where and when its sessions take
-- place, where each accepted proposal is placed, and what was last published. The venue and
-- the placements are kept as JSON: they are read and written whole, never queried in part.
-- Keep in step with migrations/sqlite.

CREATE TABLE venues (
    phase_id TEXT PRIMARY KEY REFERENCES calls(phase_id) ON DELETE CASCADE,
    -- JSON: {"time_zone", "days", "slots": [{"date", "start", "minutes"}],
    --        "rooms": [{"name", "capacity", "accessible", "unavailable"}],
    --        "format_audience": {format: n}, "audience": {proposal id: n}}
    venue    TEXT NOT NULL
);

CREATE TABLE timetables (
    phase_id   TEXT PRIMARY KEY REFERENCES calls(phase_id) ON DELETE CASCADE,
    -- Counts the edits: a move names the version it was made on, so a stale form fails.
    version    BIGINT NOT NULL,
    -- JSON: [{"proposal_id", "room", "slot"}]
    placements TEXT NOT NULL,
    -- JSON, NULL until published: {"version", "venue", "placements", "published_at"}
    published  TEXT
);
