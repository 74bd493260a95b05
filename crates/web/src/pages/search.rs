//! The search page: one form (GET, so a search has an address), results with their kind,
//! date, group and a marked snippet, counts per kind, and pages. Public: the index holds only
//! what the public pages show, so everyone, signed in or not, gets the same results.

use std::collections::HashMap;

use agora_core::search::{SearchDraft, SearchKind, SearchRequest};
use agora_search::{Highlighted, Hit, Results};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;

use super::{group_options, page, page_with_status};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppResult;
use crate::form::{FieldKind, FormView};
use crate::i18n::Lang;

pub fn routes() -> Router<AppState> {
    Router::new().route("/search", get(show))
}

/// A result as the page lists it.
struct Row {
    hit: Hit,
    kind: String,
    date: Option<String>,
    group: Option<String>,
    /// The process's title, when the result belongs to one.
    process: Option<String>,
}

impl Row {
    fn pieces(&self) -> Vec<(&str, bool)> {
        self.hit.snippet.pieces()
    }

    fn snippet(&self) -> &Highlighted {
        &self.hit.snippet
    }
}

/// A kind with its count, and the address of the same search narrowed to it.
struct KindLink {
    label: String,
    count: u64,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    ctx: Ctx,
    form: FormView,
    /// `None` until something is asked.
    found: Option<Found>,
}

struct Found {
    total: u64,
    rows: Vec<Row>,
    kinds: Vec<KindLink>,
    /// 1-based number of the first result on this page.
    first: usize,
    previous: Option<String>,
    next: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    ctx: CtxExt,
    Query(draft): Query<SearchDraft>,
) -> AppResult {
    let values: Vec<(String, String)> = draft
        .pairs()
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let form = search_form(&ctx, &state).await?.with_values(&values);
    let request = match draft.validate() {
        Ok(request) => request,
        Err(errors) => return refused(ctx.0, form, &errors),
    };
    if request.is_empty() && request.kind.is_none() {
        return page(SearchPage {
            ctx: ctx.0,
            form,
            found: None,
        });
    }
    let results = match crate::search::find(&state.store, &state.search, &request).await? {
        Ok(results) => results,
        Err(errors) => return refused(ctx.0, form, &errors),
    };
    let found = found(&state, &ctx, &draft, &request, results).await?;
    page(SearchPage {
        ctx: ctx.0,
        form,
        found: Some(found),
    })
}

fn refused(ctx: Ctx, form: FormView, errors: &agora_core::ValidationErrors) -> AppResult {
    let form = form.with_errors(&ctx, errors);
    page_with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        SearchPage {
            ctx,
            form,
            found: None,
        },
    )
}

async fn found(
    state: &AppState,
    ctx: &Ctx,
    draft: &SearchDraft,
    request: &SearchRequest,
    results: Results,
) -> Result<Found, crate::error::AppError> {
    let mut processes: HashMap<String, Option<String>> = HashMap::new();
    for id in results.hits.iter().filter_map(|h| h.process.clone()) {
        if let std::collections::hash_map::Entry::Vacant(slot) = processes.entry(id) {
            let title = match uuid::Uuid::parse_str(slot.key()) {
                Ok(uuid) => state.store.process(uuid).await?.map(|p| p.title),
                Err(_) => None,
            };
            slot.insert(title);
        }
    }
    let has_next = crate::search::has_next(request, &results);
    let link = |kind: Option<SearchKind>, page: usize| {
        let linked = SearchDraft {
            kind: kind.map(|k| k.code().to_owned()).unwrap_or_default(),
            page: if page > 1 {
                page.to_string()
            } else {
                String::new()
            },
            ..draft.clone()
        };
        let query = serde_html_form::to_string(linked.pairs()).unwrap_or_default();
        format!("/search?{query}")
    };
    let mut kinds = vec![KindLink {
        label: ctx.t("search-kind-all"),
        count: results.by_kind.iter().map(|(_, n)| n).sum(),
        href: link(None, 1),
        current: request.kind.is_none(),
    }];
    kinds.extend(results.by_kind.iter().map(|(kind, count)| KindLink {
        label: ctx.tp("search-kind-", kind.code()),
        count: *count,
        href: link(Some(*kind), 1),
        current: request.kind == Some(*kind),
    }));
    let rows = results
        .hits
        .into_iter()
        .map(|hit| Row {
            kind: ctx.tp("search-kind-", hit.kind.code()),
            date: hit.date.and_then(day_of),
            group: hit.group.as_deref().map(|g| ctx.group(g)),
            // A document's process is the document itself: its title says it already.
            process: hit
                .process
                .as_ref()
                .filter(|_| hit.kind != SearchKind::Document)
                .and_then(|id| processes.get(id).cloned().flatten()),
            hit,
        })
        .collect();
    Ok(Found {
        total: results.total,
        rows,
        kinds,
        first: request.offset() + 1,
        previous: (request.page > 1).then(|| link(request.kind, request.page - 1)),
        next: has_next.then(|| link(request.kind, request.page + 1)),
    })
}

/// The day of an instant, UTC, as `YYYY-MM-DD`.
fn day_of(ms: i64) -> Option<String> {
    jiff::Timestamp::from_millisecond(ms)
        .ok()
        .map(|t| t.strftime("%Y-%m-%d").to_string())
}

async fn search_form(ctx: &Ctx, state: &AppState) -> Result<FormView, crate::error::AppError> {
    let any = || (String::new(), ctx.t("search-any"));
    let with_any = |options: Vec<(String, String)>| {
        std::iter::once(any())
            .chain(options.into_iter().filter(|(v, _)| !v.is_empty()))
            .collect::<Vec<_>>()
    };
    let kinds = SearchKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), ctx.tp("search-kind-", k.code())))
        .collect();
    let processes = state
        .store
        .processes(&agora_store::PageRequest::first(agora_store::MAX_LIMIT))
        .await?
        .items
        .into_iter()
        .map(|p| (p.slug, p.title))
        .collect();
    let languages = Lang::all()
        .map(|l| (l.code().to_owned(), l.native_name().to_owned()))
        .collect();
    Ok(
        FormView::new(ctx, "search-title", "/search", "action-search")
            .field_labelled(ctx, "q", "search-words", FieldKind::Text, false)
            .field_labelled(
                ctx,
                "kind",
                "search-kind",
                FieldKind::Select(with_any(kinds)),
                false,
            )
            .field_labelled(
                ctx,
                "process",
                "field-process_id",
                FieldKind::Select(with_any(processes)),
                false,
            )
            .field_labelled(
                ctx,
                "group",
                "field-stakeholder_group",
                FieldKind::Select(with_any(group_options(state, ctx).await?)),
                false,
            )
            .field_labelled(
                ctx,
                "language",
                "search-language",
                FieldKind::Select(with_any(languages)),
                false,
            )
            .field_labelled(ctx, "speaker", "search-speaker", FieldKind::Text, false)
            .field_labelled(ctx, "from", "search-from", FieldKind::Date, false)
            .field_labelled(ctx, "to", "search-to", FieldKind::Date, false)
            .field_labelled(ctx, "meeting", "search-meeting", FieldKind::Hidden, false),
    )
}
