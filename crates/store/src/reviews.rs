//! Review of session proposals (migration 0018): a call's criteria, its reviewers'
//! declarations, who reviews what, the reviews, and the runs of the balanced selection.

use agora_core::review::{Assignment, Review, ReviewSettings, ReviewerProfile};
use serde::Serialize;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::accounts::User;
use crate::proposals::{json, to_json};
use crate::{Actor, Result, Store, StoreError, audit, constraint_as, row};

/// One run of the balanced selection: the rules it ran with (pins and excludes and their
/// reasons included) and what it chose, both as the web crate's JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelectionRun {
    pub id: Uuid,
    pub phase_id: Uuid,
    pub rules: serde_json::Value,
    pub result: serde_json::Value,
    pub ran_at: jiff::Timestamp,
    pub ran_by: Option<Uuid>,
}

fn profile(r: &AnyRow) -> Result<ReviewerProfile> {
    Ok(ReviewerProfile {
        phase_id: row::uuid(r, "phase_id")?,
        user_id: row::uuid(r, "user_id")?,
        organisation: row::opt_text(r, "organisation")?,
        conflicts: json(r, "conflicts")?,
    })
}

fn assignment(r: &AnyRow) -> Result<Assignment> {
    Ok(Assignment {
        phase_id: row::uuid(r, "phase_id")?,
        proposal_id: row::uuid(r, "proposal_id")?,
        reviewer_id: row::uuid(r, "reviewer_id")?,
        reviewed: row::int(r, "reviewed")? != 0,
    })
}

fn review(r: &AnyRow) -> Result<Review> {
    Ok(Review {
        proposal_id: row::uuid(r, "proposal_id")?,
        reviewer_id: row::uuid(r, "reviewer_id")?,
        scores: json(r, "scores")?,
        comment: row::text(r, "comment")?,
        updated_at: row::timestamp(r, "updated_at")?,
    })
}

const ASSIGNMENT_SELECT: &str = "SELECT a.phase_id, a.proposal_id, a.reviewer_id, \
     CASE WHEN r.proposal_id IS NULL THEN 0 ELSE 1 END AS reviewed \
     FROM review_assignments a \
     LEFT JOIN reviews r ON r.proposal_id = a.proposal_id AND r.reviewer_id = a.reviewer_id";

impl Store {
    /// Publishes (or replaces) the review settings of a call.
    pub async fn save_review_settings(
        &self,
        actor: Actor,
        settings: &ReviewSettings,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let key = settings.phase_id.to_string();
        insert_settings(&mut tx, settings).await?;
        audit::record::<(), _>(
            &mut tx,
            actor,
            "save",
            "review_settings",
            &key,
            None,
            Some(settings),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn review_settings(&self, phase_id: Uuid) -> Result<Option<ReviewSettings>> {
        let found = sqlx::query(
            "SELECT phase_id, criteria, per_proposal FROM review_settings WHERE phase_id = $1",
        )
        .bind(phase_id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        found
            .map(|r| {
                Ok(ReviewSettings {
                    phase_id: row::uuid(&r, "phase_id")?,
                    criteria: json(&r, "criteria")?,
                    per_proposal: u32::try_from(row::int(&r, "per_proposal")?)
                        .map_err(|e| StoreError::Corrupt(format!("per_proposal: {e}")))?,
                })
            })
            .transpose()
    }

    /// The review panel of a process: accounts holding the reviewer role in it or globally,
    /// by email.
    pub async fn panel(&self, process_id: Uuid) -> Result<Vec<User>> {
        let rows = sqlx::query(
            "SELECT DISTINCT u.id, u.email, u.display_name FROM users u \
             JOIN grants g ON g.user_id = u.id \
             WHERE g.role = 'reviewer' AND (g.scope = $1 OR g.scope = '*') ORDER BY u.email",
        )
        .bind(process_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(crate::accounts::user).collect()
    }

    /// Saves what a reviewer declares for a call (replacing what they declared before).
    pub async fn save_reviewer_profile(&self, actor: Actor, p: &ReviewerProfile) -> Result<()> {
        let mut tx = self.write().await?;
        insert_profile(&mut tx, p).await?;
        let key = format!("{}/{}", p.phase_id, p.user_id);
        audit::record::<(), _>(
            &mut tx,
            actor,
            "save",
            "reviewer_profile",
            &key,
            None,
            Some(p),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// What the reviewers of a call declared.
    pub async fn reviewer_profiles(&self, phase_id: Uuid) -> Result<Vec<ReviewerProfile>> {
        sqlx::query(
            "SELECT phase_id, user_id, organisation, conflicts FROM reviewer_profiles \
             WHERE phase_id = $1 ORDER BY user_id",
        )
        .bind(phase_id.to_string())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(profile)
        .collect()
    }

    /// Replaces the assignments of a call that have no review yet with `pairs` (proposal,
    /// reviewer), in one transaction; assignments with a review stay whatever `pairs` says.
    /// A proposal of another call is `NotFound`, and nothing changes.
    pub async fn replace_assignments(
        &self,
        actor: Actor,
        phase_id: Uuid,
        pairs: &[(Uuid, Uuid)],
        at: jiff::Timestamp,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let key = phase_id.to_string();
        sqlx::query(
            "DELETE FROM review_assignments WHERE phase_id = $1 AND NOT EXISTS \
             (SELECT 1 FROM reviews r WHERE r.proposal_id = review_assignments.proposal_id \
              AND r.reviewer_id = review_assignments.reviewer_id)",
        )
        .bind(&key)
        .execute(&mut *tx)
        .await?;
        for (proposal, reviewer) in pairs {
            let proposal = proposal.to_string();
            let of_call: Option<String> =
                sqlx::query_scalar("SELECT id FROM proposals WHERE id = $1 AND phase_id = $2")
                    .bind(&proposal)
                    .bind(&key)
                    .fetch_optional(&mut *tx)
                    .await?;
            of_call.ok_or(StoreError::NotFound)?;
            insert_assignment(&mut tx, &proposal, *reviewer, &key, at).await?;
        }
        let count = serde_json::json!({ "assignments": pairs.len() });
        audit::record::<(), _>(&mut tx, actor, "assign", "call", &key, None, Some(&count)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Who reviews what in a call, by proposal then reviewer.
    pub async fn assignments_of_call(&self, phase_id: Uuid) -> Result<Vec<Assignment>> {
        let sql = format!(
            "{ASSIGNMENT_SELECT} WHERE a.phase_id = $1 ORDER BY a.proposal_id, a.reviewer_id"
        );
        sqlx::query(&sql)
            .bind(phase_id.to_string())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(assignment)
            .collect()
    }

    /// What a reviewer is assigned, in every call, oldest assignment first.
    pub async fn assignments_of_reviewer(&self, reviewer_id: Uuid) -> Result<Vec<Assignment>> {
        let sql = format!(
            "{ASSIGNMENT_SELECT} WHERE a.reviewer_id = $1 \
             ORDER BY a.assigned_at, a.proposal_id"
        );
        sqlx::query(&sql)
            .bind(reviewer_id.to_string())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(assignment)
            .collect()
    }

    /// Saves a review (replacing the reviewer's earlier one). Without an assignment of that
    /// reviewer to that proposal it is refused as `MissingReference { field: "assignment" }`.
    pub async fn save_review(&self, actor: Actor, r: &Review) -> Result<()> {
        let mut tx = self.write().await?;
        let key = format!("{}/{}", r.proposal_id, r.reviewer_id);
        let before = sqlx::query(
            "SELECT proposal_id, reviewer_id, scores, comment, updated_at FROM reviews \
             WHERE proposal_id = $1 AND reviewer_id = $2",
        )
        .bind(r.proposal_id.to_string())
        .bind(r.reviewer_id.to_string())
        .fetch_optional(&mut *tx)
        .await?
        .as_ref()
        .map(review)
        .transpose()?;
        insert_review(&mut tx, r).await?;
        audit::record(
            &mut tx,
            actor,
            "save",
            "review",
            &key,
            before.as_ref(),
            Some(r),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn review(&self, proposal_id: Uuid, reviewer_id: Uuid) -> Result<Option<Review>> {
        sqlx::query(
            "SELECT proposal_id, reviewer_id, scores, comment, updated_at FROM reviews \
             WHERE proposal_id = $1 AND reviewer_id = $2",
        )
        .bind(proposal_id.to_string())
        .bind(reviewer_id.to_string())
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(review)
        .transpose()
    }

    /// Every review of a call, by proposal then reviewer.
    pub async fn reviews_of_call(&self, phase_id: Uuid) -> Result<Vec<Review>> {
        sqlx::query(
            "SELECT r.proposal_id, r.reviewer_id, r.scores, r.comment, r.updated_at \
             FROM reviews r JOIN review_assignments a \
             ON a.proposal_id = r.proposal_id AND a.reviewer_id = r.reviewer_id \
             WHERE a.phase_id = $1 ORDER BY r.proposal_id, r.reviewer_id",
        )
        .bind(phase_id.to_string())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(review)
        .collect()
    }

    /// Stores a run of the balanced selection.
    pub async fn save_selection_run(&self, actor: Actor, run: &SelectionRun) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO selection_runs (id, phase_id, rules, result, ran_at, ran_by) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(run.id.to_string())
        .bind(run.phase_id.to_string())
        .bind(run.rules.to_string())
        .bind(run.result.to_string())
        .bind(run.ran_at.as_millisecond())
        .bind(run.ran_by.map(|u| u.to_string()))
        .execute(&mut *tx)
        .await
        .map_err(constraint_as("phase_id"))?;
        let key = run.id.to_string();
        audit::record::<(), _>(
            &mut tx,
            actor,
            "run",
            "selection",
            &key,
            None,
            Some(&run.rules),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The latest run of the selection of a call.
    pub async fn last_selection_run(&self, phase_id: Uuid) -> Result<Option<SelectionRun>> {
        sqlx::query(
            "SELECT id, phase_id, rules, result, ran_at, ran_by FROM selection_runs \
             WHERE phase_id = $1 ORDER BY ran_at DESC, id DESC LIMIT 1",
        )
        .bind(phase_id.to_string())
        .fetch_optional(&self.pool)
        .await?
        .map(|r| {
            Ok(SelectionRun {
                id: row::uuid(&r, "id")?,
                phase_id: row::uuid(&r, "phase_id")?,
                rules: json(&r, "rules")?,
                result: json(&r, "result")?,
                ran_at: row::timestamp(&r, "ran_at")?,
                ran_by: row::opt_uuid(&r, "ran_by")?,
            })
        })
        .transpose()
    }
}

/// Publishes a call's review settings on `conn` (inside the caller's transaction, which
/// audits it).
pub(crate) async fn insert_settings(
    conn: &mut AnyConnection,
    settings: &ReviewSettings,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO review_settings (phase_id, criteria, per_proposal) VALUES ($1, $2, $3) \
         ON CONFLICT (phase_id) DO UPDATE SET criteria = excluded.criteria, \
         per_proposal = excluded.per_proposal",
    )
    .bind(settings.phase_id.to_string())
    .bind(to_json(&settings.criteria)?)
    .bind(i64::from(settings.per_proposal))
    .execute(&mut *conn)
    .await
    .map_err(constraint_as("phase_id"))?;
    Ok(())
}

/// Saves what a reviewer declares on `conn` (inside the caller's transaction).
pub(crate) async fn insert_profile(conn: &mut AnyConnection, p: &ReviewerProfile) -> Result<()> {
    sqlx::query(
        "INSERT INTO reviewer_profiles (phase_id, user_id, organisation, conflicts) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (phase_id, user_id) DO UPDATE SET \
         organisation = excluded.organisation, conflicts = excluded.conflicts",
    )
    .bind(p.phase_id.to_string())
    .bind(p.user_id.to_string())
    .bind(p.organisation.as_deref())
    .bind(to_json(&p.conflicts)?)
    .execute(&mut *conn)
    .await
    .map_err(constraint_as("phase_id"))?;
    Ok(())
}

/// Assigns `reviewer` to `proposal` of the call `phase_id` on `conn`, unless already assigned.
pub(crate) async fn insert_assignment(
    conn: &mut AnyConnection,
    proposal: &str,
    reviewer: Uuid,
    phase_id: &str,
    at: jiff::Timestamp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO review_assignments (proposal_id, reviewer_id, phase_id, assigned_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (proposal_id, reviewer_id) DO NOTHING",
    )
    .bind(proposal)
    .bind(reviewer.to_string())
    .bind(phase_id)
    .bind(at.as_millisecond())
    .execute(&mut *conn)
    .await
    .map_err(constraint_as("reviewer_id"))?;
    Ok(())
}

/// Saves a review on `conn`, replacing the reviewer's earlier one; without an assignment it is
/// `MissingReference { field: "assignment" }`.
pub(crate) async fn insert_review(conn: &mut AnyConnection, r: &Review) -> Result<()> {
    sqlx::query(
        "INSERT INTO reviews (proposal_id, reviewer_id, scores, comment, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (proposal_id, reviewer_id) DO UPDATE \
         SET scores = excluded.scores, comment = excluded.comment, \
         updated_at = excluded.updated_at",
    )
    .bind(r.proposal_id.to_string())
    .bind(r.reviewer_id.to_string())
    .bind(to_json(&r.scores)?)
    .bind(&r.comment)
    .bind(r.updated_at.as_millisecond())
    .execute(&mut *conn)
    .await
    .map_err(constraint_as("assignment"))?;
    Ok(())
}
