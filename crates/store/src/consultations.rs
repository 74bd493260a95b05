//! Consultations, their questions, answer sheets (one per person), late windows and the
//! idempotency keys of API clients.

use std::collections::{BTreeMap, HashMap};

use agora_core::consultation::{
    AnswerValue, Author, Consultation, Eligibility, ImportOrigin, Question, QuestionKind,
    Submission, SubmissionState,
};
use agora_core::process::Phase;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::outbox::{self, Letter};
use crate::page::{Cursor, Page, PageRequest};
use crate::processes::PHASE_COLUMNS;
use crate::{
    Actor, Insert, Result, Store, StoreError, audit, constraint_as, insert_audited, now_ms, row,
};

pub(crate) const SUBMISSION_COLUMNS: &str = "id, phase_id, user_id, receipt, state, public, stakeholder_group, country, \
                                  region, organisation, on_behalf, lang, updated_at, submitted_at, imported_batch, \
                                  imported_row, respondent_name, respondent_email";

/// The rule of the public pages: a sheet is published when it was submitted, its author made
/// it public, and moderation has not made it confidential or hidden. Search indexes by it too.
pub(crate) const PUBLISHED: &str = "state = 'submitted' AND public = 1 \
     AND NOT EXISTS (SELECT 1 FROM moderations m WHERE m.submission_id = submissions.id)";

pub(crate) fn flag(value: bool) -> i64 {
    i64::from(value)
}

pub(crate) fn corrupt(what: &str, value: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {value}"))
}

fn consultation(r: &AnyRow) -> Result<Consultation> {
    let eligibility = row::text(r, "eligibility")?;
    Ok(Consultation {
        phase_id: row::uuid(r, "phase_id")?,
        description: row::text(r, "description")?,
        languages: row::text(r, "languages")?
            .split(',')
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        public_by_default: row::int(r, "public_by_default")? != 0,
        on_behalf_allowed: row::int(r, "on_behalf_allowed")? != 0,
        eligibility: Eligibility::from_code(&eligibility)
            .ok_or_else(|| corrupt("eligibility", &eligibility))?,
    })
}

fn question(r: &AnyRow) -> Result<Question> {
    let kind = row::text(r, "kind")?;
    Ok(Question {
        id: row::uuid(r, "id")?,
        phase_id: row::uuid(r, "phase_id")?,
        position: u32::try_from(row::int(r, "position")?).map_err(|e| corrupt("position", e))?,
        prompt: row::text(r, "prompt")?,
        required: row::int(r, "required")? != 0,
        kind: serde_json::from_str::<QuestionKind>(&kind)
            .map_err(|_| corrupt("question kind", &kind))?,
    })
}

/// A submission row without its answers.
pub(crate) fn submission(r: &AnyRow) -> Result<Submission> {
    let state = row::text(r, "state")?;
    Ok(Submission {
        id: row::uuid(r, "id")?,
        phase_id: row::uuid(r, "phase_id")?,
        user_id: row::opt_uuid(r, "user_id")?,
        imported: match row::opt_uuid(r, "imported_batch")? {
            None => None,
            Some(batch) => Some(ImportOrigin {
                batch,
                row: u64::try_from(row::int(r, "imported_row")?).unwrap_or(0),
                name: row::opt_text(r, "respondent_name")?,
                email: row::opt_text(r, "respondent_email")?,
            }),
        },
        receipt: row::text(r, "receipt")?,
        state: SubmissionState::from_code(&state)
            .ok_or_else(|| corrupt("submission state", &state))?,
        public: row::int(r, "public")? != 0,
        author: Author {
            stakeholder_group: row::text(r, "stakeholder_group")?,
            country: row::opt_text(r, "country")?,
            region: row::opt_text(r, "region")?,
            organisation: row::opt_text(r, "organisation")?,
            on_behalf: row::int(r, "on_behalf")? != 0,
            lang: row::text(r, "lang")?,
        },
        answers: BTreeMap::new(),
        updated_at: row::timestamp(r, "updated_at")?,
        submitted_at: row::opt_timestamp(r, "submitted_at")?,
    })
}

impl Insert for Consultation {
    const ENTITY: &'static str = "consultation";

    fn key(&self) -> String {
        self.phase_id.to_string()
    }

    async fn insert(&self, conn: &mut AnyConnection) -> Result<()> {
        sqlx::query(
            "INSERT INTO consultations (phase_id, description, languages, public_by_default, on_behalf_allowed, \
                                        eligibility) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(self.phase_id.to_string())
        .bind(&self.description)
        .bind(self.languages.join(","))
        .bind(flag(self.public_by_default))
        .bind(flag(self.on_behalf_allowed))
        .bind(self.eligibility.code())
        .execute(conn)
        .await
        .map_err(constraint_as("phase"))?;
        Ok(())
    }
}

impl Insert for Question {
    const ENTITY: &'static str = "question";

    fn key(&self) -> String {
        self.id.to_string()
    }

    async fn insert(&self, conn: &mut AnyConnection) -> Result<()> {
        let kind = serde_json::to_string(&self.kind).map_err(|e| corrupt("question kind", e))?;
        sqlx::query(
            "INSERT INTO questions (id, phase_id, position, prompt, required, kind) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(self.id.to_string())
        .bind(self.phase_id.to_string())
        .bind(i64::from(self.position))
        .bind(&self.prompt)
        .bind(flag(self.required))
        .bind(kind)
        .execute(conn)
        .await
        .map_err(constraint_as("position"))?;
        Ok(())
    }
}

/// Renders the receipt of a submitted sheet for the outbox. It is given the sheet as it will
/// be stored (its receipt code, an edited sheet's first one, and its submission time are
/// final) and is called before the write lock is taken. The caller renders, in the author's
/// language; the store only files the letter.
pub type RenderReceipt<'a> = &'a (dyn Fn(&Submission) -> Letter + Sync);

/// What [`Store::save_submission`] did.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The sheet as stored (its receipt is the one given the first time it was saved).
    pub submission: Submission,
    /// True when an earlier request with the same idempotency key had already saved it.
    pub replayed: bool,
}

impl Store {
    pub async fn consultation(&self, phase_id: Uuid) -> Result<Option<Consultation>> {
        let found = sqlx::query(
            "SELECT phase_id, description, languages, public_by_default, on_behalf_allowed, eligibility \
             FROM consultations WHERE phase_id = $1",
        )
        .bind(phase_id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        found.as_ref().map(consultation).transpose()
    }

    /// Opens a consultation: its phase and its settings, in one transaction.
    pub async fn create_consultation(
        &self,
        actor: Actor,
        phase: &Phase,
        consultation: &Consultation,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        insert_audited(&mut tx, actor, phase).await?;
        insert_audited(&mut tx, actor, consultation).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The consultations of a process with their phases, in chronological order.
    pub async fn consultations_of(&self, process_id: Uuid) -> Result<Vec<(Phase, Consultation)>> {
        let columns: Vec<String> = PHASE_COLUMNS
            .split(", ")
            .map(|c| format!("p.{c}"))
            .collect();
        let sql = format!(
            "SELECT {}, c.description, c.languages, c.public_by_default, c.on_behalf_allowed, c.eligibility, \
                    c.phase_id FROM phases p JOIN consultations c ON c.phase_id = p.id \
             WHERE p.process_id = $1 ORDER BY p.opens_at, p.id",
            columns.join(", ")
        );
        let rows = sqlx::query(&sql)
            .bind(process_id.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((crate::processes::phase(r)?, consultation(r)?)))
            .collect()
    }

    /// A consultation's questions, in order.
    pub async fn questions(&self, phase_id: Uuid) -> Result<Vec<Question>> {
        let rows = sqlx::query(
            "SELECT id, phase_id, position, prompt, required, kind FROM questions WHERE phase_id = $1 ORDER BY position",
        )
        .bind(phase_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(question).collect()
    }

    /// The answers of the given submissions, in one query.
    pub(crate) async fn answers_of(&self, submissions: &mut [Submission]) -> Result<()> {
        answers_in(&self.pool, submissions).await
    }

    /// The submission in `found`, with its answers.
    pub(crate) async fn with_answers(&self, found: Option<AnyRow>) -> Result<Option<Submission>> {
        let Some(found) = found else { return Ok(None) };
        let mut found = [submission(&found)?];
        self.answers_of(&mut found).await?;
        let [found] = found;
        Ok(Some(found))
    }

    /// A person's answer sheet for a consultation, draft or submitted.
    pub async fn submission_of(&self, phase_id: Uuid, user_id: Uuid) -> Result<Option<Submission>> {
        sheet_of(&mut *self.pool.acquire().await?, phase_id, user_id).await
    }

    pub async fn submission(&self, id: Uuid) -> Result<Option<Submission>> {
        let sql = format!("SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE id = $1");
        let found = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        self.with_answers(found).await
    }

    /// The sheet a receipt code was given for (codes are matched case-insensitively).
    pub async fn submission_by_receipt(&self, receipt: &str) -> Result<Option<Submission>> {
        let sql = format!("SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE receipt = $1");
        let found = sqlx::query(&sql)
            .bind(receipt.trim().to_uppercase())
            .fetch_optional(&self.pool)
            .await?;
        self.with_answers(found).await
    }

    /// Saves a person's answer sheet: creates it, or replaces the answers of their existing one
    /// (keeping its id and receipt). With an idempotency key, a request that was already saved
    /// under that key is answered with what it saved, and a different request reusing the key
    /// is refused (`Conflict { field: "idempotency_key" }`).
    ///
    /// When the sheet is submitted and `receipt` is given, the receipt it renders is queued in
    /// the outbox in the same transaction: every acknowledged submission has its receipt, and
    /// each submission (an edit handed in again included) has its own. Drafts and replays
    /// queue nothing.
    pub async fn save_submission(
        &self,
        actor: Actor,
        sheet: &Submission,
        idempotency: Option<(&str, &str)>,
        receipt: Option<RenderReceipt<'_>>,
    ) -> Result<Saved> {
        // Sheets saved here belong to an account; imported ones go through `import_submissions`.
        let user = sheet
            .user_id
            .ok_or(StoreError::MissingReference { field: "user_id" })?;
        if let Some(replayed) = self.replay(user, idempotency).await? {
            return Ok(replayed);
        }
        let mut tx = self.write().await?;
        // Read inside the transaction: two first saves by one account (two tabs) must not both
        // believe the sheet is new.
        let before = sheet_of(&mut tx, sheet.phase_id, user).await?;
        let now = now_ms();
        let stored = match &before {
            Some(existing) => Submission {
                id: existing.id,
                receipt: existing.receipt.clone(),
                ..sheet.clone()
            },
            None => sheet.clone(),
        };
        let submitted_at = match stored.state {
            SubmissionState::Submitted => Some(now),
            SubmissionState::Draft => before
                .as_ref()
                .and_then(|b| b.submitted_at)
                .map(|t| t.as_millisecond()),
        };
        let author = &stored.author;
        // One statement for a new sheet and an edited one: an edit keeps the row's id, receipt
        // and creation time and replaces the rest. The row says which id and receipt it kept
        // (on PostgreSQL a concurrent first save by the same account may have won the insert).
        let kept = sqlx::query(
            "INSERT INTO submissions (id, phase_id, user_id, receipt, state, public, stakeholder_group, country, \
             region, organisation, on_behalf, lang, created_at, updated_at, submitted_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) \
             ON CONFLICT (phase_id, user_id) DO UPDATE SET state = excluded.state, public = excluded.public, \
             stakeholder_group = excluded.stakeholder_group, country = excluded.country, \
             region = excluded.region, organisation = excluded.organisation, on_behalf = excluded.on_behalf, \
             lang = excluded.lang, updated_at = excluded.updated_at, submitted_at = excluded.submitted_at \
             RETURNING id, receipt",
        )
        .bind(stored.id.to_string())
        .bind(stored.phase_id.to_string())
        .bind(user.to_string())
        .bind(&stored.receipt)
        .bind(stored.state.code())
        .bind(flag(stored.public))
        .bind(&author.stakeholder_group)
        .bind(&author.country)
        .bind(&author.region)
        .bind(&author.organisation)
        .bind(flag(author.on_behalf))
        .bind(&author.lang)
        .bind(now)
        .bind(submitted_at)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| match constraint_as("receipt")(e) {
            StoreError::MissingReference { .. } => StoreError::MissingReference { field: "stakeholder_group" },
            other => other,
        })?;
        let stored = Submission {
            id: row::uuid(&kept, "id")?,
            receipt: row::text(&kept, "receipt")?,
            ..stored
        };
        // The sheet as stored (the times are the ones written), and its receipt: rendered from
        // the row kept, so the code a receipt carries is always the stored one.
        let stamp = |ms: i64| jiff::Timestamp::from_millisecond(ms).map_err(|e| corrupt("time", e));
        let submission = Submission {
            updated_at: stamp(now)?,
            submitted_at: submitted_at.map(stamp).transpose()?,
            ..stored.clone()
        };
        let letter = match (submission.state, receipt) {
            (SubmissionState::Submitted, Some(render)) => Some(render(&submission)),
            _ => None,
        };
        // A sheet this statement created has no answers yet; only an existing one (read above,
        // or saved meanwhile by another tab) has answers to replace.
        let created = before.is_none() && stored.id == sheet.id;
        if !created {
            sqlx::query("DELETE FROM answers WHERE submission_id = $1")
                .bind(stored.id.to_string())
                .execute(&mut *tx)
                .await?;
        }
        if !stored.answers.is_empty() {
            // One statement for all the answers: every round trip here is time the writer
            // lock is held.
            let rows: Vec<String> = (0..stored.answers.len())
                .map(|i| format!("($1, ${}, ${})", 2 * i + 2, 2 * i + 3))
                .collect();
            let sql = format!(
                "INSERT INTO answers (submission_id, question_id, value) VALUES {}",
                rows.join(", ")
            );
            let mut insert = sqlx::query(&sql).bind(stored.id.to_string());
            for (question, value) in &stored.answers {
                let value = serde_json::to_string(value).map_err(|e| corrupt("answer", e))?;
                insert = insert.bind(question.to_string()).bind(value);
            }
            insert
                .execute(&mut *tx)
                .await
                .map_err(constraint_as("answers"))?;
        }
        if let Some((key, fingerprint)) = idempotency {
            let recorded = sqlx::query(
                "INSERT INTO idempotency_keys (user_id, key, fingerprint, submission_id, created_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(user.to_string())
            .bind(key)
            .bind(fingerprint)
            .bind(stored.id.to_string())
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(constraint_as("idempotency_key"));
            if let Err(StoreError::Conflict { .. }) = recorded {
                // The same key committed meanwhile (a retry racing its original, PostgreSQL):
                // this save is the retry, and the original's answer is the answer.
                tx.rollback().await?;
                return self
                    .replay(user, idempotency)
                    .await?
                    .ok_or(StoreError::Conflict {
                        field: "idempotency_key",
                    });
            }
            recorded?;
        }
        let action = match stored.state {
            SubmissionState::Submitted => "submit",
            SubmissionState::Draft => "save-draft",
        };
        let id = stored.id.to_string();
        audit::record(
            &mut tx,
            actor,
            action,
            "submission",
            &id,
            before.as_ref(),
            Some(&stored),
        )
        .await?;
        if let (Some(letter), Some(at)) = (&letter, submitted_at) {
            outbox::queue_receipt(&mut tx, submission.id, at, letter).await?;
        }
        tx.commit().await?;
        // What was just written, without reading it back.
        Ok(Saved {
            submission,
            replayed: false,
        })
    }

    /// The answer to an earlier request with the same idempotency key: the sheet it saved, or
    /// a conflict when the key came with another body. `None` when the key is new (or absent).
    async fn replay(&self, user: Uuid, idempotency: Option<(&str, &str)>) -> Result<Option<Saved>> {
        let Some((key, fingerprint)) = idempotency else {
            return Ok(None);
        };
        let seen = sqlx::query(
            "SELECT fingerprint, submission_id FROM idempotency_keys WHERE user_id = $1 AND key = $2",
        )
        .bind(user.to_string())
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        let Some(seen) = seen else { return Ok(None) };
        if row::text(&seen, "fingerprint")? != fingerprint {
            return Err(StoreError::Conflict {
                field: "idempotency_key",
            });
        }
        let id = row::uuid(&seen, "submission_id")?;
        let submission = self.submission(id).await?.ok_or(StoreError::NotFound)?;
        Ok(Some(Saved {
            submission,
            replayed: true,
        }))
    }

    /// Submitted, public answer sheets of a consultation, oldest first (the id is a UUIDv7,
    /// so its order is the order of creation).
    pub async fn published_submissions(
        &self,
        phase_id: Uuid,
        request: &PageRequest,
    ) -> Result<Page<Submission>> {
        self.published_page(Some(phase_id), request).await
    }

    /// Published sheets, with their answers, in id order: of one consultation, or of all
    /// (`phase_id` `None`: what the search index is built from).
    pub(crate) async fn published_page(
        &self,
        phase_id: Option<Uuid>,
        request: &PageRequest,
    ) -> Result<Page<Submission>> {
        let (_, after) = request.bounds();
        let in_phase = if phase_id.is_some() {
            "phase_id = $3 AND"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {SUBMISSION_COLUMNS} FROM submissions \
             WHERE {in_phase} id > $1 AND {PUBLISHED} ORDER BY id LIMIT $2"
        );
        let mut query = sqlx::query(&sql)
            .bind(after)
            .bind(request.clamped_limit() + 1);
        if let Some(phase_id) = phase_id {
            query = query.bind(phase_id.to_string());
        }
        let rows = query.fetch_all(&self.pool).await?;
        let limit = request.clamped_limit() as usize;
        let mut items = rows
            .iter()
            .take(limit)
            .map(submission)
            .collect::<Result<Vec<_>>>()?;
        self.answers_of(&mut items).await?;
        let next = (rows.len() > limit).then(|| {
            let last = items.last().map(|s| s.id.to_string()).unwrap_or_default();
            Cursor {
                key: String::new(),
                id: last,
            }
        });
        Ok(Page { items, next })
    }

    /// One sheet of a consultation, if it is published: submitted, public and not moderated
    /// (the same rule as [`Store::published_submissions`], for its stable address).
    pub async fn published_submission(
        &self,
        phase_id: Uuid,
        id: Uuid,
    ) -> Result<Option<Submission>> {
        let sql = format!(
            "SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE phase_id = $1 AND id = $2 AND {PUBLISHED}"
        );
        let found = sqlx::query(&sql)
            .bind(phase_id.to_string())
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        self.with_answers(found).await
    }

    /// Gives one person until `until` to answer, whatever the closing instant.
    pub async fn grant_late_window(
        &self,
        actor: Actor,
        phase_id: Uuid,
        user_id: Uuid,
        until: jiff::Timestamp,
    ) -> Result<()> {
        let before = self.late_window(phase_id, user_id).await?;
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO late_windows (phase_id, user_id, until) VALUES ($1, $2, $3) \
             ON CONFLICT (phase_id, user_id) DO UPDATE SET until = excluded.until",
        )
        .bind(phase_id.to_string())
        .bind(user_id.to_string())
        .bind(until.as_millisecond())
        .execute(&mut *tx)
        .await
        .map_err(constraint_as("user_id"))?;
        let key = format!("{phase_id}/{user_id}");
        let after = serde_json::json!({ "phase_id": phase_id, "user_id": user_id, "until": until });
        let before = before
            .map(|b| serde_json::json!({ "phase_id": phase_id, "user_id": user_id, "until": b }));
        audit::record(
            &mut tx,
            actor,
            "grant",
            "late-window",
            &key,
            before.as_ref(),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn late_window(
        &self,
        phase_id: Uuid,
        user_id: Uuid,
    ) -> Result<Option<jiff::Timestamp>> {
        let found =
            sqlx::query("SELECT until FROM late_windows WHERE phase_id = $1 AND user_id = $2")
                .bind(phase_id.to_string())
                .bind(user_id.to_string())
                .fetch_optional(&self.pool)
                .await?;
        found
            .as_ref()
            .map(|r| row::timestamp(r, "until"))
            .transpose()
    }
}

/// A person's answer sheet for a consultation, with its answers, read on `conn` (a pooled
/// connection, or the transaction about to replace it).
async fn sheet_of(
    conn: &mut sqlx::AnyConnection,
    phase_id: Uuid,
    user_id: Uuid,
) -> Result<Option<Submission>> {
    let sql = format!(
        "SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE phase_id = $1 AND user_id = $2"
    );
    let Some(found) = sqlx::query(&sql)
        .bind(phase_id.to_string())
        .bind(user_id.to_string())
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let mut found = [submission(&found)?];
    answers_in(&mut *conn, &mut found).await?;
    let [found] = found;
    Ok(Some(found))
}

/// The answers of the given submissions, in one query, through `executor` (the pool, or a
/// transaction that must see its own writes).
async fn answers_in<'e, E>(executor: E, submissions: &mut [Submission]) -> Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    if submissions.is_empty() {
        return Ok(());
    }
    let placeholders: Vec<String> = (1..=submissions.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT submission_id, question_id, value FROM answers WHERE submission_id IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for s in submissions.iter() {
        query = query.bind(s.id.to_string());
    }
    // By id, so that a page of sheets costs one lookup per answer, not a scan of the page.
    let index: HashMap<Uuid, usize> = submissions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    for r in query.fetch_all(executor).await? {
        let owner = row::uuid(&r, "submission_id")?;
        let value = row::text(&r, "value")?;
        let answer: AnswerValue =
            serde_json::from_str(&value).map_err(|_| corrupt("answer", &value))?;
        if let Some(&i) = index.get(&owner) {
            submissions[i]
                .answers
                .insert(row::uuid(&r, "question_id")?, answer);
        }
    }
    Ok(())
}
