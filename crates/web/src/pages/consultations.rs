//! Consultations as people meet them: the secretariat opens one (a phase of kind
//! `consultation` with its settings) and writes its questions; participants answer, keep a
//! draft, submit and get a receipt; anyone reads the answers their authors chose to publish.
//! Deadlines are exact: `AppState::clock` decides, to the second, and a late window granted
//! to one person is the only way past the closing instant.

use std::collections::BTreeMap;
use std::fmt;

use agora_core::auth::{Action, normalise_email};
use agora_core::consultation::{
    AnswerCounts, AnswerValue, AuthorDraft, Consultation, ConsultationDraft, Question,
    QuestionDraft, QuestionKind, Submission, SubmissionState, check_answers, may_answer, on_time,
    receipt_code,
};
use agora_core::process::{Phase, PhaseDraft, PhaseKind, Process, parse_instant_in};
use agora_core::{ErrorCode, ValidationErrors};
use agora_store::RenderReceipt;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use fluent_templates::fluent_bundle::FluentValue;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Deserialize;
use uuid::Uuid;

use super::{
    CsrfForm, FormPage, Paging, created, field_error, group_options, page, page_with_status,
    parse_id, region_options, rejected, require,
};
use crate::AppState;
use crate::chart::BarChart;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{Field, FieldKind, FormView};
use crate::mail::{self, ReceiptLetter};

mod reports;
mod statistics;
mod synthesis;
mod workspace;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/processes/{slug}/consultations/new", get(new_form))
        .route("/processes/{slug}/consultations", post(create))
        .route("/consultations/{id}", get(show))
        .route("/consultations/{id}/answers", get(published).post(answer))
        .route("/consultations/{id}/answers/{sheet}", get(published_one))
        .route("/consultations/{id}/receipt", get(receipt))
        .route("/consultations/{id}/questions", post(add_question))
        .route("/consultations/{id}/late-windows", post(grant_late_window))
        .merge(workspace::routes())
        .merge(statistics::routes())
        .merge(reports::routes())
        .merge(synthesis::routes())
}

/// An instant as the organiser shows it, followed by UTC when the organiser's zone is another
/// (templates put it in `<time datetime="{{ m.at }}">`; emails print it).
pub(crate) struct Moment {
    at: Timestamp,
    local: String,
    utc: String,
}

impl Moment {
    pub(crate) fn new(at: Timestamp, zone: &str) -> Self {
        Moment {
            at,
            local: super::in_zone(at, zone),
            utc: at.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
        }
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.local == self.utc {
            f.write_str(&self.local)
        } else {
            write!(f, "{} ({})", self.local, self.utc)
        }
    }
}

/// A consultation with what every page of it shows: its phase and its process.
pub(super) struct Loaded {
    pub(super) process: Process,
    pub(super) phase: Phase,
    pub(super) consultation: Consultation,
}

impl Loaded {
    /// The phase's title, or "Consultation" when the secretariat gave none.
    pub(super) fn title(&self, ctx: &Ctx) -> String {
        title_of(ctx, &self.phase)
    }

    fn moment(&self, at: Timestamp) -> Moment {
        Moment::new(at, &self.process.display_zone)
    }

    pub(super) fn href(&self) -> String {
        format!("/consultations/{}", self.phase.id)
    }
}

/// Charts of sheets counted by stakeholder group, region and language; `id` keeps their
/// element ids apart from other charts on the page.
fn count_charts(ctx: &Ctx, id: &str, counts: AnswerCounts) -> Vec<BarChart> {
    let region = |code: &str| {
        if code.is_empty() {
            ctx.t("workspace-no-region")
        } else {
            ctx.tp("region-", code)
        }
    };
    let charts = [
        (
            "group",
            "field-stakeholder_group",
            counts.by_stakeholder_group,
            &(|g: &str| ctx.group(g)) as &dyn Fn(&str) -> String,
        ),
        ("region", "field-region", counts.by_region, &region),
        (
            "lang",
            "consultation-language",
            counts.by_lang,
            &language_label,
        ),
    ];
    charts
        .into_iter()
        .map(|(field, heading, rows, label)| {
            BarChart::new(
                &format!("{id}-{field}"),
                ctx.t(&format!("statistics-by-{field}")),
                ctx.t(heading),
                ctx.t("workspace-count"),
                rows.into_iter()
                    .map(|(value, n)| (label(&value), n))
                    .collect(),
            )
        })
        .collect()
}

fn title_of(ctx: &Ctx, phase: &Phase) -> String {
    consultation_title(ctx.lang, &phase.title)
}

/// A consultation's (its phase's) title, or "Consultation" in `lang` when the secretariat
/// gave none.
pub(crate) fn consultation_title(lang: crate::Lang, title: &str) -> String {
    if title.is_empty() {
        lang.t("phase-kind-consultation")
    } else {
        title.to_owned()
    }
}

pub(super) async fn load(state: &AppState, id: &str) -> Result<Loaded, AppError> {
    let id = parse_id(id)?;
    let consultation = state
        .store
        .consultation(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let phase = state.store.phase(id).await?.ok_or(AppError::NotFound)?;
    let process = state
        .store
        .process(phase.process_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Loaded {
        process,
        phase,
        consultation,
    })
}

// ---------------------------------------------------------------------------------------------
// Opening a consultation

fn consultation_form_view(ctx: &Ctx, process: &Process) -> FormView {
    let eligibility = ["signed-in", "members"]
        .into_iter()
        .map(|code| (code.to_owned(), ctx.tp("consultation-eligibility-", code)))
        .collect();
    let mut form = FormView::new(
        ctx,
        "consultation-new-title",
        format!("/processes/{}/consultations", process.slug),
        "action-create",
    )
    .field(ctx, "title", FieldKind::Text, true)
    .field(ctx, "opens_at", FieldKind::DateTime, true)
    .field(ctx, "closes_at", FieldKind::DateTime, true)
    .field(ctx, "description", FieldKind::TextArea, false)
    .field(ctx, "languages", FieldKind::Text, false)
    .field(ctx, "eligibility", FieldKind::Select(eligibility), true)
    .field(ctx, "public_by_default", FieldKind::Checkbox, false)
    .field(ctx, "on_behalf_allowed", FieldKind::Checkbox, false);
    form.intro = Some(format!(
        "{} {}",
        ctx.t("hint-phase-zone"),
        process.display_zone
    ));
    form
}

async fn new_form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
) -> AppResult {
    let process = super::process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(process.id))?;
    let form = consultation_form_view(&ctx, &process)
        .with_values(&[("languages".to_owned(), agora_core::UI_LANGUAGES.join(", "))]);
    page(FormPage { ctx: ctx.0, form })
}

/// The phase and the settings of the submitted form, or the errors of both at once (the
/// settings are checked even when the dates are wrong, against a stand-in phase).
fn checked_consultation(
    process: &Process,
    form: &CsrfForm,
) -> Result<Result<(Phase, Consultation), ValidationErrors>, AppError> {
    let phase = PhaseDraft {
        kind: PhaseKind::Consultation.code().to_owned(),
        ..form.parse()?
    }
    .validate(process);
    let draft: ConsultationDraft =
        form.parse_with_boxes(&["public_by_default", "on_behalf_allowed"])?;
    let stand_in = Phase {
        id: Uuid::nil(),
        process_id: process.id,
        kind: PhaseKind::Consultation,
        title: String::new(),
        opens_at: Timestamp::UNIX_EPOCH,
        closes_at: Timestamp::UNIX_EPOCH,
    };
    let settings = draft.validate(phase.as_ref().unwrap_or(&stand_in));
    Ok(match (phase, settings) {
        (Ok(phase), Ok(settings)) => Ok((phase, settings)),
        (phase, settings) => {
            let mut errors = ValidationErrors::new();
            errors.0.extend(phase.err().into_iter().flat_map(|e| e.0));
            errors
                .0
                .extend(settings.err().into_iter().flat_map(|e| e.0));
            Err(errors)
        }
    })
}

async fn create(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(slug): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let process = super::process_by_slug(&state, &slug).await?;
    require(&ctx, Action::ManageProcess(process.id))?;
    let errors = match checked_consultation(&process, &form)? {
        Ok((phase, settings)) => match state
            .store
            .create_consultation(ctx.actor(), &phase, &settings)
            .await
        {
            Ok(()) => {
                return Ok(Redirect::to(&format!("/consultations/{}", phase.id)).into_response());
            }
            Err(refused) => field_error(refused)?,
        },
        Err(errors) => errors,
    };
    rejected(&ctx, consultation_form_view(&ctx, &process), &form, &errors)
}

// ---------------------------------------------------------------------------------------------
// The consultation page

/// What the viewer may do with the answer form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// A visitor: answers belong to accounts, so sign in first.
    SignIn,
    /// Signed in, but the consultation is for members of the process.
    NotEligible,
    NotYetOpen,
    Closed,
    Open,
}

/// A question as listed when the answer form is not shown.
struct QuestionRow {
    label: String,
    kind: &'static str,
    required: bool,
    choices: Vec<String>,
}

fn question_row(q: &Question) -> QuestionRow {
    let (kind, choices) = match &q.kind {
        QuestionKind::FreeText { .. } => ("free-text", Vec::new()),
        QuestionKind::SingleChoice { choices } => ("single-choice", choices.clone()),
        QuestionKind::MultipleChoice { choices } => ("multiple-choice", choices.clone()),
        QuestionKind::Scale => ("scale", Vec::new()),
    };
    QuestionRow {
        label: question_label(q),
        kind,
        required: q.required,
        choices,
    }
}

pub(crate) fn question_label(q: &Question) -> String {
    format!("{}. {}", q.position, q.prompt)
}

#[derive(Template)]
#[template(path = "consultation.html")]
struct ShowPage {
    ctx: Ctx,
    c: Loaded,
    title: String,
    opens: Moment,
    closes: Moment,
    status: &'static str,
    questions: Vec<QuestionRow>,
    access: Access,
    /// The viewer's own sheet, if they have one.
    sheet: Option<Submission>,
    sheet_at: Option<Moment>,
    /// The end of a late window granted to the viewer, while it runs past the closing instant.
    late_until: Option<Moment>,
    notice: Option<String>,
    /// Answers arrived after the deadline and were not saved.
    too_late: bool,
    answer_form: Option<FormView>,
    /// Beside the answer form: whether a receipt will be emailed, and to which address.
    email_note: Option<String>,
    question_form: Option<FormView>,
    late_form: Option<FormView>,
    /// Whether a synthesis of the answers has been published (the tab shows for everyone).
    synthesis_published: bool,
}

impl ShowPage {
    /// Whether the viewer has handed their sheet in (then only a new submission replaces it).
    fn submitted(&self) -> bool {
        self.sheet
            .as_ref()
            .is_some_and(|s| s.state == agora_core::consultation::SubmissionState::Submitted)
    }
}

/// What a POST handler hands back to the page: a rejected form with its values and errors, or
/// the news that the answers came too late.
#[derive(Default)]
struct Shown {
    answer: Option<FormView>,
    question: Option<FormView>,
    late: Option<FormView>,
    too_late: bool,
    notice: Option<String>,
}

impl Shown {
    fn is_refusal(&self) -> bool {
        self.too_late
            || [&self.answer, &self.question, &self.late]
                .into_iter()
                .flatten()
                .any(|f| !f.errors.is_empty())
    }
}

async fn show_page(state: &AppState, ctx: Ctx, c: Loaded, shown: Shown) -> AppResult {
    let now = (state.clock)();
    let questions = state.store.questions(c.phase.id).await?;
    let (sheet, late) = match &ctx.user {
        Some(user) => (
            state.store.submission_of(c.phase.id, user.id).await?,
            state.store.late_window(c.phase.id, user.id).await?,
        ),
        None => (None, None),
    };
    let access = if ctx.user.is_none() {
        Access::SignIn
    } else if !may_answer(c.consultation.eligibility, &ctx.grants, c.process.id, true) {
        Access::NotEligible
    } else if on_time(&c.phase, now, late) {
        Access::Open
    } else if now < c.phase.opens_at {
        Access::NotYetOpen
    } else {
        Access::Closed
    };
    let status = if shown.is_refusal() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let answer_form = match (access, shown.answer) {
        (Access::Open, Some(form)) => Some(form),
        (Access::Open, None) if !questions.is_empty() => Some(
            answer_form_view(state, &ctx, &c, &questions)
                .await?
                .with_values(&initial_answers(&ctx, &c.consultation, sheet.as_ref())),
        ),
        _ => None,
    };
    let manages = ctx.may_manage(&c.process.id);
    let question_form = manages.then(|| {
        shown
            .question
            .unwrap_or_else(|| question_form_view(&ctx, &c))
    });
    let late_form = manages.then(|| shown.late.unwrap_or_else(|| late_form_view(&ctx, &c)));
    let late_until = late
        .filter(|until| *until > c.phase.closes_at && *until > now)
        .map(|until| c.moment(until));
    let sheet_at = sheet
        .as_ref()
        .map(|s| c.moment(s.submitted_at.unwrap_or(s.updated_at)));
    let email_note = match (&answer_form, &ctx.user) {
        (Some(_), Some(user)) => Some(mail::note(
            &state.config.mail,
            ctx.lang,
            &user.email,
            "email-answer-sent-to",
        )),
        _ => None,
    };
    page_with_status(
        status,
        ShowPage {
            title: c.title(&ctx),
            opens: c.moment(c.phase.opens_at),
            closes: c.moment(c.phase.closes_at),
            status: c.phase.status(now).code(),
            questions: questions.iter().map(question_row).collect(),
            access,
            sheet,
            sheet_at,
            late_until,
            notice: shown.notice,
            too_late: shown.too_late,
            answer_form,
            email_note,
            question_form,
            late_form,
            synthesis_published: state
                .store
                .synthesis(c.phase.id)
                .await?
                .is_some_and(|s| s.published.is_some()),
            ctx,
            c,
        },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Saved {
    saved: String,
}

async fn show(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(saved): Query<Saved>,
) -> AppResult {
    let c = load(&state, &id).await?;
    let notice = match saved.saved.as_str() {
        "draft" => Some(ctx.t("consultation-saved-draft")),
        "question" => Some(ctx.t("consultation-saved-question")),
        "late-window" => Some(ctx.t("consultation-saved-late-window")),
        _ => None,
    };
    let shown = Shown {
        notice,
        ..Shown::default()
    };
    show_page(&state, ctx.0, c, shown).await
}

// ---------------------------------------------------------------------------------------------
// Answering

/// The form control of a question, named `q-<id>`.
fn question_field(ctx: &Ctx, q: &Question) -> Field {
    let options = |choices: &[String]| choices.iter().map(|c| (c.clone(), c.clone())).collect();
    let (kind, hint) = match &q.kind {
        QuestionKind::FreeText { word_limit } => (
            FieldKind::TextArea,
            word_limit.map(|limit| {
                ctx.lang.t_args(
                    "consultation-word-limit",
                    &[("limit", FluentValue::from(u64::from(limit)))],
                )
            }),
        ),
        QuestionKind::SingleChoice { choices } => (FieldKind::Radio(options(choices)), None),
        QuestionKind::MultipleChoice { choices } => (
            FieldKind::Checkboxes(options(choices)),
            Some(ctx.t("consultation-several-choices")),
        ),
        QuestionKind::Scale => (
            FieldKind::Radio((1..=5).map(|n| (n.to_string(), n.to_string())).collect()),
            Some(ctx.t("consultation-scale-hint")),
        ),
    };
    Field {
        required: q.required,
        hint,
        ..Field::new(format!("q-{}", q.id), question_label(q), kind)
    }
}

/// A language tag as offered: the language's own name when it is one of the six.
pub(super) fn language_label(tag: &str) -> String {
    crate::Lang::from_tag(tag)
        .filter(|lang| lang.code() == tag)
        .map_or_else(|| tag.to_owned(), |lang| lang.native_name().to_owned())
}

/// The answer form: one control per question, then the fields "about you". The template
/// splits them after `questions.len()` fields.
async fn answer_form_view(
    state: &AppState,
    ctx: &Ctx,
    c: &Loaded,
    questions: &[Question],
) -> Result<FormView, AppError> {
    let mut groups = vec![(String::new(), ctx.t("consultation-choose"))];
    groups.extend(group_options(state, ctx).await?);
    let languages = c
        .consultation
        .languages
        .iter()
        .map(|tag| (tag.clone(), language_label(tag)))
        .collect();
    let mut form = FormView::new(
        ctx,
        "consultation-your-answers",
        format!("{}/answers", c.href()),
        "action-submit",
    );
    form.fields
        .extend(questions.iter().map(|q| question_field(ctx, q)));
    form = form
        .field(ctx, "stakeholder_group", FieldKind::Select(groups), true)
        .field(ctx, "country", FieldKind::Text, false)
        .field(ctx, "region", FieldKind::Select(region_options(ctx)), false)
        .field(ctx, "organisation", FieldKind::Text, false);
    if c.consultation.on_behalf_allowed {
        form = form.field(ctx, "on_behalf", FieldKind::Checkbox, false);
    }
    Ok(form
        .field(ctx, "lang", FieldKind::Select(languages), true)
        .field(ctx, "public", FieldKind::Checkbox, false))
}

/// The values the answer form starts with: the person's sheet, or the consultation's defaults
/// (answers in the interface language when the consultation takes it).
fn initial_answers(
    ctx: &Ctx,
    consultation: &Consultation,
    sheet: Option<&Submission>,
) -> Vec<(String, String)> {
    let on = |flag: bool| flag.then(|| "on".to_owned());
    let Some(sheet) = sheet else {
        let lang = consultation
            .languages
            .iter()
            .find(|l| *l == ctx.lang.code())
            .or(consultation.languages.first())
            .cloned()
            .unwrap_or_default();
        let mut values = vec![("lang".to_owned(), lang)];
        values.extend(on(consultation.public_by_default).map(|v| ("public".to_owned(), v)));
        return values;
    };
    let mut values = Vec::new();
    for (question, answer) in &sheet.answers {
        let name = format!("q-{question}");
        match answer {
            AnswerValue::Text(text) => values.push((name, text.clone())),
            AnswerValue::Choices(choices) => {
                values.extend(choices.iter().map(|c| (name.clone(), c.clone())))
            }
            AnswerValue::Scale(n) => values.push((name, n.to_string())),
        }
    }
    let author = &sheet.author;
    let optional = [
        ("country", &author.country),
        ("region", &author.region),
        ("organisation", &author.organisation),
    ];
    values.extend(
        optional
            .into_iter()
            .filter_map(|(name, value)| Some((name.to_owned(), value.clone()?))),
    );
    values.push(("stakeholder_group".into(), author.stakeholder_group.clone()));
    values.push(("lang".into(), author.lang.clone()));
    values.extend(on(author.on_behalf).map(|v| ("on_behalf".to_owned(), v)));
    values.extend(on(sheet.public).map(|v| ("public".to_owned(), v)));
    values
}

/// The submitted answer form as the person's answer sheet, or every problem with it, in the
/// order of the page. `submit` asks for a complete sheet; a draft may leave questions out.
fn checked_sheet(
    groups: &agora_core::stakeholder::StakeholderGroups,
    c: &Loaded,
    questions: &[Question],
    form: &CsrfForm,
    user_id: Uuid,
    submit: bool,
    now: Timestamp,
) -> Result<Submission, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let mut submitted: BTreeMap<Uuid, Vec<String>> = BTreeMap::new();
    for (name, value) in &form.pairs {
        let Some(id) = name.strip_prefix("q-") else {
            continue;
        };
        match Uuid::parse_str(id) {
            Ok(id) => submitted.entry(id).or_default().push(value.clone()),
            Err(_) if errors.0.iter().any(|e| e.field == *name) => {}
            Err(_) => errors.push(name.clone(), ErrorCode::NotFound),
        }
    }
    let answers = check_answers(questions, &submitted, submit);
    let author = AuthorDraft {
        stakeholder_group: form.get("stakeholder_group").to_owned(),
        country: form.get("country").to_owned(),
        region: form.get("region").to_owned(),
        organisation: form.get("organisation").to_owned(),
        on_behalf: form.checked("on_behalf"),
        lang: form.get("lang").to_owned(),
    }
    .validate(groups, &c.consultation);
    match (answers, author) {
        (Ok(answers), Ok(author)) if errors.is_empty() => {
            let id = agora_core::new_id();
            Ok(Submission {
                id,
                phase_id: c.phase.id,
                user_id: Some(user_id),
                imported: None,
                receipt: receipt_code(id),
                state: if submit {
                    SubmissionState::Submitted
                } else {
                    SubmissionState::Draft
                },
                public: form.checked("public"),
                author,
                answers,
                updated_at: now,
                submitted_at: submit.then_some(now),
            })
        }
        (answers, author) => {
            errors.0.extend(answers.err().into_iter().flat_map(|e| e.0));
            errors.0.extend(author.err().into_iter().flat_map(|e| e.0));
            Err(errors)
        }
    }
}

/// Saves the person's sheet (`action=draft`, also what Enter in a text field does) or submits
/// it (`action=submit`). Nothing is saved once the consultation is closed for this person.
async fn answer(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let user = ctx.user.clone().ok_or(AppError::Unauthenticated)?;
    if !state.may_save_answers(user.id, ctx.client_ip) {
        return Err(AppError::RateLimited);
    }
    let c = load(&state, &id).await?;
    if !may_answer(c.consultation.eligibility, &ctx.grants, c.process.id, true) {
        return Err(AppError::Forbidden);
    }
    let now = (state.clock)();
    let late = state.store.late_window(c.phase.id, user.id).await?;
    if !on_time(&c.phase, now, late) {
        let shown = Shown {
            too_late: true,
            ..Shown::default()
        };
        return show_page(&state, ctx.0, c, shown).await;
    }
    let questions = state.store.questions(c.phase.id).await?;
    let groups = state.store.stakeholder_groups().await?;
    let submit = form.get("action") == "submit";
    match checked_sheet(&groups, &c, &questions, &form, user.id, submit, now) {
        Ok(sheet) => {
            let receipt = ReceiptLetter::new(
                ctx.lang,
                &user.email,
                &c.process,
                &c.phase,
                late,
                &questions,
            );
            let render = |s: &Submission| receipt.render(s);
            state
                .store
                .save_submission(
                    Some(user.id),
                    &sheet,
                    None,
                    receipt.has_recipient().then_some(&render as RenderReceipt),
                )
                .await?;
            let next = if submit {
                state.mail_queued();
                format!("{}/receipt", c.href())
            } else {
                format!("{}?saved=draft", c.href())
            };
            Ok(Redirect::to(&next).into_response())
        }
        Err(errors) => {
            let view = answer_form_view(&state, &ctx, &c, &questions)
                .await?
                .with_values(&form.pairs)
                .with_errors(&ctx, &errors);
            let shown = Shown {
                answer: Some(view),
                ..Shown::default()
            };
            show_page(&state, ctx.0, c, shown).await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Receipts and published answers

/// One answer as shown: the question and the values given (none when left out).
struct AnswerRow {
    question: Uuid,
    label: String,
    values: Vec<String>,
    /// Free text is in the author's language; choices are in the questionnaire's.
    free_text: bool,
}

/// An answer sheet as shown: its author, when it was submitted, every question with its answer.
struct SheetView {
    sheet: Submission,
    submitted: Option<Moment>,
    rows: Vec<AnswerRow>,
}

impl SheetView {
    fn new(c: &Loaded, questions: &[Question], sheet: Submission) -> Self {
        let rows = questions
            .iter()
            .map(|q| AnswerRow {
                question: q.id,
                label: question_label(q),
                values: answer_values(sheet.answers.get(&q.id)),
                free_text: matches!(q.kind, QuestionKind::FreeText { .. }),
            })
            .collect();
        SheetView {
            submitted: sheet.submitted_at.map(|at| c.moment(at)),
            sheet,
            rows,
        }
    }

    fn language(&self) -> String {
        language_label(&self.sheet.author.lang)
    }

    /// Keeps only the answer to `question`, when one is given.
    fn only(mut self, question: Option<Uuid>) -> Self {
        if let Some(question) = question {
            self.rows.retain(|r| r.question == question);
        }
        self
    }
}

/// An answer as text: the text typed, the choices ticked, or the scale's value (none when
/// left out).
pub(crate) fn answer_values(answer: Option<&AnswerValue>) -> Vec<String> {
    match answer {
        Some(AnswerValue::Text(text)) => vec![text.clone()],
        Some(AnswerValue::Choices(choices)) => choices.clone(),
        Some(AnswerValue::Scale(n)) => vec![format!("{n} / 5")],
        None => Vec::new(),
    }
}

#[derive(Template)]
#[template(path = "consultation_receipt.html")]
struct ReceiptPage {
    ctx: Ctx,
    c: Loaded,
    title: String,
    s: SheetView,
    /// Until the deadline (or the person's late window) the sheet can still be changed.
    may_edit: bool,
    /// Whether a copy was emailed, and to which address.
    email_note: String,
}

/// The signed-in person's own receipt: there is no way to name someone else's sheet here.
async fn receipt(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let user = ctx.user.clone().ok_or(AppError::Unauthenticated)?;
    let c = load(&state, &id).await?;
    let sheet = state
        .store
        .submission_of(c.phase.id, user.id)
        .await?
        .filter(|s| s.state == SubmissionState::Submitted)
        .ok_or(AppError::NotFound)?;
    let questions = state.store.questions(c.phase.id).await?;
    let late = state.store.late_window(c.phase.id, user.id).await?;
    page(ReceiptPage {
        title: c.title(&ctx),
        may_edit: on_time(&c.phase, (state.clock)(), late),
        email_note: mail::note(
            &state.config.mail,
            ctx.lang,
            &user.email,
            "email-receipt-sent-to",
        ),
        s: SheetView::new(&c, &questions, sheet),
        ctx: ctx.0,
        c,
    })
}

#[derive(Template)]
#[template(path = "consultation_answers.html")]
struct AnswersPage {
    ctx: Ctx,
    c: Loaded,
    title: String,
    sheets: Vec<SheetView>,
    next: Option<String>,
}

async fn published(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(paging): Query<Paging>,
) -> AppResult {
    let c = load(&state, &id).await?;
    let found = state
        .store
        .published_submissions(c.phase.id, &paging.request()?)
        .await?;
    let questions = state.store.questions(c.phase.id).await?;
    page(AnswersPage {
        title: c.title(&ctx),
        sheets: found
            .items
            .into_iter()
            .map(|s| SheetView::new(&c, &questions, s))
            .collect(),
        next: found.next.map(|n| n.encode()),
        ctx: ctx.0,
        c,
    })
}

#[derive(Template)]
#[template(path = "consultation_answer.html")]
struct AnswerPage {
    ctx: Ctx,
    c: Loaded,
    title: String,
    s: SheetView,
}

/// One published sheet at a stable address; drafts, unpublished and moderated sheets are not
/// there.
async fn published_one(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, sheet)): Path<(String, String)>,
) -> AppResult {
    let c = load(&state, &id).await?;
    let sheet = state
        .store
        .published_submission(c.phase.id, parse_id(&sheet)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let questions = state.store.questions(c.phase.id).await?;
    page(AnswerPage {
        title: c.title(&ctx),
        s: SheetView::new(&c, &questions, sheet),
        ctx: ctx.0,
        c,
    })
}

// ---------------------------------------------------------------------------------------------
// The secretariat's forms on the consultation page

fn question_form_view(ctx: &Ctx, c: &Loaded) -> FormView {
    let kinds = ["free-text", "single-choice", "multiple-choice", "scale"]
        .into_iter()
        .map(|k| (k.to_owned(), ctx.tp("question-kind-", k)))
        .collect();
    FormView::new(
        ctx,
        "consultation-add-question",
        format!("{}/questions", c.href()),
        "action-add",
    )
    .field(ctx, "prompt", FieldKind::TextArea, true)
    .field_labelled(
        ctx,
        "kind",
        "field-question-kind",
        FieldKind::Select(kinds),
        true,
    )
    .field(ctx, "choices", FieldKind::TextArea, false)
    .field(ctx, "word_limit", FieldKind::Number, false)
    .field(ctx, "required", FieldKind::Checkbox, false)
}

/// Adds a question at the end of the questionnaire.
async fn add_question(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let c = load(&state, &id).await?;
    require(&ctx, Action::ManageProcess(c.process.id))?;
    let draft: QuestionDraft = form.parse_with_boxes(&["required"])?;
    let position = state.store.questions(c.phase.id).await?.len() as u32 + 1;
    match created(&state, &ctx, draft.validate(c.phase.id, position)).await? {
        Ok(_) => Ok(Redirect::to(&format!("{}?saved=question", c.href())).into_response()),
        Err(errors) => {
            let view = question_form_view(&ctx, &c)
                .with_values(&form.pairs)
                .with_errors(&ctx, &errors);
            let shown = Shown {
                question: Some(view),
                ..Shown::default()
            };
            show_page(&state, ctx.0, c, shown).await
        }
    }
}

fn late_form_view(ctx: &Ctx, c: &Loaded) -> FormView {
    let mut form = FormView::new(
        ctx,
        "consultation-late-window",
        format!("{}/late-windows", c.href()),
        "action-grant",
    )
    .field(ctx, "email", FieldKind::Email, true)
    .field(ctx, "until", FieldKind::DateTime, true);
    form.intro = Some(format!(
        "{} {} {}",
        ctx.t("consultation-late-window-intro"),
        ctx.t("hint-phase-zone"),
        c.process.display_zone
    ));
    form
}

/// Gives one account until a given instant to answer, whatever the closing instant.
async fn grant_late_window(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let c = load(&state, &id).await?;
    require(&ctx, Action::ManageProcess(c.process.id))?;
    let mut errors = ValidationErrors::new();
    let email = normalise_email(form.get("email"));
    let account = if email.is_empty() {
        errors.push("email", ErrorCode::Required);
        None
    } else {
        let found = state.store.user_with_hash(&email).await?;
        if found.is_none() {
            errors.push("email", ErrorCode::NotFound);
        }
        found.map(|(user, _)| user)
    };
    let zone = TimeZone::get(&c.process.display_zone).unwrap_or(TimeZone::UTC);
    let until = match form.get("until").trim() {
        "" => {
            errors.push("until", ErrorCode::Required);
            None
        }
        typed => {
            let until = parse_instant_in(typed, &zone);
            if until.is_none() {
                errors.push("until", ErrorCode::InvalidInstant);
            }
            until
        }
    };
    if let (Some(account), Some(until)) = (account, until) {
        state
            .store
            .grant_late_window(ctx.actor(), c.phase.id, account.id, until)
            .await?;
        return Ok(Redirect::to(&format!("{}?saved=late-window", c.href())).into_response());
    }
    let view = late_form_view(&ctx, &c)
        .with_values(&form.pairs)
        .with_errors(&ctx, &errors);
    let shown = Shown {
        late: Some(view),
        ..Shown::default()
    };
    show_page(&state, ctx.0, c, shown).await
}
