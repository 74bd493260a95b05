//! The synthesis of a consultation (issue 4), one row per consultation (migration 0009): the
//! background job that runs the engine, with its progress; the engine's output; the
//! secretariat's draft; and the version published last. Outputs, drafts and snapshots are JSON
//! text whose shape belongs to the web crate, so the store stays free of the engine.
//!
//! A new run replaces the output and drops the draft (both belong to one output) but keeps the
//! published version until the next publication. Progress reports are bookkeeping, written
//! often and not audited (like the outbox's claims); starting, finishing, editing and
//! publishing are audited.

use std::collections::HashSet;

use serde::Serialize;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::{Actor, Result, Store, StoreError, audit, constraint_as, now_ms, row};

/// Where a synthesis job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Queued,
    Running,
    Done,
    Failed,
}

impl JobState {
    pub fn code(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Done => "done",
            JobState::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            JobState::Queued,
            JobState::Running,
            JobState::Done,
            JobState::Failed,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// Whether the job has yet to end (a second run must wait for it).
    pub fn is_active(self) -> bool {
        matches!(self, JobState::Queued | JobState::Running)
    }
}

/// The last run of the engine on a consultation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SynthesisJob {
    pub state: JobState,
    /// The engine's stage, as its code (`reading`, `campaigns`, `themes`, `quotes`).
    pub stage: String,
    /// Units of the stage's work done, of `total`.
    pub done: u64,
    pub total: u64,
    pub error: Option<String>,
    pub started_at: jiff::Timestamp,
    pub started_by: Option<Uuid>,
    pub finished_at: Option<jiff::Timestamp>,
}

/// The version of a synthesis that everyone may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedSynthesis {
    /// JSON: the synthesis as published (the draft applied to the output).
    pub snapshot: String,
    pub at: jiff::Timestamp,
    pub by: Option<Uuid>,
}

/// Everything stored about a consultation's synthesis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSynthesis {
    pub phase_id: Uuid,
    pub job: SynthesisJob,
    /// JSON: the engine's output, once the job is done.
    pub output: Option<String>,
    /// JSON: the secretariat's draft over that output.
    pub draft: Option<String>,
    pub published: Option<PublishedSynthesis>,
}

/// The error a job interrupted by a restart keeps.
pub const INTERRUPTED: &str = "interrupted by a restart of the server";

const COLUMNS: &str = "phase_id, state, stage, done, total, error, started_at, started_by, \
                       finished_at, output, draft, published, published_at, published_by";

fn count(r: &AnyRow, column: &str) -> Result<u64> {
    let n = row::int(r, column)?;
    u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("{column}: {n}")))
}

fn stored(r: &AnyRow) -> Result<StoredSynthesis> {
    let state = row::text(r, "state")?;
    Ok(StoredSynthesis {
        phase_id: row::uuid(r, "phase_id")?,
        job: SynthesisJob {
            state: JobState::from_code(&state)
                .ok_or_else(|| StoreError::Corrupt(format!("synthesis state {state}")))?,
            stage: row::text(r, "stage")?,
            done: count(r, "done")?,
            total: count(r, "total")?,
            error: row::opt_text(r, "error")?,
            started_at: row::timestamp(r, "started_at")?,
            started_by: row::opt_uuid(r, "started_by")?,
            finished_at: row::opt_timestamp(r, "finished_at")?,
        },
        output: row::opt_text(r, "output")?,
        draft: row::opt_text(r, "draft")?,
        published: match row::opt_text(r, "published")? {
            None => None,
            Some(snapshot) => Some(PublishedSynthesis {
                snapshot,
                at: row::timestamp(r, "published_at")?,
                by: row::opt_uuid(r, "published_by")?,
            }),
        },
    })
}

/// Stored JSON as a value for the audit log.
fn json(text: Option<&str>) -> Result<Option<serde_json::Value>> {
    text.map(|t| {
        serde_json::from_str(t).map_err(|e| StoreError::Corrupt(format!("synthesis JSON: {e}")))
    })
    .transpose()
}

async fn stored_in(conn: &mut sqlx::AnyConnection, phase_id: Uuid) -> Result<StoredSynthesis> {
    let sql = format!("SELECT {COLUMNS} FROM syntheses WHERE phase_id = $1");
    match sqlx::query(&sql)
        .bind(phase_id.to_string())
        .fetch_optional(&mut *conn)
        .await?
    {
        Some(r) => stored(&r),
        None => Err(StoreError::NotFound),
    }
}

impl Store {
    /// The consultation's synthesis, if a run was ever started.
    pub async fn synthesis(&self, phase_id: Uuid) -> Result<Option<StoredSynthesis>> {
        let sql = format!("SELECT {COLUMNS} FROM syntheses WHERE phase_id = $1");
        sqlx::query(&sql)
            .bind(phase_id.to_string())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(stored)
            .transpose()
    }

    /// Queues a new run: the previous output and draft are dropped, the published version
    /// stays. A run still queued or running is a conflict on `state`; a consultation that does
    /// not exist is not found.
    pub async fn start_synthesis(&self, actor: Actor, phase_id: Uuid) -> Result<SynthesisJob> {
        let mut tx = self.write().await?;
        let before = match stored_in(&mut tx, phase_id).await {
            Ok(before) => Some(before.job),
            Err(StoreError::NotFound) => None,
            Err(other) => return Err(other),
        };
        if before.as_ref().is_some_and(|job| job.state.is_active()) {
            return Err(StoreError::Conflict { field: "state" });
        }
        let job = SynthesisJob {
            state: JobState::Queued,
            stage: "reading".to_owned(),
            done: 0,
            total: 0,
            error: None,
            started_at: jiff::Timestamp::from_millisecond(now_ms())
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            started_by: actor,
            finished_at: None,
        };
        sqlx::query(
            "INSERT INTO syntheses (phase_id, state, stage, done, total, started_at, started_by) \
             VALUES ($1, $2, $3, 0, 0, $4, $5) \
             ON CONFLICT (phase_id) DO UPDATE SET state = excluded.state, stage = excluded.stage, \
             done = 0, total = 0, error = NULL, started_at = excluded.started_at, \
             started_by = excluded.started_by, finished_at = NULL, output = NULL, draft = NULL",
        )
        .bind(phase_id.to_string())
        .bind(job.state.code())
        .bind(&job.stage)
        .bind(job.started_at.as_millisecond())
        .bind(actor.map(|a| a.to_string()))
        .execute(&mut *tx)
        .await
        .map_err(|e| match constraint_as("consultation")(e) {
            StoreError::MissingReference { .. } => StoreError::NotFound,
            other => other,
        })?;
        audit::record(
            &mut tx,
            actor,
            "start",
            "synthesis",
            &phase_id.to_string(),
            before.as_ref(),
            Some(&job),
        )
        .await?;
        tx.commit().await?;
        Ok(job)
    }

    /// Records a running job's progress (bookkeeping: not audited). A job that has ended in
    /// the meantime is left alone.
    pub async fn synthesis_progress(
        &self,
        phase_id: Uuid,
        stage: &str,
        done: u64,
        total: u64,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "UPDATE syntheses SET state = 'running', stage = $1, done = $2, total = $3 \
             WHERE phase_id = $4 AND state IN ('queued', 'running')",
        )
        .bind(stage)
        .bind(i64::try_from(done).unwrap_or(i64::MAX))
        .bind(i64::try_from(total).unwrap_or(i64::MAX))
        .bind(phase_id.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends the running job: with the engine's output and the draft that keeps all of it, or
    /// with the reason it failed. A job that is no longer active (failed at a restart) is a
    /// conflict on `state`, and its result is dropped.
    pub async fn finish_synthesis(
        &self,
        phase_id: Uuid,
        result: std::result::Result<(&str, &str), &str>,
    ) -> Result<SynthesisJob> {
        let mut tx = self.write().await?;
        let before = stored_in(&mut tx, phase_id).await?.job;
        if !before.state.is_active() {
            return Err(StoreError::Conflict { field: "state" });
        }
        let (state, output, draft, error) = match result {
            Ok((output, draft)) => (JobState::Done, Some(output), Some(draft), None),
            Err(error) => (JobState::Failed, None, None, Some(error)),
        };
        let finished = now_ms();
        sqlx::query(
            "UPDATE syntheses SET state = $1, output = $2, draft = $3, error = $4, finished_at = $5 \
             WHERE phase_id = $6",
        )
        .bind(state.code())
        .bind(output)
        .bind(draft)
        .bind(error)
        .bind(finished)
        .bind(phase_id.to_string())
        .execute(&mut *tx)
        .await?;
        let after = SynthesisJob {
            state,
            error: error.map(str::to_owned),
            finished_at: jiff::Timestamp::from_millisecond(finished).ok(),
            ..before.clone()
        };
        audit::record(
            &mut tx,
            None,
            "finish",
            "synthesis",
            &phase_id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Replaces the draft. Without a finished run there is no draft to edit: a conflict on
    /// `state` (not found when no run was ever started).
    pub async fn save_synthesis_draft(
        &self,
        actor: Actor,
        phase_id: Uuid,
        draft: &str,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let before = stored_in(&mut tx, phase_id).await?;
        if before.job.state != JobState::Done {
            return Err(StoreError::Conflict { field: "state" });
        }
        sqlx::query("UPDATE syntheses SET draft = $1 WHERE phase_id = $2")
            .bind(draft)
            .bind(phase_id.to_string())
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            actor,
            "edit",
            "synthesis_draft",
            &phase_id.to_string(),
            json(before.draft.as_deref())?.as_ref(),
            json(Some(draft))?.as_ref(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Publishes `snapshot` (the current draft applied to the output, rendered by the caller),
    /// replacing the version published before. The audit entry keeps the draft it came from.
    pub async fn publish_synthesis(
        &self,
        actor: Actor,
        phase_id: Uuid,
        snapshot: &str,
    ) -> Result<PublishedSynthesis> {
        let mut tx = self.write().await?;
        let before = stored_in(&mut tx, phase_id).await?;
        if before.job.state != JobState::Done {
            return Err(StoreError::Conflict { field: "state" });
        }
        let at = now_ms();
        sqlx::query(
            "UPDATE syntheses SET published = $1, published_at = $2, published_by = $3 \
             WHERE phase_id = $4",
        )
        .bind(snapshot)
        .bind(at)
        .bind(actor.map(|a| a.to_string()))
        .bind(phase_id.to_string())
        .execute(&mut *tx)
        .await?;
        let published_before = before
            .published
            .as_ref()
            .map(|p| serde_json::json!({ "published_at": p.at }));
        let after = serde_json::json!({
            "published_at": jiff::Timestamp::from_millisecond(at).ok(),
            "draft": json(before.draft.as_deref())?,
        });
        audit::record(
            &mut tx,
            actor,
            "publish",
            "synthesis",
            &phase_id.to_string(),
            published_before.as_ref(),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(PublishedSynthesis {
            snapshot: snapshot.to_owned(),
            at: jiff::Timestamp::from_millisecond(at)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            by: actor,
        })
    }

    /// Marks every job still queued or running as failed ([`INTERRUPTED`]); `serve` calls it
    /// at start-up, when no job of this server can be running, so that none shows "running"
    /// forever. Returns how many. (With several instances on one PostgreSQL database, a job
    /// that another instance is running when this one starts fails too; run it again.)
    pub async fn fail_interrupted_syntheses(&self) -> Result<u64> {
        let mut tx = self.write().await?;
        let done = sqlx::query(
            "UPDATE syntheses SET state = 'failed', error = $1, finished_at = $2 \
             WHERE state IN ('queued', 'running')",
        )
        .bind(INTERRUPTED)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        let failed = done.rows_affected();
        if failed > 0 {
            let count = serde_json::json!({ "failed": failed, "error": INTERRUPTED });
            audit::record::<(), _>(
                &mut tx,
                None,
                "interrupt",
                "synthesis",
                "running",
                None,
                Some(&count),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(failed)
    }

    /// Which of `sheets` (of consultation `phase_id`) are published now: submitted, made public
    /// by their author, and not moderated. A synthesis links its quotes to these only.
    pub async fn published_among(&self, phase_id: Uuid, sheets: &[Uuid]) -> Result<HashSet<Uuid>> {
        let mut published = HashSet::new();
        // One query per thousand ids keeps under every backend's limit on parameters.
        for chunk in sheets.chunks(1000) {
            let placeholders: Vec<String> = (2..chunk.len() + 2).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT id FROM submissions WHERE phase_id = $1 AND id IN ({}) \
                 AND state = 'submitted' AND public = 1 \
                 AND NOT EXISTS (SELECT 1 FROM moderations m WHERE m.submission_id = submissions.id)",
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql).bind(phase_id.to_string());
            for id in chunk {
                query = query.bind(id.to_string());
            }
            for r in query.fetch_all(&self.pool).await? {
                published.insert(row::uuid(&r, "id")?);
            }
        }
        Ok(published)
    }
}
