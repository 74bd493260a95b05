-- The outbox: email (receipts, deadline reminders) written in the transaction of what it
-- reports and delivered afterwards by a worker that retries. Keep in step with
-- migrations/postgres.

CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,   -- 'receipt' or 'reminder'
    -- What the message is about, e.g. 'receipt:<sheet>:<submitted ms>' or
    -- 'reminder-48h:<consultation>:<account>': the same message is never queued twice.
    dedup_key       TEXT NOT NULL UNIQUE,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,   -- plain text, rendered in the recipient's language
    lang            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    state           TEXT NOT NULL,   -- 'queued', 'sent', 'logged' (no SMTP: the log was the delivery), 'failed'
    attempts        BIGINT NOT NULL,
    -- Not before this instant (the worker's clock): a claim's lease or a retry's backoff.
    -- NULL: at once.
    next_attempt_at BIGINT,
    last_error      TEXT,
    sent_at         BIGINT
);
-- The worker takes queued messages oldest first; sent ones leave this index.
CREATE INDEX outbox_queued ON outbox (created_at, id) WHERE state = 'queued';
