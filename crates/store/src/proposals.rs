//! Calls for proposals (migration 0016): each call's themes and formats, and the proposals
//! sent to it, in submission order (the order screening's caps count in).

use agora_core::proposal::{Call, Decision, Proposal};
use serde::de::DeserializeOwned;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::outbox::{self, Letter, MailKind};
use crate::row;
use crate::{Actor, Result, Store, StoreError, audit, constraint_as};

const PROPOSAL_COLUMNS: &str = "id, phase_id, author_id, title, description, policy_questions, \
     format, theme, sub_theme, people, first_time, report_filed, created_at, updated_at, decision";

fn json<T: DeserializeOwned>(r: &AnyRow, column: &str) -> Result<T> {
    serde_json::from_str(&row::text(r, column)?)
        .map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
}

fn to_json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn call(r: &AnyRow) -> Result<Call> {
    Ok(Call {
        phase_id: row::uuid(r, "phase_id")?,
        themes: json(r, "themes")?,
        formats: json(r, "formats")?,
    })
}

fn proposal(r: &AnyRow) -> Result<Proposal> {
    Ok(Proposal {
        id: row::uuid(r, "id")?,
        phase_id: row::uuid(r, "phase_id")?,
        author_id: row::uuid(r, "author_id")?,
        title: row::text(r, "title")?,
        description: row::text(r, "description")?,
        policy_questions: row::text(r, "policy_questions")?,
        format: row::text(r, "format")?,
        theme: row::text(r, "theme")?,
        sub_theme: row::opt_text(r, "sub_theme")?,
        people: json(r, "people")?,
        first_time: row::int(r, "first_time")? != 0,
        report_filed: row::int(r, "report_filed")? != 0,
        created_at: row::timestamp(r, "created_at")?,
        updated_at: row::timestamp(r, "updated_at")?,
        decision: match row::opt_text(r, "decision")? {
            None => None,
            Some(code) => Some(
                Decision::from_code(&code)
                    .ok_or_else(|| StoreError::Corrupt(format!("decision: {code}")))?,
            ),
        },
    })
}

impl Store {
    /// Sets the themes and formats of a call (creating it, or replacing what it had).
    pub async fn save_call(&self, actor: Actor, call: &Call) -> Result<()> {
        let mut tx = self.write().await?;
        insert_call(&mut tx, call).await?;
        let key = call.phase_id.to_string();
        audit::record::<(), _>(&mut tx, actor, "save", "call", &key, None, Some(call)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The call of a phase, if the secretariat set one up.
    pub async fn call(&self, phase_id: Uuid) -> Result<Option<Call>> {
        let found = sqlx::query("SELECT phase_id, themes, formats FROM calls WHERE phase_id = $1")
            .bind(phase_id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        found.as_ref().map(call).transpose()
    }

    /// Stores a new proposal.
    pub async fn create_proposal(&self, actor: Actor, proposal: &Proposal) -> Result<()> {
        let mut tx = self.write().await?;
        insert_proposal(&mut tx, proposal).await?;
        let key = proposal.id.to_string();
        audit::record::<(), _>(
            &mut tx,
            actor,
            "create",
            "proposal",
            &key,
            None,
            Some(proposal),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces what a proposal says; its id, call, author and creation instant stay.
    pub async fn update_proposal(&self, actor: Actor, proposal: &Proposal) -> Result<()> {
        let mut tx = self.write().await?;
        let key = proposal.id.to_string();
        let sql = format!("SELECT {PROPOSAL_COLUMNS} FROM proposals WHERE id = $1");
        let before = sqlx::query(&sql)
            .bind(&key)
            .fetch_optional(&mut *tx)
            .await?
            .as_ref()
            .map(self::proposal)
            .transpose()?
            .ok_or(StoreError::NotFound)?;
        sqlx::query(
            "UPDATE proposals SET title = $2, description = $3, policy_questions = $4, \
             format = $5, theme = $6, sub_theme = $7, people = $8, first_time = $9, \
             report_filed = $10, updated_at = $11 WHERE id = $1",
        )
        .bind(&key)
        .bind(&proposal.title)
        .bind(&proposal.description)
        .bind(&proposal.policy_questions)
        .bind(&proposal.format)
        .bind(&proposal.theme)
        .bind(proposal.sub_theme.as_deref())
        .bind(to_json(&proposal.people)?)
        .bind(i64::from(proposal.first_time))
        .bind(i64::from(proposal.report_filed))
        .bind(proposal.updated_at.as_millisecond())
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            actor,
            "update",
            "proposal",
            &key,
            Some(&before),
            Some(proposal),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn proposal(&self, id: Uuid) -> Result<Option<Proposal>> {
        let sql = format!("SELECT {PROPOSAL_COLUMNS} FROM proposals WHERE id = $1");
        let found = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        found.as_ref().map(proposal).transpose()
    }

    /// A call's proposals in submission order.
    pub async fn proposals_of_call(&self, phase_id: Uuid) -> Result<Vec<Proposal>> {
        let sql = format!(
            "SELECT {PROPOSAL_COLUMNS} FROM proposals WHERE phase_id = $1 \
             ORDER BY created_at, id"
        );
        sqlx::query(&sql)
            .bind(phase_id.to_string())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(proposal)
            .collect()
    }

    /// Records the committee's decisions on proposals of the call `phase_id`, each with the
    /// letter that tells its proposer (`None` to tell nobody, e.g. an account without email),
    /// all in one transaction: either every decision is recorded and every letter queued, or
    /// nothing is. A letter is queued once per proposal and decision, so deciding again the
    /// same way writes no second letter. A proposal of another call is `NotFound`.
    pub async fn decide(
        &self,
        actor: Actor,
        phase_id: Uuid,
        decisions: &[(Uuid, Decision, Option<Letter>)],
        at: jiff::Timestamp,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        for (id, decision, letter) in decisions {
            if let Some(before) = record_decision(&mut tx, phase_id, *id, *decision, at).await? {
                let key = id.to_string();
                audit::record(
                    &mut tx,
                    actor,
                    "decide",
                    "proposal",
                    &key,
                    before.as_ref(),
                    Some(&decision.code()),
                )
                .await?;
            }
            if let Some(letter) = letter {
                let dedup = outbox::decision_key(*id, decision.code());
                outbox::queue(&mut tx, MailKind::Decision, &dedup, letter).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// The proposals of a call with `decision`, in submission order.
    pub async fn decided_proposals(
        &self,
        phase_id: Uuid,
        decision: Decision,
    ) -> Result<Vec<Proposal>> {
        let sql = format!(
            "SELECT {PROPOSAL_COLUMNS} FROM proposals WHERE phase_id = $1 AND decision = $2 \
             ORDER BY created_at, id"
        );
        sqlx::query(&sql)
            .bind(phase_id.to_string())
            .bind(decision.code())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(proposal)
            .collect()
    }
}

/// Sets the themes and formats of a call on `conn` (inside the caller's transaction, which
/// audits it).
pub(crate) async fn insert_call(conn: &mut AnyConnection, call: &Call) -> Result<()> {
    let key = call.phase_id.to_string();
    sqlx::query(
        "INSERT INTO calls (phase_id, themes, formats) VALUES ($1, $2, $3) \
         ON CONFLICT (phase_id) DO UPDATE SET themes = excluded.themes, \
         formats = excluded.formats",
    )
    .bind(&key)
    .bind(to_json(&call.themes)?)
    .bind(to_json(&call.formats)?)
    .execute(&mut *conn)
    .await
    .map_err(constraint_as("phase_id"))?;
    Ok(())
}

/// Writes a new, undecided proposal on `conn` (inside the caller's transaction, which audits
/// it).
pub(crate) async fn insert_proposal(conn: &mut AnyConnection, proposal: &Proposal) -> Result<()> {
    let sql = format!(
        "INSERT INTO proposals ({PROPOSAL_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, NULL)"
    );
    sqlx::query(&sql)
        .bind(proposal.id.to_string())
        .bind(proposal.phase_id.to_string())
        .bind(proposal.author_id.to_string())
        .bind(&proposal.title)
        .bind(&proposal.description)
        .bind(&proposal.policy_questions)
        .bind(&proposal.format)
        .bind(&proposal.theme)
        .bind(proposal.sub_theme.as_deref())
        .bind(to_json(&proposal.people)?)
        .bind(i64::from(proposal.first_time))
        .bind(i64::from(proposal.report_filed))
        .bind(proposal.created_at.as_millisecond())
        .bind(proposal.updated_at.as_millisecond())
        .execute(&mut *conn)
        .await
        .map_err(constraint_as("phase_id"))?;
    Ok(())
}

/// Records `decision` on proposal `id` of the call `phase_id` at `at`; returns the decision it
/// replaces (`Some(None)` for none) when it changed anything, for the caller to audit, and
/// `NotFound` when the call has no such proposal.
pub(crate) async fn record_decision(
    conn: &mut AnyConnection,
    phase_id: Uuid,
    id: Uuid,
    decision: Decision,
    at: jiff::Timestamp,
) -> Result<Option<Option<String>>> {
    let key = id.to_string();
    let before: Option<Option<String>> =
        sqlx::query_scalar("SELECT decision FROM proposals WHERE id = $1 AND phase_id = $2")
            .bind(&key)
            .bind(phase_id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    let before = before.ok_or(StoreError::NotFound)?;
    if before.as_deref() == Some(decision.code()) {
        return Ok(None);
    }
    sqlx::query("UPDATE proposals SET decision = $2, decided_at = $3 WHERE id = $1")
        .bind(&key)
        .bind(decision.code())
        .bind(at.as_millisecond())
        .execute(&mut *conn)
        .await?;
    Ok(Some(before))
}
