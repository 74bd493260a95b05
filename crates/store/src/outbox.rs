//! The outbox: email kept in the database until it is delivered, so that a message and what
//! it reports commit together. A receipt is queued by the very transaction that saves the
//! submitted sheet ([`Store::save_submission`]): an acknowledged submission has its receipt
//! queued even if the process dies a moment later. The store knows no languages; callers
//! hand in a rendered [`Letter`].
//!
//! A worker (in agora-web) claims due messages, delivers them and records the outcome. A
//! claim is a lease: a worker that dies while sending leaves the message to be claimed again
//! when the lease ends, so delivery is at least once, and two instances sharing a PostgreSQL
//! database never hold the same message at once. Each message has a unique key naming what
//! it is about, so the same receipt or reminder is never queued twice.
//!
//! Bookkeeping (claims, attempts, the backoff between tries) is not audited; what happened to
//! a message in the end (sent, written to the log, given up) is, as is a reminder queued.
//! Outcomes are recorded a batch at a time, so that delivery takes SQLite's one write lock
//! once per batch rather than once per message, beside the submissions that queue them.

use jiff::Timestamp;
use serde::Serialize;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::{Result, Store, StoreError, audit, now_ms, row};

/// A message as its reader will see it, rendered by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Letter {
    pub recipient: String,
    pub subject: String,
    /// Plain text.
    pub body: String,
    /// The language it is written in (a BCP 47 tag).
    pub lang: String,
}

/// What a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MailKind {
    /// Proof that a sheet was submitted, with its receipt code.
    Receipt,
    /// A consultation closes soon and the person's answers are still a draft.
    Reminder,
    /// A proposal was accepted into the programme or declined.
    Decision,
}

impl MailKind {
    pub fn code(self) -> &'static str {
        match self {
            MailKind::Receipt => "receipt",
            MailKind::Reminder => "reminder",
            MailKind::Decision => "decision",
        }
    }

    fn from_code(code: &str) -> Option<MailKind> {
        [MailKind::Receipt, MailKind::Reminder, MailKind::Decision]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// A message a worker has claimed, to deliver before its lease ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub id: Uuid,
    pub kind: MailKind,
    pub letter: Letter,
    /// Tries so far, this one included.
    pub attempts: u32,
    pub created_at: Timestamp,
}

/// How a message left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Handed to the SMTP server.
    Smtp,
    /// Written to the server's log, because no SMTP server is configured.
    Log,
}

impl Delivery {
    /// The message's state afterwards.
    fn state(self) -> &'static str {
        match self {
            Delivery::Smtp => "sent",
            Delivery::Log => "logged",
        }
    }

    /// The audit log's name for it.
    fn action(self) -> &'static str {
        match self {
            Delivery::Smtp => "send",
            Delivery::Log => "log",
        }
    }
}

/// What became of a claimed message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It left, at `at` (the worker's clock).
    Delivered {
        id: Uuid,
        how: Delivery,
        at: Timestamp,
    },
    /// The try failed; the message is tried again from `retry_at`.
    Retry {
        id: Uuid,
        error: String,
        retry_at: Timestamp,
    },
    /// The try failed for good (a permanent refusal, or the last try): counted as failed.
    GaveUp { id: Uuid, error: String },
}

/// The outbox at a glance, for administrators.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    /// Waiting for their first try or for a retry.
    pub queued: u64,
    pub sent: u64,
    /// Written to the log instead (no SMTP).
    pub logged: u64,
    /// Given up: refused for good by the server, or out of tries.
    pub failed: u64,
    /// The error of the newest message that is still queued or has failed, if any.
    pub last_error: Option<String>,
}

/// A draft (not handed in) of a consultation that closes soon, and whom to remind of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueReminder {
    pub phase_id: Uuid,
    pub user_id: Uuid,
    pub email: String,
    /// The language the draft's author chose for their answers.
    pub lang: String,
    /// The consultation's title (its phase's; may be empty).
    pub title: String,
    pub process_title: String,
    pub display_zone: String,
    pub closes_at: Timestamp,
}

/// The key of a receipt: one per submission of a sheet (each submission is acknowledged).
fn receipt_key(sheet: Uuid, submitted_at_ms: i64) -> String {
    format!("receipt:{sheet}:{submitted_at_ms}")
}

/// The key of a reminder: `label` names which reminder (e.g. `reminder-48h`), once per
/// consultation and account. [`Store::due_reminders`] builds the same key in SQL.
fn reminder_key(label: &str, phase: Uuid, user: Uuid) -> String {
    format!("{label}:{phase}:{user}")
}

/// The key of a decision letter: one per proposal and decision, so that re-applying the same
/// decision tells nobody twice while a changed decision is told.
pub(crate) fn decision_key(proposal: Uuid, decision: &str) -> String {
    format!("decision:{proposal}:{decision}")
}

/// Queues `letter` under `key` inside the caller's transaction, unless a message with that key
/// was queued before; says whether it queued it.
pub(crate) async fn queue(
    conn: &mut AnyConnection,
    kind: MailKind,
    key: &str,
    letter: &Letter,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO outbox (id, kind, dedup_key, recipient, subject, body, lang, created_at, state, attempts) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', 0) ON CONFLICT (dedup_key) DO NOTHING",
    )
    .bind(agora_core::new_id().to_string())
    .bind(kind.code())
    .bind(key)
    .bind(&letter.recipient)
    .bind(&letter.subject)
    .bind(&letter.body)
    .bind(&letter.lang)
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Queues a receipt for the sheet `sheet` submitted at `submitted_at_ms`, inside the caller's
/// transaction. A second submission in the same millisecond shares the first one's receipt.
pub(crate) async fn queue_receipt(
    conn: &mut AnyConnection,
    sheet: Uuid,
    submitted_at_ms: i64,
    letter: &Letter,
) -> Result<()> {
    queue(
        conn,
        MailKind::Receipt,
        &receipt_key(sheet, submitted_at_ms),
        letter,
    )
    .await
    .map(drop)
}

/// Files what the system did to message `id` in the audit log.
async fn audited(
    conn: &mut AnyConnection,
    action: &str,
    id: Uuid,
    after: serde_json::Value,
) -> Result<()> {
    audit::record::<(), _>(
        conn,
        None,
        action,
        "mail",
        &id.to_string(),
        None,
        Some(&after),
    )
    .await
}

const OUTGOING_COLUMNS: &str = "id, kind, recipient, subject, body, lang, attempts, created_at";

fn outgoing(r: &AnyRow) -> Result<Outgoing> {
    let kind = row::text(r, "kind")?;
    Ok(Outgoing {
        id: row::uuid(r, "id")?,
        kind: MailKind::from_code(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("mail kind: {kind}")))?,
        letter: Letter {
            recipient: row::text(r, "recipient")?,
            subject: row::text(r, "subject")?,
            body: row::text(r, "body")?,
            lang: row::text(r, "lang")?,
        },
        attempts: u32::try_from(row::int(r, "attempts")?).unwrap_or(u32::MAX),
        created_at: row::timestamp(r, "created_at")?,
    })
}

impl Store {
    /// Claims up to `limit` queued messages that are due at `now`, oldest first, until
    /// `lease_until`: each one's attempts go up by one, and no other claim takes it before
    /// the lease ends. Instants are the worker's clock.
    pub async fn claim_mail(
        &self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: u32,
    ) -> Result<Vec<Outgoing>> {
        let mut tx = self.write().await?;
        // The conditions are repeated outside the subquery: on PostgreSQL a concurrent claim
        // of the same row waits, then sees the row leased and leaves it.
        let sql = format!(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1 \
             WHERE id IN (SELECT id FROM outbox WHERE state = 'queued' \
                          AND (next_attempt_at IS NULL OR next_attempt_at <= $2) \
                          ORDER BY created_at, id LIMIT $3) \
               AND state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= $2) \
             RETURNING {OUTGOING_COLUMNS}"
        );
        let rows = sqlx::query(&sql)
            .bind(lease_until.as_millisecond())
            .bind(now.as_millisecond())
            .bind(i64::from(limit))
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        let mut claimed = rows.iter().map(outgoing).collect::<Result<Vec<_>>>()?;
        claimed.sort_by_key(|m| (m.created_at, m.id));
        Ok(claimed)
    }

    /// Records what became of claimed messages, all in one transaction (a worker reports a
    /// batch at once, so that it takes the write lock once, not once per message).
    pub async fn record_outcomes(&self, outcomes: &[Outcome]) -> Result<()> {
        if outcomes.is_empty() {
            return Ok(());
        }
        let mut tx = self.write().await?;
        for outcome in outcomes {
            let (id, state, sent_at, error, retry_at) = match outcome {
                Outcome::Delivered { id, how, at } => (id, how.state(), Some(at), None, None),
                Outcome::Retry {
                    id,
                    error,
                    retry_at,
                } => (id, "queued", None, Some(error), Some(retry_at)),
                Outcome::GaveUp { id, error } => (id, "failed", None, Some(error), None),
            };
            sqlx::query(
                "UPDATE outbox SET state = $1, sent_at = $2, last_error = $3, next_attempt_at = $4 \
                 WHERE id = $5 AND state = 'queued'",
            )
            .bind(state)
            .bind(sent_at.map(|t| t.as_millisecond()))
            .bind(error)
            .bind(retry_at.map(|t| t.as_millisecond()))
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
            let action = match outcome {
                Outcome::Delivered { how, .. } => how.action(),
                Outcome::Retry { .. } => continue,
                Outcome::GaveUp { .. } => "give-up",
            };
            let after = serde_json::json!({ "state": state, "error": error });
            audited(&mut tx, action, *id, after).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// How many messages are in each state, and the latest error of one not sent.
    pub async fn outbox_counts(&self) -> Result<OutboxCounts> {
        let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
            .fetch_all(&self.pool)
            .await?;
        let mut counts = OutboxCounts::default();
        for r in &rows {
            let n = u64::try_from(row::int(r, "n")?).unwrap_or(0);
            match row::text(r, "state")?.as_str() {
                "queued" => counts.queued = n,
                "sent" => counts.sent = n,
                "logged" => counts.logged = n,
                "failed" => counts.failed = n,
                other => return Err(StoreError::Corrupt(format!("mail state: {other}"))),
            }
        }
        counts.last_error = sqlx::query(
            "SELECT last_error FROM outbox WHERE state IN ('queued', 'failed') AND last_error IS NOT NULL \
             ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?
        .map(|r| row::text(&r, "last_error"))
        .transpose()?;
        Ok(counts)
    }

    /// Up to `limit` drafts (kept by an account, not handed in) of consultations open at `now`
    /// and closing by `until`, whose authors have no `label` reminder for them yet.
    pub async fn due_reminders(
        &self,
        label: &str,
        now: Timestamp,
        until: Timestamp,
        limit: u32,
    ) -> Result<Vec<DueReminder>> {
        let rows = sqlx::query(
            "SELECT s.phase_id, s.user_id, u.email, s.lang, p.title, p.closes_at, \
                    pr.title AS process_title, pr.display_zone \
             FROM submissions s \
             JOIN phases p ON p.id = s.phase_id \
             JOIN processes pr ON pr.id = p.process_id \
             JOIN users u ON u.id = s.user_id \
             WHERE s.state = 'draft' AND p.opens_at <= $1 AND p.closes_at > $1 AND p.closes_at <= $2 \
               AND u.email <> '' \
               AND NOT EXISTS (SELECT 1 FROM outbox o \
                               WHERE o.dedup_key = $3 || ':' || s.phase_id || ':' || s.user_id) \
             ORDER BY p.closes_at, s.phase_id, s.user_id LIMIT $4",
        )
        .bind(now.as_millisecond())
        .bind(until.as_millisecond())
        .bind(label)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DueReminder {
                    phase_id: row::uuid(r, "phase_id")?,
                    user_id: row::uuid(r, "user_id")?,
                    email: row::text(r, "email")?,
                    lang: row::text(r, "lang")?,
                    title: row::text(r, "title")?,
                    process_title: row::text(r, "process_title")?,
                    display_zone: row::text(r, "display_zone")?,
                    closes_at: row::timestamp(r, "closes_at")?,
                })
            })
            .collect()
    }

    /// Queues the `label` reminder of `due`, unless it was queued before or the draft has been
    /// submitted meanwhile; says whether it queued it.
    pub async fn queue_reminder(
        &self,
        label: &str,
        due: &DueReminder,
        letter: &Letter,
    ) -> Result<bool> {
        let id = agora_core::new_id();
        let key = reminder_key(label, due.phase_id, due.user_id);
        let mut tx = self.write().await?;
        let done = sqlx::query(
            "INSERT INTO outbox (id, kind, dedup_key, recipient, subject, body, lang, created_at, state, attempts) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, 'queued', 0 \
             WHERE EXISTS (SELECT 1 FROM submissions WHERE phase_id = $9 AND user_id = $10 AND state = 'draft') \
             ON CONFLICT (dedup_key) DO NOTHING",
        )
        .bind(id.to_string())
        .bind(MailKind::Reminder.code())
        .bind(&key)
        .bind(&letter.recipient)
        .bind(&letter.subject)
        .bind(&letter.body)
        .bind(&letter.lang)
        .bind(now_ms())
        .bind(due.phase_id.to_string())
        .bind(due.user_id.to_string())
        .execute(&mut *tx)
        .await?;
        let queued = done.rows_affected() == 1;
        if queued {
            let after = serde_json::json!({
                "kind": MailKind::Reminder, "dedup_key": key,
                "recipient": letter.recipient, "subject": letter.subject,
            });
            audited(&mut tx, "queue", id, after).await?;
        }
        tx.commit().await?;
        Ok(queued)
    }
}
