//! What the search index reads: the feed of changes that triggers fill (migration 0011), and
//! the public records by id and in bulk, by the same rules as the public pages.

use agora_core::consultation::Submission;
use uuid::Uuid;

use crate::consultations::{PUBLISHED, SUBMISSION_COLUMNS};
use crate::page::{Page, PageRequest};
use crate::{Result, Store, row};

/// A record that search shows changed (or may have): `source` says what `key` is an id of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchChange {
    pub seq: i64,
    /// `answer` (a sheet), `glossary` (an entry) or `process`.
    pub source: String,
    pub key: String,
}

/// How long the feed keeps a change. An index that has not caught up within this time is
/// rebuilt from the records instead.
pub const SEARCH_CHANGES_TTL: jiff::SignedDuration = jiff::SignedDuration::from_hours(30 * 24);

impl Store {
    /// Up to `limit` changes after `after`, oldest first.
    pub async fn search_changes(&self, after: i64, limit: i64) -> Result<Vec<SearchChange>> {
        let rows = sqlx::query(
            "SELECT seq, source, key FROM search_changes WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SearchChange {
                    seq: row::int(r, "seq")?,
                    source: row::text(r, "source")?,
                    key: row::text(r, "key")?,
                })
            })
            .collect()
    }

    /// The first and last change in the feed, `None` when it is empty.
    pub async fn search_change_bounds(&self) -> Result<Option<(i64, i64)>> {
        // seq starts at 1 on both backends, so 0 stands for none.
        let found = sqlx::query(
            "SELECT COALESCE(MIN(seq), 0) AS first, COALESCE(MAX(seq), 0) AS last \
             FROM search_changes",
        )
        .fetch_one(&self.pool)
        .await?;
        let (first, last) = (row::int(&found, "first")?, row::int(&found, "last")?);
        Ok((last > 0).then_some((first, last)))
    }

    /// Drops the changes recorded before `before` (the hourly housekeeping, with
    /// [`SEARCH_CHANGES_TTL`]).
    pub async fn purge_search_changes(&self, before: jiff::Timestamp) -> Result<u64> {
        self.purge(
            "DELETE FROM search_changes WHERE at < $1",
            "search-change",
            before,
        )
        .await
    }

    /// A sheet, with its answers, if it is published (in whichever consultation).
    pub async fn published_sheet(&self, id: Uuid) -> Result<Option<Submission>> {
        let sql =
            format!("SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE id = $1 AND {PUBLISHED}");
        let found = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        self.with_answers(found).await
    }

    /// Every published sheet of every consultation, with its answers, in id order.
    pub async fn published_sheets(&self, request: &PageRequest) -> Result<Page<Submission>> {
        self.published_page(None, request).await
    }
}
