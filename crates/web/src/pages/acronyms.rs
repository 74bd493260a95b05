//! The acronyms of the meeting records that the glossary lacks, for the glossary's editors
//! (`/transcripts/acronyms`): each with how often it is used, up to three sentences it is used
//! in, the expansion the transcripts themselves give, and a link to the glossary's new-entry
//! form with the acronym filled in. Found by `agora_records::acronyms::collect` over every turn
//! of every transcript and every process's mandate; the glossary's acronyms and the words of
//! participants' names are known.

use std::collections::HashSet;

use agora_core::auth::Action;
use agora_records::acronyms::{Unknown, collect};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::routing::get;

use super::{page, require};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppResult, percent_encode};

pub fn routes() -> Router<AppState> {
    Router::new().route("/transcripts/acronyms", get(unknown))
}

/// Unknown acronyms shown at most; the rest are counted.
const SHOWN: usize = 500;

#[derive(Template)]
#[template(path = "transcript_acronyms.html")]
struct AcronymsPage {
    ctx: Ctx,
    unknown: Vec<(Unknown, String)>,
    more: usize,
}

async fn unknown(State(state): State<AppState>, ctx: CtxExt) -> AppResult {
    require(&ctx, Action::ManageDirectory)?;
    let known: HashSet<String> = state
        .store
        .whole_glossary()
        .await?
        .into_iter()
        .map(|entry| entry.acronym.to_lowercase())
        .collect();
    // Transcripts write surnames in capitals ("M. Xinmin GAO"): a word of a participant's
    // name is a name, not an acronym.
    let names: HashSet<String> = state
        .store
        .participant_names()
        .await?
        .iter()
        .flat_map(|name| name.split([' ', '-']))
        .filter(|word| word.chars().count() > 1)
        .map(str::to_lowercase)
        .collect();
    let mut texts = state.store.all_turn_texts().await?;
    // Process mandates are the documents whose acronyms the glossary should explain too.
    let processes = state
        .store
        .every(async |store, page| store.processes(page).await)
        .await?;
    texts.extend(processes.into_iter().map(|p| p.mandate));
    let mut found = tokio::task::spawn_blocking(move || {
        collect(&texts, &|acronym| {
            let acronym = acronym.to_lowercase();
            known.contains(&acronym) || names.contains(&acronym)
        })
    })
    .await
    .map_err(|_| crate::error::AppError::BadRequest)?;
    let more = found.len().saturating_sub(SHOWN);
    found.truncate(SHOWN);
    let unknown = found
        .into_iter()
        .map(|u| {
            let href = format!("/glossary/new?acronym={}", percent_encode(&u.acronym));
            (u, href)
        })
        .collect();
    page(AcronymsPage {
        ctx: ctx.0,
        unknown,
        more,
    })
}
