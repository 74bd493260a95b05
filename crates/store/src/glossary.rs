//! Glossary entries and their expansions per language.

use agora_core::glossary::{Expansion, GlossaryEntry};

use sqlx::AnyConnection;
use uuid::Uuid;

use crate::page::{Page, PageRequest};
use crate::row::{self, sort_key};
use crate::{Insert, Result, Store, constraint_as, now_ms};

impl Store {
    /// Entries by acronym, case-insensitively.
    pub async fn glossary(&self, request: &PageRequest) -> Result<Page<GlossaryEntry>> {
        let (key, _) = request.bounds();
        let rows = sqlx::query(
            "SELECT id, sort_key, acronym FROM glossary_entries WHERE sort_key > $1 ORDER BY sort_key LIMIT $2",
        )
        .bind(key)
        .bind(request.clamped_limit() + 1)
        .fetch_all(&self.pool)
        .await?;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            let id = row::uuid(r, "id")?;
            let expansions = self.expansions(id).await?;
            let entry = GlossaryEntry {
                id,
                acronym: row::text(r, "acronym")?,
                expansions,
            };
            items.push((row::text(r, "sort_key")?, entry));
        }
        Ok(Page::from_rows(items, request, |e| e.id.to_string()))
    }

    /// One entry with its expansions.
    pub async fn glossary_entry(&self, id: Uuid) -> Result<Option<GlossaryEntry>> {
        let found = sqlx::query("SELECT acronym FROM glossary_entries WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        let Some(found) = found else { return Ok(None) };
        Ok(Some(GlossaryEntry {
            id,
            acronym: row::text(&found, "acronym")?,
            expansions: self.expansions(id).await?,
        }))
    }

    /// An entry's expansions, in the order they were given.
    async fn expansions(&self, id: Uuid) -> Result<Vec<Expansion>> {
        sqlx::query(
            "SELECT lang, text FROM glossary_expansions WHERE entry_id = $1 ORDER BY position",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|e| {
            Ok(Expansion {
                lang: row::text(e, "lang")?,
                text: row::text(e, "text")?,
            })
        })
        .collect()
    }

    /// The whole glossary (it holds hundreds of entries, not millions), for search pages.
    pub async fn whole_glossary(&self) -> Result<Vec<GlossaryEntry>> {
        let mut entries = Vec::new();
        let mut request = PageRequest::first(crate::page::MAX_LIMIT);
        loop {
            let page = self.glossary(&request).await?;
            entries.extend(page.items);
            match page.next {
                Some(next) => request.after = Some(next),
                None => return Ok(entries),
            }
        }
    }
}

impl Insert for GlossaryEntry {
    const ENTITY: &'static str = "glossary-entry";

    fn key(&self) -> String {
        self.id.to_string()
    }

    async fn insert(&self, conn: &mut AnyConnection) -> Result<()> {
        let entry = self;
        sqlx::query(
            "INSERT INTO glossary_entries (id, sort_key, acronym, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(entry.id.to_string())
        .bind(sort_key(&entry.acronym))
        .bind(&entry.acronym)
        .bind(now_ms())
        .execute(&mut *conn)
        .await
        .map_err(constraint_as("acronym"))?;
        for (position, expansion) in entry.expansions.iter().enumerate() {
            sqlx::query("INSERT INTO glossary_expansions (entry_id, lang, position, text) VALUES ($1, $2, $3, $4)")
                .bind(entry.id.to_string())
                .bind(&expansion.lang)
                .bind(position as i64)
                .bind(&expansion.text)
                .execute(&mut *conn)
                .await
                .map_err(constraint_as("expansions"))?;
        }
        Ok(())
    }
}
