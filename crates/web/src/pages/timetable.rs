//! The venue, the timetable editor and the published programme of a call for proposals
//! (issue 6, points 6–7).
//!
//! The secretariat describes the venue (`/calls/{id}/venue`), generates a timetable of the
//! accepted proposals with `agora_programme::solve`, and moves sessions one at a time on
//! `/calls/{id}/timetable`, which always lists what `agora_programme::check` reports. A move
//! that breaks a hard constraint is saved and flagged rather than refused: the secretariat may
//! know what the engine cannot (a speaker who will leave early, a room that will take extra
//! chairs) and may need several moves to untangle a knot, each of which alone breaks something;
//! publication is what is refused while a hard conflict remains. Every write names the version
//! it was made on, so a form left open while someone else edited fails (409) instead of
//! overwriting.
//!
//! Once published, the programme is public: by day, room or theme, a page and an iCalendar feed
//! per session, and the whole programme as iCalendar, frab XML and JSON schedule. The public
//! reads the copy made at publication, so further edits stay private until published again.

use std::collections::BTreeMap;

use agora_core::auth::Action;
use agora_core::meeting::Meeting;
use agora_core::proposal::{Call, Decision, Proposal, role_code};
use agora_core::timetable::{
    Placement, ROOM_ROWS, RoomDraft, Timetable, Venue, VenueDraft, VenueSlot, region_utc_offset,
};
use agora_programme::export::{Meta, frab_xml, schedule_json};
use agora_programme::{Hard, Indexed, Instance, Report, Soft, SoftCosts};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use uuid::Uuid;

use super::proposals::{LoadedCall, engine_person, load_call, messages, person_key};
use super::{CsrfForm, page_with_status, parse_id, require};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::ics::{Entry, When};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/calls/{id}/venue", get(venue_page).post(save_venue))
        .route("/calls/{id}/timetable", get(editor_page).post(generate))
        .route("/calls/{id}/timetable/move", post(move_session))
        .route("/calls/{id}/timetable/publish", post(publish))
        .route("/calls/{id}/programme", get(programme))
        .route("/calls/{id}/programme.ics", get(programme_ics))
        .route("/calls/{id}/programme.xml", get(programme_xml))
        .route("/calls/{id}/programme.json", get(programme_json))
        .route("/sessions/{id}", get(session))
}

// ---------------------------------------------------------------------------------------------
// The call, its venue and its timetable, as the engine sees them
// ---------------------------------------------------------------------------------------------

/// A call with everything its timetable needs.
pub(crate) struct Programme {
    pub loaded: LoadedCall,
    pub call: Call,
    pub venue: Option<Venue>,
    pub timetable: Option<Timetable>,
    /// The accepted proposals: the sessions to place.
    pub accepted: Vec<Proposal>,
}

/// The call named in the path, set up, with its venue, timetable and accepted proposals.
pub(crate) async fn load_programme(state: &AppState, id: &str) -> Result<Programme, AppError> {
    let loaded = load_call(state, id).await?;
    let call = loaded.call.clone().ok_or(AppError::NotFound)?;
    let phase = loaded.phase.id;
    Ok(Programme {
        venue: state.store.venue(phase).await?,
        timetable: state.store.timetable(phase).await?,
        accepted: state
            .store
            .decided_proposals(phase, Decision::Accepted)
            .await?,
        loaded,
        call,
    })
}

/// The programme named in the path, for its secretariat only.
pub(crate) async fn managed(state: &AppState, ctx: &Ctx, id: &str) -> Result<Programme, AppError> {
    let programme = load_programme(state, id).await?;
    require(ctx, Action::ManageProcess(programme.loaded.process.id))?;
    Ok(programme)
}

/// The engine's instance of `sessions` at `venue`. A session lasts as its format says (the
/// longest slot if the call no longer offers its format, so that `check` flags it); people are
/// named as screening names them; a remote speaker's UTC offset is guessed from their region,
/// since the proposal form asks for no time zone (the venue's when no region is given); a
/// person who needs an accessible room needs it in every session they are in.
pub(crate) fn instance(call: &Call, venue: &Venue, sessions: &[Proposal], title: &str) -> Instance {
    let venue_offset = venue.utc_offset_minutes();
    let longest = venue.slots.iter().map(|s| s.minutes).max().unwrap_or(60);
    let mut people: BTreeMap<String, agora_programme::Person> = BTreeMap::new();
    let sessions = sessions
        .iter()
        .map(|p| {
            for person in &p.people {
                let mut engine = engine_person(person);
                engine.utc_offset_minutes = person
                    .region
                    .as_deref()
                    .and_then(region_utc_offset)
                    .unwrap_or(venue_offset);
                let entry = people.entry(engine.id.clone()).or_insert(engine);
                entry.remote |= person.remote;
                entry.accessibility_needs |= person.accessibility_needs;
            }
            agora_programme::Session {
                id: p.id.to_string(),
                title: p.title.clone(),
                theme: p.theme.clone(),
                format: p.format.clone(),
                minutes: call
                    .formats
                    .iter()
                    .find(|f| f.name == p.format)
                    .map_or(longest, |f| f.minutes),
                audience: venue.audience_of(p.id, &p.format),
                people: p.people.iter().map(|x| person_key(&x.name)).collect(),
                description: p.description.clone(),
            }
        })
        .collect();
    Instance {
        title: title.to_owned(),
        days: venue.days.iter().map(|d| d.to_string()).collect(),
        utc_offset_minutes: venue_offset,
        time_zone: Some(venue.time_zone.clone()),
        rooms: venue
            .rooms
            .iter()
            .map(|r| agora_programme::Room {
                id: r.name.clone(),
                name: r.name.clone(),
                capacity: r.capacity,
                accessible: r.accessible,
                unavailable: r.unavailable.clone(),
            })
            .collect(),
        slots: venue
            .slots
            .iter()
            .map(|s| agora_programme::Slot {
                id: s.id(),
                day: venue.days.iter().position(|d| *d == s.date).unwrap_or(0),
                start: s.start.clone(),
                minutes: s.minutes,
            })
            .collect(),
        sessions,
        people: people.into_values().collect(),
        options: agora_programme::Options::default(),
    }
}

fn engine_placements(placements: &[Placement]) -> Vec<agora_programme::Placement> {
    placements
        .iter()
        .map(|p| agora_programme::Placement {
            session: p.proposal_id.to_string(),
            room: p.room.clone(),
            slot: p.slot.clone(),
        })
        .collect()
}

fn indexed(instance: &Instance) -> Result<Indexed<'_>, AppError> {
    Indexed::new(instance)
        .map_err(|e| AppError::Store(agora_store::StoreError::Corrupt(e.to_string())))
}

/// The placements of sessions still accepted (a proposal declined after generation drops out).
fn current(placements: &[Placement], sessions: &[Proposal]) -> Vec<Placement> {
    placements
        .iter()
        .filter(|p| sessions.iter().any(|s| s.id == p.proposal_id))
        .cloned()
        .collect()
}

impl Programme {
    fn title(&self) -> String {
        format!(
            "{} — {}",
            self.loaded.process.title, self.loaded.phase.title
        )
    }

    /// What `check` says of the secretariat's current timetable (`None` without a venue).
    pub(crate) fn report(&self) -> Result<Option<Report>, AppError> {
        let Some(venue) = &self.venue else {
            return Ok(None);
        };
        let instance = instance(&self.call, venue, &self.accepted, &self.title());
        let placements = self
            .timetable
            .as_ref()
            .map(|t| current(&t.placements, &self.accepted))
            .unwrap_or_default();
        Ok(Some(agora_programme::check(
            &indexed(&instance)?,
            &engine_placements(&placements),
        )))
    }

    /// Runs the solver over the accepted proposals, on a blocking thread: its local search
    /// takes a noticeable time on a large call and must not hold up the server's other requests.
    pub(crate) async fn generate(&self) -> Result<Vec<Placement>, AppError> {
        let venue =
            self.venue
                .as_ref()
                .ok_or(AppError::Store(agora_store::StoreError::Conflict {
                    field: "venue",
                }))?;
        let instance = instance(&self.call, venue, &self.accepted, &self.title());
        let solved = tokio::task::spawn_blocking(move || agora_programme::solve(&instance))
            .await
            .map_err(|e| AppError::Store(agora_store::StoreError::Corrupt(e.to_string())))?
            .map_err(|e| AppError::Store(agora_store::StoreError::Corrupt(e.to_string())))?;
        Ok(solved
            .placements
            .into_iter()
            .filter_map(|p| {
                Some(Placement {
                    proposal_id: p.session.parse().ok()?,
                    room: p.room,
                    slot: p.slot,
                })
            })
            .collect())
    }

    /// The published venue and placements (of sessions still accepted), or 404.
    pub(crate) fn published(&self) -> Result<(&Venue, Vec<Placement>, i64), AppError> {
        let published = self
            .timetable
            .as_ref()
            .and_then(|t| t.published.as_ref())
            .ok_or(AppError::NotFound)?;
        Ok((
            &published.venue,
            current(&published.placements, &self.accepted),
            published.version,
        ))
    }

    /// The published sessions in time order, then room order.
    pub(crate) fn published_sessions(&self) -> Result<Vec<Scheduled>, AppError> {
        let (venue, placements, _) = self.published()?;
        Ok(scheduled(&self.call, venue, &placements, &self.accepted))
    }
}

/// A placed session with its times.
pub(crate) struct Scheduled {
    pub proposal: Proposal,
    pub room: String,
    pub slot: VenueSlot,
    pub starts_at: jiff::Timestamp,
    pub ends_at: jiff::Timestamp,
    pub time_zone: String,
}

fn scheduled(
    call: &Call,
    venue: &Venue,
    placements: &[Placement],
    sessions: &[Proposal],
) -> Vec<Scheduled> {
    let mut out: Vec<Scheduled> = placements
        .iter()
        .filter_map(|p| {
            let proposal = sessions.iter().find(|s| s.id == p.proposal_id)?.clone();
            let slot = venue.slot(&p.slot)?.clone();
            let minutes = call
                .formats
                .iter()
                .find(|f| f.name == proposal.format)
                .map_or(slot.minutes, |f| f.minutes);
            let (starts_at, ends_at) = venue.instants(&slot, minutes)?;
            Some(Scheduled {
                proposal,
                room: p.room.clone(),
                slot,
                starts_at,
                ends_at,
                time_zone: venue.time_zone.clone(),
            })
        })
        .collect();
    let rank = |room: &str| venue.rooms.iter().position(|r| r.name == room);
    out.sort_by_key(|s| (s.starts_at, rank(&s.room)));
    out
}

// ---------------------------------------------------------------------------------------------
// Conflicts and costs in the user's language
// ---------------------------------------------------------------------------------------------

/// Names for the ids the engine reports: sessions by title, people by name, slots as typed.
struct Names<'a> {
    sessions: BTreeMap<String, &'a str>,
    people: BTreeMap<String, &'a str>,
}

impl<'a> Names<'a> {
    fn new(sessions: &'a [Proposal]) -> Names<'a> {
        Names {
            sessions: sessions
                .iter()
                .map(|p| (p.id.to_string(), p.title.as_str()))
                .collect(),
            people: sessions
                .iter()
                .flat_map(|p| &p.people)
                .map(|x| (person_key(&x.name), x.name.as_str()))
                .collect(),
        }
    }

    fn session(&self, id: &str) -> FluentValue<'static> {
        FluentValue::from(self.sessions.get(id).map_or(id, |t| t).to_owned())
    }

    fn person(&self, id: &str) -> FluentValue<'static> {
        FluentValue::from(self.people.get(id).map_or(id, |t| t).to_owned())
    }
}

fn slot_name(id: &str) -> FluentValue<'static> {
    FluentValue::from(id.replace('T', " "))
}

fn text(value: &str) -> FluentValue<'static> {
    FluentValue::from(value.to_owned())
}

fn number(value: impl Into<u64>) -> FluentValue<'static> {
    FluentValue::from(value.into())
}

/// A hard conflict, naming its sessions, people, rooms and slots.
fn hard_message(ctx: &Ctx, names: &Names, hard: &Hard) -> String {
    let (id, args): (&str, Vec<(&'static str, FluentValue<'static>)>) = match hard {
        Hard::UnknownSession { session, .. } => (
            "timetable-hard-unknown",
            vec![("what", names.session(session))],
        ),
        Hard::UnknownRoom { room, .. } => ("timetable-hard-unknown", vec![("what", text(room))]),
        Hard::UnknownSlot { slot, .. } => {
            ("timetable-hard-unknown", vec![("what", slot_name(slot))])
        }
        Hard::PlacedTwice { session } => (
            "timetable-hard-placed-twice",
            vec![("session", names.session(session))],
        ),
        Hard::Unscheduled { session } => (
            "timetable-hard-unscheduled",
            vec![("session", names.session(session))],
        ),
        Hard::RoomDoubleBooked {
            room,
            slot,
            sessions,
        } => (
            "timetable-hard-room-double-booked",
            vec![
                ("room", text(room)),
                ("slot", slot_name(slot)),
                ("sessions", list(ctx, names, sessions)),
            ],
        ),
        Hard::PersonDoubleBooked { person, sessions } => (
            "timetable-hard-person-double-booked",
            vec![
                ("person", names.person(person)),
                ("sessions", list(ctx, names, sessions)),
            ],
        ),
        Hard::TooLong {
            session,
            slot,
            minutes,
            slot_minutes,
        } => (
            "timetable-hard-too-long",
            vec![
                ("session", names.session(session)),
                ("slot", slot_name(slot)),
                ("minutes", number(*minutes)),
                ("slot_minutes", number(*slot_minutes)),
            ],
        ),
        Hard::OverCapacity {
            session,
            room,
            audience,
            capacity,
        } => (
            "timetable-hard-over-capacity",
            vec![
                ("session", names.session(session)),
                ("room", text(room)),
                ("audience", number(*audience)),
                ("capacity", number(*capacity)),
            ],
        ),
        Hard::NotAccessible { session, room } => (
            "timetable-hard-not-accessible",
            vec![("session", names.session(session)), ("room", text(room))],
        ),
        Hard::RoomUnavailable {
            session,
            room,
            slot,
        } => (
            "timetable-hard-room-unavailable",
            vec![
                ("session", names.session(session)),
                ("room", text(room)),
                ("slot", slot_name(slot)),
            ],
        ),
    };
    ctx.lang.t_args(id, &args)
}

/// A soft cost, naming its sessions and people.
fn soft_message(ctx: &Ctx, names: &Names, soft: &Soft) -> String {
    let (id, args): (&str, Vec<(&'static str, FluentValue<'static>)>) = match soft {
        Soft::ThemeClash { theme, sessions } => (
            "timetable-soft-theme-clash",
            vec![
                ("theme", text(theme)),
                ("sessions", list(ctx, names, sessions)),
            ],
        ),
        Soft::ThemeCrowded {
            theme,
            day,
            sessions,
            cap,
        } => (
            "timetable-soft-theme-crowded",
            vec![
                ("theme", text(theme)),
                ("day", text(day)),
                ("count", number(*sessions as u64)),
                ("cap", number(*cap as u64)),
            ],
        ),
        Soft::RemoteHour {
            person,
            session,
            local_start,
        } => (
            "timetable-soft-remote-hour",
            vec![
                ("person", names.person(person)),
                ("session", names.session(session)),
                ("time", text(local_start)),
            ],
        ),
    };
    ctx.lang.t_args(id, &args)
}

/// Session titles as one argument, each in the quotation marks of the reader's language
/// (“A”, “B” in English, « A », « B » in French).
fn list(ctx: &Ctx, names: &Names, sessions: &[String]) -> FluentValue<'static> {
    let titles: Vec<String> = sessions
        .iter()
        .map(|s| {
            let title = names.sessions.get(s.as_str()).map_or(s.as_str(), |t| t);
            ctx.lang
                .t_args("timetable-quoted", &[("title", text(title))])
        })
        .collect();
    FluentValue::from(titles.join(", "))
}

/// The soft costs by kind: the Fluent key of the kind, and its number.
fn costs_by_kind(costs: &SoftCosts) -> [(&'static str, usize); 3] {
    [
        ("timetable-cost-theme-spread", costs.theme_spread),
        ("timetable-cost-theme-clash", costs.theme_clash),
        ("timetable-cost-remote-hours", costs.remote_hours),
    ]
}

/// The report in words: hard conflicts, soft costs, and the costs by kind.
pub(crate) struct Verdict {
    pub hard: Vec<String>,
    pub soft: Vec<String>,
    /// Per kind: its label, and the count before the last move (if one was made) and now.
    pub costs: Vec<(String, Option<usize>, usize)>,
    pub total: f64,
}

pub(crate) fn report_words(
    ctx: &Ctx,
    report: &Report,
    sessions: &[Proposal],
    before: Option<[usize; 3]>,
) -> Verdict {
    let names = Names::new(sessions);
    Verdict {
        hard: report
            .hard
            .iter()
            .map(|h| hard_message(ctx, &names, h))
            .collect(),
        soft: report
            .soft
            .iter()
            .map(|s| soft_message(ctx, &names, s))
            .collect(),
        costs: costs_by_kind(&report.costs)
            .iter()
            .enumerate()
            .map(|(i, (key, now))| (ctx.t(key), before.map(|b| b[i]), *now))
            .collect(),
        total: report.costs.total,
    }
}

// ---------------------------------------------------------------------------------------------
// The venue
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "venue.html")]
struct VenuePage {
    ctx: Ctx,
    programme: Programme,
    draft: VenueDraft,
    errors: Vec<(String, String)>,
}

impl VenuePage {
    fn format_audience(&self, format: &str) -> &str {
        self.draft
            .format_audience
            .get(format)
            .map_or("", String::as_str)
    }

    fn audience(&self, proposal: &Uuid) -> &str {
        self.draft
            .audience
            .get(&proposal.to_string())
            .map_or("", String::as_str)
    }
}

/// An error of the venue form, under the anchor of its field, its message naming the line or
/// row at fault (`slots[2]`: "Slots, line 3"; `rooms[0].capacity`: "Room 1 — Capacity").
fn venue_message(
    ctx: &Ctx,
    programme: &Programme,
    (field, message): (String, String),
) -> (String, String) {
    let (name, inner, sub) = match field.split_once('[') {
        None => (field.as_str(), None, None),
        Some((name, rest)) => {
            let (inner, sub) = rest.split_once(']').unwrap_or((rest, ""));
            (name, Some(inner), sub.strip_prefix('.'))
        }
    };
    let label = ctx.tp("field-", name);
    let (anchor, place) = match (name, inner, sub) {
        ("rooms", Some(row), Some(sub)) => (
            format!("r{row}_{sub}"),
            format!(
                "{} {} — {}",
                ctx.t("venue-room"),
                row.parse::<usize>().unwrap_or(0) + 1,
                ctx.tp("field-room_", sub)
            ),
        ),
        ("audience", Some(id), _) => {
            let title = programme
                .accepted
                .iter()
                .find(|p| p.id.to_string() == id)
                .map_or(id, |p| p.title.as_str());
            ("audiences".to_owned(), format!("{label} — {title}"))
        }
        ("format_audience", Some(format), _) => {
            ("audiences".to_owned(), format!("{label} — {format}"))
        }
        (_, Some(line), _) => (
            name.to_owned(),
            ctx.lang.t_args(
                "venue-line",
                &[
                    ("field", text(&label)),
                    ("line", number(line.parse::<u64>().unwrap_or(0) + 1)),
                ],
            ),
        ),
        _ => (name.to_owned(), label),
    };
    (anchor, format!("{place}: {message}"))
}

async fn venue_form(
    ctx: Ctx,
    programme: Programme,
    draft: Option<VenueDraft>,
    errors: Vec<(String, String)>,
) -> AppResult {
    let mut draft = draft.unwrap_or_else(|| {
        programme
            .venue
            .as_ref()
            .map(Venue::draft)
            .unwrap_or_else(|| VenueDraft {
                time_zone: programme.loaded.process.display_zone.clone(),
                ..Default::default()
            })
    });
    draft
        .rooms
        .resize_with(ROOM_ROWS.max(draft.rooms.len()), RoomDraft::default);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page_with_status(
        status,
        VenuePage {
            ctx,
            programme,
            draft,
            errors,
        },
    )
}

async fn venue_page(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let programme = managed(&state, &ctx, &id).await?;
    venue_form(ctx.0, programme, None, Vec::new()).await
}

/// The venue a form posted: the fixed fields, room rows `r{i}_name`…, audiences `fa{i}` by the
/// call's format index and `aud_{proposal}`.
fn venue_draft(form: &CsrfForm, call: &Call) -> VenueDraft {
    VenueDraft {
        time_zone: form.get("time_zone").to_owned(),
        days: form.get("days").to_owned(),
        slots: form.get("slots").to_owned(),
        rooms: (0..ROOM_ROWS)
            .map(|i| RoomDraft {
                name: form.get(&format!("r{i}_name")).to_owned(),
                capacity: form.get(&format!("r{i}_capacity")).to_owned(),
                accessible: form.checked(&format!("r{i}_accessible")),
                closed: form.get(&format!("r{i}_closed")).to_owned(),
            })
            .collect(),
        format_audience: call
            .formats
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name.clone(), form.get(&format!("fa{i}")).to_owned()))
            .collect(),
        audience: form
            .pairs
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("aud_")?.to_owned(), v.clone())))
            .collect(),
    }
}

async fn save_venue(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let programme = managed(&state, &ctx, &id).await?;
    let draft = venue_draft(&form, &programme.call);
    match draft.validate(programme.loaded.phase.id) {
        Ok(venue) => {
            state.store.save_venue(ctx.actor(), &venue).await?;
            Ok(Redirect::to(&format!("/calls/{}/timetable", venue.phase_id)).into_response())
        }
        Err(errors) => {
            let shown = messages(&ctx, &errors)
                .into_iter()
                .map(|m| venue_message(&ctx, &programme, m))
                .collect();
            venue_form(ctx.0, programme, Some(draft), shown).await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The editor
// ---------------------------------------------------------------------------------------------

/// A cell of the grid.
struct Cell {
    proposal: Uuid,
    title: String,
    theme: String,
}

/// One day of the grid: its rooms across, its slots down.
struct Day {
    date: String,
    rooms: Vec<String>,
    rows: Vec<(String, Vec<Option<Cell>>)>,
}

fn grid(venue: &Venue, placements: &[Placement], sessions: &[Proposal]) -> Vec<Day> {
    venue
        .days
        .iter()
        .map(|date| Day {
            date: date.to_string(),
            rooms: venue.rooms.iter().map(|r| r.name.clone()).collect(),
            rows: venue
                .slots
                .iter()
                .filter(|s| s.date == *date)
                .map(|slot| {
                    let label = format!("{} ({} min)", slot.start, slot.minutes);
                    let cells = venue
                        .rooms
                        .iter()
                        .map(|room| {
                            let placed = placements
                                .iter()
                                .find(|p| p.room == room.name && p.slot == slot.id())?;
                            let proposal = sessions.iter().find(|s| s.id == placed.proposal_id)?;
                            Some(Cell {
                                proposal: proposal.id,
                                title: proposal.title.clone(),
                                theme: proposal.theme.clone(),
                            })
                        })
                        .collect();
                    (label, cells)
                })
                .collect(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "timetable.html")]
struct EditorPage {
    ctx: Ctx,
    programme: Programme,
    days: Vec<Day>,
    verdict: Option<Verdict>,
    /// The sessions with where they are now: (proposal, room, slot).
    sessions: Vec<(Proposal, String, String)>,
    slots: Vec<(String, String)>,
    version: i64,
    published_version: Option<i64>,
    moved: Option<Uuid>,
    /// What went wrong with the last request, in words.
    problem: Option<String>,
}

impl EditorPage {
    fn moved_title(&self) -> Option<&str> {
        let id = self.moved?;
        self.programme
            .accepted
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.title.as_str())
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EditorQuery {
    /// The session just moved, and the soft costs by kind before the move ("1-0-2").
    moved: Option<Uuid>,
    was: Option<String>,
}

async fn editor(
    ctx: Ctx,
    programme: Programme,
    query: EditorQuery,
    problem: Option<(StatusCode, String)>,
) -> AppResult {
    let report = programme.report()?;
    let before = query.was.as_deref().and_then(|was| {
        let n: Vec<usize> = was.split('-').filter_map(|n| n.parse().ok()).collect();
        <[usize; 3]>::try_from(n).ok()
    });
    let verdict = report
        .as_ref()
        .map(|r| report_words(&ctx, r, &programme.accepted, before));
    let placements = programme
        .timetable
        .as_ref()
        .map(|t| current(&t.placements, &programme.accepted))
        .unwrap_or_default();
    let days = programme
        .venue
        .as_ref()
        .map(|v| grid(v, &placements, &programme.accepted))
        .unwrap_or_default();
    let sessions = programme
        .accepted
        .iter()
        .map(|p| {
            let at = placements.iter().find(|x| x.proposal_id == p.id);
            (
                p.clone(),
                at.map(|x| x.room.clone()).unwrap_or_default(),
                at.map(|x| x.slot.clone()).unwrap_or_default(),
            )
        })
        .collect();
    let slots = programme
        .venue
        .as_ref()
        .map(|v| {
            v.slots
                .iter()
                .map(|s| {
                    (
                        s.id(),
                        format!("{} {} ({} min)", s.date, s.start, s.minutes),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let (status, problem) = match problem {
        Some((status, text)) => (status, Some(text)),
        None => (StatusCode::OK, None),
    };
    page_with_status(
        status,
        EditorPage {
            version: programme.timetable.as_ref().map_or(0, |t| t.version),
            published_version: programme
                .timetable
                .as_ref()
                .and_then(|t| t.published.as_ref())
                .map(|p| p.version),
            ctx,
            days,
            verdict,
            sessions,
            slots,
            moved: query.moved,
            problem,
            programme,
        },
    )
}

async fn editor_page(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(query): Query<EditorQuery>,
) -> AppResult {
    let programme = managed(&state, &ctx, &id).await?;
    editor(ctx.0, programme, query, None).await
}

/// The version a form was read on; `None` when it names none.
fn form_version(form: &CsrfForm) -> Option<i64> {
    form.get("version").parse().ok()
}

/// Why a write was not made, as the editor shows it.
fn refusal(ctx: &Ctx, error: AppError) -> Result<(StatusCode, String), AppError> {
    match error {
        AppError::Store(agora_store::StoreError::Conflict { field: "version" }) => {
            Ok((StatusCode::CONFLICT, ctx.t("timetable-stale")))
        }
        AppError::Store(agora_store::StoreError::Conflict { field: "venue" }) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            ctx.t("timetable-no-venue"),
        )),
        other => Err(other),
    }
}

async fn generate(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let programme = managed(&state, &ctx, &id).await?;
    let phase = programme.loaded.phase.id;
    let saved = match programme.generate().await {
        Ok(placements) => state
            .store
            .save_timetable(ctx.actor(), phase, &placements, form_version(&form))
            .await
            .map_err(AppError::from),
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => Ok(Redirect::to(&format!("/calls/{phase}/timetable")).into_response()),
        Err(e) => {
            let problem = refusal(&ctx, e)?;
            editor(ctx.0, programme, EditorQuery::default(), Some(problem)).await
        }
    }
}

/// Moves `proposal` to `room` at `slot` on `version`, after checking that all three exist.
pub(crate) async fn apply_move(
    state: &AppState,
    ctx: &Ctx,
    programme: &Programme,
    proposal: Uuid,
    room: &str,
    slot: &str,
    version: i64,
) -> Result<i64, AppError> {
    let venue =
        programme
            .venue
            .as_ref()
            .ok_or(AppError::Store(agora_store::StoreError::Conflict {
                field: "venue",
            }))?;
    if !programme.accepted.iter().any(|p| p.id == proposal)
        || !venue.rooms.iter().any(|r| r.name == room)
        || venue.slot(slot).is_none()
    {
        return Err(AppError::BadRequest);
    }
    let placement = Placement {
        proposal_id: proposal,
        room: room.to_owned(),
        slot: slot.to_owned(),
    };
    Ok(state
        .store
        .move_session(ctx.actor(), programme.loaded.phase.id, &placement, version)
        .await?)
}

async fn move_session(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let programme = managed(&state, &ctx, &id).await?;
    let phase = programme.loaded.phase.id;
    let before = programme.report()?.map(|r| {
        costs_by_kind(&r.costs)
            .map(|(_, n)| n.to_string())
            .join("-")
    });
    let proposal: Option<Uuid> = form.get("proposal").parse().ok();
    let moved = match (proposal, form_version(&form)) {
        (Some(proposal), Some(version)) => apply_move(
            &state,
            &ctx,
            &programme,
            proposal,
            form.get("room"),
            form.get("slot"),
            version,
        )
        .await
        .map(|_| proposal),
        _ => Err(AppError::BadRequest),
    };
    match moved {
        Ok(proposal) => Ok(Redirect::to(&format!(
            "/calls/{phase}/timetable?moved={proposal}&was={}#verdict",
            before.unwrap_or_default()
        ))
        .into_response()),
        Err(AppError::BadRequest) => {
            let problem = (
                StatusCode::UNPROCESSABLE_ENTITY,
                ctx.t("timetable-bad-move"),
            );
            editor(ctx.0, programme, EditorQuery::default(), Some(problem)).await
        }
        Err(AppError::Store(agora_store::StoreError::NotFound)) => {
            let problem = (StatusCode::UNPROCESSABLE_ENTITY, ctx.t("timetable-none"));
            editor(ctx.0, programme, EditorQuery::default(), Some(problem)).await
        }
        Err(e) => {
            let problem = refusal(&ctx, e)?;
            editor(ctx.0, programme, EditorQuery::default(), Some(problem)).await
        }
    }
}

/// Why a timetable cannot be published: none yet, or hard conflicts left.
pub(crate) fn unpublishable(ctx: &Ctx, programme: &Programme) -> Result<Option<String>, AppError> {
    if programme.timetable.is_none() {
        return Ok(Some(ctx.t("timetable-none")));
    }
    let hard = programme.report()?.map_or(0, |r| r.hard.len());
    Ok((hard > 0).then(|| {
        ctx.lang.t_args(
            "timetable-publish-refused",
            &[("count", number(hard as u64))],
        )
    }))
}

async fn publish(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let programme = managed(&state, &ctx, &id).await?;
    let phase = programme.loaded.phase.id;
    if let Some(why) = unpublishable(&ctx, &programme)? {
        let problem = (StatusCode::UNPROCESSABLE_ENTITY, why);
        return editor(ctx.0, programme, EditorQuery::default(), Some(problem)).await;
    }
    let Some(version) = form_version(&form) else {
        let problem = (StatusCode::UNPROCESSABLE_ENTITY, ctx.t("timetable-stale"));
        return editor(ctx.0, programme, EditorQuery::default(), Some(problem)).await;
    };
    match state
        .store
        .publish_timetable(ctx.actor(), phase, version, (state.clock)())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/calls/{phase}/programme")).into_response()),
        Err(e) => {
            let problem = refusal(&ctx, e.into())?;
            editor(ctx.0, programme, EditorQuery::default(), Some(problem)).await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The public programme
// ---------------------------------------------------------------------------------------------

/// How the programme is grouped.
#[derive(Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum By {
    #[default]
    Day,
    Room,
    Theme,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ProgrammeQuery {
    by: Option<By>,
}

#[derive(Template)]
#[template(path = "programme.html")]
struct ProgrammePage {
    ctx: Ctx,
    programme: Programme,
    by: &'static str,
    views: [&'static str; 3],
    groups: Vec<(String, Vec<Scheduled>)>,
    time_zone: String,
}

impl ProgrammePage {
    fn speakers(&self, s: &Scheduled) -> String {
        s.proposal
            .speakers()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Scheduled {
    pub(crate) fn venue_time(&self) -> String {
        let zone = jiff::tz::TimeZone::get(&self.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        let (a, b) = (
            self.starts_at.to_zoned(zone.clone()),
            self.ends_at.to_zoned(zone),
        );
        format!("{}–{}", a.strftime("%H:%M"), b.strftime("%H:%M"))
    }
}

async fn programme(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(query): Query<ProgrammeQuery>,
) -> AppResult {
    let programme = load_programme(&state, &id).await?;
    let sessions = programme.published_sessions()?;
    let by = query.by.unwrap_or_default();
    let mut groups: Vec<(String, Vec<Scheduled>)> = Vec::new();
    let (venue, _, _) = programme.published()?;
    let time_zone = venue.time_zone.clone();
    let keys: Vec<String> = match by {
        By::Day => venue.days.iter().map(|d| d.to_string()).collect(),
        By::Room => venue.rooms.iter().map(|r| r.name.clone()).collect(),
        By::Theme => programme
            .call
            .themes
            .iter()
            .map(|t| t.name.clone())
            .collect(),
    };
    for key in keys {
        groups.push((key, Vec::new()));
    }
    for s in sessions {
        let key = match by {
            By::Day => s.slot.date.to_string(),
            By::Room => s.room.clone(),
            By::Theme => s.proposal.theme.clone(),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(s),
            None => groups.push((key, vec![s])),
        }
    }
    groups.retain(|(_, list)| !list.is_empty());
    super::page(ProgrammePage {
        ctx: ctx.0,
        programme,
        by: match by {
            By::Day => "day",
            By::Room => "room",
            By::Theme => "theme",
        },
        views: ["day", "room", "theme"],
        groups,
        time_zone,
    })
}

/// A session as a calendar entry, at its exact instants, in its room.
fn entry(s: &Scheduled) -> Entry {
    Entry {
        uid: format!("session-{}", s.proposal.id),
        summary: s.proposal.title.clone(),
        when: When::Instants(s.starts_at, s.ends_at),
        location: Some(s.room.clone()),
        organiser: None,
        description: Some(s.proposal.description.clone()).filter(|d| !d.is_empty()),
        url: None,
    }
}

async fn programme_ics(State(state): State<AppState>, Path(id): Path<String>) -> AppResult {
    let programme = load_programme(&state, &id).await?;
    let entries: Vec<Entry> = programme.published_sessions()?.iter().map(entry).collect();
    Ok(crate::ics::feed(&programme.title(), &entries))
}

/// The published programme in the schedule formats, through `agora_programme::export`.
pub(crate) fn export(
    programme: &Programme,
    write: fn(&Indexed, &[agora_programme::Placement], &Meta) -> String,
) -> Result<String, AppError> {
    let (venue, placements, version) = programme.published()?;
    let instance = instance(
        &programme.call,
        venue,
        &programme.accepted,
        &programme.title(),
    );
    let ix = indexed(&instance)?;
    let base = format!("/calls/{}/programme", programme.loaded.phase.id);
    let version = version.to_string();
    Ok(write(
        &ix,
        &engine_placements(&placements),
        &Meta {
            acronym: &programme.loaded.process.slug,
            version: &version,
            base_url: &base,
        },
    ))
}

async fn programme_xml(State(state): State<AppState>, Path(id): Path<String>) -> AppResult {
    let programme = load_programme(&state, &id).await?;
    let xml = export(&programme, frab_xml)?;
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

async fn programme_json(State(state): State<AppState>, Path(id): Path<String>) -> AppResult {
    let programme = load_programme(&state, &id).await?;
    let json = export(&programme, schedule_json)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

/// A published session: its call's programme and its place there, or 404.
pub(crate) async fn load_session(
    state: &AppState,
    id: &str,
) -> Result<(Programme, Scheduled), AppError> {
    let proposal = state
        .store
        .proposal(parse_id(id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let programme = load_programme(state, &proposal.phase_id.to_string()).await?;
    let session = programme
        .published_sessions()?
        .into_iter()
        .find(|s| s.proposal.id == proposal.id)
        .ok_or(AppError::NotFound)?;
    Ok((programme, session))
}

/// The meeting record of a session: a meeting of the same process with the same title
/// (spacing and case aside) that starts on the session's day in the venue's zone. Sessions and
/// meetings are not linked by id, so only an exact title on the same day counts, never a guess.
pub(crate) fn meeting_of<'a>(session: &Scheduled, meetings: &'a [Meeting]) -> Option<&'a Meeting> {
    let zone = jiff::tz::TimeZone::get(&session.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let fold = |t: &str| person_key(t);
    meetings.iter().find(|m| {
        fold(&m.title) == fold(&session.proposal.title)
            && m.starts_at.to_zoned(zone.clone()).date() == session.slot.date
    })
}

#[derive(Template)]
#[template(path = "session.html")]
struct SessionPage {
    ctx: Ctx,
    programme: Programme,
    session: Scheduled,
    /// The reader's zone: `?tz=`, else the process's display zone.
    zone: String,
    meeting: Option<Meeting>,
}

impl SessionPage {
    fn in_venue(&self) -> String {
        format!(
            "{} {} ({})",
            self.session.slot.date,
            self.session.venue_time(),
            self.session.time_zone
        )
    }

    fn in_reader_zone(&self) -> String {
        let zone = jiff::tz::TimeZone::get(&self.zone).unwrap_or(jiff::tz::TimeZone::UTC);
        let (a, b) = (
            self.session.starts_at.to_zoned(zone.clone()),
            self.session.ends_at.to_zoned(zone),
        );
        format!(
            "{}–{} ({})",
            a.strftime("%Y-%m-%d %H:%M"),
            b.strftime("%H:%M"),
            self.zone
        )
    }

    fn group(&self, code: &str) -> String {
        self.ctx.group(code)
    }

    fn role(&self, person: &agora_core::proposal::ProposalPerson) -> String {
        self.ctx.tp("proposal-role-", role_code(person.role))
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SessionQuery {
    tz: Option<String>,
}

async fn session(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    Query(query): Query<SessionQuery>,
) -> AppResult {
    if let Some(id) = id.strip_suffix(".ics") {
        let (_, s) = load_session(&state, id).await?;
        return Ok(crate::ics::feed(&s.proposal.title, &[entry(&s)]));
    }
    let (programme, session) = load_session(&state, &id).await?;
    let zone = query
        .tz
        .filter(|z| jiff::tz::TimeZone::get(z).is_ok())
        .unwrap_or_else(|| programme.loaded.process.display_zone.clone());
    let meetings = state
        .store
        .meetings_of_process(programme.loaded.process.id)
        .await?;
    let meeting = meeting_of(&session, &meetings).cloned();
    super::page(SessionPage {
        ctx: ctx.0,
        programme,
        session,
        zone,
        meeting,
    })
}
