//! The request context: language, signed-in account and its grants, the CSRF token. One
//! middleware builds it before every handler and, after the handler, sets the cookies it needs,
//! adds security headers, and turns bare error statuses into pages or problem documents in the
//! user's language (see `error.rs`).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use agora_core::auth::{Action, Grants};
use agora_store::User;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;
use crate::auth::{CSRF_COOKIE, SESSION_COOKIE, hash_token, new_token};
use crate::i18n::Lang;

pub const LANG_COOKIE: &str = "agora_lang";

#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<User>,
    pub grants: Arc<Grants>,
    /// The double-submit token: equal to the CSRF cookie, echoed by every form and API write.
    pub csrf: String,
    /// The path and query of this request without `lang`, for the language switcher.
    path_and_query: String,
    pub client_ip: IpAddr,
}

impl Ctx {
    /// The account a write is audited under (`None` for the system, e.g. a visitor's action
    /// that no account takes).
    pub fn actor(&self) -> Option<uuid::Uuid> {
        self.user.as_ref().map(|u| u.id)
    }

    pub fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }

    /// The message `<prefix><key>`, e.g. `tp("group-", "civil-society")`.
    pub fn tp(&self, prefix: &str, key: &str) -> String {
        self.lang.t(&format!("{prefix}{key}"))
    }

    /// A stakeholder group's name. Deployments may add groups of their own (`agora admin
    /// groups --add`); those without a translated name show their code.
    pub fn group(&self, code: &str) -> String {
        let id = format!("group-{code}");
        if self.lang.has(&id) {
            self.lang.t(&id)
        } else {
            code.to_owned()
        }
    }

    pub fn permits(&self, action: Action) -> bool {
        self.grants.permits(action)
    }

    /// Whether the account runs this process (templates cannot build an `Action` from a field).
    pub fn may_manage(&self, process: &uuid::Uuid) -> bool {
        self.permits(Action::ManageProcess(*process))
    }

    pub fn is_admin(&self) -> bool {
        self.grants.is_admin()
    }

    /// This page in another language.
    pub fn href_in(&self, lang: &Lang) -> String {
        let separator = if self.path_and_query.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{}{separator}lang={}", self.path_and_query, lang.code())
    }

    pub fn languages(&self) -> Vec<Lang> {
        Lang::all().collect()
    }

    /// The main navigation: (href, label, is the current section).
    pub fn nav(&self) -> Vec<(&'static str, String, bool)> {
        let path = self.current_path();
        let mut items = vec![
            ("/", "nav-home"),
            ("/processes", "nav-processes"),
            ("/calendar", "nav-calendar"),
            ("/glossary", "nav-glossary"),
            ("/organisations", "nav-organisations"),
            ("/people", "nav-people"),
            ("/search", "nav-search"),
        ];
        if self.is_admin() {
            items.push(("/admin", "nav-admin"));
        }
        items
            .into_iter()
            .map(|(href, id)| {
                let current = if href == "/" {
                    path == "/"
                } else {
                    path.starts_with(href)
                };
                (href, self.t(id), current)
            })
            .collect()
    }

    pub fn current_path(&self) -> &str {
        self.path_and_query.split('?').next().unwrap_or("/")
    }
}

/// Reads one cookie from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

fn query_param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn without_param(path: &str, query: Option<&str>, name: &str) -> String {
    let kept: Vec<&str> = query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(name))
        .collect();
    if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// A `Set-Cookie` value with the attributes every Agora cookie has.
pub fn set_cookie(
    state: &AppState,
    name: &str,
    value: &str,
    max_age_secs: i64,
    http_only: bool,
) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; Max-Age={max_age_secs}; SameSite=Lax");
    if http_only {
        cookie.push_str("; HttpOnly");
    }
    if state.config.secure_cookies {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).expect("cookie values are ASCII tokens")
}

pub async fn context(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let headers = request.headers();
    let uri = request.uri().clone();
    let query = uri.query();
    let chosen = query
        .and_then(|q| query_param(q, "lang"))
        .and_then(Lang::from_tag);
    let lang = chosen
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(Lang::from_tag))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
        })
        .unwrap_or(Lang::EN);

    let mut user = None;
    let mut grants = Grants::default();
    if let Some(token) = cookie(headers, SESSION_COOKIE) {
        // A store failure here must not lock people out of public pages: treat as signed out.
        if let Ok(Some(found)) = state
            .store
            .session_user(&hash_token(token), (state.clock)())
            .await
        {
            grants = state.store.grants_of(found.id).await.unwrap_or_default();
            user = Some(found);
        }
    }
    let existing_csrf = cookie(headers, CSRF_COOKIE)
        .filter(|t| t.len() == 43)
        .map(str::to_owned);
    let csrf = existing_csrf.clone().unwrap_or_else(new_token);
    let client_ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    let ctx = Ctx {
        lang,
        user,
        grants: Arc::new(grants),
        csrf: csrf.clone(),
        path_and_query: without_param(uri.path(), query, "lang"),
        client_ip,
    };
    request.extensions_mut().insert(ctx.clone());

    let write = !request.method().is_safe();
    let response = next.run(request).await;
    if write {
        // What a write changed may be searchable: the indexer need not wait for its poll.
        state.search_changed.notify_one();
    }
    let mut response = crate::error::render_bare_errors(&ctx, uri.path(), response);
    let headers = response.headers_mut();
    if let Some(lang) = chosen {
        headers.append(
            header::SET_COOKIE,
            set_cookie(&state, LANG_COOKIE, lang.code(), 31_536_000, false),
        );
    }
    if existing_csrf.is_none() {
        headers.append(
            header::SET_COOKIE,
            set_cookie(&state, CSRF_COOKIE, &csrf, 31_536_000, true),
        );
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    headers.append(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    response
}

/// Handlers take the context with `Extension<Ctx>`; the middleware always inserts it.
pub type CtxExt = axum::Extension<Ctx>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switcher_keeps_other_parameters() {
        assert_eq!(
            without_param("/calendar", Some("view=list&lang=fr"), "lang"),
            "/calendar?view=list"
        );
        assert_eq!(without_param("/", Some("lang=ar"), "lang"), "/");
        assert_eq!(query_param("a=1&lang=zh", "lang"), Some("zh"));
    }
}
