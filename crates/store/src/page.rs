//! Keyset pagination. A cursor is the sort key and id of the last item of a page, encoded
//! opaquely; the next page starts strictly after it, so inserts never shift or repeat items.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError, row};

pub const MAX_LIMIT: u32 = 200;
pub const DEFAULT_LIMIT: u32 = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub(crate) key: String,
    pub(crate) id: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}\u{1f}{}", self.key, self.id))
    }

    pub fn decode(value: &str) -> Result<Cursor, StoreError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(value)
            .map_err(|_| StoreError::BadCursor)?;
        let text = String::from_utf8(bytes).map_err(|_| StoreError::BadCursor)?;
        let (key, id) = text.rsplit_once('\u{1f}').ok_or(StoreError::BadCursor)?;
        Ok(Cursor {
            key: key.to_owned(),
            id: id.to_owned(),
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct PageRequest {
    pub limit: u32,
    pub after: Option<Cursor>,
}

impl PageRequest {
    /// A request for the first `limit` items (clamped to `1..=MAX_LIMIT`).
    pub fn first(limit: u32) -> Self {
        PageRequest { limit, after: None }
    }

    pub(crate) fn clamped_limit(&self) -> i64 {
        i64::from(self.limit.clamp(1, MAX_LIMIT))
    }

    /// The `(key, id)` to start after: empty strings sort before every stored value.
    pub(crate) fn bounds(&self) -> (String, String) {
        self.after
            .as_ref()
            .map(|c| (c.key.clone(), c.id.clone()))
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<Cursor>,
}

impl<T> Page<T> {
    /// Builds a page from `limit + 1` fetched rows: the extra row only says another page exists.
    pub(crate) fn from_rows(
        mut rows: Vec<(String, T)>,
        request: &PageRequest,
        id_of: impl Fn(&T) -> String,
    ) -> Self {
        let limit = request.clamped_limit() as usize;
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = if more {
            rows.last().map(|(key, item)| Cursor {
                key: key.clone(),
                id: id_of(item),
            })
        } else {
            None
        };
        Page {
            items: rows.into_iter().map(|(_, item)| item).collect(),
            next,
        }
    }
}

impl Store {
    /// Every item of a paged listing, reading it a page of [`MAX_LIMIT`] at a time: for what
    /// needs them all (a calendar feed, a scan of every text).
    pub async fn every<T>(
        &self,
        list: impl AsyncFn(&Store, &PageRequest) -> Result<Page<T>>,
    ) -> Result<Vec<T>> {
        let mut items = Vec::new();
        let mut request = PageRequest::first(MAX_LIMIT);
        loop {
            let page = list(self, &request).await?;
            items.extend(page.items);
            match page.next {
                Some(next) => request.after = Some(next),
                None => return Ok(items),
            }
        }
    }

    /// One keyset page of `SELECT {columns} FROM {table}` in `({key}, id)` order; `columns`
    /// must include `{key}` and `id`. The names are constants of this crate, never user input;
    /// the cursor values are bound parameters.
    pub(crate) async fn keyset_page<T>(
        &self,
        columns: &str,
        table: &str,
        key: &str,
        request: &PageRequest,
        decode: fn(&AnyRow) -> Result<T>,
    ) -> Result<Page<T>> {
        let (after_key, after_id) = request.bounds();
        let sql = format!(
            "SELECT {columns} FROM {table} WHERE {key} > $1 OR ({key} = $1 AND id > $2) \
             ORDER BY {key}, id LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(after_key)
            .bind(after_id)
            .bind(request.clamped_limit() + 1)
            .fetch_all(&self.pool)
            .await?;
        let limit = request.clamped_limit() as usize;
        let next = if rows.len() > limit {
            let last = &rows[limit - 1];
            Some(Cursor {
                key: row::text(last, key)?,
                id: row::text(last, "id")?,
            })
        } else {
            None
        };
        let items = rows
            .iter()
            .take(limit)
            .map(decode)
            .collect::<Result<Vec<_>>>()?;
        Ok(Page { items, next })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let cursor = Cursor {
            key: "2013-05-14".into(),
            id: "0190-abc".into(),
        };
        assert_eq!(Cursor::decode(&cursor.encode()).unwrap(), cursor);
        assert!(Cursor::decode("%%%").is_err());
        assert!(Cursor::decode(&URL_SAFE_NO_PAD.encode("no separator")).is_err());
    }
}
