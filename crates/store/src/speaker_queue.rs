//! A meeting's live speaker queue (migration 0013): raised hands, the moderator's settings,
//! and written interventions. The rules are `agora_core::speaker_queue`'s; this module reads
//! the open entries inside the write transaction, applies a rule, and writes what it changed.
//!
//! Every write begins by bumping the queue's version (`bump`), which on PostgreSQL locks the
//! queue's row until commit: two writes to one queue never interleave, on either backend, and
//! the version tells readers (the live pages of every instance) that something changed.

use agora_core::meeting::Participant;
use agora_core::speaker_queue::{
    Command, Intervention, QueueEntry, QueueError, QueueSettings, TurnState,
};
use jiff::Timestamp;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use crate::{Actor, Result, Store, StoreError, audit, row};

const ENTRY_COLUMNS: &str = "id, meeting_id, participant_id, name, stakeholder_group, remote, \
                             state, position, raised_at, started_at, ended_at, agenda_item";
const INTERVENTION_COLUMNS: &str =
    "id, meeting_id, participant_id, name, stakeholder_group, text, at, agenda_item";

/// A queue as its pages show it, read in one go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueState {
    pub meeting_id: Uuid,
    /// Grows with every change; 0 for a queue nobody has touched.
    pub version: i64,
    pub settings: QueueSettings,
    /// Every entry of the meeting, open or not, in the order the hands went up (speaking time
    /// needs the finished turns; the line is `speaker_queue::waiting` of these).
    pub entries: Vec<QueueEntry>,
    /// Written interventions, oldest first.
    pub interventions: Vec<Intervention>,
}

fn entry(r: &AnyRow) -> Result<QueueEntry> {
    let state = row::text(r, "state")?;
    Ok(QueueEntry {
        id: row::uuid(r, "id")?,
        meeting_id: row::uuid(r, "meeting_id")?,
        participant_id: row::opt_uuid(r, "participant_id")?,
        name: row::text(r, "name")?,
        stakeholder_group: row::text(r, "stakeholder_group")?,
        remote: row::int(r, "remote")? != 0,
        state: TurnState::from_code(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("queue entry state {state}")))?,
        position: row::int(r, "position")?,
        raised_at: row::timestamp(r, "raised_at")?,
        started_at: row::opt_timestamp(r, "started_at")?,
        ended_at: row::opt_timestamp(r, "ended_at")?,
        agenda_item: opt_index(r, "agenda_item")?,
    })
}

fn intervention(r: &AnyRow) -> Result<Intervention> {
    Ok(Intervention {
        id: row::uuid(r, "id")?,
        meeting_id: row::uuid(r, "meeting_id")?,
        participant_id: row::opt_uuid(r, "participant_id")?,
        name: row::text(r, "name")?,
        stakeholder_group: row::text(r, "stakeholder_group")?,
        text: row::text(r, "text")?,
        at: row::timestamp(r, "at")?,
        agenda_item: opt_index(r, "agenda_item")?,
    })
}

fn opt_index(r: &AnyRow, column: &str) -> Result<Option<u32>> {
    Ok(r.try_get::<Option<i64>, _>(column)?
        .and_then(|v| u32::try_from(v).ok()))
}

/// A queue change the rules refused, or a store failure.
#[derive(Debug, thiserror::Error)]
pub enum QueueWriteError {
    #[error(transparent)]
    Refused(#[from] QueueError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for QueueWriteError {
    fn from(error: sqlx::Error) -> Self {
        QueueWriteError::Store(error.into())
    }
}

/// Bumps the queue's version (creating its row) and returns the new version and the settings.
async fn bump(conn: &mut AnyConnection, meeting_id: Uuid) -> Result<(i64, QueueSettings)> {
    let r = sqlx::query(
        "INSERT INTO speaker_queues (meeting_id, version) VALUES ($1, 1) \
         ON CONFLICT (meeting_id) DO UPDATE SET version = speaker_queues.version + 1 \
         RETURNING version, turn_seconds, agenda_item",
    )
    .bind(meeting_id.to_string())
    .fetch_one(&mut *conn)
    .await
    .map_err(crate::constraint_as("meeting_id"))?;
    Ok((row::int(&r, "version")?, settings(&r)?))
}

fn settings(r: &AnyRow) -> Result<QueueSettings> {
    Ok(QueueSettings {
        turn_seconds: opt_index(r, "turn_seconds")?,
        agenda_item: opt_index(r, "agenda_item")?,
    })
}

async fn open_entries(conn: &mut AnyConnection, meeting_id: Uuid) -> Result<Vec<QueueEntry>> {
    let sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM queue_entries \
         WHERE meeting_id = $1 AND state IN ('waiting', 'speaking') ORDER BY raised_at, id"
    );
    sqlx::query(&sql)
        .bind(meeting_id.to_string())
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(entry)
        .collect()
}

/// What a queue write records in the audit log: the command and the entries before and after.
#[derive(Serialize)]
struct Change<'a> {
    command: &'a str,
    version: i64,
    entries: &'a [QueueEntry],
}

async fn audit_change(
    conn: &mut AnyConnection,
    actor: Actor,
    meeting_id: Uuid,
    command: &str,
    version: i64,
    before: &[QueueEntry],
    after: &[QueueEntry],
) -> Result<()> {
    let id = meeting_id.to_string();
    let before = Change {
        command,
        version: version - 1,
        entries: before,
    };
    let after = Change {
        command,
        version,
        entries: after,
    };
    audit::record(
        conn,
        actor,
        command,
        "speaker_queue",
        &id,
        Some(&before),
        Some(&after),
    )
    .await
}

impl Store {
    /// The queue of a meeting, as it stands.
    pub async fn queue(&self, meeting_id: Uuid) -> Result<QueueState> {
        let id = meeting_id.to_string();
        let head = sqlx::query(
            "SELECT version, turn_seconds, agenda_item FROM speaker_queues WHERE meeting_id = $1",
        )
        .bind(&id)
        .fetch_optional(&self.pool)
        .await?;
        let (version, settings) = match &head {
            Some(r) => (row::int(r, "version")?, settings(r)?),
            None => (0, QueueSettings::default()),
        };
        let entries = sqlx::query(&format!(
            "SELECT {ENTRY_COLUMNS} FROM queue_entries WHERE meeting_id = $1 ORDER BY raised_at, id"
        ))
        .bind(&id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(entry)
        .collect::<Result<Vec<_>>>()?;
        let interventions = sqlx::query(&format!(
            "SELECT {INTERVENTION_COLUMNS} FROM written_interventions WHERE meeting_id = $1 \
             ORDER BY at, id"
        ))
        .bind(&id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(intervention)
        .collect::<Result<Vec<_>>>()?;
        Ok(QueueState {
            meeting_id,
            version,
            settings,
            entries,
            interventions,
        })
    }

    /// The queue's version alone: what an instance polls to learn that another one changed it.
    pub async fn queue_version(&self, meeting_id: Uuid) -> Result<i64> {
        let version: Option<i64> =
            sqlx::query_scalar("SELECT version FROM speaker_queues WHERE meeting_id = $1")
                .bind(meeting_id.to_string())
                .fetch_optional(&self.pool)
                .await?;
        Ok(version.unwrap_or(0))
    }

    /// Raises `participant`'s hand at the end of the line; refused while their hand is up.
    /// Returns the entry and the queue's new version.
    pub async fn raise_hand(
        &self,
        actor: Actor,
        participant: &Participant,
        now: Timestamp,
    ) -> Result<(QueueEntry, i64), QueueWriteError> {
        let mut tx = self.write().await?;
        let (version, settings) = bump(&mut tx, participant.meeting_id).await?;
        let open = open_entries(&mut tx, participant.meeting_id).await?;
        if open
            .iter()
            .any(|e| e.participant_id == Some(participant.id))
        {
            tx.rollback().await?;
            return Err(QueueError::AlreadyRaised.into());
        }
        let raised = QueueEntry::raised(participant, &open, settings.agenda_item, now);
        let sql = format!(
            "INSERT INTO queue_entries ({ENTRY_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        );
        sqlx::query(&sql)
            .bind(raised.id.to_string())
            .bind(raised.meeting_id.to_string())
            .bind(raised.participant_id.map(|id| id.to_string()))
            .bind(&raised.name)
            .bind(&raised.stakeholder_group)
            .bind(i64::from(raised.remote))
            .bind(raised.state.code())
            .bind(raised.position)
            .bind(raised.raised_at.as_millisecond())
            .bind(raised.started_at.map(|t| t.as_millisecond()))
            .bind(raised.ended_at.map(|t| t.as_millisecond()))
            .bind(raised.agenda_item.map(i64::from))
            .execute(&mut *tx)
            .await
            .map_err(|error| match error.as_database_error() {
                // The same hand raised twice at once on PostgreSQL.
                Some(db) if db.is_unique_violation() => {
                    QueueWriteError::Refused(QueueError::AlreadyRaised)
                }
                _ => QueueWriteError::from(crate::constraint_as("participant_id")(error)),
            })?;
        let after = [raised.clone()];
        audit_change(
            &mut tx,
            actor,
            participant.meeting_id,
            "raise-hand",
            version,
            &[],
            &after,
        )
        .await?;
        tx.commit().await?;
        Ok((raised, version))
    }

    /// Applies a command to a meeting's queue at `now` and returns the new version. A refused
    /// command changes nothing, the version included.
    pub async fn change_queue(
        &self,
        actor: Actor,
        meeting_id: Uuid,
        command: Command,
        now: Timestamp,
    ) -> Result<i64, QueueWriteError> {
        let mut tx = self.write().await?;
        let (version, settings) = bump(&mut tx, meeting_id).await?;
        let open = open_entries(&mut tx, meeting_id).await?;
        let changed = match command.apply(&open, settings.agenda_item, now) {
            Ok(changed) => changed,
            Err(refused) => {
                tx.rollback().await?;
                return Err(refused.into());
            }
        };
        for e in &changed {
            sqlx::query(
                "UPDATE queue_entries SET state = $2, position = $3, started_at = $4, \
                 ended_at = $5, agenda_item = $6 WHERE id = $1",
            )
            .bind(e.id.to_string())
            .bind(e.state.code())
            .bind(e.position)
            .bind(e.started_at.map(|t| t.as_millisecond()))
            .bind(e.ended_at.map(|t| t.as_millisecond()))
            .bind(e.agenda_item.map(i64::from))
            .execute(&mut *tx)
            .await?;
        }
        let before: Vec<QueueEntry> = changed
            .iter()
            .filter_map(|c| open.iter().find(|o| o.id == c.id).cloned())
            .collect();
        audit_change(
            &mut tx,
            actor,
            meeting_id,
            command.code(),
            version,
            &before,
            &changed,
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Replaces the moderator's settings (speaking-time limit, agenda item under discussion).
    pub async fn set_queue_settings(
        &self,
        actor: Actor,
        meeting_id: Uuid,
        new: QueueSettings,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let (version, old) = bump(&mut tx, meeting_id).await?;
        sqlx::query(
            "UPDATE speaker_queues SET turn_seconds = $2, agenda_item = $3 WHERE meeting_id = $1",
        )
        .bind(meeting_id.to_string())
        .bind(new.turn_seconds.map(i64::from))
        .bind(new.agenda_item.map(i64::from))
        .execute(&mut *tx)
        .await?;
        let id = meeting_id.to_string();
        audit::record(
            &mut tx,
            actor,
            "update",
            "speaker_queue_settings",
            &id,
            Some(&old),
            Some(&new),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Records a written intervention; returns the queue's new version (the live page shows it).
    pub async fn write_intervention(&self, actor: Actor, written: &Intervention) -> Result<i64> {
        let mut tx = self.write().await?;
        let (version, _) = bump(&mut tx, written.meeting_id).await?;
        let sql = format!(
            "INSERT INTO written_interventions ({INTERVENTION_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        );
        sqlx::query(&sql)
            .bind(written.id.to_string())
            .bind(written.meeting_id.to_string())
            .bind(written.participant_id.map(|id| id.to_string()))
            .bind(&written.name)
            .bind(&written.stakeholder_group)
            .bind(&written.text)
            .bind(written.at.as_millisecond())
            .bind(written.agenda_item.map(i64::from))
            .execute(&mut *tx)
            .await
            .map_err(crate::constraint_as("participant_id"))?;
        let id = written.id.to_string();
        audit::record::<(), _>(
            &mut tx,
            actor,
            "create",
            "written_intervention",
            &id,
            None,
            Some(written),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }
}
