//! Agora's web front: server-rendered pages (askama, escaped by default, working without
//! JavaScript), the JSON API under `/api/v1` with its OpenAPI document, sign-in and roles,
//! and the interface in the six UN languages.
//!
//! A request flows: `ctx::context` middleware (language, session, CSRF cookie) → handler
//! (extract, validate with `agora-core`, authorise with `Grants::permits`, call `agora-store`)
//! → template or JSON → the middleware renders bare errors and adds security headers.

pub mod api;
mod auth;
mod chart;
mod ctx;
mod error;
pub mod exports;
mod form;
mod i18n;
mod ics;
mod importing;
mod live;
pub mod mail;
pub mod opinion;
mod pages;
pub mod search;
mod session;
pub mod synthesis;
pub mod transcripts;
mod upload;

use std::sync::Arc;

use agora_store::Store;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;

pub use auth::{hash_password, hash_token, new_token};
pub use i18n::Lang;

/// Settings a deployment chooses.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` (set this when served over HTTPS).
    pub secure_cookies: bool,
    /// Largest request body accepted, in bytes; larger ones get 413.
    pub body_limit: usize,
    /// Largest file upload accepted (a bulk import of answers), in bytes, the whole
    /// `multipart/form-data` body counted; larger ones get 413. Uploads alone get this much:
    /// every other route keeps `body_limit`.
    pub upload_limit: usize,
    /// Sign-in and sign-up attempts allowed per client address and minute.
    pub auth_attempts_per_minute: u32,
    /// Answer sheets one account may save (draft or submit) per minute.
    pub submissions_per_account_per_minute: u32,
    /// Answer sheets saved per client address and minute (generous: many people may share
    /// one address behind a NAT or a meeting's Wi-Fi).
    pub submissions_per_address_per_minute: u32,
    /// Reports of falsely attributed answers per client address and minute.
    pub reports_per_address_per_minute: u32,
    /// Written interventions one participant may post per minute in a live meeting.
    pub interventions_per_account_per_minute: u32,
    /// Receipts and reminders: the SMTP server, or off (messages go to the log).
    pub mail: mail::MailConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secure_cookies: false,
            body_limit: 256 * 1024,
            upload_limit: 64 * 1024 * 1024,
            auth_attempts_per_minute: 10,
            submissions_per_account_per_minute: 30,
            submissions_per_address_per_minute: 1200,
            reports_per_address_per_minute: 5,
            interventions_per_account_per_minute: 6,
            mail: mail::MailConfig::default(),
        }
    }
}

/// The clock, injected so that deadlines can be tested at the boundary second.
pub type Clock = Arc<dyn Fn() -> jiff::Timestamp + Send + Sync>;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub clock: Clock,
    limiter: Arc<auth::Throttle<std::net::IpAddr>>,
    submissions_by_account: Arc<auth::Throttle<uuid::Uuid>>,
    submissions_by_address: Arc<auth::Throttle<std::net::IpAddr>>,
    reports_by_address: Arc<auth::Throttle<std::net::IpAddr>>,
    interventions_by_account: Arc<auth::Throttle<uuid::Uuid>>,
    /// The live speaker queues watched on this instance.
    live: Arc<live::LiveQueues>,
    /// Wakes the mail worker when a message is queued.
    outbox: Arc<tokio::sync::Notify>,
    /// The search index (public records only). In memory and empty unless
    /// [`AppState::with_search`] gives the one an indexer keeps.
    pub search: agora_search::SearchIndex,
    /// Wakes the search indexer after a write through this server (it also polls).
    pub search_changed: Arc<tokio::sync::Notify>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> Self {
        Self::with_clock(store, config, Arc::new(jiff::Timestamp::now))
    }

    pub fn with_clock(store: Store, config: Config, clock: Clock) -> Self {
        AppState {
            store,
            limiter: Arc::new(auth::Throttle::per_minute(config.auth_attempts_per_minute)),
            submissions_by_account: Arc::new(auth::Throttle::per_minute(
                config.submissions_per_account_per_minute,
            )),
            submissions_by_address: Arc::new(auth::Throttle::per_minute(
                config.submissions_per_address_per_minute,
            )),
            reports_by_address: Arc::new(auth::Throttle::per_minute(
                config.reports_per_address_per_minute,
            )),
            interventions_by_account: Arc::new(auth::Throttle::per_minute(
                config.interventions_per_account_per_minute,
            )),
            live: Default::default(),
            config: Arc::new(config),
            clock,
            outbox: Default::default(),
            search: agora_search::SearchIndex::in_memory(),
            search_changed: Default::default(),
        }
    }

    /// Serves searches from `index`.
    pub fn with_search(self, index: agora_search::SearchIndex) -> Self {
        AppState {
            search: index,
            ..self
        }
    }

    /// Ends the live queues' event streams: call it when the server starts shutting down, so
    /// that a graceful shutdown does not wait for pages that would watch for ever.
    pub fn end_live_streams(&self) {
        self.live.close();
    }

    /// Tells the mail worker that a message is waiting (it also looks now and then).
    pub(crate) fn mail_queued(&self) {
        self.outbox.notify_one();
    }

    /// Whether this account, from this address, may save an answer sheet now (counts the try).
    pub(crate) fn may_save_answers(&self, account: uuid::Uuid, address: std::net::IpAddr) -> bool {
        self.submissions_by_account.allow(&account) && self.submissions_by_address.allow(&address)
    }

    /// Whether this account may post a written intervention now (counts the try).
    pub(crate) fn may_write_intervention(&self, account: uuid::Uuid) -> bool {
        self.interventions_by_account.allow(&account)
    }

    /// Whether this address may report a sheet now (counts the try).
    pub(crate) fn may_report(&self, address: std::net::IpAddr) -> bool {
        self.reports_by_address.allow(&address)
    }
}

/// The whole application: pages, API, assets, fallback, middleware.
pub fn router(state: AppState) -> Router {
    let body_limit = state.config.body_limit;
    Router::new()
        .merge(pages::routes())
        .nest(api::PREFIX, api::routes())
        .route("/assets/agora.css", get(pages::stylesheet))
        .route(pages::QUEUE_SCRIPT, get(pages::queue_script))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ctx::context,
        ))
        .layer(DefaultBodyLimit::max(body_limit))
        // One span per request (method, path, status, latency): `AGORA_LOG=tower_http=debug`.
        .layer(tower_http::trace::TraceLayer::new_for_http())
        // Outside the middleware: a probe has no session, language or CSRF cookie.
        .route("/healthz", get(health))
        .with_state(state)
}

/// 200 when the database answers, 503 otherwise: for load balancers and orchestrators.
async fn health(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (axum::http::StatusCode, &'static str) {
    match state.store.ping().await {
        Ok(()) => (axum::http::StatusCode::OK, "ok\n"),
        Err(error) => {
            tracing::warn!(%error, "health check failed");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable\n",
            )
        }
    }
}
