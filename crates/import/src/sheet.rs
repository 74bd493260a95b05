//! Rows into answer sheets, checked exactly as answers typed on the web are.

use std::collections::BTreeMap;

use agora_core::consultation::{
    AnswerValue, Author, AuthorDraft, Consultation, ImportOrigin, Question, QuestionKind,
    Submission, SubmissionState, check_answers, receipt_code,
};
use agora_core::process::{Phase, parse_instant_in};
use agora_core::stakeholder::StakeholderGroups;
use agora_core::{ErrorCode, FieldError};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use uuid::Uuid;

use crate::map::{ColumnMap, Source};
use crate::table::Table;
use crate::{ImportError, RowError};

/// At most this many row errors are reported: enough to see the pattern of a bad file.
pub const MAX_REPORTED: usize = 1000;

/// Who answered, as the file names them (imported answers have no Agora account).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Respondent {
    pub name: Option<String>,
    pub email: Option<String>,
}

/// One checked row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedSheet {
    /// The spreadsheet row it came from (header = row 1).
    pub row: usize,
    pub respondent: Respondent,
    pub author: Author,
    pub answers: BTreeMap<Uuid, AnswerValue>,
    /// When it was submitted according to the file; `None` when the map names no such column.
    pub submitted_at: Option<Timestamp>,
    /// Whether it is published according to the file; `None` leaves it to the consultation.
    pub public: Option<bool>,
}

impl ImportedSheet {
    /// The sheet as stored: submitted, without an account, filed under import `batch`, and
    /// published as the file says or else as `public_by_default` says.
    pub fn into_submission(
        self,
        phase_id: Uuid,
        batch: Uuid,
        public_by_default: bool,
        now: Timestamp,
    ) -> Submission {
        let id = agora_core::new_id();
        Submission {
            id,
            phase_id,
            user_id: None,
            imported: Some(ImportOrigin {
                batch,
                row: self.row as u64,
                name: self.respondent.name,
                email: self.respondent.email,
            }),
            receipt: receipt_code(id),
            state: SubmissionState::Submitted,
            public: self.public.unwrap_or(public_by_default),
            author: self.author,
            answers: self.answers,
            updated_at: now,
            submitted_at: self.submitted_at,
        }
    }
}

/// A column of the map, located in the table.
struct Located<'a> {
    header: &'a str,
    index: usize,
}

/// The map, resolved against the table's header and the questionnaire.
struct Plan<'a> {
    author: Vec<(&'static str, Option<Located<'a>>, Option<&'a str>)>,
    answers: Vec<(&'a Question, Located<'a>, String)>,
    name: Option<Located<'a>>,
    email: Option<Located<'a>>,
    submitted_at: Option<Located<'a>>,
    public: Option<Located<'a>>,
}

fn locate<'a>(table: &Table, header: &'a str, mapped_as: &str) -> Result<Located<'a>, ImportError> {
    table
        .column(header)
        .map(|index| Located { header, index })
        .ok_or_else(|| ImportError::MissingColumn {
            column: header.to_owned(),
            mapped_as: mapped_as.to_owned(),
            available: table
                .headers
                .iter()
                .map(|h| format!("{h:?}"))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

fn plan<'a>(
    table: &Table,
    map: &'a ColumnMap,
    questions: &'a [Question],
) -> Result<Plan<'a>, ImportError> {
    let author_sources: [(&'static str, Option<&'a Source>); 6] = [
        ("stakeholder_group", Some(&map.author.stakeholder_group)),
        ("lang", Some(&map.author.lang)),
        ("country", map.author.country.as_ref()),
        ("region", map.author.region.as_ref()),
        ("organisation", map.author.organisation.as_ref()),
        ("on_behalf", map.author.on_behalf.as_ref()),
    ];
    let mut author = Vec::new();
    for (field, source) in author_sources {
        author.push(match source {
            None => (field, None, None),
            Some(Source::Constant { value }) => (field, None, Some(value.as_str())),
            Some(Source::Column(header)) => (
                field,
                Some(locate(table, header, &format!("author.{field}"))?),
                None,
            ),
        });
    }
    let mut answers = Vec::new();
    for (position, header) in &map.answers {
        let question = position
            .parse::<u32>()
            .ok()
            .and_then(|p| questions.iter().find(|q| q.position == p))
            .ok_or_else(|| ImportError::NoSuchQuestion(position.clone()))?;
        answers.push((
            question,
            locate(table, header, &format!("answers.{position}"))?,
            format!("answers.{position}"),
        ));
    }
    let optional =
        |header: &'a Option<String>, mapped_as: &str| -> Result<Option<Located<'a>>, ImportError> {
            header
                .as_deref()
                .map(|h| locate(table, h, mapped_as))
                .transpose()
        };
    Ok(Plan {
        author,
        answers,
        name: optional(&map.respondent.name, "respondent.name")?,
        email: optional(&map.respondent.email, "respondent.email")?,
        submitted_at: optional(&map.respondent.submitted_at, "respondent.submitted_at")?,
        public: optional(&map.respondent.public, "respondent.public")?,
    })
}

/// Reads every row of `table` into a sheet for `consultation`, or refuses the whole file with
/// every error found (up to a thousand), each naming its row and column.
pub fn read_sheets(
    table: &Table,
    map: &ColumnMap,
    phase: &Phase,
    consultation: &Consultation,
    questions: &[Question],
    groups: &StakeholderGroups,
) -> Result<Vec<ImportedSheet>, ImportError> {
    let checked = check_sheets(table, map, phase, consultation, questions, groups)?;
    if checked.errors.is_empty() {
        Ok(checked.sheets)
    } else {
        Err(ImportError::Rows(checked.errors))
    }
}

/// A file's rows after checking: the sheets of the rows that passed and the errors of those
/// that did not. Only a file without errors may be stored ([`read_sheets`] says so); a preview
/// shows both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub sheets: Vec<ImportedSheet>,
    /// In row order; at most [`MAX_REPORTED`], after which the rest of the file is not read.
    pub errors: Vec<RowError>,
}

/// Checks every row of `table` for `consultation` as [`read_sheets`] does, keeping the sheets
/// of good rows beside the errors of bad ones. A map that does not fit the file (a column it
/// names is missing, a question or time zone that does not exist) refuses the whole file.
pub fn check_sheets(
    table: &Table,
    map: &ColumnMap,
    phase: &Phase,
    consultation: &Consultation,
    questions: &[Question],
    groups: &StakeholderGroups,
) -> Result<Checked, ImportError> {
    let plan = plan(table, map, questions)?;
    let zone = match &map.timezone {
        None => TimeZone::UTC,
        Some(name) => TimeZone::get(name).map_err(|_| ImportError::NoSuchZone(name.to_owned()))?,
    };
    let mut sheets = Vec::with_capacity(table.rows.len());
    let mut errors = Vec::new();
    for (i, cells) in table.rows.iter().enumerate() {
        let row = i + 2;
        match read_row(
            row,
            cells,
            map,
            &plan,
            &zone,
            phase,
            consultation,
            questions,
            groups,
        ) {
            Ok(sheet) => sheets.push(sheet),
            Err(found) => {
                errors.extend(found);
                if errors.len() >= MAX_REPORTED {
                    errors.truncate(MAX_REPORTED);
                    break;
                }
            }
        }
    }
    Ok(Checked { sheets, errors })
}

#[allow(clippy::too_many_arguments)]
fn read_row(
    row: usize,
    cells: &[String],
    map: &ColumnMap,
    plan: &Plan<'_>,
    zone: &TimeZone,
    phase: &Phase,
    consultation: &Consultation,
    questions: &[Question],
    groups: &StakeholderGroups,
) -> Result<ImportedSheet, Vec<RowError>> {
    let cell = |located: &Located<'_>| cells.get(located.index).map_or("", |c| c.trim());
    let mut errors = Vec::new();

    let author_column = |field: &str| {
        plan.author
            .iter()
            .find(|(f, _, _)| *f == field)
            .and_then(|(_, c, _)| c.as_ref())
            .map(|c| c.header.to_owned())
    };
    let mut draft = AuthorDraft::default();
    for (field, column, constant) in &plan.author {
        let raw = column.as_ref().map_or(constant.unwrap_or(""), |c| cell(c));
        let value = map.translate(field, raw).to_owned();
        match *field {
            "stakeholder_group" => draft.stakeholder_group = value,
            "lang" => draft.lang = value,
            "country" => draft.country = value,
            "region" => draft.region = value,
            "organisation" => draft.organisation = value,
            _ => match flag(&value) {
                Ok(on_behalf) => draft.on_behalf = on_behalf.unwrap_or(false),
                Err(code) => errors.push(RowError {
                    row,
                    column: author_column(field),
                    field: format!("author.{field}"),
                    code,
                }),
            },
        }
    }
    let author = draft.validate(groups, consultation).map_err(|found| {
        for FieldError { field, code } in found.0 {
            errors.push(RowError {
                row,
                column: author_column(&field),
                field: format!("author.{field}"),
                code,
            });
        }
    });

    let mut submitted: BTreeMap<Uuid, Vec<String>> = BTreeMap::new();
    for (question, column, field) in &plan.answers {
        let raw = cell(column);
        let values: Vec<String> = match question.kind {
            QuestionKind::MultipleChoice { .. } => raw
                .split(map.separator.as_str())
                .map(|v| map.translate(field, v).to_owned())
                .collect(),
            _ => vec![map.translate(field, raw).to_owned()],
        };
        submitted.insert(question.id, values);
    }
    let answers = check_answers(questions, &submitted, false).map_err(|found| {
        for FieldError { field, code } in found.0 {
            let (column, name) = plan
                .answers
                .iter()
                .find(|(q, _, _)| field == format!("q-{}", q.id))
                .map_or((None, field.clone()), |(_, c, name)| {
                    (Some(c.header.to_owned()), name.clone())
                });
            errors.push(RowError {
                row,
                column,
                field: name,
                code,
            });
        }
    });

    let submitted_at = plan.submitted_at.as_ref().and_then(|column| {
        let raw = cell(column);
        let at = parse_instant_in(raw, zone);
        let code = match at {
            None if raw.is_empty() => None,
            None => Some(ErrorCode::InvalidInstant),
            Some(at) if at < phase.opens_at || at >= phase.closes_at => {
                Some(ErrorCode::OutsideWindow)
            }
            Some(_) => None,
        };
        if let Some(code) = code {
            errors.push(RowError {
                row,
                column: Some(column.header.to_owned()),
                field: "respondent.submitted_at".into(),
                code,
            });
        }
        at
    });

    let text = |located: &Option<Located<'_>>| {
        located
            .as_ref()
            .map(|c| cell(c).to_owned())
            .filter(|v| !v.is_empty())
    };
    let respondent = Respondent {
        name: text(&plan.name),
        email: text(&plan.email),
    };
    let public = plan.public.as_ref().and_then(|column| {
        flag(map.translate("public", cell(column))).unwrap_or_else(|code| {
            errors.push(RowError {
                row,
                column: Some(column.header.to_owned()),
                field: "respondent.public".into(),
                code,
            });
            None
        })
    });
    if let Some(email) = &respondent.email
        && !agora_core::auth::is_email(email)
    {
        errors.push(RowError {
            row,
            column: plan.email.as_ref().map(|c| c.header.to_owned()),
            field: "respondent.email".into(),
            code: ErrorCode::InvalidEmail,
        });
    }
    match (author, answers) {
        (Ok(author), Ok(answers)) if errors.is_empty() => Ok(ImportedSheet {
            row,
            respondent,
            author,
            answers,
            submitted_at,
            public,
        }),
        _ => Err(errors),
    }
}

/// A yes/no cell: `true`/`false` as Agora's exports write it, or yes/no, 1/0 (any case);
/// empty is no answer. Other wordings can be translated under `[values.<field>]`.
fn flag(raw: &str) -> Result<Option<bool>, ErrorCode> {
    match raw.trim().to_lowercase().as_str() {
        "" => Ok(None),
        "true" | "yes" | "1" => Ok(Some(true)),
        "false" | "no" | "0" => Ok(Some(false)),
        _ => Err(ErrorCode::InvalidChoice),
    }
}
