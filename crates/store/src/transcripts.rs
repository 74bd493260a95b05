//! Meeting records (migration 0012): transcripts of a meeting with their turns, each turn
//! attributed to a participant or to nobody, and the files uploaded for import, kept while
//! the secretariat reviews who spoke.
//!
//! A transcript is stored whole or not at all: [`Store::import_transcript`] writes the
//! participants the review created, the transcript, every turn and the audit entry in one
//! transaction, and marks the staged upload committed in the same one.

use agora_core::meeting::Participant;
use jiff::Timestamp;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use crate::imports::STAGED_UPLOAD_TTL;
use crate::page::{Page, PageRequest};
use crate::{Actor, Result, Store, StoreError, audit, constraint_as, insert_audited, row};

/// A stored transcript: the parse's metadata (header, disclaimers, warnings) and who imported
/// it when. Its speech is in its [`StoredTurn`]s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredTranscript {
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub title: Option<String>,
    /// The header's date line as written (transcripts write dates in their own language).
    pub date: Option<String>,
    pub place: Option<String>,
    /// ISO 639-1 code of the language most of the speech is in, when it was recognised.
    pub language: Option<String>,
    /// The format the file was read as (`agora_records::Format::name`: icann, igf, markdown,
    /// minutes, webvtt, srt).
    pub format: String,
    pub filename: String,
    pub disclaimers: Vec<String>,
    /// Inaudible passages marked in the speech.
    pub inaudible: u32,
    /// What the parser had to guess, each naming its line.
    pub warnings: Vec<String>,
    pub imported_at: Timestamp,
    pub imported_by: Option<Uuid>,
}

/// One speaker's turn as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredTurn {
    /// 0-based order in the transcript (pages anchor turn `n` as `#t{n+1}`).
    pub position: u32,
    /// Who spoke; `None` when nobody identified the speaker.
    pub participant_id: Option<Uuid>,
    /// Text about the meeting (scribe narrative, a section heading), not anyone's speech: it
    /// has no speaker and counts for nobody.
    pub narrative: bool,
    /// The parse's speaker name (spellings merged); `None` for a `>>` turn and narrative.
    pub speaker: Option<String>,
    /// The label as the transcript writes it; `None` for a `>>` turn.
    pub label: Option<String>,
    pub text: String,
    /// The line of the file the turn starts on (1-based).
    pub line: u32,
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    pub words: u32,
}

/// What an import writes: participants the review created, the transcript and its turns.
#[derive(Debug, Clone, Serialize)]
pub struct NewTranscript {
    pub participants: Vec<Participant>,
    pub transcript: StoredTranscript,
    pub turns: Vec<StoredTurn>,
}

/// Where a transcript comes from: its meeting, file and importer.
#[derive(Debug, Clone)]
pub struct Provenance<'a> {
    pub meeting_id: Uuid,
    pub filename: &'a str,
    pub imported_at: Timestamp,
    pub imported_by: Option<Uuid>,
}

impl NewTranscript {
    /// The records of a parse: `assign` tells the participant of each named speaker (`None`:
    /// nobody), `participants` are the ones to create with it. Turns keep the parse's order,
    /// kind, speaker, label as written, text, line and times; words are counted as everywhere
    /// in Agora (`agora_core::consultation::word_count`).
    pub fn from_parse(
        parse: &agora_records::Transcript,
        from: &Provenance<'_>,
        participants: Vec<Participant>,
        assign: impl Fn(&str) -> Option<Uuid>,
    ) -> NewTranscript {
        let turns = parse
            .turns
            .iter()
            .enumerate()
            .map(|(position, turn)| StoredTurn {
                position: position as u32,
                participant_id: turn.speaker.as_deref().and_then(&assign),
                narrative: turn.kind == agora_records::TurnKind::Narrative,
                speaker: turn.speaker.clone(),
                label: turn.label.clone().or_else(|| turn.speaker.clone()),
                text: turn.text.clone(),
                line: turn.line as u32,
                start_ms: turn.start_ms.and_then(|ms| i64::try_from(ms).ok()),
                end_ms: turn.end_ms.and_then(|ms| i64::try_from(ms).ok()),
                words: agora_core::consultation::word_count(&turn.text) as u32,
            })
            .collect();
        NewTranscript {
            participants,
            transcript: StoredTranscript {
                id: agora_core::new_id(),
                meeting_id: from.meeting_id,
                title: parse.title.clone(),
                date: parse.date.clone(),
                place: parse.place.clone(),
                language: parse.language.clone(),
                format: parse.format.name().to_owned(),
                filename: from.filename.to_owned(),
                disclaimers: parse.disclaimers.clone(),
                inaudible: parse.inaudible as u32,
                warnings: parse.warnings.clone(),
                imported_at: from.imported_at,
                imported_by: from.imported_by,
            },
            turns,
        }
    }
}

/// A transcript file uploaded to a meeting and kept, for 24 hours at most, while its speaker
/// mapping is reviewed. Only the meeting's secretariat may see it (the web checks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptUpload {
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub uploader_id: Uuid,
    pub filename: String,
    pub bytes: Vec<u8>,
    pub created_at: Timestamp,
    /// Once committed, the transcript it became (and `bytes` is empty).
    pub transcript_id: Option<Uuid>,
}

impl TranscriptUpload {
    /// Whether it is past keeping at `now` (the hourly purge may not have run yet).
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.created_at
            .checked_add(STAGED_UPLOAD_TTL)
            .is_ok_and(|until| now >= until)
    }
}

/// The `kind` of a narrative turn (others are `speech`).
const NARRATIVE: &str = "narrative";

const TRANSCRIPT_COLUMNS: &str = "id, meeting_id, title, date_text, place, language, format, \
     filename, disclaimers, inaudible, warnings, imported_at, imported_by";

fn strings(r: &AnyRow, column: &str) -> Result<Vec<String>> {
    let text = row::text(r, column)?;
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
}

fn count(r: &AnyRow, column: &str) -> Result<u32> {
    let n = row::int(r, column)?;
    u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("{column}: {n}")))
}

fn transcript(r: &AnyRow) -> Result<StoredTranscript> {
    Ok(StoredTranscript {
        id: row::uuid(r, "id")?,
        meeting_id: row::uuid(r, "meeting_id")?,
        title: row::opt_text(r, "title")?,
        date: row::opt_text(r, "date_text")?,
        place: row::opt_text(r, "place")?,
        language: row::opt_text(r, "language")?,
        format: row::text(r, "format")?,
        filename: row::text(r, "filename")?,
        disclaimers: strings(r, "disclaimers")?,
        inaudible: count(r, "inaudible")?,
        warnings: strings(r, "warnings")?,
        imported_at: row::timestamp(r, "imported_at")?,
        imported_by: row::opt_uuid(r, "imported_by")?,
    })
}

fn turn(r: &AnyRow) -> Result<StoredTurn> {
    Ok(StoredTurn {
        position: count(r, "position")?,
        participant_id: row::opt_uuid(r, "participant_id")?,
        narrative: row::text(r, "kind")? == NARRATIVE,
        speaker: row::opt_text(r, "speaker")?,
        label: row::opt_text(r, "label")?,
        text: row::text(r, "body")?,
        line: count(r, "line")?,
        start_ms: r.try_get::<Option<i64>, _>("start_ms")?,
        end_ms: r.try_get::<Option<i64>, _>("end_ms")?,
        words: count(r, "words")?,
    })
}

fn json_list(values: &[String]) -> String {
    serde_json::to_string(values).unwrap_or_else(|_| "[]".to_owned())
}

impl Store {
    /// Keeps an uploaded transcript for its review.
    pub async fn stage_transcript(&self, actor: Actor, upload: &TranscriptUpload) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO transcript_uploads (id, meeting_id, uploader_id, filename, bytes, \
             created_at, transcript_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(upload.id.to_string())
        .bind(upload.meeting_id.to_string())
        .bind(upload.uploader_id.to_string())
        .bind(&upload.filename)
        .bind(&upload.bytes)
        .bind(upload.created_at.as_millisecond())
        .bind(upload.transcript_id.map(|t| t.to_string()))
        .execute(&mut *tx)
        .await
        .map_err(constraint_as("meeting_id"))?;
        let summary = serde_json::json!({
            "meeting_id": upload.meeting_id,
            "uploader_id": upload.uploader_id,
            "filename": upload.filename,
            "size": upload.bytes.len(),
        });
        audit::record::<(), _>(
            &mut tx,
            actor,
            "create",
            "transcript-upload",
            &upload.id.to_string(),
            None,
            Some(&summary),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn transcript_upload(&self, id: Uuid) -> Result<Option<TranscriptUpload>> {
        let found = sqlx::query(
            "SELECT id, meeting_id, uploader_id, filename, bytes, created_at, transcript_id \
             FROM transcript_uploads WHERE id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = found else { return Ok(None) };
        Ok(Some(TranscriptUpload {
            id: row::uuid(&r, "id")?,
            meeting_id: row::uuid(&r, "meeting_id")?,
            uploader_id: row::uuid(&r, "uploader_id")?,
            filename: row::text(&r, "filename")?,
            bytes: r.try_get::<Vec<u8>, _>("bytes")?,
            created_at: row::timestamp(&r, "created_at")?,
            transcript_id: row::opt_uuid(&r, "transcript_id")?,
        }))
    }

    /// Removes the transcript uploads staged at or before `before` (the server passes now
    /// minus [`STAGED_UPLOAD_TTL`] once an hour); returns how many.
    pub async fn purge_transcript_uploads(&self, before: Timestamp) -> Result<u64> {
        self.purge(
            "DELETE FROM transcript_uploads WHERE created_at <= $1",
            "transcript-upload",
            before,
        )
        .await
    }

    /// Stores a transcript, all or nothing: the participants its review created, the
    /// transcript, its turns and one audit entry, in one transaction. With `upload`, the staged
    /// file is marked committed in the same transaction, so a second commit of it stores
    /// nothing: [`StoreError::Conflict`] on `transcript_id` when it was committed already
    /// (read it again for the transcript), [`StoreError::NotFound`] when it is gone. A turn
    /// that names no participant fails the whole import with
    /// [`StoreError::MissingReference`] on `participant_id`.
    pub async fn import_transcript(
        &self,
        actor: Actor,
        upload: Option<Uuid>,
        new: &NewTranscript,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        if let Some(upload) = upload {
            let marked = sqlx::query(
                "UPDATE transcript_uploads SET bytes = $1, transcript_id = $2 \
                 WHERE id = $3 AND meeting_id = $4 AND transcript_id IS NULL",
            )
            .bind(Vec::<u8>::new())
            .bind(new.transcript.id.to_string())
            .bind(upload.to_string())
            .bind(new.transcript.meeting_id.to_string())
            .execute(&mut *tx)
            .await?;
            if marked.rows_affected() == 0 {
                tx.rollback().await?;
                return Err(match self.transcript_upload(upload).await? {
                    Some(_) => StoreError::Conflict {
                        field: "transcript_id",
                    },
                    None => StoreError::NotFound,
                });
            }
        }
        for participant in &new.participants {
            insert_audited(&mut tx, actor, participant).await?;
        }
        write_transcript(&mut tx, new).await?;
        let t = &new.transcript;
        let summary = serde_json::json!({
            "meeting_id": t.meeting_id,
            "filename": t.filename,
            "title": t.title,
            "turns": new.turns.len(),
            "unidentified": new
                .turns
                .iter()
                .filter(|t| !t.narrative && t.participant_id.is_none())
                .count(),
            "new_participants": new.participants.len(),
            "upload": upload,
        });
        audit::record::<(), _>(
            &mut tx,
            actor,
            "import",
            "transcript",
            &t.id.to_string(),
            None,
            Some(&summary),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Attributes every turn of `speaker` (`None`: the `>>` turns, narrative excepted) in a stored transcript to
    /// `participant` (`None`: nobody), creating `new` first when the new mapping names a new
    /// participant; one transaction with its audit entry. Returns how many turns changed.
    pub async fn remap_speaker(
        &self,
        actor: Actor,
        transcript_id: Uuid,
        speaker: Option<&str>,
        participant: Option<Uuid>,
        new: Option<&Participant>,
    ) -> Result<u64> {
        let mut tx = self.write().await?;
        if let Some(new) = new {
            insert_audited(&mut tx, actor, new).await?;
        }
        // Two fixed statements: `$3 IS NULL` leaves PostgreSQL unable to type the parameter.
        let update = match speaker {
            Some(_) => {
                "UPDATE transcript_turns SET participant_id = $1 \
                 WHERE transcript_id = $2 AND speaker = $3"
            }
            None => {
                "UPDATE transcript_turns SET participant_id = $1 \
                 WHERE transcript_id = $2 AND speaker IS NULL AND kind = 'speech'"
            }
        };
        let mut query = sqlx::query(update)
            .bind(participant.map(|p| p.to_string()))
            .bind(transcript_id.to_string());
        if let Some(speaker) = speaker {
            query = query.bind(speaker);
        }
        let changed = query
            .execute(&mut *tx)
            .await
            .map_err(constraint_as("participant_id"))?
            .rows_affected();
        if changed == 0 {
            tx.rollback().await?;
            return Err(StoreError::NotFound);
        }
        let after = serde_json::json!({
            "speaker": speaker, "participant_id": participant, "turns": changed,
        });
        audit::record::<(), _>(
            &mut tx,
            actor,
            "remap",
            "transcript",
            &transcript_id.to_string(),
            None,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(changed)
    }

    pub async fn transcript(&self, id: Uuid) -> Result<Option<StoredTranscript>> {
        let sql = format!("SELECT {TRANSCRIPT_COLUMNS} FROM transcripts WHERE id = $1");
        sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(transcript)
            .transpose()
    }

    /// A meeting's transcripts, first imported first.
    pub async fn transcripts_of_meeting(&self, meeting_id: Uuid) -> Result<Vec<StoredTranscript>> {
        let sql = format!(
            "SELECT {TRANSCRIPT_COLUMNS} FROM transcripts WHERE meeting_id = $1 \
             ORDER BY imported_at, id"
        );
        sqlx::query(&sql)
            .bind(meeting_id.to_string())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(transcript)
            .collect()
    }

    /// Every transcript, in the order they were imported (the keyset is the id, a UUIDv7).
    pub async fn transcripts(&self, request: &PageRequest) -> Result<Page<StoredTranscript>> {
        self.keyset_page(TRANSCRIPT_COLUMNS, "transcripts", "id", request, transcript)
            .await
    }

    /// The text of every turn of every transcript, transcript by transcript in the order they
    /// were imported, for what reads them all (the acronyms the glossary lacks).
    pub async fn all_turn_texts(&self) -> Result<Vec<String>> {
        sqlx::query("SELECT body FROM transcript_turns ORDER BY transcript_id, position")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| row::text(r, "body"))
            .collect()
    }

    /// One turn of a transcript, by its position.
    pub async fn turn(&self, transcript_id: Uuid, position: u32) -> Result<Option<StoredTurn>> {
        sqlx::query(
            "SELECT position, participant_id, kind, speaker, label, body, line, start_ms, end_ms, \
             words \
             FROM transcript_turns WHERE transcript_id = $1 AND position = $2",
        )
        .bind(transcript_id.to_string())
        .bind(i64::from(position))
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(turn)
        .transpose()
    }

    /// A transcript's turns in order.
    pub async fn turns(&self, transcript_id: Uuid) -> Result<Vec<StoredTurn>> {
        sqlx::query(
            "SELECT position, participant_id, kind, speaker, label, body, line, start_ms, end_ms, \
             words \
             FROM transcript_turns WHERE transcript_id = $1 ORDER BY position",
        )
        .bind(transcript_id.to_string())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(turn)
        .collect()
    }
}

/// Writes a transcript and its turns on `conn`, inside the caller's transaction (an import,
/// which audits it, or the demo's load, audited as a whole).
pub(crate) async fn write_transcript(conn: &mut AnyConnection, new: &NewTranscript) -> Result<()> {
    let t = &new.transcript;
    sqlx::query(
        "INSERT INTO transcripts (id, meeting_id, title, date_text, place, language, format, \
         filename, disclaimers, inaudible, warnings, imported_at, imported_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(t.id.to_string())
    .bind(t.meeting_id.to_string())
    .bind(&t.title)
    .bind(&t.date)
    .bind(&t.place)
    .bind(&t.language)
    .bind(&t.format)
    .bind(&t.filename)
    .bind(json_list(&t.disclaimers))
    .bind(i64::from(t.inaudible))
    .bind(json_list(&t.warnings))
    .bind(t.imported_at.as_millisecond())
    .bind(t.imported_by.map(|u| u.to_string()))
    .execute(&mut *conn)
    .await
    .map_err(constraint_as("meeting_id"))?;
    insert_turns(conn, t.id, &new.turns).await
}

/// Writes a transcript's turns on `conn`, inside the caller's transaction.
async fn insert_turns(
    conn: &mut AnyConnection,
    transcript: Uuid,
    turns: &[StoredTurn],
) -> Result<()> {
    let id = transcript.to_string();
    for t in turns {
        sqlx::query(
            "INSERT INTO transcript_turns (transcript_id, position, participant_id, kind, \
             speaker, label, body, line, start_ms, end_ms, words) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&id)
        .bind(i64::from(t.position))
        .bind(t.participant_id.map(|p| p.to_string()))
        .bind(if t.narrative { NARRATIVE } else { "speech" })
        .bind(&t.speaker)
        .bind(&t.label)
        .bind(&t.text)
        .bind(i64::from(t.line))
        .bind(t.start_ms)
        .bind(t.end_ms)
        .bind(i64::from(t.words))
        .execute(&mut *conn)
        .await
        .map_err(constraint_as("participant_id"))?;
    }
    Ok(())
}
