//! The home page: what is open now, the processes, and what comes next on the calendar.

use agora_core::calendar::Event;
use agora_core::process::{Phase, PhaseStatus, Process};
use agora_store::PageRequest;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::routing::get;

use super::page;
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppResult;

pub fn routes() -> Router<AppState> {
    Router::new().route("/", get(home))
}

/// A phase open now, with the process it belongs to.
pub(crate) struct OpenPhase {
    pub process: Process,
    pub phase: Phase,
    pub closes: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: Ctx,
    open: Vec<OpenPhase>,
    processes: Vec<Process>,
    upcoming: Vec<super::EventRow>,
    recent: Vec<super::EventRow>,
}

async fn home(State(state): State<AppState>, ctx: CtxExt) -> AppResult {
    let now = (state.clock)();
    let today = now.to_zoned(jiff::tz::TimeZone::UTC).date();
    let processes = state
        .store
        .processes(&PageRequest::first(agora_store::MAX_LIMIT))
        .await?
        .items;
    let open = state
        .store
        .phases_not_closed(now)
        .await?
        .into_iter()
        .filter(|phase| phase.status(now) == PhaseStatus::Open)
        .filter_map(|phase| {
            let process = processes.iter().find(|p| p.id == phase.process_id)?.clone();
            let closes = super::in_zone(phase.closes_at, &process.display_zone);
            Some(OpenPhase {
                process,
                phase,
                closes,
            })
        })
        .collect();
    let upcoming: Vec<Event> = state
        .store
        .events_between(today, jiff::civil::Date::MAX)
        .await?
        .into_iter()
        .take(8)
        .collect();
    // When nothing is ahead (an archive, or the demo's 2013–2015 agenda), show the latest past.
    let recent = if upcoming.is_empty() {
        let mut past = state
            .store
            .events_between(jiff::civil::Date::MIN, today)
            .await?;
        past.reverse();
        past.truncate(8);
        past
    } else {
        Vec::new()
    };
    page(HomePage {
        ctx: ctx.0,
        open,
        processes,
        upcoming: super::event_rows(&state, upcoming).await?,
        recent: super::event_rows(&state, recent).await?,
    })
}
