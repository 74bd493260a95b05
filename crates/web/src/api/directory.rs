//! The directory: organisations and people.

use agora_core::auth::Action;
use agora_core::directory::{OrganisationDraft, PersonDraft};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;

use super::dto::{self, NewOrganisation, NewPerson, Page};
use super::problem::{ApiResult, BadBody, BadQuery, Guarded, NotFound};
use super::request::{ApiJson, PageQuery, created};
use crate::AppState;
use crate::ctx::CtxExt;
use crate::error::AppError;
use crate::pages::require;

/// Organisations, by name.
#[utoipa::path(
    get,
    operation_id = "listOrganisations",
    path = "/api/v1/organisations",
    tag = "directory",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of organisations", body = Page<dto::Organisation>),
        BadQuery,
    ),
)]
pub async fn organisations(
    State(state): State<AppState>,
    Query(page): Query<PageQuery>,
) -> ApiResult {
    let found = state.store.organisations(&page.request()?).await?;
    Ok(Json(Page::<dto::Organisation>::from_store(found)).into_response())
}

/// One organisation.
#[utoipa::path(
    get,
    operation_id = "getOrganisation",
    path = "/api/v1/organisations/{id}",
    tag = "directory",
    params(("id" = uuid::Uuid, Path, description = "The organisation's id")),
    responses((status = 200, description = "The organisation", body = dto::Organisation), NotFound),
)]
pub async fn organisation(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let found = state
        .store
        .organisation(super::parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(dto::Organisation::from(found)).into_response())
}

/// Adds an organisation (secretariat).
#[utoipa::path(
    post,
    operation_id = "createOrganisation",
    path = "/api/v1/organisations",
    tag = "directory",
    request_body = NewOrganisation,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = dto::Organisation,
            headers(("Location" = String, description = "The new organisation"))),
        Guarded,
        BadBody,
    ),
)]
pub async fn create_organisation(
    State(state): State<AppState>,
    ctx: CtxExt,
    ApiJson(input): ApiJson<NewOrganisation>,
) -> ApiResult {
    require(&ctx, Action::ManageDirectory)?;
    let groups = state.store.stakeholder_groups().await?;
    let org = OrganisationDraft::from(input).validate(&groups)?;
    state.store.create(ctx.actor(), &org).await?;
    let location = format!("{}/organisations/{}", super::PREFIX, org.id);
    Ok(created(&location, dto::Organisation::from(org)))
}

/// People, by name.
#[utoipa::path(
    get,
    operation_id = "listPeople",
    path = "/api/v1/people",
    tag = "directory",
    params(PageQuery),
    responses((status = 200, description = "A page of people", body = Page<dto::Person>), BadQuery),
)]
pub async fn people(State(state): State<AppState>, Query(page): Query<PageQuery>) -> ApiResult {
    let found = state.store.people(&page.request()?).await?;
    Ok(Json(Page::<dto::Person>::from_store(found)).into_response())
}

/// One person.
#[utoipa::path(
    get,
    operation_id = "getPerson",
    path = "/api/v1/people/{id}",
    tag = "directory",
    params(("id" = uuid::Uuid, Path, description = "The person's id")),
    responses((status = 200, description = "The person", body = dto::Person), NotFound),
)]
pub async fn person(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let found = state
        .store
        .person(super::parse_id(&id)?)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(dto::Person::from(found)).into_response())
}

/// Adds a person (secretariat).
#[utoipa::path(
    post,
    operation_id = "createPerson",
    path = "/api/v1/people",
    tag = "directory",
    request_body = NewPerson,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 201, description = "Created", body = dto::Person,
            headers(("Location" = String, description = "The new person"))),
        Guarded,
        BadBody,
    ),
)]
pub async fn create_person(
    State(state): State<AppState>,
    ctx: CtxExt,
    ApiJson(input): ApiJson<NewPerson>,
) -> ApiResult {
    require(&ctx, Action::ManageDirectory)?;
    let groups = state.store.stakeholder_groups().await?;
    let person = PersonDraft::from(input).validate(&groups)?;
    state.store.create(ctx.actor(), &person).await?;
    let location = format!("{}/people/{}", super::PREFIX, person.id);
    Ok(created(&location, dto::Person::from(person)))
}
