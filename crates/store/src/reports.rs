//! Reports of sheets submitted in someone's name without their consent, and the secretariat's
//! decisions on them (see `agora_core::attribution`). Upholding a report hides the sheet in the
//! same transaction, so a report is never decided without its effect.

use agora_core::attribution::{Report, ReportState, Resolution};
use agora_core::consultation::{Moderation, Visibility};
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::{Actor, Result, Store, StoreError, audit, constraint_as, now_ms, row};

const REPORT_COLUMNS: &str = "r.id, r.submission_id, r.reporter_id, r.name, r.email, r.statement, \
                              r.created_at, r.state, r.note";

fn report(r: &AnyRow) -> Result<Report> {
    let state = row::text(r, "state")?;
    let state = ReportState::from_code(&state)
        .ok_or_else(|| StoreError::Corrupt(format!("report state {state}")))?;
    Ok(Report {
        id: row::uuid(r, "id")?,
        submission_id: row::uuid(r, "submission_id")?,
        reporter: row::opt_uuid(r, "reporter_id")?,
        name: row::text(r, "name")?,
        email: row::text(r, "email")?,
        statement: row::text(r, "statement")?,
        created_at: row::timestamp(r, "created_at")?,
        resolution: match (state, row::opt_text(r, "note")?) {
            (ReportState::Open, _) => None,
            (decision, note) => Some(Resolution {
                decision,
                note: note.unwrap_or_default(),
            }),
        },
        state,
    })
}

impl Store {
    /// Records a report; the sheet must exist.
    pub async fn report_attribution(&self, actor: Actor, report: &Report) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO attribution_reports (id, submission_id, reporter_id, name, email, statement, created_at, state) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(report.id.to_string())
        .bind(report.submission_id.to_string())
        .bind(report.reporter.map(|r| r.to_string()))
        .bind(&report.name)
        .bind(&report.email)
        .bind(&report.statement)
        .bind(report.created_at.as_millisecond())
        .bind(report.state.code())
        .execute(&mut *tx)
        .await
        .map_err(|e| match constraint_as("submission_id")(e) {
            StoreError::MissingReference { .. } => StoreError::NotFound,
            other => other,
        })?;
        audit::record::<(), _>(
            &mut tx,
            actor,
            "report",
            "attribution_report",
            &report.id.to_string(),
            None,
            Some(report),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The reports on a consultation's sheets, open ones first, then newest first; `state`
    /// keeps only those in that state.
    pub async fn attribution_reports(
        &self,
        phase_id: Uuid,
        state: Option<ReportState>,
    ) -> Result<Vec<Report>> {
        let sql = format!(
            "SELECT {REPORT_COLUMNS} FROM attribution_reports r \
             JOIN submissions s ON s.id = r.submission_id \
             WHERE s.phase_id = $1 AND ($2 = '' OR r.state = $2) \
             ORDER BY CASE WHEN r.state = 'open' THEN 0 ELSE 1 END, r.created_at DESC, r.id DESC"
        );
        sqlx::query(&sql)
            .bind(phase_id.to_string())
            .bind(state.map_or("", ReportState::code))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(report)
            .collect()
    }

    pub async fn attribution_report(&self, id: Uuid) -> Result<Option<Report>> {
        let sql = format!("SELECT {REPORT_COLUMNS} FROM attribution_reports r WHERE r.id = $1");
        sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(report)
            .transpose()
    }

    /// Decides an open report. Upheld, the sheet is hidden with the report as its reason (any
    /// earlier moderation is replaced); dismissed, the sheet stays as it was. A report already
    /// decided is a conflict on `state`.
    pub async fn resolve_report(
        &self,
        actor: Actor,
        report_id: Uuid,
        resolution: &Resolution,
    ) -> Result<Report> {
        let mut tx = self.write().await?;
        let sql = format!("SELECT {REPORT_COLUMNS} FROM attribution_reports r WHERE r.id = $1");
        let before = match sqlx::query(&sql)
            .bind(report_id.to_string())
            .fetch_optional(&mut *tx)
            .await?
        {
            Some(r) => report(&r)?,
            None => return Err(StoreError::NotFound),
        };
        if before.state != ReportState::Open {
            return Err(StoreError::Conflict { field: "state" });
        }
        sqlx::query(
            "UPDATE attribution_reports SET state = $1, note = $2, resolver_id = $3, resolved_at = $4 WHERE id = $5",
        )
        .bind(resolution.decision.code())
        .bind(&resolution.note)
        .bind(actor.map(|a| a.to_string()))
        .bind(now_ms())
        .bind(report_id.to_string())
        .execute(&mut *tx)
        .await?;
        let after = Report {
            state: resolution.decision,
            resolution: Some(resolution.clone()),
            ..before.clone()
        };
        audit::record(
            &mut tx,
            actor,
            "resolve",
            "attribution_report",
            &report_id.to_string(),
            Some(&before),
            Some(&after),
        )
        .await?;
        if resolution.decision == ReportState::Upheld {
            let hidden = Moderation {
                visibility: Visibility::Hidden,
                reason: resolution.hiding_reason(&before),
            };
            crate::workspace::moderate_in(&mut tx, actor, before.submission_id, Some(&hidden))
                .await?;
        }
        tx.commit().await?;
        Ok(after)
    }
}
