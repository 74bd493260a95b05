//! A meeting's participants: the secretariat adds (optionally picking a person from the
//! directory, whose name, group and gender fill what was left blank), edits and removes them;
//! a signed-in person joins by themselves, in the room or remote, and leaves.

use agora_core::auth::Action;
use agora_core::meeting::{Participant, ParticipantDraft, Role};
use agora_store::PageRequest;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use uuid::Uuid;

use super::{Loaded, load};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{FieldKind, FormView};
use crate::pages::{CsrfForm, FormPage, group_options, page, parse_id, require};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/meetings/{id}/participants", post(add))
        .route("/meetings/{id}/participants/new", get(new_form))
        .route(
            "/meetings/{id}/participants/{participant}/edit",
            get(edit_form).post(update),
        )
        .route(
            "/meetings/{id}/participants/{participant}/remove",
            post(remove),
        )
        .route("/meetings/{id}/join", get(join_form).post(join))
        .route("/meetings/{id}/leave", post(leave))
}

fn role_options(ctx: &Ctx) -> Vec<(String, String)> {
    Role::ALL
        .iter()
        .map(|r| (r.code().to_owned(), ctx.tp("meeting-role-", r.code())))
        .collect()
}

/// The secretariat's participant form, blank or filled with `current`.
async fn participant_form(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    current: Option<&Participant>,
) -> Result<FormView, AppError> {
    let mut people = vec![(String::new(), ctx.t("option-none"))];
    people.extend(
        state
            .store
            .people(&PageRequest::first(agora_store::MAX_LIMIT))
            .await?
            .items
            .into_iter()
            .map(|p| (p.id.to_string(), p.name)),
    );
    let form = match current {
        None => FormView::new(
            ctx,
            "meeting-participant-add",
            format!("{}/participants", loaded.href()),
            "action-add",
        ),
        Some(p) => FormView::new(
            ctx,
            "meeting-participant-edit",
            format!("{}/participants/{}/edit", loaded.href(), p.id),
            "action-save",
        ),
    };
    let form = form
        .field(ctx, "person_id", FieldKind::Select(people), false)
        .field(ctx, "name", FieldKind::Text, false)
        .field(
            ctx,
            "stakeholder_group",
            FieldKind::Select(group_options(state, ctx).await?),
            false,
        )
        .field(ctx, "gender", FieldKind::Text, false)
        .field(ctx, "role", FieldKind::Select(role_options(ctx)), true)
        .field(ctx, "remote", FieldKind::Checkbox, false);
    Ok(match current {
        None => form,
        Some(p) => form.with_values(&[
            (
                "person_id".into(),
                p.person_id.map(|id| id.to_string()).unwrap_or_default(),
            ),
            ("name".into(), p.name.clone()),
            ("stakeholder_group".into(), p.stakeholder_group.clone()),
            ("gender".into(), p.gender.clone().unwrap_or_default()),
            ("role".into(), p.role.code().into()),
            ("remote".into(), if p.remote { "on" } else { "" }.to_owned()),
        ]),
    })
}

/// The submitted participant form as a draft, its blanks filled from the chosen person.
async fn draft_of(state: &AppState, form: &CsrfForm) -> Result<ParticipantDraft, AppError> {
    let mut draft: ParticipantDraft = form.parse_with_boxes(&["remote"])?;
    fill_from_person(state, &mut draft).await?;
    Ok(draft)
}

/// Fills the name, group and gender left blank from the directory's person `person_id`, if
/// it names one (a `person_id` that names nothing is left for validation to refuse).
pub(crate) async fn fill_from_person(
    state: &AppState,
    draft: &mut ParticipantDraft,
) -> Result<(), AppError> {
    if let Ok(id) = Uuid::parse_str(draft.person_id.trim())
        && let Some(person) = state.store.person(id).await?
    {
        if draft.name.trim().is_empty() {
            draft.name = person.name;
        }
        if draft.stakeholder_group.trim().is_empty() {
            draft.stakeholder_group = person.stakeholder_group;
        }
        if draft.gender.trim().is_empty() {
            draft.gender = person.gender.unwrap_or_default();
        }
    }
    Ok(())
}

async fn new_form(State(state): State<AppState>, ctx: CtxExt, Path(id): Path<String>) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let form = participant_form(&state, &ctx, &loaded, None).await?;
    page(FormPage { ctx: ctx.0, form })
}

async fn add(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let groups = state.store.stakeholder_groups().await?;
    let validated = draft_of(&state, &form)
        .await?
        .validate(&loaded.meeting, &groups);
    let href = loaded.href();
    let view = participant_form(&state, &ctx, &loaded, None);
    crate::pages::save_or_explain(&state, &ctx, &form, validated, |_| href, view).await
}

/// The participant named in the path, who must belong to the meeting.
async fn participant_of(
    state: &AppState,
    loaded: &Loaded,
    id: &str,
) -> Result<Participant, AppError> {
    state
        .store
        .participant(parse_id(id)?)
        .await?
        .filter(|p| p.meeting_id == loaded.meeting.id)
        .ok_or(AppError::NotFound)
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, participant)): Path<(String, String)>,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let current = participant_of(&state, &loaded, &participant).await?;
    let form = participant_form(&state, &ctx, &loaded, Some(&current)).await?;
    page(FormPage { ctx: ctx.0, form })
}

async fn update(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, participant)): Path<(String, String)>,
    form: CsrfForm,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let current = participant_of(&state, &loaded, &participant).await?;
    let groups = state.store.stakeholder_groups().await?;
    let errors = match draft_of(&state, &form)
        .await?
        .validate(&loaded.meeting, &groups)
    {
        Ok(revised) => {
            // The same participant, account included: only what the form says changes.
            let revised = Participant {
                id: current.id,
                user_id: current.user_id,
                ..revised
            };
            match state.store.update_participant(ctx.actor(), &revised).await {
                Ok(()) => return Ok(Redirect::to(&loaded.href()).into_response()),
                Err(refused) => crate::pages::field_error(refused)?,
            }
        }
        Err(errors) => errors,
    };
    let view = participant_form(&state, &ctx, &loaded, Some(&current)).await?;
    crate::pages::rejected(&ctx, view, &form, &errors)
}

/// Lowers the participant's hand if it is up, then removes them from the meeting: a hand
/// without a person would wait in the line for ever.
pub(crate) async fn take_out(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    participant: &Participant,
) -> Result<(), AppError> {
    super::queue::lower_hand(state, ctx, loaded, participant.id).await?;
    let actor = ctx.actor();
    state
        .store
        .remove_participant(actor, participant.id)
        .await?;
    state.live.refresh(state, loaded.meeting.id).await
}

async fn remove(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path((id, participant)): Path<(String, String)>,
    _form: CsrfForm,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::ManageProcess(loaded.process.id))?;
    let current = participant_of(&state, &loaded, &participant).await?;
    take_out(&state, &ctx, &loaded, &current).await?;
    Ok(Redirect::to(&loaded.href()).into_response())
}

/// Joining: the person's stakeholder group, in the room or remote, an optional gender.
async fn join_view(state: &AppState, ctx: &Ctx, loaded: &Loaded) -> Result<FormView, AppError> {
    let places = vec![
        ("room".to_owned(), ctx.t("meeting-in-the-room")),
        ("remote".to_owned(), ctx.t("meeting-remote")),
    ];
    let mut form = FormView::new(
        ctx,
        "meeting-join",
        format!("{}/join", loaded.href()),
        "meeting-join",
    )
    .field(
        ctx,
        "stakeholder_group",
        FieldKind::Select(group_options(state, ctx).await?),
        true,
    )
    .field_labelled(
        ctx,
        "place",
        "meeting-where",
        FieldKind::Radio(places),
        true,
    )
    .field(ctx, "gender", FieldKind::Text, false)
    .with_values(&[("place".into(), "room".into())]);
    form.intro = Some(format!(
        "{} — {}",
        loaded.meeting.title,
        ctx.t("meeting-join-intro")
    ));
    Ok(form)
}

async fn join_form(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::JoinMeeting)?;
    if loaded.me.is_some() {
        return Ok(Redirect::to(&format!("{}/live", loaded.href())).into_response());
    }
    let form = join_view(&state, &ctx, &loaded).await?;
    page(FormPage { ctx: ctx.0, form })
}

async fn join(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    form: CsrfForm,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, Action::JoinMeeting)?;
    let (Some(user), None) = (&ctx.user, &loaded.me) else {
        // Joined already: the live page is where a participant goes.
        return Ok(Redirect::to(&format!("{}/live", loaded.href())).into_response());
    };
    let draft = ParticipantDraft {
        name: user.display_name.clone(),
        stakeholder_group: form.get("stakeholder_group").to_owned(),
        gender: form.get("gender").to_owned(),
        remote: form.get("place") == "remote",
        ..Default::default()
    };
    let mut errors = agora_core::ValidationErrors::new();
    if !matches!(form.get("place"), "room" | "remote") {
        errors.push("place", agora_core::ErrorCode::InvalidChoice);
    }
    let groups = state.store.stakeholder_groups().await?;
    let validated = match draft.validate(&loaded.meeting, &groups) {
        Ok(participant) if errors.is_empty() => Ok(Participant {
            user_id: Some(user.id),
            ..participant
        }),
        Ok(_) => Err(errors),
        Err(mut found) => {
            found.0.extend(errors.0);
            Err(found)
        }
    };
    let live = format!("{}/live", loaded.href());
    let view = join_view(&state, &ctx, &loaded);
    crate::pages::save_or_explain(&state, &ctx, &form, validated, |_| live, view).await
}

async fn leave(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
    _form: CsrfForm,
) -> AppResult {
    let loaded = load(&state, &ctx, &id).await?;
    require(&ctx, loaded.standing().speak())?;
    if let Some(me) = &loaded.me {
        take_out(&state, &ctx, &loaded, me).await?;
    }
    Ok(Redirect::to(&loaded.href()).into_response())
}
