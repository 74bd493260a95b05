//! The JSON export: one object, the consultation with its questionnaire and then the `answers`
//! array, written a page of sheets at a time. The shapes are the API's (`api::dto`), so the
//! OpenAPI document describes this file too.

use agora_store::WorkspaceRow;
use jiff::Timestamp;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Scope, Source};
use crate::api::dto;

/// A consultation's answers as one JSON document.
#[derive(Serialize, ToSchema)]
pub struct AnswersExport {
    /// The consultation and its questions; `answers` are keyed by these questions' ids.
    pub consultation: dto::ConsultationDetail,
    /// `public`: the published sheets only; `all`: every submitted sheet (secretariat).
    pub scope: Scope,
    /// The sheets, oldest first. Must stay the last member: the file is written up to here at
    /// once, then the sheets page by page.
    pub answers: Vec<ExportedSheet>,
}

/// One sheet: as published (`scope=public`), or with what only the secretariat sees.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum ExportedSheet {
    Published(dto::PublishedSubmission),
    Secretariat(Box<SecretariatSheet>),
}

/// A sheet as the secretariat sees it.
#[derive(Serialize, ToSchema)]
pub struct SecretariatSheet {
    #[serde(flatten)]
    pub sheet: dto::Submission,
    /// Whether the public sees it: left public by its author and not moderated.
    pub published: bool,
    /// Why the public does not see it, when the secretariat said so.
    #[schema(required = true)]
    pub moderation: Option<ModerationNote>,
    /// The secretariat's tags, in alphabetical order.
    pub tags: Vec<String>,
    /// Where an imported sheet came from; null for answers given in Agora.
    #[schema(required = true)]
    pub import: Option<ImportNote>,
}

#[derive(Serialize, ToSchema)]
pub struct ModerationNote {
    /// `confidential` (kept from the public, still counted) or `hidden` (withdrawn).
    #[schema(example = "hidden")]
    pub visibility: String,
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct ImportNote {
    /// The import it came in.
    pub batch: Uuid,
    /// Its row in the imported file (the header is row 1).
    pub row: u64,
    /// The respondent as the file named them.
    #[schema(required = true)]
    pub respondent_name: Option<String>,
    #[schema(required = true)]
    pub respondent_email: Option<String>,
}

impl ExportedSheet {
    fn new(row: &WorkspaceRow, scope: Scope) -> Self {
        let submission = row.submission.clone();
        match scope {
            Scope::Public => ExportedSheet::Published(submission.into()),
            Scope::All => ExportedSheet::Secretariat(Box::new(SecretariatSheet {
                published: submission.public && row.moderation.is_none(),
                import: submission.imported.as_ref().map(|origin| ImportNote {
                    batch: origin.batch,
                    row: origin.row,
                    respondent_name: origin.name.clone(),
                    respondent_email: origin.email.clone(),
                }),
                sheet: submission.into(),
                moderation: row.moderation.as_ref().map(|m| ModerationNote {
                    visibility: m.visibility.code().to_owned(),
                    reason: m.reason.clone(),
                }),
                tags: row.tags.clone(),
            })),
        }
    }
}

/// The document up to the opening `[` of `answers`.
pub(super) fn opening(source: &Source, scope: Scope, now: Timestamp) -> Vec<u8> {
    let whole = AnswersExport {
        consultation: dto::ConsultationDetail {
            consultation: dto::Consultation::at(
                source.phase.clone(),
                source.consultation.clone(),
                &source.process.display_zone,
                now,
            ),
            questions: source.questions.iter().cloned().map(Into::into).collect(),
        },
        scope,
        answers: Vec::new(),
    };
    let mut text = serde_json::to_vec(&whole).expect("the export's shapes serialise");
    // `…,"answers":[]}` → `…,"answers":[`
    debug_assert!(text.ends_with(b"\"answers\":[]}"));
    text.truncate(text.len() - 2);
    text
}

/// A page of sheets, each after a comma unless it is the very first of the document.
pub(super) fn sheets(rows: &[WorkspaceRow], scope: Scope, first: &mut bool) -> Vec<u8> {
    let mut out = Vec::new();
    for row in rows {
        if !std::mem::take(first) {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, &ExportedSheet::new(row, scope))
            .expect("the export's shapes serialise");
    }
    out
}

pub(super) const CLOSING: &[u8] = b"]}\n";
