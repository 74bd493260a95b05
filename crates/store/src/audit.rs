//! The append-only audit log: who changed what, when, with the record before and after.
//! Rows are written inside the transaction of the write they describe; triggers in both
//! databases refuse UPDATE and DELETE on the table.

use serde::Serialize;
use sqlx::AnyConnection;
use uuid::Uuid;

use crate::page::{Page, PageRequest};
use crate::{Actor, Result, Store, now_ms, row};

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: jiff::Timestamp,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Appends one entry; `before`/`after` are the record as JSON (None for creation/deletion).
pub(crate) async fn record<B: Serialize, A: Serialize>(
    conn: &mut AnyConnection,
    actor: Actor,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    // Serialising plain domain structs cannot fail; an empty string would only lose detail.
    let before = before.map(|b| serde_json::to_string(b).unwrap_or_default());
    let after = after.map(|a| serde_json::to_string(a).unwrap_or_default());
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, before, after) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now_ms())
    .bind(actor.map(|a| a.to_string()))
    .bind(action)
    .bind(entity)
    .bind(entity_id)
    .bind(before)
    .bind(after)
    .execute(conn)
    .await?;
    Ok(())
}

impl Store {
    /// The log, newest first. The cursor key is the sequence number, zero-padded so that it
    /// sorts as text.
    pub async fn audit_log(&self, request: &PageRequest) -> Result<Page<AuditEntry>> {
        let before_seq = match &request.after {
            Some(cursor) => cursor
                .key
                .parse::<i64>()
                .map_err(|_| crate::StoreError::BadCursor)?,
            None => i64::MAX,
        };
        let rows = sqlx::query(
            "SELECT a.seq, a.at, a.actor_id, u.display_name AS actor_name, a.action, a.entity, \
                    a.entity_id, a.before, a.after \
             FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id \
             WHERE a.seq < $1 ORDER BY a.seq DESC LIMIT $2",
        )
        .bind(before_seq)
        .bind(request.clamped_limit() + 1)
        .fetch_all(&self.pool)
        .await?;
        let mut entries = Vec::with_capacity(rows.len());
        for r in &rows {
            let seq = row::int(r, "seq")?;
            let json = |column| -> Result<Option<serde_json::Value>> {
                Ok(row::opt_text(r, column)?.and_then(|t| serde_json::from_str(&t).ok()))
            };
            entries.push((
                seq.to_string(),
                AuditEntry {
                    seq,
                    at: row::timestamp(r, "at")?,
                    actor_id: row::opt_uuid(r, "actor_id")?,
                    actor_name: row::opt_text(r, "actor_name")?,
                    action: row::text(r, "action")?,
                    entity: row::text(r, "entity")?,
                    entity_id: row::text(r, "entity_id")?,
                    before: json("before")?,
                    after: json("after")?,
                },
            ));
        }
        Ok(Page::from_rows(entries, request, |e| e.seq.to_string()))
    }
}
