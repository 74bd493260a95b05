-- Agora foundation schema, PostgreSQL flavour. Keep in step with migrations/sqlite.
-- Instants are BIGINT unix milliseconds (UTC); ids are UUIDv7 text; dates are ISO text.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE stakeholder_groups (
    code     TEXT PRIMARY KEY,
    position BIGINT NOT NULL
);
INSERT INTO stakeholder_groups (code, position) VALUES
    ('government', 1), ('private-sector', 2), ('civil-society', 3),
    ('technical-community', 4), ('academic-community', 5), ('intergovernmental-organisation', 6);

CREATE TABLE organisations (
    id                TEXT PRIMARY KEY,
    sort_key          TEXT COLLATE "C" NOT NULL,
    name              TEXT NOT NULL,
    acronym           TEXT,
    stakeholder_group TEXT NOT NULL REFERENCES stakeholder_groups(code),
    country           TEXT,
    website           TEXT,
    created_at        BIGINT NOT NULL
);
CREATE INDEX organisations_sort ON organisations (sort_key, id);

CREATE TABLE people (
    id                TEXT PRIMARY KEY,
    sort_key          TEXT COLLATE "C" NOT NULL,
    name              TEXT NOT NULL,
    organisation_id   TEXT REFERENCES organisations(id),
    affiliation       TEXT,
    stakeholder_group TEXT NOT NULL REFERENCES stakeholder_groups(code),
    country           TEXT,
    region            TEXT,
    languages         TEXT NOT NULL,
    gender            TEXT,
    created_at        BIGINT NOT NULL
);
CREATE INDEX people_sort ON people (sort_key, id);
CREATE INDEX people_organisation ON people (organisation_id);

CREATE TABLE processes (
    id           TEXT PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    mandate      TEXT NOT NULL,
    convenor_id  TEXT REFERENCES organisations(id),
    display_zone TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);

CREATE TABLE process_seats (
    process_id        TEXT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    stakeholder_group TEXT NOT NULL REFERENCES stakeholder_groups(code),
    seats             BIGINT NOT NULL CHECK (seats >= 0),
    PRIMARY KEY (process_id, stakeholder_group)
);

CREATE TABLE phases (
    id         TEXT PRIMARY KEY,
    process_id TEXT NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    opens_at   BIGINT NOT NULL,
    closes_at  BIGINT NOT NULL CHECK (closes_at > opens_at)
);
CREATE INDEX phases_process ON phases (process_id, opens_at);

CREATE TABLE events (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    acronym     TEXT,
    organiser   TEXT NOT NULL,
    place       TEXT NOT NULL,
    starts_on   TEXT COLLATE "C" NOT NULL,
    ends_on     TEXT NOT NULL CHECK (ends_on >= starts_on),
    process_id  TEXT REFERENCES processes(id) ON DELETE SET NULL,
    url         TEXT,
    description TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX events_start ON events (starts_on, id);
CREATE INDEX events_process ON events (process_id);

CREATE TABLE glossary_entries (
    id         TEXT PRIMARY KEY,
    sort_key   TEXT COLLATE "C" NOT NULL UNIQUE,
    acronym    TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE glossary_expansions (
    entry_id TEXT NOT NULL REFERENCES glossary_entries(id) ON DELETE CASCADE,
    lang     TEXT NOT NULL,
    position BIGINT NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (entry_id, lang)
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

CREATE TABLE grants (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    scope      TEXT NOT NULL, -- a process id, or '*' for a global grant (NULLs never collide in UNIQUE)
    created_at BIGINT NOT NULL,
    UNIQUE (user_id, role, scope)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
    seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        BIGINT NOT NULL,
    actor_id  TEXT,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before    TEXT,
    after     TEXT
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
