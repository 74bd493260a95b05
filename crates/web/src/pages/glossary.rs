//! The glossary: searchable acronyms with their expansions in each language.

use agora_core::auth::Action;
use agora_core::glossary::{Expansion, GlossaryDraft, GlossaryEntry};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use serde::Deserialize;

use super::{CsrfForm, FormPage, page, require, save_or_explain};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppResult, percent_encode};
use crate::form::{FieldKind, FormView};
use crate::i18n::Lang;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/glossary", get(glossary).post(create))
        .route("/glossary/new", get(new_form))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Search {
    q: String,
}

/// An entry as shown: the expansion in the reader's language first, then the others.
struct Row {
    entry: GlossaryEntry,
    main: Option<Expansion>,
    others: Vec<Expansion>,
}

#[derive(Template)]
#[template(path = "glossary.html")]
struct GlossaryPage {
    ctx: Ctx,
    q: String,
    rows: Vec<Row>,
}

async fn glossary(
    State(state): State<AppState>,
    ctx: CtxExt,
    Query(search): Query<Search>,
) -> AppResult {
    let lang = ctx.lang.code();
    let rows = state
        .store
        .whole_glossary()
        .await?
        .into_iter()
        .filter(|entry| entry.matches(&search.q))
        .map(|entry| {
            let main = entry.expansion_for(lang).cloned();
            let others = entry
                .expansions
                .iter()
                .filter(|e| Some(*e) != main.as_ref())
                .cloned()
                .collect();
            Row {
                entry,
                main,
                others,
            }
        })
        .collect();
    page(GlossaryPage {
        ctx: ctx.0,
        q: search.q.trim().to_owned(),
        rows,
    })
}

fn entry_form_view(ctx: &Ctx) -> FormView {
    let mut form = FormView::new(ctx, "glossary-new-title", "/glossary", "action-create").field(
        ctx,
        "acronym",
        FieldKind::Text,
        true,
    );
    for lang in Lang::all() {
        form.fields.push(crate::form::Field::new(
            format!("expansion.{}", lang.code()),
            format!("{} ({})", ctx.t("field-expansion"), lang.native_name()),
            FieldKind::Text,
        ));
    }
    form
}

/// What the new-entry form may be opened with: an acronym found in transcripts
/// (`/transcripts/acronyms` links here with it).
#[derive(Deserialize, Default)]
#[serde(default)]
struct Prefill {
    acronym: String,
}

async fn new_form(ctx: CtxExt, Query(prefill): Query<Prefill>) -> AppResult {
    require(&ctx, Action::ManageDirectory)?;
    let form = entry_form_view(&ctx).with_values(&[("acronym".to_owned(), prefill.acronym)]);
    page(FormPage { ctx: ctx.0, form })
}

async fn create(State(state): State<AppState>, ctx: CtxExt, form: CsrfForm) -> AppResult {
    require(&ctx, Action::ManageDirectory)?;
    let draft = GlossaryDraft {
        acronym: form.get("acronym").to_owned(),
        expansions: Lang::all()
            .map(|lang| Expansion {
                lang: lang.code().to_owned(),
                text: form.get(&format!("expansion.{}", lang.code())).to_owned(),
            })
            .filter(|e| !e.text.trim().is_empty())
            .collect(),
    };
    let redirect =
        |entry: &GlossaryEntry| format!("/glossary?q={}", percent_encode(&entry.acronym));
    save_or_explain(&state, &ctx, &form, draft.validate(), redirect, async {
        Ok(entry_form_view(&ctx))
    })
    .await
}
