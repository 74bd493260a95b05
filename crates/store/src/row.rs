//! Reading columns from `Any` rows into domain types, with a clear error on corrupt data.

use sqlx::Row;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::{Result, StoreError};

pub(crate) fn text(row: &AnyRow, column: &str) -> Result<String> {
    Ok(row.try_get::<String, _>(column)?)
}

pub(crate) fn opt_text(row: &AnyRow, column: &str) -> Result<Option<String>> {
    Ok(row.try_get::<Option<String>, _>(column)?)
}

pub(crate) fn int(row: &AnyRow, column: &str) -> Result<i64> {
    Ok(row.try_get::<i64, _>(column)?)
}

pub(crate) fn uuid(row: &AnyRow, column: &str) -> Result<Uuid> {
    parse_uuid(&text(row, column)?, column)
}

pub(crate) fn opt_uuid(row: &AnyRow, column: &str) -> Result<Option<Uuid>> {
    opt_text(row, column)?
        .map(|v| parse_uuid(&v, column))
        .transpose()
}

pub(crate) fn timestamp(row: &AnyRow, column: &str) -> Result<jiff::Timestamp> {
    let ms = int(row, column)?;
    jiff::Timestamp::from_millisecond(ms)
        .map_err(|_| StoreError::Corrupt(format!("{column}: {ms} is not an instant")))
}

pub(crate) fn opt_timestamp(row: &AnyRow, column: &str) -> Result<Option<jiff::Timestamp>> {
    match row.try_get::<Option<i64>, _>(column)? {
        Some(_) => timestamp(row, column).map(Some),
        None => Ok(None),
    }
}

pub(crate) fn date(row: &AnyRow, column: &str) -> Result<jiff::civil::Date> {
    let value = text(row, column)?;
    value
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("{column}: {value} is not a date")))
}

fn parse_uuid(value: &str, column: &str) -> Result<Uuid> {
    Uuid::parse_str(value)
        .map_err(|_| StoreError::Corrupt(format!("{column}: {value} is not a UUID")))
}

/// The key rows are sorted by: case-folded, so "apnic" sorts beside "APNIC".
pub(crate) fn sort_key(name: &str) -> String {
    name.trim().to_lowercase()
}
