//! A closed consultation's synthesis (issue 4): the secretariat runs the engine as a
//! background job, edits the draft with small forms (no JavaScript), and publishes; everyone
//! reads the published version, its campaigns, and its exports (Markdown, HTML, JSON).
//! Running, editing and publishing need the same permission as the workspace.

use std::collections::HashSet;

use agora_core::auth::Action;
use agora_store::{JobState, StoreError};
use agora_text::synthesis::Campaign;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use fluent_templates::fluent_bundle::FluentValue;
use uuid::Uuid;

use super::{Loaded, load};
use crate::AppState;
use crate::chart::BarChart;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::pages::{CsrfForm, in_zone, page, require};
use crate::synthesis::render::{Prepared, Share};
use crate::synthesis::{
    Edit, PROSE_MAX, Render, SynthesisView, ViewBlock, corrupt, output_and_draft, published,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/consultations/{id}/synthesis", get(show).post(run))
        .route("/consultations/{id}/synthesis.md", get(markdown))
        .route("/consultations/{id}/synthesis.html", get(html))
        .route("/consultations/{id}/synthesis.json", get(json))
        .route(
            "/consultations/{id}/synthesis/campaigns/{campaign}",
            get(campaign),
        )
        .route(
            "/consultations/{id}/synthesis/blocks/{block}/move",
            post(move_block),
        )
        .route(
            "/consultations/{id}/synthesis/blocks/{block}/remove",
            post(remove_block),
        )
        .route(
            "/consultations/{id}/synthesis/blocks/{block}/quotes/{quote}",
            post(keep_quote),
        )
        .route(
            "/consultations/{id}/synthesis/blocks/{block}/prose",
            post(edit_prose),
        )
        .route("/consultations/{id}/synthesis/prose", post(add_prose))
        .route("/consultations/{id}/synthesis/publish", post(publish))
}

/// Which of the sheets `view` quotes or counts in a campaign are published now.
async fn published_sheets(
    state: &AppState,
    c: &Loaded,
    ids: impl Iterator<Item = &str>,
) -> Result<HashSet<String>, AppError> {
    let ids: Vec<Uuid> = ids.filter_map(|id| Uuid::parse_str(id).ok()).collect();
    Ok(state
        .store
        .published_among(c.phase.id, &ids)
        .await?
        .into_iter()
        .map(|id| id.to_string())
        .collect())
}

/// Where a cited answer can be read: its public page when it is published; for the
/// secretariat, the workspace otherwise; for anyone else, nowhere (the id is shown unlinked).
fn answer_href(c: &Loaded, published: &HashSet<String>, manages: bool, id: &str) -> Option<String> {
    if published.contains(id) {
        Some(format!("{}/answers/{id}", c.href()))
    } else if manages {
        Some(format!("{}/workspace#sheet-{id}", c.href()))
    } else {
        None
    }
}

/// A block of the page, with the editor's controls for the secretariat.
struct PageBlock {
    index: usize,
    last: bool,
    theme: Option<Prepared>,
    /// The theme's answers by group and by region.
    charts: Vec<BarChart>,
    /// For the editor: whether each of the theme's quotes is kept.
    kept: Vec<bool>,
    prose: Option<String>,
}

impl PageBlock {
    /// Whether the quote `index` is kept (always, outside the editor).
    fn keeps(&self, index: &usize) -> bool {
        self.kept.get(*index).copied().unwrap_or(true)
    }
}

struct JobView {
    state: &'static str,
    stage: String,
    done: u64,
    total: u64,
    error: Option<String>,
    started: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "consultation_synthesis.html")]
struct SynthesisPage {
    ctx: Ctx,
    c: Loaded,
    title: String,
    manages: bool,
    /// Whether the consultation has closed (a run is offered only then).
    closed: bool,
    job: Option<JobView>,
    /// Whether the secretariat is editing a draft (else the published version is shown).
    editing: bool,
    figures: String,
    blocks: Vec<PageBlock>,
    published_at: Option<String>,
    prose_max: usize,
}

impl SynthesisPage {
    /// Whether a job is queued or running (no second run is offered then).
    fn running(&self) -> bool {
        self.job.as_ref().is_some_and(|j| j.active)
    }

    /// The `lang` the shares table partial reads.
    fn lang(&self) -> crate::Lang {
        self.ctx.lang
    }

    fn campaign_size(&self, size: &usize) -> String {
        self.ctx
            .lang
            .t_args("synthesis-campaign-size", &[("size", (*size).into())])
    }

    fn progress(&self, job: &JobView) -> String {
        self.ctx.lang.t_args(
            "synthesis-progress",
            &[
                ("stage", job.stage.clone().into()),
                ("done", FluentValue::from(job.done)),
                ("total", FluentValue::from(job.total)),
            ],
        )
    }
}

fn chart(ctx: &Ctx, id: &str, field: &str, rows: &[Share]) -> BarChart {
    BarChart::new(
        id,
        ctx.t(&format!("synthesis-by-{field}")),
        ctx.t(if field == "group" {
            "field-stakeholder_group"
        } else {
            "field-region"
        }),
        ctx.t("synthesis-in-theme"),
        rows.iter()
            .map(|r| (r.name.clone(), r.in_theme as u64))
            .collect(),
    )
}

fn region_name(ctx: &Ctx, code: &str) -> String {
    if code.is_empty() {
        ctx.t("workspace-no-region")
    } else {
        ctx.tp("region-", code)
    }
}

fn page_block(
    ctx: &Ctx,
    index: usize,
    last: bool,
    block: &ViewBlock,
    view: &SynthesisView,
    r: &Render,
) -> PageBlock {
    match block {
        ViewBlock::Theme { theme } => {
            let p = Prepared::new(theme, view, r);
            PageBlock {
                index,
                last,
                charts: vec![
                    chart(ctx, &format!("{}-group", p.id), "group", &p.by_group),
                    chart(ctx, &format!("{}-region", p.id), "region", &p.by_region),
                ],
                kept: Vec::new(),
                theme: Some(p),
                prose: None,
            }
        }
        ViewBlock::Prose { text } => PageBlock {
            index,
            last,
            theme: None,
            charts: Vec::new(),
            kept: Vec::new(),
            prose: Some(text.clone()),
        },
    }
}

/// `GET /consultations/{id}/synthesis`: the secretariat's job and draft editor; for everyone
/// else the published synthesis, not found before there is one.
async fn show(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let c = load(&state, &id).await?;
    let manages = ctx.may_manage(&c.process.id);
    let stored = state.store.synthesis(c.phase.id).await?;
    let published_view = stored.as_ref().map(published).transpose()?.flatten();
    let published_at = stored
        .as_ref()
        .and_then(|s| s.published.as_ref())
        .map(|p| in_zone(p.at, &c.process.display_zone));
    let now = (state.clock)();
    let job = stored.as_ref().filter(|_| manages).map(|s| JobView {
        state: s.job.state.code(),
        stage: ctx.tp("synthesis-stage-", &s.job.stage),
        done: s.job.done,
        total: s.job.total,
        error: s.job.error.clone(),
        started: in_zone(s.job.started_at, &c.process.display_zone),
        active: s.job.state.is_active(),
    });
    // The secretariat edits the draft of a finished run: every quote of each theme is listed,
    // kept or not. Everyone else reads the published version.
    let (view, kept) = match stored
        .as_ref()
        .filter(|s| manages && s.job.state == JobState::Done)
    {
        Some(s) => {
            let (output, draft) = output_and_draft(s)?;
            let mut all = draft.clone();
            let mut kept = Vec::new();
            for block in &mut all.blocks {
                if let crate::synthesis::Block::Theme { theme, quotes } = block {
                    let count = output
                        .themes
                        .iter()
                        .find(|t| &t.id == theme)
                        .map_or(0, |t| t.quotes.len());
                    kept.push((0..count).map(|q| quotes.contains(&q)).collect());
                    *quotes = (0..count).collect();
                } else {
                    kept.push(Vec::new());
                }
            }
            (Some(SynthesisView::new(&output, &all)), kept)
        }
        None => (published_view, Vec::new()),
    };
    if !manages && view.is_none() {
        return Err(AppError::NotFound);
    }
    let editing = manages
        && stored
            .as_ref()
            .is_some_and(|s| s.job.state == JobState::Done);
    let (figures, blocks) = match &view {
        Some(view) => {
            let published = published_sheets(&state, &c, view.quoted().into_iter()).await?;
            let href = |id: &str| answer_href(&c, &published, manages, id);
            let group = |code: &str| ctx.group(code);
            let region = |code: &str| region_name(&ctx, code);
            let title = c.title(&ctx);
            let r = Render {
                lang: ctx.lang,
                title: &title,
                answer_href: &href,
                group_name: &group,
                region_name: &region,
            };
            let count = view.blocks.len();
            let blocks = view
                .blocks
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let mut block = page_block(&ctx, i, i + 1 == count, b, view, &r);
                    block.kept = kept.get(i).cloned().unwrap_or_default();
                    block
                })
                .collect();
            (crate::synthesis::render::figures(view, ctx.lang), blocks)
        }
        None => (String::new(), Vec::new()),
    };
    page(SynthesisPage {
        title: c.title(&ctx),
        manages,
        closed: now >= c.phase.closes_at,
        job,
        editing,
        figures,
        blocks,
        published_at,
        prose_max: PROSE_MAX,
        ctx: ctx.0,
        c,
    })
}

/// `POST /consultations/{id}/synthesis`: starts a run, once the consultation has closed; a
/// run under way is left to finish.
async fn run(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    _form: CsrfForm,
) -> AppResult {
    let c = managed(&state, &ctx, &id).await?;
    if (state.clock)() < c.phase.closes_at {
        return Err(AppError::Store(StoreError::Conflict { field: "state" }));
    }
    match crate::synthesis::start(&state.store, ctx.actor(), c.phase.id).await {
        Ok(_) | Err(StoreError::Conflict { .. }) => {}
        Err(other) => return Err(other.into()),
    }
    Ok(Redirect::to(&format!("{}/synthesis", c.href())).into_response())
}

/// Consultation `id`, once the caller is known to run its process: every editing route
/// checks this before it reads its form, so a visitor is sent to sign in whatever they sent.
async fn managed(state: &AppState, ctx: &Ctx, id: &str) -> Result<Loaded, AppError> {
    let c = load(state, id).await?;
    require(ctx, Action::ManageProcess(c.process.id))?;
    Ok(c)
}

/// Applies one edit to the draft, checks it against the output, stores it, and goes back to
/// the block. An edit naming something not there (the draft changed meanwhile) is not found.
async fn edit(state: &AppState, ctx: &Ctx, c: &Loaded, edit: Edit, at: usize) -> AppResult {
    let stored = state
        .store
        .synthesis(c.phase.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (output, mut draft) = output_and_draft(&stored)?;
    draft.apply(edit).ok_or(AppError::NotFound)?;
    draft.check(&output).map_err(|_| AppError::BadRequest)?;
    let text = serde_json::to_string(&draft).map_err(|e| corrupt("draft", e))?;
    state
        .store
        .save_synthesis_draft(ctx.actor(), c.phase.id, &text)
        .await?;
    Ok(Redirect::to(&format!("{}/synthesis#block-{at}", c.href())).into_response())
}

fn index(value: &str) -> Result<usize, AppError> {
    value.parse().map_err(|_| AppError::NotFound)
}

/// `POST …/synthesis/blocks/{block}/move` with `direction` `up` or `down`.
async fn move_block(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, block)): Path<(String, String)>,
    form: CsrfForm,
) -> AppResult {
    let c = managed(&state, &ctx, &id).await?;
    let block = index(&block)?;
    let up = match form.get("direction") {
        "up" => true,
        "down" => false,
        _ => return Err(AppError::BadRequest),
    };
    let at = if up {
        block.saturating_sub(1)
    } else {
        block + 1
    };
    edit(&state, &ctx, &c, Edit::Move { block, up }, at).await
}

/// `POST …/synthesis/blocks/{block}/remove`: a theme or the secretariat's prose.
async fn remove_block(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, block)): Path<(String, String)>,
    _form: CsrfForm,
) -> AppResult {
    let c = managed(&state, &ctx, &id).await?;
    let block = index(&block)?;
    edit(
        &state,
        &ctx,
        &c,
        Edit::Remove { block },
        block.saturating_sub(1),
    )
    .await
}

/// `POST …/synthesis/blocks/{block}/quotes/{quote}` with `keep` `true` or `false`.
async fn keep_quote(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, block, quote)): Path<(String, String, String)>,
    form: CsrfForm,
) -> AppResult {
    let c = managed(&state, &ctx, &id).await?;
    let (block, quote) = (index(&block)?, index(&quote)?);
    let keep = match form.get("keep") {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::BadRequest),
    };
    edit(&state, &ctx, &c, Edit::Quote { block, quote, keep }, block).await
}

/// The prose a form sent, trimmed; empty or too long is a bad request (the textarea says
/// both: `required` and `maxlength`).
fn prose(form: &CsrfForm) -> Result<String, AppError> {
    let text = form.get("text").trim().replace("\r\n", "\n");
    if text.is_empty() || text.chars().count() > PROSE_MAX {
        return Err(AppError::BadRequest);
    }
    Ok(text)
}

/// `POST …/synthesis/blocks/{block}/prose`: rewrites the secretariat's prose.
async fn edit_prose(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, block)): Path<(String, String)>,
    form: CsrfForm,
) -> AppResult {
    let c = managed(&state, &ctx, &id).await?;
    let block = index(&block)?;
    let text = prose(&form)?;
    edit(&state, &ctx, &c, Edit::EditProse { block, text }, block).await
}

/// `POST …/synthesis/prose`: adds the secretariat's prose at the end.
async fn add_prose(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let c = managed(&state, &ctx, &id).await?;
    let text = prose(&form)?;
    edit(&state, &ctx, &c, Edit::AddProse { text }, usize::MAX).await
}

/// `POST …/synthesis/publish`: publishes the draft as it is now.
async fn publish(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    _form: CsrfForm,
) -> AppResult {
    let c = managed(&state, &ctx, &id).await?;
    crate::synthesis::publish(&state, ctx.actor(), c.phase.id).await?;
    Ok(Redirect::to(&format!("{}/synthesis", c.href())).into_response())
}

/// The published synthesis of consultation `id`, with the consultation; not found before
/// one is published.
async fn load_published(state: &AppState, id: &str) -> Result<(Loaded, SynthesisView), AppError> {
    let c = load(state, id).await?;
    let stored = state
        .store
        .synthesis(c.phase.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = published(&stored)?.ok_or(AppError::NotFound)?;
    Ok((c, view))
}

/// An export's body with its type, named after the consultation.
fn download(c: &Loaded, extension: &str, content_type: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"synthesis-{}.{extension}\"", c.phase.id),
            ),
        ],
        body,
    )
        .into_response()
}

/// The renderings' names and links for the published version, as the public sees them.
async fn export(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    write: fn(&SynthesisView, &Render) -> String,
) -> Result<(Loaded, String), AppError> {
    let (c, view) = load_published(state, id).await?;
    let published = published_sheets(state, &c, view.quoted().into_iter()).await?;
    let href = |id: &str| answer_href(&c, &published, false, id);
    let group = |code: &str| ctx.group(code);
    let region = |code: &str| region_name(ctx, code);
    let title = c.title(ctx);
    let body = write(
        &view,
        &Render {
            lang: ctx.lang,
            title: &title,
            answer_href: &href,
            group_name: &group,
            region_name: &region,
        },
    );
    Ok((c, body))
}

/// `GET /consultations/{id}/synthesis.md`: the published synthesis as Markdown.
async fn markdown(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let (c, body) = export(&state, &ctx, &id, crate::synthesis::render_markdown).await?;
    Ok(download(&c, "md", "text/markdown; charset=utf-8", body))
}

/// `GET /consultations/{id}/synthesis.html`: the published synthesis as a standalone page.
async fn html(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let (c, body) = export(&state, &ctx, &id, crate::synthesis::render_html).await?;
    Ok(download(&c, "html", "text/html; charset=utf-8", body))
}

/// `GET /consultations/{id}/synthesis.json`: the published synthesis as stored.
async fn json(State(state): State<AppState>, Path(id): Path<String>) -> AppResult {
    let (c, view) = load_published(&state, &id).await?;
    let body = serde_json::to_string_pretty(&view).map_err(|e| corrupt("snapshot", e))?;
    Ok(download(&c, "json", "application/json", body))
}

#[derive(Template)]
#[template(path = "synthesis_campaign.html")]
struct CampaignPage {
    ctx: Ctx,
    c: Loaded,
    title: String,
    campaign: Campaign,
    /// Members with where to read each, if anywhere.
    members: Vec<(String, Option<String>)>,
}

/// `GET /consultations/{id}/synthesis/campaigns/{campaign}`: a campaign of the published
/// synthesis (for the secretariat, of the draft being edited).
async fn campaign(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, campaign)): Path<(String, String)>,
) -> AppResult {
    let c = load(&state, &id).await?;
    let manages = ctx.may_manage(&c.process.id);
    let stored = state
        .store
        .synthesis(c.phase.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let campaigns = match (manages, &stored.output) {
        (true, Some(_)) => {
            let (output, draft) = output_and_draft(&stored)?;
            SynthesisView::new(&output, &draft).campaigns
        }
        _ => published(&stored)?.ok_or(AppError::NotFound)?.campaigns,
    };
    let campaign = campaigns
        .into_iter()
        .find(|k| k.id == campaign)
        .ok_or(AppError::NotFound)?;
    let published =
        published_sheets(&state, &c, campaign.members.iter().map(String::as_str)).await?;
    let members = campaign
        .members
        .iter()
        .map(|m| (m.clone(), answer_href(&c, &published, manages, m)))
        .collect();
    page(CampaignPage {
        title: c.title(&ctx),
        campaign,
        members,
        ctx: ctx.0,
        c,
    })
}
