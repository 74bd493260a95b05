//! What the import pages and the import API share: reading a file and checking it against a
//! column map (on a blocking thread: a large file takes seconds), storing what passed as one
//! import, all or none, and the words, in the user's language, for what did not.
//!
//! The checks are `agora-import`'s, exactly as `agora import responses` runs them, so a file
//! and a map give the same verdict on the command line, on the web and through the API.

use std::sync::Arc;

use agora_core::consultation::{Consultation, Question};
use agora_core::process::Phase;
use agora_core::stakeholder::StakeholderGroups;
use agora_import::{Checked, ColumnMap, Encoding, ImportError, ImportedSheet, RowError, Table};
use agora_store::{Actor, StagedUpload, StoreError};
use fluent_templates::fluent_bundle::FluentValue;
use uuid::Uuid;

use crate::AppState;
use crate::ctx::Ctx;

/// How many checked sheets a preview shows.
pub const PREVIEW_ROWS: usize = 20;

/// What a file is checked against: a consultation, its questionnaire, the deployment's groups.
pub struct Target {
    pub phase: Phase,
    pub consultation: Consultation,
    pub questions: Vec<Question>,
    pub groups: StakeholderGroups,
}

impl Target {
    pub async fn load(
        state: &AppState,
        phase: Phase,
        consultation: Consultation,
    ) -> Result<Arc<Target>, StoreError> {
        Ok(Arc::new(Target {
            questions: state.store.questions(phase.id).await?,
            groups: state.store.stakeholder_groups().await?,
            phase,
            consultation,
        }))
    }
}

/// Decodes and parses a CSV or XLSX file into its header and rows. The bytes are shared, not
/// copied: a file may be tens of megabytes, and the caller may still need them.
pub async fn read_table(
    bytes: Arc<Vec<u8>>,
    encoding: Encoding,
    sheet: Option<String>,
) -> Result<Arc<Table>, ImportError> {
    tokio::task::spawn_blocking(move || Table::read(&bytes, encoding, sheet.as_deref()))
        .await
        .expect("reading a table does not panic")
        .map(Arc::new)
}

/// Checks every row of `table` as `map` reads it: the sheets of good rows and the errors of
/// bad ones, or why the map does not fit the file at all.
pub async fn check(
    target: Arc<Target>,
    table: Arc<Table>,
    map: ColumnMap,
) -> Result<Checked, ImportError> {
    tokio::task::spawn_blocking(move || {
        agora_import::check_sheets(
            &table,
            &map,
            &target.phase,
            &target.consultation,
            &target.questions,
            &target.groups,
        )
    })
    .await
    .expect("checking rows does not panic")
}

/// Stores checked sheets as one new import batch, all or none, audited under `actor`; with
/// `upload`, removes that staged file in the same transaction ([`StoreError::NotFound`] when
/// it is gone already: committed by a first click). Gives the batch.
pub async fn commit(
    state: &AppState,
    actor: Actor,
    target: &Target,
    sheets: Vec<ImportedSheet>,
    upload: Option<&StagedUpload>,
) -> Result<Uuid, StoreError> {
    let batch = agora_core::new_id();
    let now = (state.clock)();
    let public = target.consultation.public_by_default;
    let sheets: Vec<_> = sheets
        .into_iter()
        .map(|sheet| sheet.into_submission(target.phase.id, batch, public, now))
        .collect();
    match upload {
        Some(upload) => state.store.import_staged(actor, upload, &sheets).await?,
        None => {
            state
                .store
                .import_submissions(actor, target.phase.id, &sheets, |_| {})
                .await?
        }
    }
    Ok(batch)
}

/// Why a file cannot be read with a map, as a sentence in the user's language.
pub fn file_error(ctx: &Ctx, error: &ImportError) -> String {
    let text = |s: &str| FluentValue::from(s.to_owned());
    let number = |n: u64| FluentValue::from(n);
    match error {
        ImportError::Encoding { encoding, line, .. } => ctx.lang.t_args(
            "import-error-encoding",
            &[("encoding", text(encoding)), ("line", number(*line as u64))],
        ),
        ImportError::Csv { line, message } => ctx.lang.t_args(
            "import-error-csv",
            &[("line", number(*line)), ("message", text(message))],
        ),
        ImportError::Ragged {
            line,
            cells,
            expected,
        } => ctx.lang.t_args(
            "import-error-ragged",
            &[
                ("line", number(*line)),
                ("cells", number(*cells as u64)),
                ("expected", number(*expected as u64)),
            ],
        ),
        ImportError::Xlsx(message) => ctx
            .lang
            .t_args("import-error-xlsx", &[("message", text(message))]),
        ImportError::NoSuchSheet(sheet) => ctx
            .lang
            .t_args("import-error-no-such-sheet", &[("sheet", text(sheet))]),
        ImportError::Empty => ctx.t("import-error-empty"),
        ImportError::Map(message) => ctx
            .lang
            .t_args("import-error-map", &[("message", text(message))]),
        ImportError::NoSuchQuestion(position) => ctx.lang.t_args(
            "import-error-no-such-question",
            &[("position", text(position))],
        ),
        ImportError::NoSuchZone(zone) => ctx
            .lang
            .t_args("import-error-no-such-zone", &[("zone", text(zone))]),
        ImportError::MissingColumn {
            column,
            mapped_as,
            available,
        } => ctx.lang.t_args(
            "import-error-missing-column",
            &[
                ("column", text(column)),
                ("target", text(&target_label(ctx, mapped_as))),
                ("available", text(available)),
            ],
        ),
        ImportError::Rows(errors) => ctx.lang.t_args(
            "import-error-rows",
            &[("count", number(errors.len() as u64))],
        ),
    }
}

/// What a column was mapped to (`author.country`, `answers.2`…), as the mapping form names it.
pub fn target_label(ctx: &Ctx, field: &str) -> String {
    if let Some(position) = field.strip_prefix("answers.") {
        let n = position.parse::<u64>().map_or_else(
            |_| FluentValue::from(position.to_owned()),
            FluentValue::from,
        );
        return ctx.lang.t_args("import-target-question", &[("n", n)]);
    }
    let name = field
        .strip_prefix("author.")
        .or_else(|| field.strip_prefix("respondent."))
        .unwrap_or(field);
    let id = format!("import-target-{}", name.replace('_', "-"));
    if ctx.lang.has(&id) {
        ctx.lang.t(&id)
    } else {
        field.to_owned()
    }
}

/// Why a cell was refused, in the user's language: the import's own wording of the rule when
/// it has one (a file has no list to choose from), the form's otherwise.
pub fn reason(ctx: &Ctx, error: &RowError) -> String {
    let id = format!("import-reason-{}", error.code.name());
    if !ctx.lang.has(&id) {
        return crate::form::error_message(
            ctx,
            &agora_core::FieldError {
                field: error.field.clone(),
                code: error.code.clone(),
            },
        );
    }
    match error.code.limit() {
        Some(limit) => ctx
            .lang
            .t_args(&id, &[("limit", FluentValue::from(limit as u64))]),
        None => ctx.t(&id),
    }
}
