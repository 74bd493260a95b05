//! The JSON API under `/api/v1`, and its OpenAPI 3.1 document at `/api/v1/openapi.json`.
//!
//! Handlers follow the pages' pattern (validate with an `agora-core` draft, authorise with
//! `Grants::permits`, call `agora-store`) but speak JSON, and fail with RFC 9457 problem
//! documents (`problem.rs`). The router is built from one table of operations ([`operations`]):
//! the CSRF guard is attached there to every write, and the same table lets a test check that
//! the OpenAPI document describes exactly the routes that exist.

mod admin;
mod calendar;
mod consultations;
mod conversations;
mod directory;
pub(crate) mod dto;
mod exports;
mod glossary;
mod imports;
mod meetings;
mod problem;
mod processes;
mod proposals;
mod reports;
mod request;
mod reviews;
mod search;
mod session;

pub use search::{SearchResults, document as search_document};
mod synthesis;
mod timetable;
mod transcripts;
mod workspace;

use std::sync::LazyLock;

use axum::Router;
use axum::handler::Handler;
use axum::http::{Method, header};
use axum::response::IntoResponse;
use axum::routing::{MethodFilter, MethodRouter, on};
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use uuid::Uuid;

use crate::AppState;
use crate::auth::SESSION_COOKIE;
use crate::error::AppError;

/// Where `lib.rs` mounts the API; the paths in the `#[utoipa::path]` attributes repeat it,
/// since attributes cannot name a constant.
pub const PREFIX: &str = "/api/v1";

/// One route of the API.
struct Operation {
    method: Method,
    path: &'static str,
    route: MethodRouter<AppState>,
    /// Whether the CSRF guard runs before the handler. True for every non-safe method.
    csrf: bool,
}

fn op<H, T>(method: Method, path: &'static str, handler: H) -> Operation
where
    H: Handler<T, AppState>,
    T: 'static,
{
    let filter = MethodFilter::try_from(method.clone()).expect("a standard method");
    Operation {
        csrf: !method.is_safe(),
        method,
        path,
        route: on(filter, handler),
    }
}

impl Operation {
    /// The one write without the guard: sign-in is where a client gets its CSRF token.
    fn without_csrf(self) -> Self {
        Operation {
            csrf: false,
            ..self
        }
    }

    /// A write that takes a file: its body may be as large as `Config::upload_limit`, which
    /// the handler applies by reading it with `Upload::read`.
    fn upload(self) -> Self {
        Operation {
            route: crate::upload::upload_route(self.route),
            ..self
        }
    }
}

/// Every operation of the API. A route added here and not to [`ApiDoc`] fails the OpenAPI test.
fn operations() -> Vec<Operation> {
    use Method as M;
    vec![
        op(M::GET, "/openapi.json", openapi_json),
        op(M::GET, "/stakeholder-groups", processes::stakeholder_groups),
        op(M::GET, "/processes", processes::list),
        op(M::POST, "/processes", processes::create),
        op(M::GET, "/processes/{slug}", processes::show),
        op(M::PUT, "/processes/{slug}", processes::update),
        op(M::POST, "/processes/{slug}/phases", processes::add_phase),
        op(
            M::GET,
            "/processes/{slug}/consultations",
            consultations::list,
        ),
        op(
            M::POST,
            "/processes/{slug}/consultations",
            consultations::create,
        ),
        op(M::GET, "/processes/{slug}/meetings", meetings::list),
        op(M::POST, "/processes/{slug}/meetings", meetings::create),
        op(
            M::GET,
            "/processes/{slug}/conversations",
            conversations::list,
        ),
        op(M::GET, "/conversations", conversations::list_all),
        op(M::GET, "/conversations/{id}", conversations::show),
        op(
            M::POST,
            "/conversations/{id}/participants",
            conversations::join,
        ),
        op(M::GET, "/conversations/{id}/next", conversations::next),
        op(M::POST, "/conversations/{id}/votes", conversations::vote),
        op(
            M::POST,
            "/conversations/{id}/statements",
            conversations::write,
        ),
        op(M::GET, "/conversations/{id}/map", conversations::map),
        op(M::GET, "/calls", proposals::calls),
        op(M::GET, "/calls/{id}", proposals::call),
        op(M::PUT, "/calls/{id}", proposals::set_up_call),
        op(M::GET, "/proposals", proposals::all),
        op(M::GET, "/calls/{id}/proposals", proposals::list),
        op(M::POST, "/calls/{id}/proposals", proposals::create),
        op(M::GET, "/proposals/{id}", proposals::show),
        op(M::PUT, "/proposals/{id}", proposals::update),
        op(M::GET, "/calls/{id}/criteria", reviews::criteria),
        op(M::PUT, "/calls/{id}/criteria", reviews::publish_criteria),
        op(M::POST, "/calls/{id}/assignments", reviews::run_assignment),
        op(M::GET, "/reviews", reviews::mine),
        op(M::PUT, "/proposals/{id}/review", reviews::save_review),
        op(M::GET, "/calls/{id}/rankings", reviews::rankings),
        op(M::POST, "/calls/{id}/selection", reviews::run_selection),
        op(M::GET, "/calls/{id}/selection", reviews::last_selection),
        op(M::GET, "/calls/{id}/venue", timetable::show_venue),
        op(M::PUT, "/calls/{id}/venue", timetable::save_venue),
        op(M::GET, "/calls/{id}/timetable", timetable::show_timetable),
        op(M::POST, "/calls/{id}/timetable", timetable::generate),
        op(
            M::PUT,
            "/calls/{id}/timetable/sessions/{proposal_id}",
            timetable::move_session,
        ),
        op(M::POST, "/calls/{id}/timetable/publish", timetable::publish),
        op(M::GET, "/calls/{id}/programme", timetable::programme),
        op(M::GET, "/sessions", timetable::sessions),
        op(M::GET, "/sessions/{id}", timetable::session),
        op(M::PUT, "/calls/{id}/decisions", proposals::decide),
        op(M::GET, "/meetings", meetings::all),
        op(M::GET, "/meetings/{id}", meetings::show),
        op(M::PUT, "/meetings/{id}", meetings::update),
        op(
            M::GET,
            "/meetings/{id}/participants",
            meetings::participants,
        ),
        op(
            M::POST,
            "/meetings/{id}/participants",
            meetings::add_participant,
        ),
        op(
            M::PUT,
            "/meetings/{id}/participants/{pid}",
            meetings::update_participant,
        ),
        op(
            M::DELETE,
            "/meetings/{id}/participants/{pid}",
            meetings::remove_participant,
        ),
        op(M::GET, "/consultations", consultations::list_all),
        op(M::GET, "/consultations/{id}", consultations::show),
        op(
            M::POST,
            "/consultations/{id}/questions",
            consultations::add_question,
        ),
        op(
            M::GET,
            "/consultations/{id}/submission",
            consultations::own_submission,
        ),
        op(
            M::PUT,
            "/consultations/{id}/submission",
            consultations::save_submission,
        ),
        op(
            M::GET,
            "/consultations/{id}/answers",
            consultations::published,
        ),
        op(
            M::POST,
            "/consultations/{id}/late-windows",
            consultations::grant_late_window,
        ),
        op(
            M::GET,
            "/consultations/{id}/statistics",
            consultations::statistics,
        ),
        op(M::POST, "/consultations/{id}/imports", imports::import).upload(),
        op(M::GET, "/consultations/{id}/export", exports::export),
        op(M::GET, "/submissions", consultations::by_receipt),
        op(M::GET, "/consultations/{id}/workspace", workspace::list),
        op(M::PUT, "/submissions/{id}/moderation", workspace::moderate),
        op(
            M::DELETE,
            "/submissions/{id}/moderation",
            workspace::lift_moderation,
        ),
        op(M::PUT, "/submissions/{id}/tags/{tag}", workspace::tag),
        op(M::DELETE, "/submissions/{id}/tags/{tag}", workspace::untag),
        op(M::POST, "/submissions/{id}/reports", reports::report),
        op(M::GET, "/consultations/{id}/reports", reports::list),
        op(M::POST, "/reports/{id}/resolution", reports::resolve),
        op(M::POST, "/consultations/{id}/synthesis", synthesis::start),
        op(M::GET, "/consultations/{id}/synthesis", synthesis::show),
        op(
            M::PUT,
            "/consultations/{id}/synthesis/draft",
            synthesis::replace_draft,
        ),
        op(
            M::POST,
            "/consultations/{id}/synthesis/publish",
            synthesis::publish,
        ),
        op(M::POST, "/meetings/{id}/transcripts", transcripts::import).upload(),
        op(M::GET, "/meetings/{id}/transcripts", transcripts::list),
        op(M::GET, "/transcripts", transcripts::all),
        op(M::GET, "/transcripts/{id}", transcripts::show),
        op(M::GET, "/meetings/{id}/statistics", transcripts::statistics),
        op(M::GET, "/events", calendar::list),
        op(M::POST, "/events", calendar::create),
        op(M::GET, "/events/{id}", calendar::show),
        op(M::GET, "/search", search::search),
        op(M::GET, "/glossary", glossary::list),
        op(M::POST, "/glossary", glossary::create),
        op(M::GET, "/glossary/{id}", glossary::show),
        op(M::GET, "/organisations", directory::organisations),
        op(M::POST, "/organisations", directory::create_organisation),
        op(M::GET, "/organisations/{id}", directory::organisation),
        op(M::GET, "/people", directory::people),
        op(M::POST, "/people", directory::create_person),
        op(M::GET, "/people/{id}", directory::person),
        op(M::POST, "/session", session::sign_in).without_csrf(),
        op(M::GET, "/session", session::show),
        op(M::DELETE, "/session", session::sign_out),
        op(M::GET, "/users", admin::users),
        op(M::POST, "/users/{id}/grants", admin::grant),
        op(M::DELETE, "/grants/{id}", admin::revoke),
        op(M::GET, "/audit", admin::audit),
    ]
}

pub fn routes() -> Router<AppState> {
    operations()
        .into_iter()
        .fold(Router::new(), |router, operation| {
            let route = if operation.csrf {
                operation
                    .route
                    .route_layer(axum::middleware::from_fn(request::require_csrf))
            } else {
                operation.route
            };
            router.route(operation.path, route)
        })
        .layer(axum::middleware::from_fn(problem::render_invalid))
}

/// `(method, full path)` of every API route, for checking the OpenAPI document against.
pub fn route_table() -> Vec<(Method, String)> {
    operations()
        .into_iter()
        .map(|op| (op.method, format!("{PREFIX}{}", op.path)))
        .collect()
}

/// Ids in paths are UUIDs; anything else names nothing.
fn parse_id(id: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(id).map_err(|_| AppError::NotFound)
}

/// Declares the two API keys the operations' `security` refers to: the session cookie, and the
/// CSRF header that every write adds to it.
struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                "The session cookie set by `POST /api/v1/session`.",
            ))),
        );
        components.add_security_scheme(
            "csrf",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-CSRF-Token",
                "The `csrf_token` of `POST` or `GET /api/v1/session`; required on every write \
                 except signing in.",
            ))),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Agora API",
        description = "Multistakeholder Internet-governance processes: processes and their \
                       phases, consultations and their answers, the shared calendar, the \
                       glossary, the directory of organisations and people, accounts and roles. \
                       Errors are RFC 9457 problem documents in the language of \
                       `Accept-Language` or `?lang=`."
    ),
    paths(
        openapi_json,
        processes::stakeholder_groups,
        processes::list,
        processes::create,
        processes::show,
        processes::update,
        processes::add_phase,
        consultations::list,
        consultations::create,
        conversations::list,
        conversations::list_all,
        conversations::show,
        conversations::join,
        conversations::next,
        conversations::vote,
        conversations::write,
        conversations::map,
        proposals::calls,
        proposals::call,
        proposals::set_up_call,
        proposals::all,
        proposals::list,
        proposals::create,
        proposals::show,
        proposals::update,
        reviews::criteria,
        reviews::publish_criteria,
        reviews::run_assignment,
        reviews::mine,
        reviews::save_review,
        reviews::rankings,
        reviews::run_selection,
        reviews::last_selection,
        timetable::show_venue,
        timetable::save_venue,
        timetable::show_timetable,
        timetable::generate,
        timetable::move_session,
        timetable::publish,
        timetable::programme,
        timetable::sessions,
        timetable::session,
        proposals::decide,
        meetings::all,
        meetings::list,
        meetings::create,
        meetings::show,
        meetings::update,
        meetings::participants,
        meetings::add_participant,
        meetings::update_participant,
        meetings::remove_participant,
        consultations::list_all,
        consultations::show,
        consultations::add_question,
        consultations::own_submission,
        consultations::save_submission,
        consultations::published,
        consultations::grant_late_window,
        consultations::statistics,
        imports::import,
        consultations::by_receipt,
        workspace::list,
        workspace::moderate,
        workspace::lift_moderation,
        workspace::tag,
        workspace::untag,
        reports::report,
        reports::list,
        reports::resolve,
        exports::export,
        synthesis::start,
        synthesis::show,
        synthesis::replace_draft,
        synthesis::publish,
        transcripts::import,
        transcripts::list,
        transcripts::all,
        transcripts::show,
        transcripts::statistics,
        calendar::list,
        calendar::create,
        calendar::show,
        search::search,
        glossary::list,
        glossary::create,
        glossary::show,
        directory::organisations,
        directory::create_organisation,
        directory::organisation,
        directory::people,
        directory::create_person,
        directory::person,
        session::sign_in,
        session::show,
        session::sign_out,
        admin::users,
        admin::grant,
        admin::revoke,
        admin::audit,
    ),
    components(schemas(
        problem::Problem,
        problem::FieldProblem,
        problem::TimingProblem,
        problem::ImportProblem,
        problem::ImportFault,
    )),
    modifiers(&SecuritySchemes),
    tags(
        (name = "processes", description = "Processes, their seats and phases"),
        (name = "consultations", description = "Consultations: questionnaires, one answer \
                                                sheet per person, published answers"),
        (name = "workspace", description = "The secretariat's workspace: every sheet of a \
                                            consultation, filters, counts, moderation, tags"),
        (name = "synthesis", description = "A closed consultation's synthesis: the engine's \
                                            run, the secretariat's draft, the published text"),
        (name = "meetings", description = "Meetings of a process: time, place or link, agenda, \
                                           interpretation languages, participants; their \
                                           transcripts, and who spoke how much"),
        (name = "conversations", description = "Conversations: statements voted on one at a \
                                                time, their moderation, and the opinion map with \
                                                its stakeholder groups"),
        (name = "proposals", description = "Calls for proposals: session proposals with their \
                                            organisers and speakers, and the screening each \
                                            fails"),
        (name = "reviews", description = "Review of proposals: published criteria, the \
                                          automatic assignment, reviews (never public), \
                                          rankings and the balanced selection"),
        (name = "timetable", description = "The venue and timetable of a call for proposals: \
                                            generation, moves with their conflicts, \
                                            publication, and the published programme"),
        (name = "calendar", description = "The shared calendar"),
        (name = "glossary", description = "Acronyms and their expansions"),
        (name = "search", description = "Full-text search over transcripts, consultation \
                                         answers, documents and the glossary"),
        (name = "directory", description = "Organisations and people"),
        (name = "session", description = "Signing in and out"),
        (name = "admin", description = "Accounts, roles and the audit log (admins)"),
        (name = "meta", description = "This document"),
    ),
)]
pub struct ApiDoc;

/// Serialised once: the document does not change while the server runs.
static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    ApiDoc::openapi()
        .to_json()
        .expect("the OpenAPI document serialises")
});

/// This document.
#[utoipa::path(
    get,
    operation_id = "getOpenApiDocument",
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object)),
)]
async fn openapi_json() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.as_str(),
    )
}
