-- The synthesis of a consultation's free-text answers (issue 4): one row per consultation
-- holding the background job that runs the engine, the engine's output, the secretariat's
-- draft and the published version. Keep in step with migrations/sqlite.

CREATE TABLE syntheses (
    phase_id     TEXT PRIMARY KEY REFERENCES consultations(phase_id) ON DELETE CASCADE,
    state        TEXT NOT NULL,   -- 'queued', 'running', 'done' or 'failed'
    stage        TEXT NOT NULL,   -- the engine's stage ('reading', 'campaigns', 'themes', 'quotes')
    done         BIGINT NOT NULL, -- units of the stage's work done, of total
    total        BIGINT NOT NULL,
    error        TEXT,            -- why the job failed
    started_at   BIGINT NOT NULL,
    started_by   TEXT REFERENCES users(id),
    finished_at  BIGINT,
    output       TEXT,            -- the engine's output as JSON, once done
    draft        TEXT,            -- the secretariat's draft as JSON, once done
    published    TEXT,            -- the published snapshot as JSON
    published_at BIGINT,
    published_by TEXT REFERENCES users(id)
);
