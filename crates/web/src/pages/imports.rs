//! Importing answers collected elsewhere into a consultation, for its secretariat: the web
//! face of `agora import responses`, in steps that each work without JavaScript.
//!
//! 1. `GET /consultations/{id}/import`: the upload form (file, encoding, XLSX sheet). Posting
//!    it reads the file at once (a file that cannot be read is refused with the reason) and
//!    stages it in the store, within `Config::upload_limit` (413 above).
//! 2. `GET /consultations/{id}/import/{upload}`: the column mapping, filled from the last
//!    preview's map or guessed from the headers.
//! 3. `POST …/preview`: the mapping as a `ColumnMap`, every row checked exactly as the command
//!    line checks it; the first rows as they will be stored, every error with its row, column
//!    and reason; the map kept for download (`GET …/map.toml`).
//! 4. `POST …/commit`: the previewed map checked again and, when every row passes, stored all
//!    or none; the upload is marked committed in the same transaction, and the browser sent
//!    to `GET /consultations/{id}/imports/{batch}`.
//!
//! A staged upload is seen by its consultation's secretariat only, and kept 24 hours.

use std::sync::Arc;

use agora_core::ValidationErrors;
use agora_core::auth::Action;
use agora_core::consultation::AnswerValue;
use agora_import::{Checked, ColumnMap, Encoding, ImportError, Table};
use agora_store::{StagedUpload, StoreError};
use askama::Template;
use axum::Router;
use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use fluent_templates::fluent_bundle::FluentValue;
use uuid::Uuid;

use super::consultations::{Loaded, language_label, load, question_label};
use super::import_mapping::{
    AUTHOR_FIELDS, RESPONDENT_FIELDS, Values, form_values, group_translations, guess,
    map_from_form, map_translations, posted_translations,
};
use super::{
    CsrfForm, CsrfMultipart, FormPage, in_zone, page, page_with_status, parse_id, region_options,
    require,
};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{Field, FieldKind, FormView};
use crate::importing::{self, PREVIEW_ROWS, Target, file_error, reason, target_label};
use crate::upload::upload_route;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/consultations/{id}/import",
            upload_route(get(upload_form).post(upload)),
        )
        .route("/consultations/{id}/import/{upload}", get(mapping))
        .route("/consultations/{id}/import/{upload}/preview", post(preview))
        .route("/consultations/{id}/import/{upload}/commit", post(commit))
        .route(
            "/consultations/{id}/import/{upload}/map.toml",
            get(map_file),
        )
        .route("/consultations/{id}/imports/{batch}", get(done))
}

/// How many of the file's rows the mapping page shows, to recognise the columns by.
const SAMPLE_ROWS: usize = 3;
/// Longer answers are cut in the preview table.
const PREVIEW_TEXT: usize = 160;

/// The consultation `id`, for its secretariat only.
async fn managed(state: &AppState, ctx: &Ctx, id: &str) -> Result<Loaded, AppError> {
    let c = load(state, id).await?;
    require(ctx, Action::ManageProcess(c.process.id))?;
    Ok(c)
}

/// A staged upload of this consultation that is still kept; or, once it was committed, the
/// way to its result (a second click, the back button).
async fn staged(
    state: &AppState,
    c: &Loaded,
    id: &str,
) -> Result<Result<StagedUpload, Response>, AppError> {
    let upload = state
        .store
        .staged_upload(parse_id(id)?)
        .await?
        .filter(|u| u.phase_id == c.phase.id && !u.is_expired((state.clock)()))
        .ok_or(AppError::NotFound)?;
    Ok(match upload.batch {
        Some(batch) => Err(Redirect::to(&done_href(c, batch)).into_response()),
        None => Ok(upload),
    })
}

fn done_href(c: &Loaded, batch: Uuid) -> String {
    format!("{}/imports/{batch}", c.href())
}

fn encoding_of(upload: &StagedUpload) -> Encoding {
    Encoding::from_name(&upload.encoding).unwrap_or(Encoding::Auto)
}

/// Reads a staged file again.
async fn table_of(upload: &mut StagedUpload) -> Result<Arc<Table>, ImportError> {
    let bytes = Arc::new(std::mem::take(&mut upload.bytes));
    importing::read_table(bytes, encoding_of(upload), upload.sheet.clone()).await
}

/// What the steps after the upload work on: the consultation, its staged file read into a
/// table (the bytes are dropped once read), and what the rows are checked against.
///
/// Extracting it from a request on `…/import/{upload}…` is the authorization (the
/// consultation's secretariat only) and finds the upload; the rejection is the error, or, once
/// the upload was committed, the way to its result (a second click, the back button).
struct Step {
    c: Loaded,
    upload: StagedUpload,
    table: Arc<Table>,
    target: Arc<Target>,
}

impl FromRequestParts<AppState> for Step {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Path((id, upload)) = Path::<(String, String)>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let ctx = parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::BadRequest.into_response())?;
        let c = managed(state, &ctx, &id)
            .await
            .map_err(IntoResponse::into_response)?;
        let mut upload = staged(state, &c, &upload)
            .await
            .map_err(IntoResponse::into_response)??;
        let target = Target::load(state, c.phase.clone(), c.consultation.clone())
            .await
            .map_err(|e| AppError::from(e).into_response())?;
        // It was readable when staged, and the same bytes read the same.
        let table = table_of(&mut upload)
            .await
            .map_err(|_| AppError::BadRequest.into_response())?;
        Ok(Step {
            c,
            upload,
            table,
            target,
        })
    }
}

impl Step {
    /// The page of this step: the mapping form showing `shown`, and a preview when there is
    /// one.
    fn page(
        self,
        ctx: Ctx,
        shown: Shown<'_>,
        preview: Option<Preview>,
        status: StatusCode,
    ) -> AppResult {
        let (form, sections) = mapping_form(&ctx, &self, shown);
        let Step {
            c, upload, table, ..
        } = self;
        let sample = Sample {
            headers: table.headers.clone(),
            rows: table.rows.iter().take(SAMPLE_ROWS).cloned().collect(),
        };
        let summary = ctx.lang.t_args(
            "import-file-summary",
            &[
                ("file", FluentValue::from(upload.filename.clone())),
                ("rows", FluentValue::from(table.rows.len() as u64)),
            ],
        );
        page_with_status(
            status,
            MapPage {
                title: c.title(&ctx),
                summary,
                sample,
                form,
                sections,
                preview,
                upload,
                ctx,
                c,
            },
        )
    }

    /// The form values and group translations of `map`.
    fn shown_map(&self, map: &ColumnMap) -> (Values, Values) {
        let values = form_values(map);
        let translations = group_translations(
            &self.table,
            group_column(&values),
            &map_translations(map),
            &self.target.groups,
        );
        (values, translations)
    }

    /// The form values and group translations of the last preview's map, or guessed from the
    /// file's headers when there was none.
    fn remembered_or_guessed(&self) -> (Values, Values) {
        if let Some(map) = self
            .upload
            .map
            .as_deref()
            .and_then(|m| ColumnMap::parse(m).ok())
        {
            return self.shown_map(&map);
        }
        let c = &self.c;
        let values = guess(
            &self.table.headers,
            &self.target.questions,
            c.consultation.languages.first().map(String::as_str),
            &c.process.display_zone,
        );
        let translations = group_translations(
            &self.table,
            group_column(&values),
            &Default::default(),
            &self.target.groups,
        );
        (values, translations)
    }
}

pub(crate) fn mebibytes(bytes: usize) -> FluentValue<'static> {
    FluentValue::from((bytes / (1024 * 1024)) as u64)
}

// ---------------------------------------------------------------------------------------------
// Step 1: the upload

fn upload_form_view(ctx: &Ctx, c: &Loaded, limit: usize) -> FormView {
    let encodings = [Encoding::Auto, Encoding::Latin1, Encoding::Utf16Le]
        .into_iter()
        .map(|e| (e.code().to_owned(), ctx.tp("import-encoding-", e.code())))
        .collect();
    let size = [("size", mebibytes(limit))];
    let mut form = FormView::new(
        ctx,
        "import-title",
        format!("{}/import", c.href()),
        "import-action-upload",
    );
    form.intro = Some(format!("{} — {}", c.title(ctx), ctx.t("import-intro")));
    form.fields = vec![
        Field {
            required: true,
            hint: Some(ctx.lang.t_args("import-hint-file", &size)),
            ..Field::new("file", ctx.t("import-field-file"), FieldKind::File)
        },
        Field {
            hint: Some(ctx.t("import-hint-encoding")),
            ..Field::new(
                "encoding",
                ctx.t("import-field-encoding"),
                FieldKind::Select(encodings),
            )
        },
        Field {
            hint: Some(ctx.t("import-hint-sheet")),
            ..Field::new("sheet", ctx.t("import-field-sheet"), FieldKind::Text)
        },
    ];
    form
}

async fn upload_form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let c = managed(&state, &ctx, &id).await?;
    let form = upload_form_view(&ctx, &c, state.config.upload_limit);
    page(FormPage { ctx: ctx.0, form })
}

/// The name of an uploaded file as shown: its last path component (old browsers send the
/// whole path), without control characters, at most 200 characters.
pub(crate) fn file_name(sent: Option<&str>) -> String {
    let name: String = sent
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    match name.trim() {
        "" => "upload".to_owned(),
        name => name.to_owned(),
    }
}

/// Reads the posted file and stages it. The body is read after the authorization check (the
/// CSRF check comes with it), so that only the secretariat can make the server take in a
/// large upload.
async fn upload(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    request: Request,
) -> AppResult {
    let c = managed(&state, &ctx, &id).await?;
    let user = ctx.user.clone().ok_or(AppError::Unauthenticated)?;
    let limit = state.config.upload_limit;
    let view = upload_form_view(&ctx, &c, limit);
    let mut body = match CsrfMultipart::from_request(request, &state).await {
        Ok(CsrfMultipart(body)) => body,
        Err(AppError::TooLarge) => {
            let message = ctx
                .lang
                .t_args("import-too-large", &[("size", mebibytes(limit))]);
            let form = view.with_message("file", message);
            return page_with_status(StatusCode::PAYLOAD_TOO_LARGE, FormPage { ctx: ctx.0, form });
        }
        Err(other) => return Err(other),
    };
    let sent = [
        ("encoding".to_owned(), body.text("encoding").to_owned()),
        ("sheet".to_owned(), body.text("sheet").to_owned()),
    ];
    let view = view.with_values(&sent);
    let mut errors = ValidationErrors::new();
    let encoding = Encoding::from_name(body.text("encoding").trim());
    if encoding.is_none() {
        errors.push("encoding", agora_core::ErrorCode::InvalidChoice);
    }
    let file = body.take_file("file");
    if file.is_none() {
        errors.push("file", agora_core::ErrorCode::Required);
    }
    let (Some(encoding), Some(file)) = (encoding, file) else {
        let form = view.with_errors(&ctx, &errors);
        return page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            FormPage { ctx: ctx.0, form },
        );
    };
    let sheet = Some(body.text("sheet").trim().to_owned()).filter(|s| !s.is_empty());
    let bytes = Arc::new(file.bytes);
    if let Err(unreadable) = importing::read_table(bytes.clone(), encoding, sheet.clone()).await {
        let form = view.with_message("file", file_error(&ctx, &unreadable));
        return page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            FormPage { ctx: ctx.0, form },
        );
    }
    let staged = StagedUpload {
        id: agora_core::new_id(),
        phase_id: c.phase.id,
        uploader_id: user.id,
        filename: file_name(file.filename.as_deref()),
        encoding: encoding.code().to_owned(),
        sheet,
        bytes: Arc::try_unwrap(bytes).unwrap_or_else(|shared| shared.to_vec()),
        map: None,
        created_at: (state.clock)(),
        batch: None,
    };
    state.store.stage_upload(Some(user.id), &staged).await?;
    Ok(Redirect::to(&format!("{}/import/{}", c.href(), staged.id)).into_response())
}

// ---------------------------------------------------------------------------------------------
// Steps 2 and 3: the mapping and the preview

/// A group of the mapping form's fields under a legend.
struct Section {
    id: &'static str,
    legend: String,
    hint: Option<String>,
    fields: Vec<Field>,
}

/// The file's first rows, to recognise the columns by.
struct Sample {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// One refused cell or row, as the preview lists it.
struct ProblemRow {
    row: usize,
    column: String,
    target: String,
    reason: String,
}

/// What the import would store, or why it cannot.
struct Preview {
    /// How many rows the file has, how many can be imported, how many have errors.
    summary: String,
    /// Why the map does not fit the file at all (a column it names is missing…).
    fatal: Option<String>,
    errors: Vec<ProblemRow>,
    /// Said when only the first `agora_import::MAX_REPORTED` errors are listed.
    capped: Option<String>,
    columns: Vec<String>,
    sheets: Vec<Vec<String>>,
    /// Said when there are more good rows than those shown.
    more: Option<String>,
    commit: Option<Commit>,
}

impl Preview {
    /// The preview of a map that does not fit the file at all.
    fn fatal(message: String) -> Preview {
        Preview {
            summary: String::new(),
            fatal: Some(message),
            errors: Vec::new(),
            capped: None,
            columns: Vec::new(),
            sheets: Vec::new(),
            more: None,
            commit: None,
        }
    }
}

/// The commit form of a clean preview, and the same import on the command line.
struct Commit {
    /// The previewed map (`MAP.toml`), posted back: what is committed is what was previewed.
    map: String,
    /// What committing does.
    lead: String,
    button: String,
    cli: String,
}

#[derive(Template)]
#[template(path = "import_map.html")]
struct MapPage {
    ctx: Ctx,
    c: Loaded,
    title: String,
    upload: StagedUpload,
    /// The file's name and how many rows it has.
    summary: String,
    sample: Sample,
    form: FormView,
    sections: Vec<Section>,
    preview: Option<Preview>,
}

/// The column options of a select: none, then each distinct, non-empty header.
fn column_options(ctx: &Ctx, table: &Table) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), ctx.t("import-option-no-column"))];
    for header in &table.headers {
        if !header.is_empty() && !options.iter().any(|(value, _)| value == header) {
            options.push((header.clone(), header.clone()));
        }
    }
    options
}

/// The stakeholder groups as options, after `first` (for the empty value).
fn group_choices(ctx: &Ctx, target: &Target, first: String) -> Vec<(String, String)> {
    std::iter::once((String::new(), first))
        .chain(
            target
                .groups
                .codes()
                .iter()
                .map(|g| (g.clone(), ctx.group(g))),
        )
        .collect()
}

/// The fixed-value control of an author field: the group, region or language lists, or text.
fn fixed_value_kind(ctx: &Ctx, field: &str, target: &Target) -> FieldKind {
    let none = || vec![(String::new(), ctx.t("option-none"))];
    match field {
        "stakeholder_group" => FieldKind::Select(group_choices(ctx, target, ctx.t("option-none"))),
        "lang" => FieldKind::Select(
            none()
                .into_iter()
                .chain(
                    target
                        .consultation
                        .languages
                        .iter()
                        .map(|l| (l.clone(), language_label(l))),
                )
                .collect(),
        ),
        "region" => FieldKind::Select(region_options(ctx)),
        _ => FieldKind::Text,
    }
}

/// What a mapping form shows: `values` in its fields, `errors` next to them, and the
/// stakeholder-group `translations` (which follow the file, not the posted indices).
struct Shown<'a> {
    values: &'a [(String, String)],
    errors: &'a ValidationErrors,
    translations: Vec<(String, String)>,
}

fn mapping_form(ctx: &Ctx, step: &Step, shown: Shown<'_>) -> (FormView, Vec<Section>) {
    let Step {
        c,
        upload,
        table,
        target,
    } = step;
    let columns = FieldKind::Select(column_options(ctx, table));
    let mut sections: Vec<(&'static str, String, Option<String>, Vec<Field>)> = Vec::new();
    sections.push((
        "respondent",
        ctx.t("import-section-respondent"),
        Some(ctx.t("import-section-respondent-hint")),
        RESPONDENT_FIELDS
            .iter()
            .map(|f| {
                let name = format!("respondent.{f}");
                Field::new(name.clone(), target_label(ctx, &name), columns.clone())
            })
            .collect(),
    ));
    let mut author = Vec::new();
    for f in AUTHOR_FIELDS {
        let name = format!("author.{f}");
        let label = target_label(ctx, &name);
        let same = ctx.lang.t_args(
            "import-same-value",
            &[("target", FluentValue::from(label.clone()))],
        );
        // The stakeholder group and the language are required, from a column or as a value:
        // neither control alone is, and the section's hint says so.
        author.push(Field::new(name.clone(), label, columns.clone()));
        author.push(Field::new(
            format!("{name}.value"),
            same,
            fixed_value_kind(ctx, f, target),
        ));
    }
    sections.push((
        "author",
        ctx.t("import-section-author"),
        Some(ctx.t("import-section-author-hint")),
        author,
    ));
    sections.push((
        "answers",
        ctx.t("import-section-answers"),
        None,
        target
            .questions
            .iter()
            .map(|q| {
                Field::new(
                    format!("answers.{}", q.position),
                    question_label(q),
                    columns.clone(),
                )
            })
            .collect(),
    ));
    sections.push((
        "reading",
        ctx.t("import-section-reading"),
        None,
        vec![
            Field {
                hint: Some(ctx.t("import-hint-separator")),
                ..Field::new(
                    "separator",
                    ctx.t("import-field-separator"),
                    FieldKind::Text,
                )
            },
            Field {
                hint: Some(ctx.t("import-hint-timezone")),
                ..Field::new("timezone", ctx.t("import-field-timezone"), FieldKind::Text)
            },
        ],
    ));
    let lengths: Vec<usize> = sections.iter().map(|s| s.3.len()).collect();
    let mut form = FormView::new(
        ctx,
        "import-map-title",
        format!("{}/import/{}/preview", c.href(), upload.id),
        "import-action-preview",
    );
    form.fields = sections.iter_mut().flat_map(|s| s.3.drain(..)).collect();
    let values: Vec<(String, String)> = shown
        .values
        .iter()
        .filter(|(name, _)| !name.starts_with("translate."))
        .cloned()
        .collect();
    let form = form.with_values(&values).with_errors(ctx, shown.errors);
    let mut fields = form.fields.clone().into_iter();
    let mut grouped: Vec<Section> = sections
        .into_iter()
        .zip(lengths)
        .map(|((id, legend, hint, _), length)| Section {
            id,
            legend,
            hint,
            fields: fields.by_ref().take(length).collect(),
        })
        .collect();
    if !shown.translations.is_empty() {
        let groups = group_choices(ctx, target, ctx.t("import-option-keep"));
        let mut fields = Vec::new();
        for (i, (from, to)) in shown.translations.into_iter().enumerate() {
            fields.push(Field {
                value: from.clone(),
                ..Field::new(
                    format!("translate.{i}.from"),
                    String::new(),
                    FieldKind::Hidden,
                )
            });
            fields.push(Field {
                value: to,
                ..Field::new(
                    format!("translate.{i}.to"),
                    from,
                    FieldKind::Select(groups.clone()),
                )
            });
        }
        // Before "reading the file": the groups belong with the respondents.
        grouped.insert(
            grouped.len() - 1,
            Section {
                id: "translations",
                legend: ctx.t("import-section-translations"),
                hint: Some(ctx.t("import-section-translations-hint")),
                fields,
            },
        );
    }
    (form, grouped)
}

/// The column named for the stakeholder group in these form values.
fn group_column(values: &[(String, String)]) -> &str {
    values
        .iter()
        .find(|(k, _)| k == "author.stakeholder_group")
        .map_or("", |(_, v)| v.trim())
}

async fn mapping(ctx: CtxExt, step: Step) -> AppResult {
    let (values, translations) = step.remembered_or_guessed();
    let shown = Shown {
        values: &values,
        errors: &ValidationErrors::new(),
        translations,
    };
    step.page(ctx.0, shown, None, StatusCode::OK)
}

/// A check's outcome as the preview shows it.
fn preview_of(
    ctx: &Ctx,
    step: &Step,
    map: &ColumnMap,
    checked: Result<Checked, ImportError>,
) -> Preview {
    let (c, rows) = (&step.c, step.table.rows.len());
    let checked = match checked {
        Ok(checked) => checked,
        Err(fatal) => return Preview::fatal(file_error(ctx, &fatal)),
    };
    let errors: Vec<ProblemRow> = checked
        .errors
        .iter()
        .map(|e| ProblemRow {
            row: e.row,
            column: e.column.clone().unwrap_or_default(),
            target: target_label(ctx, &e.field),
            reason: reason(ctx, e),
        })
        .collect();
    let mut bad: Vec<usize> = checked.errors.iter().map(|e| e.row).collect();
    bad.dedup();
    let number = |n: usize| FluentValue::from(n as u64);
    let good = checked.sheets.len();
    let summary = ctx.lang.t_args(
        "import-preview-summary",
        &[
            ("rows", number(rows)),
            ("good", number(good)),
            ("bad", number(bad.len())),
        ],
    );
    let capped = (checked.errors.len() >= agora_import::MAX_REPORTED).then(|| {
        ctx.lang.t_args(
            "import-preview-errors-capped",
            &[("count", number(checked.errors.len()))],
        )
    });
    let more = (good > PREVIEW_ROWS).then(|| {
        ctx.lang.t_args(
            "import-preview-rows-more",
            &[("count", number(good - PREVIEW_ROWS))],
        )
    });
    let (columns, sheets) = preview_table(ctx, c, &step.target, map, &checked);
    let commit = checked.errors.is_empty().then(|| {
        let publication = if c.consultation.public_by_default {
            ctx.t("import-commit-public")
        } else {
            ctx.t("import-commit-private")
        };
        Commit {
            map: map.to_toml(),
            lead: format!(
                "{} {publication}",
                ctx.lang
                    .t_args("import-commit-lead", &[("count", number(good))])
            ),
            button: ctx
                .lang
                .t_args("import-action-commit", &[("count", number(good))]),
            cli: command_line(c, &step.upload),
        }
    });
    Preview {
        summary,
        fatal: None,
        errors,
        capped,
        columns,
        sheets,
        more,
        commit,
    }
}

/// The first good rows as they will be stored: the columns the map gives, then the answers.
fn preview_table(
    ctx: &Ctx,
    c: &Loaded,
    target: &Target,
    map: &ColumnMap,
    checked: &Checked,
) -> (Vec<String>, Vec<Vec<String>>) {
    let respondent = [
        ("respondent.name", map.respondent.name.is_some()),
        ("respondent.email", map.respondent.email.is_some()),
        (
            "respondent.submitted_at",
            map.respondent.submitted_at.is_some(),
        ),
    ];
    let author = [
        ("author.stakeholder_group", true),
        ("author.country", map.author.country.is_some()),
        ("author.region", map.author.region.is_some()),
        ("author.organisation", map.author.organisation.is_some()),
        ("author.lang", true),
    ];
    let shown: Vec<&str> = respondent
        .into_iter()
        .chain(author)
        .filter(|(_, mapped)| *mapped)
        .map(|(field, _)| field)
        .collect();
    let questions: Vec<_> = target
        .questions
        .iter()
        .filter(|q| map.answers.contains_key(&q.position.to_string()))
        .collect();
    let mut columns = vec![ctx.t("import-column-row")];
    columns.extend(shown.iter().map(|field| target_label(ctx, field)));
    columns.extend(questions.iter().map(|q| question_label(q)));
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let sheets = checked
        .sheets
        .iter()
        .take(PREVIEW_ROWS)
        .map(|sheet| {
            let author = &sheet.author;
            let mut cells = vec![sheet.row.to_string()];
            for field in &shown {
                cells.push(match *field {
                    "respondent.name" => text(&sheet.respondent.name),
                    "respondent.email" => text(&sheet.respondent.email),
                    "respondent.submitted_at" => sheet
                        .submitted_at
                        .map(|at| in_zone(at, &c.process.display_zone))
                        .unwrap_or_default(),
                    "author.stakeholder_group" => ctx.group(&author.stakeholder_group),
                    "author.country" => text(&author.country),
                    "author.region" => author
                        .region
                        .as_ref()
                        .map(|r| ctx.tp("region-", r))
                        .unwrap_or_default(),
                    "author.organisation" => text(&author.organisation),
                    _ => language_label(&author.lang),
                });
            }
            for q in &questions {
                cells.push(match sheet.answers.get(&q.id) {
                    Some(AnswerValue::Text(text)) if text.chars().count() > PREVIEW_TEXT => {
                        format!("{}…", text.chars().take(PREVIEW_TEXT).collect::<String>())
                    }
                    Some(AnswerValue::Text(text)) => text.clone(),
                    Some(AnswerValue::Choices(choices)) => choices.join("; "),
                    Some(AnswerValue::Scale(n)) => format!("{n} / 5"),
                    None => String::new(),
                });
            }
            cells
        })
        .collect();
    (columns, sheets)
}

/// The same import on the command line, with the map downloaded as `MAP.toml`.
fn command_line(c: &Loaded, upload: &StagedUpload) -> String {
    let file = if upload
        .filename
        .chars()
        .all(|ch| ch.is_alphanumeric() || "._-".contains(ch))
    {
        upload.filename.clone()
    } else {
        format!("'{}'", upload.filename.replace('\'', r"'\''"))
    };
    let mut line = format!(
        "agora import responses {file} --consultation {} --map MAP.toml",
        c.phase.id
    );
    if encoding_of(upload) != Encoding::Auto {
        line.push_str(&format!(" --encoding {}", upload.encoding));
    }
    line
}

/// Checks the file with the submitted mapping and shows the outcome under the form (422 while
/// anything is wrong); the map is kept for download.
async fn preview(
    State(state): State<AppState>,
    ctx: CtxExt,
    step: Step,
    form: CsrfForm,
) -> AppResult {
    let known = posted_translations(&form.pairs);
    let column = group_column(&form.pairs);
    let translations = group_translations(&step.table, column, &known, &step.target.groups);
    let (errors, preview) = match map_from_form(
        &form.pairs,
        &step.target.questions,
        step.upload.sheet.clone(),
    ) {
        Err(errors) => (errors, None),
        Ok(map) => {
            let actor = ctx.actor();
            state
                .store
                .remember_import_map(actor, step.upload.id, &map.to_toml())
                .await?;
            let checked =
                importing::check(step.target.clone(), step.table.clone(), map.clone()).await;
            let preview = preview_of(&ctx, &step, &map, checked);
            (ValidationErrors::new(), Some(preview))
        }
    };
    let clean = preview.as_ref().is_some_and(|p| p.commit.is_some());
    let status = if clean {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let shown = Shown {
        values: &form.pairs,
        errors: &errors,
        translations,
    };
    step.page(ctx.0, shown, preview, status)
}

/// Imports the previewed map's rows, all or none, after checking them again: the file is the
/// same, but the questionnaire or the groups may have changed since the preview.
async fn commit(
    State(state): State<AppState>,
    ctx: CtxExt,
    step: Step,
    form: CsrfForm,
) -> AppResult {
    let refused = StatusCode::UNPROCESSABLE_ENTITY;
    let mut map = match ColumnMap::parse(form.get("map")) {
        Ok(map) => map,
        // Only a hand-made request sends no map or a broken one: the mapping page again.
        Err(unreadable) => {
            let preview = Preview::fatal(file_error(&ctx, &unreadable));
            let (values, translations) = step.remembered_or_guessed();
            let shown = Shown {
                values: &values,
                errors: &ValidationErrors::new(),
                translations,
            };
            return step.page(ctx.0, shown, Some(preview), refused);
        }
    };
    map.sheet = step.upload.sheet.clone();
    match importing::check(step.target.clone(), step.table.clone(), map.clone()).await {
        Ok(checked) if checked.errors.is_empty() => {
            let actor = ctx.actor();
            let c = &step.c;
            match importing::commit(
                &state,
                actor,
                &step.target,
                checked.sheets,
                Some(&step.upload),
            )
            .await
            {
                Ok(batch) => Ok(Redirect::to(&done_href(c, batch)).into_response()),
                // A first click committed it meanwhile: its result.
                Err(StoreError::Conflict { field: "batch" }) => {
                    match staged(&state, c, &step.upload.id.to_string()).await? {
                        Err(go) => Ok(go),
                        Ok(_) => Err(AppError::NotFound),
                    }
                }
                Err(other) => Err(other.into()),
            }
        }
        checked => {
            let preview = preview_of(&ctx, &step, &map, checked);
            let (values, translations) = step.shown_map(&map);
            let shown = Shown {
                values: &values,
                errors: &ValidationErrors::new(),
                translations,
            };
            step.page(ctx.0, shown, Some(preview), refused)
        }
    }
}

/// The last preview's map as a `MAP.toml` file, for the same import on the command line.
async fn map_file(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, upload)): Path<(String, String)>,
) -> AppResult {
    let c = managed(&state, &ctx, &id).await?;
    let upload = match staged(&state, &c, &upload).await? {
        Ok(upload) => upload,
        Err(go) => return Ok(go),
    };
    let map = upload.map.as_deref().ok_or(AppError::NotFound)?;
    let body = format!(
        "# The column map of an import into \"{}\", for:\n# {}\n\n{map}",
        c.title(&ctx).replace(['\r', '\n'], " "),
        command_line(&c, &upload),
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/toml; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"MAP.toml\"",
            ),
        ],
        body,
    )
        .into_response())
}

// ---------------------------------------------------------------------------------------------
// Step 4: the result

#[derive(Template)]
#[template(path = "import_done.html")]
struct DonePage {
    ctx: Ctx,
    c: Loaded,
    title: String,
    /// How many sheets were imported, under which batch.
    lead: String,
}

/// What an import stored: how many answer sheets, under which batch.
async fn done(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, batch)): Path<(String, String)>,
) -> AppResult {
    let c = managed(&state, &ctx, &id).await?;
    let batch = parse_id(&batch)?;
    let count = state.store.imported_count(c.phase.id, batch).await?;
    if count == 0 {
        return Err(AppError::NotFound);
    }
    let lead = ctx.lang.t_args(
        "import-done-lead",
        &[
            ("count", FluentValue::from(count)),
            ("batch", FluentValue::from(batch.to_string())),
        ],
    );
    page(DonePage {
        title: c.title(&ctx),
        lead,
        ctx: ctx.0,
        c,
    })
}
