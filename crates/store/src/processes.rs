//! Processes, their seats per stakeholder group, and their phases.

use agora_core::process::{Phase, PhaseKind, Process, Seats};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::page::{Page, PageRequest};
use crate::{Actor, Insert, Result, Store, StoreError, audit, constraint_as, now_ms, row};

const PROCESS_COLUMNS: &str = "id, slug, title, mandate, convenor_id, display_zone";
pub(crate) const PHASE_COLUMNS: &str = "id, process_id, kind, title, opens_at, closes_at";

pub(crate) fn phase(r: &AnyRow) -> Result<Phase> {
    let kind = row::text(r, "kind")?;
    Ok(Phase {
        id: row::uuid(r, "id")?,
        process_id: row::uuid(r, "process_id")?,
        kind: PhaseKind::from_code(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("phase kind {kind}")))?,
        title: row::text(r, "title")?,
        opens_at: row::timestamp(r, "opens_at")?,
        closes_at: row::timestamp(r, "closes_at")?,
    })
}

impl Store {
    async fn process_from_row(&self, r: &AnyRow) -> Result<Process> {
        let id = row::uuid(r, "id")?;
        let seats = sqlx::query(
            "SELECT s.stakeholder_group, s.seats FROM process_seats s \
             JOIN stakeholder_groups g ON g.code = s.stakeholder_group \
             WHERE s.process_id = $1 ORDER BY g.position",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|s| {
            Ok(Seats {
                stakeholder_group: row::text(s, "stakeholder_group")?,
                seats: u32::try_from(row::int(s, "seats")?).unwrap_or(0),
            })
        })
        .collect::<Result<Vec<_>>>()?;
        Ok(Process {
            id,
            slug: row::text(r, "slug")?,
            title: row::text(r, "title")?,
            mandate: row::text(r, "mandate")?,
            convenor_id: row::opt_uuid(r, "convenor_id")?,
            display_zone: row::text(r, "display_zone")?,
            seats,
        })
    }

    pub async fn process_by_slug(&self, slug: &str) -> Result<Option<Process>> {
        let sql = format!("SELECT {PROCESS_COLUMNS} FROM processes WHERE slug = $1");
        match sqlx::query(&sql)
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?
        {
            Some(r) => Ok(Some(self.process_from_row(&r).await?)),
            None => Ok(None),
        }
    }

    pub async fn process(&self, id: Uuid) -> Result<Option<Process>> {
        let sql = format!("SELECT {PROCESS_COLUMNS} FROM processes WHERE id = $1");
        match sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?
        {
            Some(r) => Ok(Some(self.process_from_row(&r).await?)),
            None => Ok(None),
        }
    }

    /// Replaces a process's fields and seats; the audit entry keeps the record before and after.
    pub async fn update_process(&self, actor: Actor, process: &Process) -> Result<()> {
        let before = self
            .process(process.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut tx = self.write().await?;
        sqlx::query(
            "UPDATE processes SET slug = $2, title = $3, mandate = $4, convenor_id = $5, display_zone = $6 \
             WHERE id = $1",
        )
        .bind(process.id.to_string())
        .bind(&process.slug)
        .bind(&process.title)
        .bind(&process.mandate)
        .bind(process.convenor_id.map(|id| id.to_string()))
        .bind(&process.display_zone)
        .execute(&mut *tx)
        .await
        .map_err(process_constraint)?;
        sqlx::query("DELETE FROM process_seats WHERE process_id = $1")
            .bind(process.id.to_string())
            .execute(&mut *tx)
            .await?;
        insert_seats(&mut tx, process).await?;
        let id = process.id.to_string();
        audit::record(
            &mut tx,
            actor,
            "update",
            "process",
            &id,
            Some(&before),
            Some(process),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Processes by slug.
    pub async fn processes(&self, request: &PageRequest) -> Result<Page<Process>> {
        let (key, _) = request.bounds();
        let sql = format!(
            "SELECT {PROCESS_COLUMNS} FROM processes WHERE slug > $1 ORDER BY slug LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(key)
            .bind(request.clamped_limit() + 1)
            .fetch_all(&self.pool)
            .await?;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            let process = self.process_from_row(r).await?;
            items.push((process.slug.clone(), process));
        }
        Ok(Page::from_rows(items, request, |p| p.slug.clone()))
    }

    pub async fn phase(&self, id: Uuid) -> Result<Option<Phase>> {
        let sql = format!("SELECT {PHASE_COLUMNS} FROM phases WHERE id = $1");
        let found = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        found.as_ref().map(phase).transpose()
    }

    /// A process's phases in chronological order.
    pub async fn phases(&self, process_id: Uuid) -> Result<Vec<Phase>> {
        let sql = format!(
            "SELECT {PHASE_COLUMNS} FROM phases WHERE process_id = $1 ORDER BY opens_at, id"
        );
        let rows = sqlx::query(&sql)
            .bind(process_id.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(phase).collect()
    }

    /// Every phase that has not closed by `now`, soonest first: the home page's "open now".
    pub async fn phases_not_closed(&self, now: jiff::Timestamp) -> Result<Vec<Phase>> {
        let sql = format!(
            "SELECT {PHASE_COLUMNS} FROM phases WHERE closes_at > $1 ORDER BY opens_at, id"
        );
        let rows = sqlx::query(&sql)
            .bind(now.as_millisecond())
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(phase).collect()
    }
}

impl Insert for Process {
    const ENTITY: &'static str = "process";

    fn key(&self) -> String {
        self.id.to_string()
    }

    async fn insert(&self, conn: &mut AnyConnection) -> Result<()> {
        let process = self;
        sqlx::query(
            "INSERT INTO processes (id, slug, title, mandate, convenor_id, display_zone, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(process.id.to_string())
        .bind(&process.slug)
        .bind(&process.title)
        .bind(&process.mandate)
        .bind(process.convenor_id.map(|id| id.to_string()))
        .bind(&process.display_zone)
        .bind(now_ms())
        .execute(&mut *conn)
        .await
        .map_err(process_constraint)?;
        insert_seats(conn, process).await
    }
}

/// A taken slug, or a convenor that is not in the directory.
fn process_constraint(error: sqlx::Error) -> StoreError {
    match constraint_as("slug")(error) {
        StoreError::MissingReference { .. } => StoreError::MissingReference {
            field: "convenor_id",
        },
        other => other,
    }
}

async fn insert_seats(conn: &mut AnyConnection, process: &Process) -> Result<()> {
    for seat in &process.seats {
        sqlx::query(
            "INSERT INTO process_seats (process_id, stakeholder_group, seats) VALUES ($1, $2, $3)",
        )
        .bind(process.id.to_string())
        .bind(&seat.stakeholder_group)
        .bind(i64::from(seat.seats))
        .execute(&mut *conn)
        .await
        .map_err(constraint_as("seats"))?;
    }
    Ok(())
}

impl Insert for Phase {
    const ENTITY: &'static str = "phase";

    fn key(&self) -> String {
        self.id.to_string()
    }

    async fn insert(&self, conn: &mut AnyConnection) -> Result<()> {
        let phase = self;
        sqlx::query(
            "INSERT INTO phases (id, process_id, kind, title, opens_at, closes_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(phase.id.to_string())
        .bind(phase.process_id.to_string())
        .bind(phase.kind.code())
        .bind(&phase.title)
        .bind(phase.opens_at.as_millisecond())
        .bind(phase.closes_at.as_millisecond())
        .execute(conn)
        .await
        .map_err(constraint_as("process_id"))?;
        Ok(())
    }
}
