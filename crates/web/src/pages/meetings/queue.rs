//! The live speaker queue: the live page (`/meetings/{id}/live`), its server-sent events, and
//! the forms that change the queue. Every action is a plain form post that redirects back to
//! the live page; without JavaScript that page refreshes itself every few seconds, with it
//! `assets/queue.js` replaces the queue section with each state the events carry.
//!
//! Who may do what is asked of `Grants::permits` through the account's [`Standing`] in the
//! meeting: raising and lowering one's hand needs a participant, writing needs a remote one,
//! everything else the moderator or the process's secretariat.
//!
//! [`Standing`]: agora_core::meeting::Standing

use std::convert::Infallible;
use std::time::Duration;

use agora_core::speaker_queue::{
    self, Command, Intervention, QueueEntry, QueueError, QueueSettings,
};
use agora_store::QueueWriteError;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use uuid::Uuid;

use super::{Loaded, load};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{FieldKind, FormView};
use crate::live::Snapshot;
use crate::pages::{CsrfForm, FormPage, page, require};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/meetings/{id}/live", get(live))
        .route("/meetings/{id}/queue/events", get(events))
        .route("/meetings/{id}/queue", post(command))
        .route("/meetings/{id}/queue/settings", post(settings))
        .route("/meetings/{id}/hand", post(hand))
        .route(
            "/meetings/{id}/interventions",
            get(intervention_form).post(intervene),
        )
}

/// How often the live page reloads itself without JavaScript, in seconds.
const REFRESH_SECONDS: u32 = 5;
/// Written interventions shown on the live page (all of them are on the meeting's page).
const RECENT_INTERVENTIONS: usize = 5;
/// The timer's choices, in minutes (0: no limit).
const TURN_MINUTES: [u32; 5] = [1, 2, 3, 5, 0];

/// One raised hand as the queue section shows it.
struct EntryView {
    entry: QueueEntry,
    /// The participant's id, empty when they were removed (the script finds one's own hand).
    participant: String,
    /// When the turn began (unix ms), for the script's count.
    since_ms: i64,
    group: String,
    /// For the speaker: how long they have spoken, as of the snapshot.
    spoken: Clock,
}

/// A duration written `m:ss`, with its ISO 8601 form for `<time datetime>`.
struct Clock {
    text: String,
    iso: String,
}

impl Clock {
    fn of_ms(ms: i64) -> Clock {
        let seconds = ms.max(0) / 1000;
        Clock {
            text: format!("{}:{:02}", seconds / 60, seconds % 60),
            iso: format!("PT{seconds}S"),
        }
    }
}

struct TimeRow {
    group: String,
    turns: u32,
    spoken: Clock,
}

/// The queue section: rendered into the live page, and alone for each server-sent event.
#[derive(Template)]
#[template(path = "meeting_queue.html")]
struct QueueSection<'a> {
    ctx: &'a Ctx,
    meeting_id: Uuid,
    version: i64,
    now_ms: i64,
    speaker: Option<EntryView>,
    line: Vec<EntryView>,
    /// When the current turn runs out (unix ms) and how much of it is left as of the snapshot.
    turn_ends_ms: i64,
    left: Option<Clock>,
    limit: Option<Clock>,
    item: Option<String>,
    times: Vec<TimeRow>,
    interventions: Vec<Intervention>,
    moderator: bool,
    /// The moderator's buttons on each waiting hand: (command, label id).
    tools: [(&'static str, &'static str); 4],
    /// Empty in the events: the script copies the page's token into the section's forms.
    csrf: &'a str,
}

/// Renders the queue section of `snapshot` for `ctx`'s language and view.
fn section(
    ctx: &Ctx,
    snapshot: &Snapshot,
    moderator: bool,
    csrf: &str,
) -> Result<String, AppError> {
    let state = &snapshot.state;
    let now = snapshot.at;
    let view = |entry: &QueueEntry| EntryView {
        participant: entry
            .participant_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        since_ms: entry.started_at.map_or(0, |t| t.as_millisecond()),
        group: ctx.group(&entry.stakeholder_group),
        spoken: Clock::of_ms(entry.spoken_ms(now)),
        entry: entry.clone(),
    };
    let speaker = speaker_queue::speaking(&state.entries).map(view);
    let line = speaker_queue::waiting(&state.entries)
        .into_iter()
        .map(view)
        .collect();
    let turn_ends = speaker_queue::turn_ends_at(&state.entries, state.settings.turn_seconds);
    let times = speaker_queue::speaking_time_by_group(&snapshot.groups, &state.entries, now)
        .into_iter()
        .map(|t| TimeRow {
            group: ctx.group(&t.stakeholder_group),
            turns: t.turns,
            spoken: Clock::of_ms(t.spoken_ms),
        })
        .collect();
    let item = state
        .settings
        .agenda_item
        .and_then(|i| snapshot.meeting.agenda.get(i as usize))
        .map(|i| i.title.clone());
    let html = QueueSection {
        ctx,
        meeting_id: snapshot.meeting.id,
        version: state.version,
        now_ms: now.as_millisecond(),
        speaker,
        line,
        turn_ends_ms: turn_ends.map_or(0, |t| t.as_millisecond()),
        left: turn_ends.map(|t| Clock::of_ms(t.as_millisecond() - now.as_millisecond())),
        limit: state
            .settings
            .turn_seconds
            .map(|s| Clock::of_ms(i64::from(s) * 1000)),
        item,
        times,
        interventions: state
            .interventions
            .iter()
            .rev()
            .take(RECENT_INTERVENTIONS)
            .cloned()
            .collect(),
        moderator,
        tools: [
            ("call", "queue-call"),
            ("move-up", "queue-move-up"),
            ("move-down", "queue-move-down"),
            ("withdraw", "queue-withdraw"),
        ],
        csrf,
    }
    .render()?;
    // An event's data may not hold a carriage return; a textarea's text does.
    Ok(html.replace('\r', ""))
}

#[derive(Template)]
#[template(path = "meeting_live.html")]
struct LivePage {
    ctx: Ctx,
    loaded: Loaded,
    queue: String,
    /// Whether the account's hand is up (waiting or speaking).
    hand_up: bool,
    moderator: bool,
    may_write: bool,
    refresh_seconds: u32,
    /// The timer's buttons: (minutes, label).
    timer_choices: Vec<(u32, String)>,
    /// The agenda as (index, title, under discussion), for the moderator's choice of item.
    agenda: Vec<(usize, String, bool)>,
}

async fn live(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    let moderator = loaded.moderates(&ctx);
    let snapshot = Snapshot::load(&state, loaded.meeting.id).await?;
    let queue = section(&ctx, &snapshot, moderator, &ctx.csrf)?;
    let hand_up = loaded.me.as_ref().is_some_and(|me| {
        snapshot
            .state
            .entries
            .iter()
            .any(|e| e.participant_id == Some(me.id) && e.state.is_open())
    });
    page(LivePage {
        may_write: ctx.permits(loaded.standing().write()),
        agenda: loaded
            .meeting
            .agenda
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let chosen = snapshot.state.settings.agenda_item == u32::try_from(i).ok();
                (i, item.title.clone(), chosen)
            })
            .collect(),
        timer_choices: TURN_MINUTES
            .iter()
            .map(|m| match m {
                0 => (0, ctx.t("queue-no-limit")),
                m => (*m, format!("{m} {}", ctx.t("meeting-minutes"))),
            })
            .collect(),
        ctx: ctx.0,
        loaded,
        queue,
        hand_up,
        moderator,
        refresh_seconds: REFRESH_SECONDS,
    })
}

/// The queue's states as server-sent events (`event: queue`, `id:` the version, the section's
/// HTML as data): the current one at once, then each newer one. A client that falls behind
/// gets the newest state, not every state in between. Comments keep idle connections open.
async fn events(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    let moderator = loaded.moderates(&ctx);
    let receiver = state.live.watch(&state, loaded.meeting.id);
    let ctx = ctx.0;
    let stream = futures_util::stream::unfold((receiver, -1_i64), move |(mut receiver, sent)| {
        let ctx = ctx.clone();
        let closed = state.live.closed();
        async move {
            tokio::pin!(closed);
            loop {
                let latest = receiver.borrow_and_update().clone();
                if let Some(snapshot) = latest.filter(|s| s.state.version > sent) {
                    let version = snapshot.state.version;
                    let html = snapshot.rendered(ctx.lang.code(), moderator, |s| {
                        section(&ctx, s, moderator, "")
                    });
                    let html = match html {
                        Ok(html) => html,
                        Err(error) => {
                            tracing::error!(%error, "cannot render the queue");
                            return None;
                        }
                    };
                    let event = Event::default()
                        .event("queue")
                        .id(version.to_string())
                        .data(&*html);
                    return Some((Ok::<_, Infallible>(event), (receiver, version)));
                }
                // The server is stopping: end the stream.
                tokio::select! {
                    changed = receiver.changed() => changed.ok()?,
                    () = &mut closed => return None,
                }
            }
        }
    });
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response())
}

/// Applies `command` to the meeting's queue now and tells the watchers. The caller has
/// checked who may.
pub(super) async fn apply(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    command: Command,
) -> Result<Result<i64, QueueError>, AppError> {
    let actor = ctx.actor();
    let changed = state
        .store
        .change_queue(actor, loaded.meeting.id, command, (state.clock)())
        .await;
    match changed {
        Ok(version) => {
            state.live.refresh(state, loaded.meeting.id).await?;
            Ok(Ok(version))
        }
        Err(QueueWriteError::Refused(refused)) => Ok(Err(refused)),
        Err(QueueWriteError::Store(error)) => Err(error.into()),
    }
}

/// Lowers the participant's hand if it is up (a waiting hand is withdrawn, a turn ends).
pub(super) async fn lower_hand(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    participant: Uuid,
) -> Result<(), AppError> {
    let queue = state.store.queue(loaded.meeting.id).await?;
    let open = queue
        .entries
        .iter()
        .find(|e| e.participant_id == Some(participant) && e.state.is_open());
    if let Some(open) = open {
        // Refused only if the moderator ended the turn meanwhile: the hand is down either way.
        apply(state, ctx, loaded, Command::Withdraw(open.id))
            .await?
            .ok();
    }
    Ok(())
}

fn back_to_live(loaded: &Loaded) -> AppResult {
    Ok(Redirect::to(&format!("{}/live", loaded.href())).into_response())
}

/// A moderator's command: `command` (`call-next`, `call`, `end-turn`, `move-up`, `move-down`,
/// `withdraw`) and, for those that name one, `entry`. A command the queue's state refuses
/// (the entry was called meanwhile, say) changes nothing and leads back to the queue as it is.
async fn command(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, loaded.standing().moderate())?;
    let entry = Uuid::parse_str(form.get("entry")).ok();
    let command = Command::parse(form.get("command"), entry).ok_or(AppError::BadRequest)?;
    if let Err(refused) = apply(&state, &ctx, &loaded, command).await? {
        tracing::debug!(%refused, ?command, "queue command refused");
    }
    back_to_live(&loaded)
}

/// The moderator's settings: `minutes` per turn (0: no limit) and/or the `agenda_item` under
/// discussion (empty: none); a field not sent keeps its value.
async fn settings(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, loaded.standing().moderate())?;
    let current = state.store.queue(loaded.meeting.id).await?.settings;
    let has = |name: &str| form.pairs.iter().any(|(k, _)| k == name);
    let turn_seconds = if has("minutes") {
        speaker_queue::turn_limit("minutes", form.get("minutes"))
            .map_err(|_| AppError::BadRequest)?
    } else {
        current.turn_seconds
    };
    let agenda_item = if has("agenda_item") {
        match form.get("agenda_item") {
            "" => None,
            index => Some(
                index
                    .parse::<u32>()
                    .ok()
                    .filter(|i| (*i as usize) < loaded.meeting.agenda.len())
                    .ok_or(AppError::BadRequest)?,
            ),
        }
    } else {
        current.agenda_item
    };
    let new = QueueSettings {
        turn_seconds,
        agenda_item,
    };
    let actor = ctx.actor();
    state
        .store
        .set_queue_settings(actor, loaded.meeting.id, new)
        .await?;
    state.live.refresh(&state, loaded.meeting.id).await?;
    back_to_live(&loaded)
}

/// A participant raises (`action=raise`) or lowers (`action=lower`) their own hand. Raising a
/// hand that is up, or lowering one that is not, changes nothing.
async fn hand(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, loaded.standing().speak())?;
    let me = loaded.me.as_ref().ok_or(AppError::Forbidden)?;
    match form.get("action") {
        "raise" => {
            let actor = ctx.actor();
            match state.store.raise_hand(actor, me, (state.clock)()).await {
                Ok(_) => state.live.refresh(&state, loaded.meeting.id).await?,
                Err(QueueWriteError::Refused(_)) => {}
                Err(QueueWriteError::Store(error)) => return Err(error.into()),
            }
        }
        "lower" => lower_hand(&state, &ctx, &loaded, me.id).await?,
        _ => return Err(AppError::BadRequest),
    }
    back_to_live(&loaded)
}

fn intervention_view(ctx: &Ctx, loaded: &Loaded) -> FormView {
    let mut form = FormView::new(
        ctx,
        "queue-write-title",
        format!("{}/interventions", loaded.href()),
        "queue-write-send",
    )
    .field_labelled(ctx, "text", "queue-write-text", FieldKind::TextArea, true);
    form.intro = Some(format!(
        "{} — {}",
        loaded.meeting.title,
        ctx.t("queue-write-intro")
    ));
    form
}

async fn intervention_form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, loaded.standing().write())?;
    let form = intervention_view(&ctx, &loaded);
    page(FormPage { ctx: ctx.0, form })
}

/// A remote participant's written intervention: it enters the meeting's record.
async fn intervene(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, loaded.standing().write())?;
    let (Some(user), Some(me)) = (&ctx.user, &loaded.me) else {
        return Err(AppError::Forbidden);
    };
    if !state.may_write_intervention(user.id) {
        return Err(AppError::RateLimited);
    }
    let item = state
        .store
        .queue(loaded.meeting.id)
        .await?
        .settings
        .agenda_item;
    match Intervention::written(me, form.get("text"), item, (state.clock)()) {
        Ok(written) => {
            state
                .store
                .write_intervention(Some(user.id), &written)
                .await?;
            state.live.refresh(&state, loaded.meeting.id).await?;
            back_to_live(&loaded)
        }
        Err(errors) => {
            crate::pages::rejected(&ctx, intervention_view(&ctx, &loaded), &form, &errors)
        }
    }
}
