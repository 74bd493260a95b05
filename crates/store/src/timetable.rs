//! The venue and timetable of a call (migration 0019). Every write to a timetable names the
//! version it was made on and fails with `Conflict { field: "version" }` when another edit
//! came first: the update itself checks the version, so two writers cannot both win, on
//! either backend.

use agora_core::timetable::{Placement, Published, Timetable, Venue};
use jiff::Timestamp;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::row;
use crate::{Actor, Result, Store, StoreError, audit, constraint_as};

fn json<T: serde::de::DeserializeOwned>(text: &str, column: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
}

fn to_json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn timetable(r: &AnyRow) -> Result<Timetable> {
    Ok(Timetable {
        phase_id: row::uuid(r, "phase_id")?,
        version: row::int(r, "version")?,
        placements: json(&row::text(r, "placements")?, "placements")?,
        published: row::opt_text(r, "published")?
            .map(|t| json(&t, "published"))
            .transpose()?,
    })
}

const STALE: StoreError = StoreError::Conflict { field: "version" };

const COLUMNS: &str = "phase_id, version, placements, published";

impl Store {
    /// Sets the venue of a call (creating it, or replacing what it had).
    pub async fn save_venue(&self, actor: Actor, venue: &Venue) -> Result<()> {
        let mut tx = self.write().await?;
        let key = venue.phase_id.to_string();
        insert_venue(&mut tx, venue).await?;
        audit::record::<(), _>(&mut tx, actor, "save", "venue", &key, None, Some(venue)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The venue of a call, if the secretariat described one.
    pub async fn venue(&self, phase_id: Uuid) -> Result<Option<Venue>> {
        let found: Option<String> =
            sqlx::query_scalar("SELECT venue FROM venues WHERE phase_id = $1")
                .bind(phase_id.to_string())
                .fetch_optional(&self.pool)
                .await?;
        found.map(|t| json(&t, "venue")).transpose()
    }

    /// The timetable of a call, once one was generated.
    pub async fn timetable(&self, phase_id: Uuid) -> Result<Option<Timetable>> {
        let sql = format!("SELECT {COLUMNS} FROM timetables WHERE phase_id = $1");
        let found = sqlx::query(&sql)
            .bind(phase_id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        found.as_ref().map(timetable).transpose()
    }

    /// Every published timetable, call by call in the order of their ids.
    pub async fn published_timetables(&self) -> Result<Vec<Timetable>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM timetables WHERE published IS NOT NULL ORDER BY phase_id"
        );
        sqlx::query(&sql)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(timetable)
            .collect()
    }

    /// Replaces every placement of a call's timetable (a generated one), creating it at
    /// version 1; `expected` is the version the caller read (`None`: none yet, or whatever it
    /// is). Returns the new version.
    pub async fn save_timetable(
        &self,
        actor: Actor,
        phase_id: Uuid,
        placements: &[Placement],
        expected: Option<i64>,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let key = phase_id.to_string();
        let current: Option<i64> =
            sqlx::query_scalar("SELECT version FROM timetables WHERE phase_id = $1")
                .bind(&key)
                .fetch_optional(&mut *tx)
                .await?;
        let version = match current {
            None => {
                sqlx::query(
                    "INSERT INTO timetables (phase_id, version, placements) VALUES ($1, 1, $2)",
                )
                .bind(&key)
                .bind(to_json(&placements)?)
                .execute(&mut *tx)
                .await
                .map_err(constraint_as("phase_id"))?;
                1
            }
            Some(current) => {
                let base = expected.unwrap_or(current);
                write_placements(&mut tx, &key, placements, base).await?
            }
        };
        audit::record::<(), _>(
            &mut tx,
            actor,
            "generate",
            "timetable",
            &key,
            None,
            Some(&placements),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Puts one session at `placement` (placing it if it was not), on the version `expected`.
    /// Returns the new version.
    pub async fn move_session(
        &self,
        actor: Actor,
        phase_id: Uuid,
        placement: &Placement,
        expected: i64,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let key = phase_id.to_string();
        let mut current = current_at(&mut tx, &key, expected).await?;
        let before = current.placement(placement.proposal_id).cloned();
        current
            .placements
            .retain(|p| p.proposal_id != placement.proposal_id);
        current.placements.push(placement.clone());
        let version = write_placements(&mut tx, &key, &current.placements, expected).await?;
        audit::record(
            &mut tx,
            actor,
            "move",
            "timetable",
            &key,
            before.as_ref(),
            Some(placement),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Publishes version `expected` of a call's timetable with the call's venue as they are:
    /// the public reads this copy until the next publication.
    pub async fn publish_timetable(
        &self,
        actor: Actor,
        phase_id: Uuid,
        expected: i64,
        at: Timestamp,
    ) -> Result<Published> {
        let mut tx = self.write().await?;
        let key = phase_id.to_string();
        let current = current_at(&mut tx, &key, expected).await?;
        let venue: String = sqlx::query_scalar("SELECT venue FROM venues WHERE phase_id = $1")
            .bind(&key)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let published = Published {
            version: expected,
            venue: json(&venue, "venue")?,
            placements: current.placements,
            published_at: at,
        };
        sqlx::query("UPDATE timetables SET published = $2 WHERE phase_id = $1 AND version = $3")
            .bind(&key)
            .bind(to_json(&published)?)
            .bind(expected)
            .execute(&mut *tx)
            .await?;
        audit::record::<(), _>(
            &mut tx,
            actor,
            "publish",
            "timetable",
            &key,
            None,
            Some(&expected),
        )
        .await?;
        tx.commit().await?;
        Ok(published)
    }
}

/// The timetable keyed `key` as the transaction reads it, if it is still at version `expected`.
async fn current_at(tx: &mut crate::WriteTx, key: &str, expected: i64) -> Result<Timetable> {
    let sql = format!("SELECT {COLUMNS} FROM timetables WHERE phase_id = $1");
    let found = sqlx::query(&sql)
        .bind(key)
        .fetch_optional(&mut **tx)
        .await?;
    let current = found
        .as_ref()
        .map(timetable)
        .transpose()?
        .ok_or(StoreError::NotFound)?;
    if current.version != expected {
        return Err(STALE);
    }
    Ok(current)
}

/// Writes a call's venue on `conn` (inside the caller's transaction, which audits it).
pub(crate) async fn insert_venue(conn: &mut sqlx::AnyConnection, venue: &Venue) -> Result<()> {
    sqlx::query(
        "INSERT INTO venues (phase_id, venue) VALUES ($1, $2) \
         ON CONFLICT (phase_id) DO UPDATE SET venue = excluded.venue",
    )
    .bind(venue.phase_id.to_string())
    .bind(to_json(venue)?)
    .execute(&mut *conn)
    .await
    .map_err(constraint_as("phase_id"))?;
    Ok(())
}

/// Writes a call's first timetable, published as it is (the demo's), on `conn`.
pub(crate) async fn insert_published(
    conn: &mut sqlx::AnyConnection,
    venue: &Venue,
    placements: &[Placement],
    at: Timestamp,
) -> Result<()> {
    let published = Published {
        version: 1,
        venue: venue.clone(),
        placements: placements.to_vec(),
        published_at: at,
    };
    sqlx::query(
        "INSERT INTO timetables (phase_id, version, placements, published) \
         VALUES ($1, 1, $2, $3)",
    )
    .bind(venue.phase_id.to_string())
    .bind(to_json(&placements)?)
    .bind(to_json(&published)?)
    .execute(&mut *conn)
    .await
    .map_err(constraint_as("phase_id"))?;
    Ok(())
}

/// Writes the placements over version `base`, which must still be the stored one; the new
/// version.
async fn write_placements(
    tx: &mut crate::WriteTx,
    key: &str,
    placements: &[Placement],
    base: i64,
) -> Result<i64> {
    let done = sqlx::query(
        "UPDATE timetables SET placements = $2, version = version + 1 \
         WHERE phase_id = $1 AND version = $3",
    )
    .bind(key)
    .bind(to_json(&placements)?)
    .bind(base)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(STALE);
    }
    Ok(base + 1)
}
