//! The shared calendar: a month grid, a list, the iCalendar feed, and the form to add events.

use agora_core::auth::Action;
use agora_core::calendar::{Event, EventDraft};
use agora_store::PageRequest;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use jiff::civil::Date;
use serde::Deserialize;

use super::{CsrfForm, FormPage, page, require, save_or_explain};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::AppResult;
use crate::form::{FieldKind, FormView};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/calendar", get(calendar).post(create))
        .route("/calendar/new", get(new_form))
        .route("/calendar.ics", get(feed))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CalendarQuery {
    view: String,
    month: String,
}

/// One day cell of the month grid.
struct Day {
    date: Date,
    events: Vec<Event>,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    ctx: Ctx,
    list_view: bool,
    month_label: String,
    month_param: String,
    previous: String,
    next: String,
    /// Weeks of seven cells, Monday first; `None` pads days outside the month.
    weeks: Vec<Vec<Option<Day>>>,
    weekdays: Vec<String>,
    upcoming: Vec<super::EventRow>,
}

fn month_start(param: &str, today: Date) -> Date {
    format!("{param}-01")
        .parse::<Date>()
        .unwrap_or_else(|_| today.first_of_month())
}

async fn calendar(
    State(state): State<AppState>,
    ctx: CtxExt,
    Query(query): Query<CalendarQuery>,
) -> AppResult {
    let today = (state.clock)().to_zoned(jiff::tz::TimeZone::UTC).date();
    let start = month_start(&query.month, today);
    let end = start.last_of_month();
    let list_view = query.view == "list";
    let (weeks, upcoming) = if list_view {
        (Vec::new(), state.store.all_events().await?)
    } else {
        let events = state.store.events_between(start, end).await?;
        (month_grid(start, &events), events)
    };
    let ctx = ctx.0;
    let weekdays = (1..=7).map(|d| ctx.t(&format!("weekday-{d}"))).collect();
    let month_label = ctx.lang.t_args(
        "calendar-month-heading",
        &[
            ("month", ctx.t(&format!("month-{}", start.month())).into()),
            ("year", start.year().to_string().into()),
        ],
    );
    let shift = |months: i32| {
        start
            .checked_add(jiff::Span::new().months(months))
            .unwrap_or(start)
            .strftime("%Y-%m")
            .to_string()
    };
    page(CalendarPage {
        list_view,
        month_label,
        month_param: start.strftime("%Y-%m").to_string(),
        previous: shift(-1),
        next: shift(1),
        weeks,
        weekdays,
        upcoming: super::event_rows(&state, upcoming).await?,
        ctx,
    })
}

fn month_grid(start: Date, events: &[Event]) -> Vec<Vec<Option<Day>>> {
    let offset = start.weekday().to_monday_zero_offset() as usize;
    let mut cells: Vec<Option<Day>> = (0..offset).map(|_| None).collect();
    let mut date = start;
    while date.month() == start.month() {
        let on_day = events
            .iter()
            .filter(|e| e.overlaps(date, date))
            .cloned()
            .collect();
        cells.push(Some(Day {
            date,
            events: on_day,
        }));
        match date.tomorrow() {
            Ok(next) => date = next,
            Err(_) => break,
        }
    }
    while !cells.len().is_multiple_of(7) {
        cells.push(None);
    }
    let mut weeks = Vec::new();
    let mut cells = cells.into_iter().peekable();
    while cells.peek().is_some() {
        weeks.push(cells.by_ref().take(7).collect());
    }
    weeks
}

async fn event_form_view(state: &AppState, ctx: &Ctx) -> Result<FormView, crate::error::AppError> {
    let mut processes = vec![(String::new(), ctx.t("option-none"))];
    processes.extend(
        state
            .store
            .processes(&PageRequest::first(agora_store::MAX_LIMIT))
            .await?
            .items
            .into_iter()
            .map(|p| (p.id.to_string(), p.title)),
    );
    Ok(
        FormView::new(ctx, "calendar-new-title", "/calendar", "action-create")
            .field(ctx, "title", FieldKind::Text, true)
            .field(ctx, "acronym", FieldKind::Text, false)
            .field(ctx, "organiser", FieldKind::Text, true)
            .field(ctx, "place", FieldKind::Text, true)
            .field(ctx, "starts_on", FieldKind::Date, true)
            .field(ctx, "ends_on", FieldKind::Date, false)
            .field(ctx, "process_id", FieldKind::Select(processes), false)
            .field(ctx, "url", FieldKind::Url, false)
            .field(ctx, "description", FieldKind::TextArea, false),
    )
}

async fn new_form(State(state): State<AppState>, ctx: CtxExt) -> AppResult {
    require(&ctx, Action::ManageDirectory)?;
    let form = event_form_view(&state, &ctx).await?;
    page(FormPage { ctx: ctx.0, form })
}

async fn create(State(state): State<AppState>, ctx: CtxExt, form: CsrfForm) -> AppResult {
    require(&ctx, Action::ManageDirectory)?;
    let draft: EventDraft = form.parse()?;
    let redirect = |event: &Event| format!("/calendar?month={}", event.starts_on.strftime("%Y-%m"));
    save_or_explain(
        &state,
        &ctx,
        &form,
        draft.validate(),
        redirect,
        event_form_view(&state, &ctx),
    )
    .await
}

/// Every event and every meeting.
async fn feed(State(state): State<AppState>) -> AppResult {
    let events = state.store.all_events().await?;
    let meetings = state
        .store
        .every(async |store, page| store.meetings(page).await)
        .await?;
    Ok(crate::ics::response("Agora", &events, &meetings))
}
