//! Bulk imports: answer sheets collected elsewhere, stored all or none, and the files the web
//! keeps between the steps of an import (upload, column mapping, preview, commit).

use agora_core::consultation::Submission;
use jiff::{SignedDuration, Timestamp};
use sqlx::AnyConnection;
use uuid::Uuid;

use crate::consultations::{corrupt, flag};
use crate::{Actor, Backend, Result, Store, StoreError, audit, constraint_as, now_ms, row};

/// How long a staged upload is kept when its import is not committed.
pub const STAGED_UPLOAD_TTL: SignedDuration = SignedDuration::from_hours(24);

/// A file uploaded for an import, kept between the web's steps. Only its consultation's
/// secretariat may see it (the web checks). Committing the import drops the bytes and keeps
/// the batch it became, until the purge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedUpload {
    pub id: Uuid,
    pub phase_id: Uuid,
    pub uploader_id: Uuid,
    pub filename: String,
    /// How a CSV without a byte-order mark is decoded (`agora_import::Encoding::code`).
    pub encoding: String,
    /// XLSX: the sheet to read; `None` for the first.
    pub sheet: Option<String>,
    pub bytes: Vec<u8>,
    /// The `MAP.toml` of the last preview, offered for download.
    pub map: Option<String>,
    pub created_at: Timestamp,
    /// Once committed, the import batch it became (and `bytes` is empty).
    pub batch: Option<Uuid>,
}

impl StagedUpload {
    /// Whether it is past keeping at `now` (the hourly purge may not have run yet).
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.created_at
            .checked_add(STAGED_UPLOAD_TTL)
            .is_ok_and(|until| now >= until)
    }

    /// What the audit log keeps of it: everything but the bytes, and their number.
    fn summary(&self) -> serde_json::Value {
        serde_json::json!({
            "phase_id": self.phase_id,
            "uploader_id": self.uploader_id,
            "filename": self.filename,
            "encoding": self.encoding,
            "sheet": self.sheet,
            "size": self.bytes.len(),
        })
    }
}

impl Store {
    /// Stores answer sheets collected elsewhere, all or none, in one transaction, with one audit
    /// entry for the whole import. `progress` is told how many sheets are written so far.
    pub async fn import_submissions(
        &self,
        actor: Actor,
        phase_id: Uuid,
        sheets: &[Submission],
        progress: impl Fn(usize),
    ) -> Result<()> {
        let mut tx = self.write().await?;
        insert_sheets(&mut tx, self.backend, phase_id, sheets, progress).await?;
        let summary = serde_json::json!({ "phase_id": phase_id, "sheets": sheets.len() });
        audit::record::<(), _>(
            &mut tx,
            actor,
            "import",
            "submissions",
            &batch_of(sheets),
            None,
            Some(&summary),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Imports the sheets read from a staged upload and, in the same transaction, drops its
    /// bytes and marks it committed with the sheets' batch. A second commit of the same upload
    /// (a double click) imports nothing: [`StoreError::Conflict`] on `batch` when it was
    /// committed already (read it again for the batch), [`StoreError::NotFound`] when it is gone.
    pub async fn import_staged(
        &self,
        actor: Actor,
        upload: &StagedUpload,
        sheets: &[Submission],
    ) -> Result<()> {
        let batch = batch_of(sheets);
        let mut tx = self.write().await?;
        let marked = sqlx::query(
            "UPDATE import_uploads SET bytes = $1, batch = $2 \
             WHERE id = $3 AND phase_id = $4 AND batch IS NULL",
        )
        .bind(Vec::<u8>::new())
        .bind(&batch)
        .bind(upload.id.to_string())
        .bind(upload.phase_id.to_string())
        .execute(&mut *tx)
        .await?;
        if marked.rows_affected() == 0 {
            tx.rollback().await?;
            return Err(match self.staged_upload(upload.id).await? {
                Some(_) => StoreError::Conflict { field: "batch" },
                None => StoreError::NotFound,
            });
        }
        insert_sheets(&mut tx, self.backend, upload.phase_id, sheets, |_| {}).await?;
        let summary = serde_json::json!({
            "phase_id": upload.phase_id,
            "sheets": sheets.len(),
            "upload": upload.id,
            "filename": upload.filename,
        });
        audit::record::<(), _>(
            &mut tx,
            actor,
            "import",
            "submissions",
            &batch,
            None,
            Some(&summary),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many sheets of a consultation the import `batch` stored.
    pub async fn imported_count(&self, phase_id: Uuid, batch: Uuid) -> Result<u64> {
        let found = sqlx::query(
            "SELECT COUNT(*) AS n FROM submissions WHERE phase_id = $1 AND imported_batch = $2",
        )
        .bind(phase_id.to_string())
        .bind(batch.to_string())
        .fetch_one(&self.pool)
        .await?;
        Ok(u64::try_from(row::int(&found, "n")?).unwrap_or_default())
    }

    /// Keeps an uploaded file for the next steps of its import.
    pub async fn stage_upload(&self, actor: Actor, upload: &StagedUpload) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO import_uploads (id, phase_id, uploader_id, filename, encoding, sheet, \
             bytes, map, created_at, batch) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(upload.id.to_string())
        .bind(upload.phase_id.to_string())
        .bind(upload.uploader_id.to_string())
        .bind(&upload.filename)
        .bind(&upload.encoding)
        .bind(&upload.sheet)
        .bind(&upload.bytes)
        .bind(&upload.map)
        .bind(upload.created_at.as_millisecond())
        .bind(upload.batch.map(|b| b.to_string()))
        .execute(&mut *tx)
        .await
        .map_err(constraint_as("phase_id"))?;
        audit::record::<(), _>(
            &mut tx,
            actor,
            "create",
            "import-upload",
            &upload.id.to_string(),
            None,
            Some(&upload.summary()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn staged_upload(&self, id: Uuid) -> Result<Option<StagedUpload>> {
        let found = sqlx::query(
            "SELECT id, phase_id, uploader_id, filename, encoding, sheet, bytes, map, created_at, \
             batch FROM import_uploads WHERE id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = found else { return Ok(None) };
        Ok(Some(StagedUpload {
            id: row::uuid(&r, "id")?,
            phase_id: row::uuid(&r, "phase_id")?,
            uploader_id: row::uuid(&r, "uploader_id")?,
            filename: row::text(&r, "filename")?,
            encoding: row::text(&r, "encoding")?,
            sheet: row::opt_text(&r, "sheet")?,
            bytes: sqlx::Row::try_get::<Vec<u8>, _>(&r, "bytes")?,
            map: row::opt_text(&r, "map")?,
            created_at: row::timestamp(&r, "created_at")?,
            batch: row::opt_uuid(&r, "batch")?,
        }))
    }

    /// Keeps the `MAP.toml` of a staged upload's last preview.
    pub async fn remember_import_map(&self, actor: Actor, id: Uuid, map: &str) -> Result<()> {
        let mut tx = self.write().await?;
        let updated = sqlx::query("UPDATE import_uploads SET map = $1 WHERE id = $2")
            .bind(map)
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() == 0 {
            tx.rollback().await?;
            return Err(StoreError::NotFound);
        }
        let after = serde_json::json!({ "map": map });
        audit::record::<(), _>(
            &mut tx,
            actor,
            "update",
            "import-upload",
            &id.to_string(),
            None,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes the uploads staged at or before `before` (the server passes now minus
    /// [`STAGED_UPLOAD_TTL`] once an hour); returns how many.
    pub async fn purge_staged_uploads(&self, before: Timestamp) -> Result<u64> {
        self.purge(
            "DELETE FROM import_uploads WHERE created_at <= $1",
            "import-upload",
            before,
        )
        .await
    }
}

/// The import batch the sheets were filed under, for the audit log.
fn batch_of(sheets: &[Submission]) -> String {
    sheets
        .first()
        .and_then(|s| s.imported.as_ref())
        .map(|o| o.batch.to_string())
        .unwrap_or_default()
}

/// Writes imported sheets and their answers on `conn`, inside the caller's transaction.
async fn insert_sheets(
    conn: &mut AnyConnection,
    backend: Backend,
    phase_id: Uuid,
    sheets: &[Submission],
    progress: impl Fn(usize),
) -> Result<()> {
    let rows = json_rows(backend);
    let insert_sheets = format!(
        "INSERT INTO submissions (id, phase_id, user_id, receipt, state, public, stakeholder_group, \
         country, region, organisation, on_behalf, lang, created_at, updated_at, submitted_at, \
         imported_batch, imported_row, respondent_name, respondent_email) \
         SELECT value->>'id', value->>'phase_id', NULL, value->>'receipt', value->>'state', \
         CAST(value->>'public' AS BIGINT), value->>'group', value->>'country', value->>'region', \
         value->>'organisation', CAST(value->>'on_behalf' AS BIGINT), value->>'lang', \
         CAST(value->>'at' AS BIGINT), CAST(value->>'at' AS BIGINT), \
         CAST(value->>'submitted_at' AS BIGINT), value->>'batch', CAST(value->>'row' AS BIGINT), \
         value->>'name', value->>'email' FROM {rows}"
    );
    let insert_answers = format!(
        "INSERT INTO answers (submission_id, question_id, value) \
         SELECT value->>'sheet', value->>'question', value->>'value' FROM {rows}"
    );
    let now = now_ms();
    let mut done = 0;
    for chunk in sheets.chunks(IMPORT_CHUNK) {
        let mut sheet_rows = Vec::with_capacity(chunk.len());
        let mut answer_rows = Vec::with_capacity(chunk.len() * 4);
        for sheet in chunk {
            let origin = sheet.imported.as_ref();
            let author = &sheet.author;
            sheet_rows.push(serde_json::json!({
                "id": sheet.id,
                "phase_id": phase_id,
                "receipt": sheet.receipt,
                "state": sheet.state.code(),
                "public": flag(sheet.public),
                "group": author.stakeholder_group,
                "country": author.country,
                "region": author.region,
                "organisation": author.organisation,
                "on_behalf": flag(author.on_behalf),
                "lang": author.lang,
                "at": now,
                "submitted_at": sheet.submitted_at.map_or(now, |t| t.as_millisecond()),
                "batch": origin.map(|o| o.batch),
                "row": origin.map(|o| o.row),
                "name": origin.and_then(|o| o.name.as_deref()),
                "email": origin.and_then(|o| o.email.as_deref()),
            }));
            for (question, value) in &sheet.answers {
                let value = serde_json::to_string(value).map_err(|e| corrupt("answer", e))?;
                answer_rows.push(serde_json::json!({
                    "sheet": sheet.id,
                    "question": question,
                    "value": value,
                }));
            }
        }
        sqlx::query(&insert_sheets)
            .bind(serde_json::Value::Array(sheet_rows).to_string())
            .execute(&mut *conn)
            .await
            .map_err(constraint_as("receipt"))?;
        sqlx::query(&insert_answers)
            .bind(serde_json::Value::Array(answer_rows).to_string())
            .execute(&mut *conn)
            .await
            .map_err(constraint_as("answers"))?;
        done += chunk.len();
        progress(done);
    }
    Ok(())
}

/// Sheets per INSERT in an import. Each chunk travels as one JSON parameter that the database
/// unpacks itself: binding parameters one by one was the import's bottleneck (sqlx-sqlite
/// resolves every `$N` by name, so wide multi-row statements turned quadratic).
const IMPORT_CHUNK: usize = 2000;

/// The rows of the JSON array bound as `$1`, each as a `value` to read fields from with `->>`
/// (an operator both backends share); only the function that unpacks the array differs.
fn json_rows(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "json_each($1)",
        Backend::Postgres => "jsonb_array_elements($1::jsonb) AS rows(value)",
    }
}
