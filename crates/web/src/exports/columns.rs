//! The columns of a CSV or XLSX export, and each sheet as a row of text cells. Both formats
//! share them, and so does the column map that reads them back in.

use agora_core::consultation::{AnswerValue, Question, QuestionKind};
use agora_store::WorkspaceRow;

use super::Scope;

/// Who answered and when, in every export. After `id` and `submitted_at`, each is named as
/// the column map's `[author]` field it goes back into.
pub(super) const AUTHOR: [&str; 8] = [
    "id",
    "submitted_at",
    "stakeholder_group",
    "country",
    "region",
    "organisation",
    "on_behalf",
    "lang",
];

/// What only the secretariat sees, after the answers.
pub(super) const SECRETARIAT: [&str; 10] = [
    "published",
    "public_by_author",
    "visibility",
    "moderation_reason",
    "tags",
    "receipt",
    "import_batch",
    "import_row",
    "respondent_name",
    "respondent_email",
];

/// The layout of one export: the fixed columns, then one per question in order, then (for the
/// secretariat) its own columns.
#[derive(Debug, Clone)]
pub(super) struct Columns {
    pub scope: Scope,
    pub questions: Vec<Question>,
    /// Between the choices of a multiple-choice answer: `;`, or a line break when a choice of
    /// the questionnaire contains `;` itself (a choice never holds a line break), so that
    /// splitting the cell gives back exactly the choices.
    pub separator: &'static str,
}

impl Columns {
    pub fn new(questions: &[Question], scope: Scope) -> Self {
        let semicolon_in_a_choice = questions.iter().any(|q| match &q.kind {
            QuestionKind::MultipleChoice { choices } => choices.iter().any(|c| c.contains(';')),
            _ => false,
        });
        Columns {
            scope,
            questions: questions.to_vec(),
            separator: if semicolon_in_a_choice { "\n" } else { ";" },
        }
    }

    pub fn headers(&self) -> Vec<String> {
        let mut headers: Vec<String> = AUTHOR.iter().map(|h| (*h).to_owned()).collect();
        headers.extend(self.questions.iter().map(question_header));
        if self.scope == Scope::All {
            headers.extend(SECRETARIAT.iter().map(|h| (*h).to_owned()));
        }
        headers
    }

    /// A sheet's cells, in the order of [`Columns::headers`]; an unanswered question is empty.
    pub fn cells(&self, row: &WorkspaceRow) -> Vec<String> {
        let sheet = &row.submission;
        let author = &sheet.author;
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let mut cells = vec![
            sheet.id.to_string(),
            sheet
                .submitted_at
                .map(|at| at.to_string())
                .unwrap_or_default(),
            author.stakeholder_group.clone(),
            text(&author.country),
            text(&author.region),
            text(&author.organisation),
            author.on_behalf.to_string(),
            author.lang.clone(),
        ];
        cells.extend(
            self.questions
                .iter()
                .map(|q| match sheet.answers.get(&q.id) {
                    None => String::new(),
                    Some(AnswerValue::Text(text)) => text.clone(),
                    Some(AnswerValue::Choices(choices)) => choices.join(self.separator),
                    Some(AnswerValue::Scale(n)) => n.to_string(),
                }),
        );
        if self.scope == Scope::All {
            let origin = sheet.imported.as_ref();
            let moderation = row.moderation.as_ref();
            cells.extend([
                (sheet.public && moderation.is_none()).to_string(),
                sheet.public.to_string(),
                moderation.map_or("", |m| m.visibility.code()).to_owned(),
                moderation.map_or("", |m| m.reason.as_str()).to_owned(),
                row.tags.join(";"),
                sheet.receipt.clone(),
                origin.map(|o| o.batch.to_string()).unwrap_or_default(),
                origin.map(|o| o.row.to_string()).unwrap_or_default(),
                origin.and_then(|o| o.name.clone()).unwrap_or_default(),
                origin.and_then(|o| o.email.clone()).unwrap_or_default(),
            ]);
        }
        cells
    }
}

/// A question's column: its number and text, as the questionnaire shows them
/// (`Q1. What is enhanced cooperation?`).
pub(super) fn question_header(question: &Question) -> String {
    format!("Q{}. {}", question.position, question.prompt)
}
