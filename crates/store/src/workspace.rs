//! The secretariat's workspace: every answer sheet of a consultation with filters, counts that
//! follow the filters, tags and moderation.

use std::collections::HashMap;

use std::collections::BTreeMap;

use agora_core::consultation::{AnswerCounts, AnswerFilter, Moderation, Submission, Visibility};
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::consultations::SUBMISSION_COLUMNS;
use crate::page::{Cursor, Page, PageRequest};
use crate::{Actor, Backend, Result, Store, StoreError, audit, constraint_as, now_ms, row};

/// An answer sheet as the secretariat sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceRow {
    pub submission: Submission,
    pub moderation: Option<Moderation>,
    pub tags: Vec<String>,
}

/// A bound parameter of a query built from a filter.
enum Bind {
    Text(String),
    Int(i64),
}

/// The `WHERE` clause (over `submissions s`) and its parameters for a filter. Conditions are
/// fixed SQL with `$n` placeholders; every value the user typed is bound, never spliced.
fn conditions(backend: Backend, phase_id: Uuid, filter: &AnswerFilter) -> (String, Vec<Bind>) {
    let searching = filter.text.as_deref().is_some_and(|t| !t.trim().is_empty());
    let phase = if searching && backend == Backend::Sqlite {
        // A search finds few sheets as a rule: the unary `+` keeps SQLite from walking the
        // whole consultation in id order and checking each sheet against the search, so that it
        // starts from the sheets the index found (60 ms → 1 ms at 100,000 sheets; a term found
        // in every answer costs more this way, 10 ms → 40 ms).
        "+s.phase_id = $1"
    } else {
        "s.phase_id = $1"
    };
    let mut sql = vec![phase.to_owned(), "s.state = 'submitted'".to_owned()];
    let mut binds = vec![Bind::Text(phase_id.to_string())];
    let mut push = |condition: &str, bind: Bind, binds: &mut Vec<Bind>| {
        binds.push(bind);
        sql.push(condition.replace("$?", &format!("${}", binds.len())));
    };
    if let Some(group) = &filter.stakeholder_group {
        push(
            "s.stakeholder_group = $?",
            Bind::Text(group.clone()),
            &mut binds,
        );
    }
    if let Some(region) = &filter.region {
        push("s.region = $?", Bind::Text(region.clone()), &mut binds);
    }
    if let Some(lang) = &filter.lang {
        push("s.lang = $?", Bind::Text(lang.clone()), &mut binds);
    }
    if let Some(organisation) = &filter.organisation {
        let pattern = format!("%{}%", like_escape(&organisation.to_lowercase()));
        push(
            "LOWER(s.organisation) LIKE $? ESCAPE '\\'",
            Bind::Text(pattern),
            &mut binds,
        );
    }
    if let Some(from) = filter.from {
        let start = from
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_or(i64::MIN, |z| z.timestamp().as_millisecond());
        push("s.submitted_at >= $?", Bind::Int(start), &mut binds);
    }
    if let Some(to) = filter.to {
        let end = to
            .tomorrow()
            .ok()
            .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC).ok())
            .map_or(i64::MAX, |z| z.timestamp().as_millisecond());
        push("s.submitted_at < $?", Bind::Int(end), &mut binds);
    }
    if let Some(question) = filter.question {
        push(
            "EXISTS (SELECT 1 FROM answers a WHERE a.submission_id = s.id AND a.question_id = $?)",
            Bind::Text(question.to_string()),
            &mut binds,
        );
    }
    if let Some(tag) = &filter.tag {
        push(
            "EXISTS (SELECT 1 FROM submission_tags t WHERE t.submission_id = s.id AND t.tag = $?)",
            Bind::Text(tag.clone()),
            &mut binds,
        );
    }
    if let Some(text) = &filter.text {
        let terms: Vec<&str> = text.split_whitespace().collect();
        if !terms.is_empty() {
            let (condition, words) = search_condition(backend, &terms);
            let mut condition = condition;
            for word in words {
                binds.push(word);
                condition = condition.replacen("$?", &format!("${}", binds.len()), 1);
            }
            sql.push(condition);
        }
    }
    (sql.join(" AND "), binds)
}

/// The condition that one of a sheet's answers holds every search term, as a word or part of
/// one, any case; its `$?` placeholders stand for the binds returned, in order. This is the one
/// place where the two backends need other SQL: each has its own trigram index (migration
/// 0008) over the answers as plain text, SQLite's an FTS5 table queried with MATCH (one phrase
/// per term, all in one answer), PostgreSQL's a pg_trgm index that serves LIKE. A trigram index
/// cannot look up fewer than three characters; SQLite checks such terms with LIKE on the
/// answers the longer terms found (or on all of them).
fn search_condition(backend: Backend, terms: &[&str]) -> (String, Vec<Bind>) {
    let like = |term: &str| Bind::Text(format!("%{}%", like_escape(&term.to_lowercase())));
    match backend {
        Backend::Sqlite => {
            let (long, short): (Vec<&str>, Vec<&str>) =
                terms.iter().partition(|t| t.chars().count() >= 3);
            let mut parts = Vec::new();
            let mut binds = Vec::new();
            if !long.is_empty() {
                parts.push(
                    "a.rowid IN (SELECT rowid FROM answers_search WHERE answers_search MATCH $?)",
                );
                // FTS5 strings: each term quoted, its own quotes doubled; listed, they must all
                // be there.
                let phrases: Vec<String> = long
                    .iter()
                    .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
                    .collect();
                binds.push(Bind::Text(phrases.join(" ")));
            }
            for term in short {
                parts.push("LOWER(json_extract(a.value, '$')) LIKE $? ESCAPE '\\'");
                binds.push(like(term));
            }
            (
                format!(
                    "s.id IN (SELECT a.submission_id FROM answers a WHERE {})",
                    parts.join(" AND ")
                ),
                binds,
            )
        }
        Backend::Postgres => {
            let parts = vec!["LOWER(a.value::jsonb #>> '{}') LIKE $? ESCAPE '\\'"; terms.len()];
            (
                format!(
                    "s.id IN (SELECT a.submission_id FROM answers a WHERE {})",
                    parts.join(" AND ")
                ),
                terms.iter().map(|t| like(t)).collect(),
            )
        }
    }
}

/// Sheets counted in all and by field, while they are being added up.
#[derive(Default)]
struct Tally {
    total: i64,
    by_group: BTreeMap<String, i64>,
    by_region: BTreeMap<String, i64>,
    by_lang: BTreeMap<String, i64>,
}

impl Tally {
    fn subtract(&mut self, other: &Tally) {
        self.total -= other.total;
        for (mine, theirs) in [
            (&mut self.by_group, &other.by_group),
            (&mut self.by_region, &other.by_region),
            (&mut self.by_lang, &other.by_lang),
        ] {
            for (value, n) in theirs {
                *mine.entry(value.clone()).or_insert(0) -= n;
            }
        }
    }

    fn into_counts(self) -> AnswerCounts {
        AnswerCounts {
            total: u64::try_from(self.total).unwrap_or(0),
            by_stakeholder_group: most_first(self.by_group),
            by_region: most_first(self.by_region),
            by_lang: most_first(self.by_lang),
        }
    }
}

/// Counts above zero, largest first, then by value.
fn most_first(counts: BTreeMap<String, i64>) -> Vec<(String, u64)> {
    let mut counts: Vec<(String, u64)> = counts
        .into_iter()
        .filter_map(|(value, n)| u64::try_from(n).ok().filter(|n| *n > 0).map(|n| (value, n)))
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

/// Escapes `%`, `_` and `\` so that typed text matches literally inside a LIKE pattern.
fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    binds: &'q [Bind],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for bind in binds {
        query = match bind {
            Bind::Text(text) => query.bind(text.as_str()),
            Bind::Int(int) => query.bind(*int),
        };
    }
    query
}

fn moderation_in(r: &AnyRow) -> Result<Option<Moderation>> {
    let Some(visibility) = row::opt_text(r, "m_visibility")? else {
        return Ok(None);
    };
    Ok(Some(Moderation {
        visibility: Visibility::from_code(&visibility)
            .ok_or_else(|| StoreError::Corrupt(format!("visibility {visibility}")))?,
        reason: row::opt_text(r, "m_reason")?.unwrap_or_default(),
    }))
}

/// [`Store::moderate`] inside a transaction the caller commits (deciding a report hides its
/// sheet in the decision's transaction).
pub(crate) async fn moderate_in(
    conn: &mut sqlx::AnyConnection,
    actor: Actor,
    submission_id: Uuid,
    moderation: Option<&Moderation>,
) -> Result<()> {
    let before = sqlx::query("SELECT visibility AS m_visibility, reason AS m_reason FROM moderations WHERE submission_id = $1")
        .bind(submission_id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    let before = match &before {
        Some(r) => moderation_in(r)?,
        None => None,
    };
    sqlx::query("DELETE FROM moderations WHERE submission_id = $1")
        .bind(submission_id.to_string())
        .execute(&mut *conn)
        .await?;
    if let Some(m) = moderation {
        sqlx::query(
            "INSERT INTO moderations (submission_id, visibility, reason, moderator_id, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(submission_id.to_string())
        .bind(m.visibility.code())
        .bind(&m.reason)
        .bind(actor.map(|a| a.to_string()))
        .bind(now_ms())
        .execute(&mut *conn)
        .await
        .map_err(|e| match constraint_as("submission_id")(e) {
            StoreError::MissingReference { .. } => StoreError::NotFound,
            other => other,
        })?;
    }
    audit::record(
        conn,
        actor,
        "moderate",
        "submission",
        &submission_id.to_string(),
        before.as_ref(),
        moderation,
    )
    .await
}

impl Store {
    /// Submitted sheets matching `filter`, oldest first, with moderation and tags.
    pub async fn workspace(
        &self,
        phase_id: Uuid,
        filter: &AnswerFilter,
        request: &PageRequest,
    ) -> Result<Page<WorkspaceRow>> {
        let (mut condition, mut binds) = conditions(self.backend(), phase_id, filter);
        if filter.exclude_hidden {
            condition.push_str(
                " AND s.id NOT IN (SELECT h.submission_id FROM moderations h WHERE h.visibility = 'hidden')",
            );
        }
        binds.push(Bind::Text(request.bounds().1));
        condition.push_str(&format!(" AND s.id > ${}", binds.len()));
        binds.push(Bind::Int(request.clamped_limit() + 1));
        let columns: Vec<String> = SUBMISSION_COLUMNS
            .split(", ")
            .map(|c| format!("s.{c}"))
            .collect();
        let sql = format!(
            "SELECT {}, m.visibility AS m_visibility, m.reason AS m_reason FROM submissions s \
             LEFT JOIN moderations m ON m.submission_id = s.id WHERE {condition} ORDER BY s.id LIMIT ${}",
            columns.join(", "),
            binds.len()
        );
        let rows = bind_all(sqlx::query(&sql), &binds)
            .fetch_all(&self.pool)
            .await?;
        let limit = request.clamped_limit() as usize;
        let mut submissions = rows
            .iter()
            .take(limit)
            .map(crate::consultations::submission)
            .collect::<Result<Vec<_>>>()?;
        self.answers_of(&mut submissions).await?;
        let mut tags = self.tags_of(&submissions).await?;
        let mut items = Vec::with_capacity(submissions.len());
        for (submission, r) in submissions.into_iter().zip(&rows) {
            items.push(WorkspaceRow {
                moderation: moderation_in(r)?,
                tags: tags.remove(&submission.id).unwrap_or_default(),
                submission,
            });
        }
        let next = (rows.len() > limit).then(|| Cursor {
            key: String::new(),
            id: items
                .last()
                .map(|i| i.submission.id.to_string())
                .unwrap_or_default(),
        });
        Ok(Page { items, next })
    }

    /// The tags of a page of sheets, each sheet's in alphabetical order: one query for the
    /// page, not one per sheet (an export of every sheet reads them all).
    async fn tags_of(&self, sheets: &[Submission]) -> Result<HashMap<Uuid, Vec<String>>> {
        let mut tags: HashMap<Uuid, Vec<String>> = HashMap::new();
        if sheets.is_empty() {
            return Ok(tags);
        }
        let placeholders: Vec<String> = (1..=sheets.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT submission_id, tag FROM submission_tags WHERE submission_id IN ({}) \
             ORDER BY submission_id, tag",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for sheet in sheets {
            query = query.bind(sheet.id.to_string());
        }
        for r in query.fetch_all(&self.pool).await? {
            tags.entry(row::uuid(&r, "submission_id")?)
                .or_default()
                .push(row::text(&r, "tag")?);
        }
        Ok(tags)
    }

    /// How many submitted sheets `filter` selects, in all and per group, region and language.
    pub async fn answer_counts(
        &self,
        phase_id: Uuid,
        filter: &AnswerFilter,
    ) -> Result<AnswerCounts> {
        let (condition, binds) = conditions(self.backend(), phase_id, filter);
        let mut counts = self
            .grouped_counts("submissions s", &condition, &binds)
            .await?;
        if filter.exclude_hidden {
            // Counted apart, starting from the few hidden sheets, and taken off: a condition on
            // them in the main count would keep it from counting from its covering index.
            // (CROSS JOIN makes SQLite start from the moderations; PostgreSQL plans it alike.)
            let hidden =
                format!("s.id = h.submission_id AND h.visibility = 'hidden' AND {condition}");
            let hidden = self
                .grouped_counts("moderations h CROSS JOIN submissions s", &hidden, &binds)
                .await?;
            counts.subtract(&hidden);
        }
        Ok(counts.into_counts())
    }

    /// The sheets `condition` selects among those `from` yields (as `s`), counted by group,
    /// region and language in one scan grouped by all three at once.
    async fn grouped_counts(&self, from: &str, condition: &str, binds: &[Bind]) -> Result<Tally> {
        let sql = format!(
            "SELECT s.stakeholder_group AS g, COALESCE(s.region, '') AS r, s.lang AS l, \
             COUNT(*) AS n FROM {from} WHERE {condition} GROUP BY s.stakeholder_group, \
             COALESCE(s.region, ''), s.lang"
        );
        let mut tally = Tally::default();
        for r in bind_all(sqlx::query(&sql), binds)
            .fetch_all(&self.pool)
            .await?
        {
            let n = row::int(&r, "n")?;
            *tally.by_group.entry(row::text(&r, "g")?).or_insert(0) += n;
            *tally.by_region.entry(row::text(&r, "r")?).or_insert(0) += n;
            *tally.by_lang.entry(row::text(&r, "l")?).or_insert(0) += n;
            tally.total += n;
        }
        Ok(tally)
    }

    /// Marks a sheet confidential or hidden with a reason, or (`None`) public again. The audit
    /// log keeps who did it, the reason, and what it was before.
    pub async fn moderate(
        &self,
        actor: Actor,
        submission_id: Uuid,
        moderation: Option<&Moderation>,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        moderate_in(&mut tx, actor, submission_id, moderation).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a tag to a sheet (adding it twice changes nothing).
    pub async fn tag_submission(&self, actor: Actor, submission_id: Uuid, tag: &str) -> Result<()> {
        let mut tx = self.write().await?;
        let added = sqlx::query(
            "INSERT INTO submission_tags (submission_id, tag) VALUES ($1, $2) ON CONFLICT (submission_id, tag) DO NOTHING",
        )
        .bind(submission_id.to_string())
        .bind(tag)
        .execute(&mut *tx)
        .await
        .map_err(|e| match constraint_as("submission_id")(e) {
            StoreError::MissingReference { .. } => StoreError::NotFound,
            other => other,
        })?;
        if added.rows_affected() > 0 {
            let after = serde_json::json!({ "tag": tag });
            audit::record::<(), _>(
                &mut tx,
                actor,
                "tag",
                "submission",
                &submission_id.to_string(),
                None,
                Some(&after),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn untag_submission(
        &self,
        actor: Actor,
        submission_id: Uuid,
        tag: &str,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let removed =
            sqlx::query("DELETE FROM submission_tags WHERE submission_id = $1 AND tag = $2")
                .bind(submission_id.to_string())
                .bind(tag)
                .execute(&mut *tx)
                .await?;
        if removed.rows_affected() > 0 {
            let before = serde_json::json!({ "tag": tag });
            audit::record::<_, ()>(
                &mut tx,
                actor,
                "untag",
                "submission",
                &submission_id.to_string(),
                Some(&before),
                None,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
