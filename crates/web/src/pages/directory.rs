//! The directory: organisations and people, with their stakeholder group and place.

use agora_core::auth::Action;
use agora_core::directory::{Organisation, OrganisationDraft, Person, PersonDraft};
use agora_store::PageRequest;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;

use super::{
    CsrfForm, FormPage, Paging, group_options, page, parse_id, region_options, require,
    save_or_explain,
};
use crate::AppState;
use crate::ctx::{Ctx, CtxExt};
use crate::error::{AppError, AppResult};
use crate::form::{FieldKind, FormView};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/organisations",
            get(organisations).post(create_organisation),
        )
        .route("/organisations/new", get(new_organisation))
        .route("/organisations/{id}", get(show_organisation))
        .route("/people", get(people).post(create_person))
        .route("/people/new", get(new_person))
        .route("/people/{id}", get(show_person))
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct OrganisationsPage {
    ctx: Ctx,
    organisations: Vec<Organisation>,
    next: Option<String>,
}

async fn organisations(
    State(state): State<AppState>,
    ctx: CtxExt,
    Query(paging): Query<Paging>,
) -> AppResult {
    let found = state.store.organisations(&paging.request()?).await?;
    page(OrganisationsPage {
        ctx: ctx.0,
        organisations: found.items,
        next: found.next.map(|c| c.encode()),
    })
}

#[derive(Template)]
#[template(path = "organisation.html")]
struct OrganisationPage {
    ctx: Ctx,
    organisation: Organisation,
    members: Vec<Person>,
}

async fn show_organisation(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let id = parse_id(&id)?;
    let organisation = state
        .store
        .organisation(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let members = state.store.members_of(id).await?;
    page(OrganisationPage {
        ctx: ctx.0,
        organisation,
        members,
    })
}

async fn organisation_form_view(state: &AppState, ctx: &Ctx) -> Result<FormView, AppError> {
    Ok(FormView::new(
        ctx,
        "organisation-new-title",
        "/organisations",
        "action-create",
    )
    .field(ctx, "name", FieldKind::Text, true)
    .field(ctx, "acronym", FieldKind::Text, false)
    .field(
        ctx,
        "stakeholder_group",
        FieldKind::Select(group_options(state, ctx).await?),
        true,
    )
    .field(ctx, "country", FieldKind::Text, false)
    .field(ctx, "website", FieldKind::Url, false))
}

async fn new_organisation(State(state): State<AppState>, ctx: CtxExt) -> AppResult {
    require(&ctx, Action::ManageDirectory)?;
    let form = organisation_form_view(&state, &ctx).await?;
    page(FormPage { ctx: ctx.0, form })
}

async fn create_organisation(
    State(state): State<AppState>,
    ctx: CtxExt,
    form: CsrfForm,
) -> AppResult {
    require(&ctx, Action::ManageDirectory)?;
    let draft: OrganisationDraft = form.parse()?;
    let groups = state.store.stakeholder_groups().await?;
    let redirect = |org: &Organisation| format!("/organisations/{}", org.id);
    let view = organisation_form_view(&state, &ctx);
    save_or_explain(&state, &ctx, &form, draft.validate(&groups), redirect, view).await
}

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage {
    ctx: Ctx,
    people: Vec<Person>,
    next: Option<String>,
}

async fn people(
    State(state): State<AppState>,
    ctx: CtxExt,
    Query(paging): Query<Paging>,
) -> AppResult {
    let found = state.store.people(&paging.request()?).await?;
    page(PeoplePage {
        ctx: ctx.0,
        people: found.items,
        next: found.next.map(|c| c.encode()),
    })
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage {
    ctx: Ctx,
    person: Person,
    organisation: Option<Organisation>,
}

async fn show_person(
    State(state): State<AppState>,
    ctx: CtxExt,
    Path(id): Path<String>,
) -> AppResult {
    let person = state
        .store
        .person(parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let organisation = match person.organisation_id {
        Some(id) => state.store.organisation(id).await?,
        None => None,
    };
    page(PersonPage {
        ctx: ctx.0,
        person,
        organisation,
    })
}

async fn person_form_view(state: &AppState, ctx: &Ctx) -> Result<FormView, AppError> {
    let mut organisations = vec![(String::new(), ctx.t("option-none"))];
    organisations.extend(
        state
            .store
            .organisations(&PageRequest::first(agora_store::MAX_LIMIT))
            .await?
            .items
            .into_iter()
            .map(|o| (o.id.to_string(), o.name)),
    );
    let regions = region_options(ctx);
    Ok(
        FormView::new(ctx, "person-new-title", "/people", "action-create")
            .field(ctx, "name", FieldKind::Text, true)
            .field(
                ctx,
                "organisation_id",
                FieldKind::Select(organisations),
                false,
            )
            .field(ctx, "affiliation", FieldKind::Text, false)
            .field(
                ctx,
                "stakeholder_group",
                FieldKind::Select(group_options(state, ctx).await?),
                true,
            )
            .field(ctx, "country", FieldKind::Text, false)
            .field(ctx, "region", FieldKind::Select(regions), false)
            .field(ctx, "languages", FieldKind::Text, false)
            .field(ctx, "gender", FieldKind::Text, false),
    )
}

async fn new_person(State(state): State<AppState>, ctx: CtxExt) -> AppResult {
    require(&ctx, Action::ManageDirectory)?;
    let form = person_form_view(&state, &ctx).await?;
    page(FormPage { ctx: ctx.0, form })
}

async fn create_person(State(state): State<AppState>, ctx: CtxExt, form: CsrfForm) -> AppResult {
    require(&ctx, Action::ManageDirectory)?;
    let draft: PersonDraft = form.parse()?;
    let groups = state.store.stakeholder_groups().await?;
    let redirect = |person: &Person| format!("/people/{}", person.id);
    let view = person_form_view(&state, &ctx);
    save_or_explain(&state, &ctx, &form, draft.validate(&groups), redirect, view).await
}
