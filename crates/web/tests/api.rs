//! The JSON API driven through the real router, in process, on a fresh SQLite store holding
//! the demo agenda.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use agora_core::auth::Role;
use agora_store::{NewUser, Store};
use agora_web::{AppState, Config, hash_password};
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};

mod support;

use support::{handed_in, reported};
use tower::ServiceExt;

const PASSWORD: &str = "correct horse battery";

struct TestApp {
    router: Router,
    store: Store,
    /// One argon2 hash of [`PASSWORD`] for every account (hashing is slow in debug builds).
    hash: String,
    _dir: tempfile::TempDir,
}

impl TestApp {
    async fn new() -> Self {
        Self::with(Config::default(), None).await
    }

    async fn with(config: Config, now: Option<&str>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("agora.db").display());
        let store = Store::open(&url).await.unwrap();
        store.load_demo().await.unwrap();
        let state = match now {
            None => AppState::new(store.clone(), config),
            Some(now) => {
                let instant: jiff::Timestamp = now.parse().unwrap();
                AppState::with_clock(store.clone(), config, Arc::new(move || instant))
            }
        };
        TestApp {
            router: agora_web::router(state),
            store,
            hash: hash_password(PASSWORD.into()).await,
            _dir: dir,
        }
    }

    /// Creates an account (with a global role, if any) and returns its id.
    async fn account(&self, email: &str, role: Option<Role>) -> uuid::Uuid {
        let new = NewUser {
            email,
            display_name: email,
            password_hash: &self.hash,
        };
        self.store.create_user(None, &new, role).await.unwrap().id
    }

    fn client(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookies: HashMap::new(),
        }
    }

    /// Another router over this app's store, whose clock stands still at `now`: clients moved
    /// onto it (`Client::on`) keep their session.
    fn router_at(&self, now: &str) -> Router {
        let instant: jiff::Timestamp = now.parse().unwrap();
        let state = AppState::with_clock(
            self.store.clone(),
            Config::default(),
            Arc::new(move || instant),
        );
        agora_web::router(state)
    }

    /// A client signed in as a new account with `role`.
    async fn signed_in(&self, email: &str, role: Option<Role>) -> Client {
        self.account(email, role).await;
        let mut client = self.client();
        let (status, _, body) = client
            .call(
                Method::POST,
                "/api/v1/session",
                Some(json!({"email": email, "password": PASSWORD})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        client
    }
}

/// A client with a cookie jar; it echoes its CSRF cookie in `X-CSRF-Token`, as a script would
/// echo the `csrf_token` it was given.
struct Client {
    router: Router,
    cookies: HashMap<String, String>,
}

struct Sent {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

impl Client {
    /// The same session (cookies), sending to another router.
    fn on(&self, router: Router) -> Client {
        Client {
            router,
            cookies: self.cookies.clone(),
        }
    }

    async fn send(
        &mut self,
        method: Method,
        path: &str,
        body: Option<Value>,
        csrf: Option<&str>,
    ) -> Sent {
        self.send_raw(method, path, body.map(|b| b.to_string()), csrf, &[])
            .await
    }

    /// Sends a JSON body as given (spacing and key order included) with extra headers.
    async fn send_raw(
        &mut self,
        method: Method,
        path: &str,
        body: Option<String>,
        csrf: Option<&str>,
        headers: &[(&str, &str)],
    ) -> Sent {
        let mut request = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            request = request.header(header::COOKIE, jar.join("; "));
        }
        if let Some(token) = csrf {
            request = request.header("x-csrf-token", token);
        }
        let request = match body {
            Some(body) => request
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body)),
            None => request.body(Body::empty()),
        }
        .unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        for set in response.headers().get_all(header::SET_COOKIE) {
            let set = set.to_str().unwrap();
            let (name, rest) = set.split_once('=').unwrap();
            let value = rest.split(';').next().unwrap();
            if set.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)))
        };
        Sent {
            status,
            headers,
            body,
        }
    }

    /// Sends with the CSRF header when the client has the cookie (a first request gets it).
    async fn call(
        &mut self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, HeaderMap, Value) {
        if !self.cookies.contains_key("agora_csrf") {
            self.send(Method::GET, "/api/v1/stakeholder-groups", None, None)
                .await;
        }
        let token = self.cookies.get("agora_csrf").cloned();
        let sent = self.send(method, path, body, token.as_deref()).await;
        (sent.status, sent.headers, sent.body)
    }

    /// A `PUT` with an `Idempotency-Key` and a body sent byte for byte.
    async fn put_once(&mut self, path: &str, body: &str, key: &str) -> Sent {
        if !self.cookies.contains_key("agora_csrf") {
            self.send(Method::GET, "/api/v1/stakeholder-groups", None, None)
                .await;
        }
        let token = self.cookies["agora_csrf"].clone();
        self.send_raw(
            Method::PUT,
            path,
            Some(body.to_owned()),
            Some(&token),
            &[("idempotency-key", key)],
        )
        .await
    }

    async fn get(&mut self, path: &str) -> (StatusCode, HeaderMap, Value) {
        let sent = self.send(Method::GET, path, None, None).await;
        (sent.status, sent.headers, sent.body)
    }
}

fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Checks the RFC 9457 shape and returns the problem's field errors as (field, code).
fn problem(
    status: StatusCode,
    headers: &HeaderMap,
    body: &Value,
    expected: u16,
) -> Vec<(String, String)> {
    assert_eq!(status.as_u16(), expected, "{body}");
    assert_eq!(content_type(headers), "application/problem+json");
    assert_eq!(body["status"], expected);
    assert_eq!(body["type"], format!("/problems/{expected}"));
    assert!(
        body["title"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    assert!(
        body["detail"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap().to_owned(),
                        e["code"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn organisation() -> Value {
    json!({"name": "Asia Pacific Network Information Centre", "acronym": "APNIC-X",
           "stakeholder_group": "technical-community", "country": "au",
           "website": "https://www.apnic.net/"})
}

#[tokio::test]
async fn events_page_through_every_event_once_by_start_date() {
    let app = TestApp::new().await;
    let mut client = app.client();
    let (status, _, all) = client.get("/api/v1/events?limit=200").await;
    assert_eq!(status, StatusCode::OK);
    assert!(all["next_cursor"].is_null());
    let all: Vec<Value> = all["items"].as_array().unwrap().clone();
    assert!(all.len() > 10);

    let mut seen = Vec::new();
    let mut path = "/api/v1/events?limit=7".to_owned();
    loop {
        let (status, headers, page) = client.get(&path).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(content_type(&headers), "application/json");
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 7);
        seen.extend(items.iter().cloned());
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/events?limit=7&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, all);
    let starts: Vec<&str> = seen
        .iter()
        .map(|e| e["starts_on"].as_str().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));

    let first = &seen[0]["id"];
    let (status, _, event) = client
        .get(&format!("/api/v1/events/{}", first.as_str().unwrap()))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(&event["id"], first);
}

#[tokio::test]
async fn a_bad_cursor_or_limit_is_a_400_problem() {
    let app = TestApp::new().await;
    let mut client = app.client();
    let (status, headers, body) = client.get("/api/v1/events?cursor=%25%25").await;
    problem(status, &headers, &body, 400);
    let (status, headers, body) = client.get("/api/v1/people?limit=many").await;
    problem(status, &headers, &body, 400);
}

#[tokio::test]
async fn a_process_has_seats_and_phases_with_their_status_now() {
    for (now, expected) in [
        ("2000-01-01T00:00:00Z", "upcoming"),
        ("2100-01-01T00:00:00Z", "closed"),
    ] {
        let app = TestApp::with(Config::default(), Some(now)).await;
        let (status, _, process) = app.client().get("/api/v1/processes/wgec-2013").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(process["slug"], "wgec-2013");
        assert_eq!(
            process["title"],
            "CSTD Working Group on Enhanced Cooperation"
        );
        assert_eq!(process["display_zone"], "Europe/Zurich");
        assert!(process["convenor_id"].is_string());
        let seats = process["seats"].as_array().unwrap();
        assert_eq!(
            seats[0],
            json!({"stakeholder_group": "government", "seats": 22})
        );
        let phases = process["phases"].as_array().unwrap();
        assert!(!phases.is_empty());
        for phase in phases {
            assert_eq!(phase["status"], expected, "{phase}");
            assert_eq!(phase["process_id"], process["id"]);
            for key in ["id", "kind", "title", "opens_at", "closes_at"] {
                assert!(phase.get(key).is_some(), "phase lacks {key}: {phase}");
            }
        }
    }
}

#[tokio::test]
async fn unknown_things_are_404_problems() {
    let app = TestApp::new().await;
    let mut client = app.client();
    for path in [
        "/api/v1/processes/does-not-exist",
        "/api/v1/organisations/not-a-uuid",
        "/api/v1/people/0190a000-0000-7000-8000-000000000000",
        "/api/v1/no-such-route",
    ] {
        let (status, headers, body) = client.get(path).await;
        problem(status, &headers, &body, 404);
    }
}

#[tokio::test]
async fn creating_an_organisation_takes_the_secretariat() {
    let app = TestApp::new().await;

    let mut visitor = app.client();
    let (status, headers, body) = visitor
        .call(Method::POST, "/api/v1/organisations", Some(organisation()))
        .await;
    problem(status, &headers, &body, 401);

    let mut participant = app
        .signed_in("p@example.org", Some(Role::Participant))
        .await;
    let (status, headers, body) = participant
        .call(Method::POST, "/api/v1/organisations", Some(organisation()))
        .await;
    problem(status, &headers, &body, 403);

    for (email, role) in [
        ("s@example.org", Role::Secretariat),
        ("a@example.org", Role::Admin),
    ] {
        let mut client = app.signed_in(email, Some(role)).await;
        let mut input = organisation();
        input["name"] = json!(format!("Created by {email}"));
        let (status, headers, created) = client
            .call(Method::POST, "/api/v1/organisations", Some(input))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["country"], "AU");
        let location = headers[header::LOCATION].to_str().unwrap();
        assert_eq!(
            location,
            format!("/api/v1/organisations/{}", created["id"].as_str().unwrap())
        );
        let (status, _, fetched) = client.get(location).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(fetched, created);
    }
}

#[tokio::test]
async fn writes_without_the_csrf_header_are_refused() {
    let app = TestApp::new().await;
    let mut client = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let sent = client
        .send(
            Method::POST,
            "/api/v1/organisations",
            Some(organisation()),
            None,
        )
        .await;
    problem(sent.status, &sent.headers, &sent.body, 403);
    let sent = client
        .send(
            Method::POST,
            "/api/v1/organisations",
            Some(organisation()),
            Some("forged"),
        )
        .await;
    problem(sent.status, &sent.headers, &sent.body, 403);
    let sent = client
        .send(Method::DELETE, "/api/v1/session", None, None)
        .await;
    problem(sent.status, &sent.headers, &sent.body, 403);
}

#[tokio::test]
async fn invalid_bodies_name_their_fields() {
    let app = TestApp::new().await;
    let mut client = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let (status, headers, body) = client
        .call(
            Method::POST,
            "/api/v1/organisations",
            Some(json!({"name": " ", "stakeholder_group": "media", "website": null})),
        )
        .await;
    let errors = problem(status, &headers, &body, 422);
    assert_eq!(
        errors,
        [
            ("name".to_owned(), "required".to_owned()),
            (
                "stakeholder_group".to_owned(),
                "unknown-stakeholder-group".to_owned()
            ),
        ]
    );
    assert!(body["errors"][0]["message"].is_string());

    let (status, headers, body) = client
        .call(
            Method::POST,
            "/api/v1/processes/wgec-2013/phases",
            Some(json!({"kind": "party", "opens_at": "2013-07-15T00:00", "closes_at": "2013-07-14T00:00"})),
        )
        .await;
    let errors = problem(status, &headers, &body, 422);
    let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["kind", "closes_at"]);

    // Not JSON, the wrong JSON type, not sent as JSON: problems too.
    let token = client.cookies["agora_csrf"].clone();
    let request = Request::post("/api/v1/people")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, format!("agora_csrf={token}"))
        .header("x-csrf-token", &token)
        .body(Body::from("{\"name\":"))
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(content_type(response.headers()), "application/problem+json");
    let (status, headers, body) = client
        .call(Method::POST, "/api/v1/people", Some(json!({"name": 5})))
        .await;
    problem(status, &headers, &body, 422);
    let request = Request::post("/api/v1/people")
        .header(header::COOKIE, format!("agora_csrf={token}"))
        .header("x-csrf-token", &token)
        .body(Body::from("name=x"))
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(content_type(response.headers()), "application/problem+json");
}

#[tokio::test]
async fn a_glossary_acronym_is_taken_once() {
    let app = TestApp::new().await;
    let mut client = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let entry = json!({"acronym": "WSIS", "expansions": [{"lang": "en", "text": "Again"}]});
    let (status, headers, body) = client
        .call(Method::POST, "/api/v1/glossary", Some(entry))
        .await;
    let errors = problem(status, &headers, &body, 422);
    assert_eq!(errors, [("acronym".to_owned(), "duplicate".to_owned())]);

    let entry = json!({"acronym": "NETmundial", "expansions": [
        {"lang": "en", "text": "Global Multistakeholder Meeting on the Future of Internet Governance"}]});
    let (status, headers, created) = client
        .call(Method::POST, "/api/v1/glossary", Some(entry))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let (status, _, fetched) = client
        .get(headers[header::LOCATION].to_str().unwrap())
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fetched, created);
}

#[tokio::test]
async fn the_glossary_filter_pages_like_the_whole_list() {
    let app = TestApp::new().await;
    let mut client = app.client();
    let (_, _, all) = client.get("/api/v1/glossary?q=wsis&limit=200").await;
    let all: Vec<Value> = all["items"].as_array().unwrap().clone();
    assert!(all.len() >= 2, "{all:?}");
    assert!(all.iter().any(|e| e["acronym"] == "WSIS+10"));

    let mut seen = Vec::new();
    let mut path = "/api/v1/glossary?q=wsis&limit=1".to_owned();
    loop {
        let (status, _, page) = client.get(&path).await;
        assert_eq!(status, StatusCode::OK);
        seen.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/glossary?q=wsis&limit=1&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, all);
}

#[tokio::test]
async fn processes_and_phases_are_created_by_their_secretariat() {
    let app = TestApp::new().await;
    let mut secretariat = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let input = json!({"title": "Test process in Istanbul", "mandate": "Tunis Agenda para. 72",
                       "display_zone": "Europe/Istanbul",
                       "seats": [{"stakeholder_group": "civil-society", "seats": 3}]});
    let (status, headers, created) = secretariat
        .call(Method::POST, "/api/v1/processes", Some(input.clone()))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(
        headers[header::LOCATION],
        "/api/v1/processes/test-process-in-istanbul"
    );
    let (status, headers, body) = secretariat
        .call(Method::POST, "/api/v1/processes", Some(input))
        .await;
    assert_eq!(
        problem(status, &headers, &body, 422),
        [("slug".to_owned(), "duplicate".to_owned())]
    );

    let phase = json!({"kind": "consultation", "title": "Open call",
                       "opens_at": "2014-02-01T00:00", "closes_at": "2014-03-01T00:00"});
    let (status, _, added) = secretariat
        .call(
            Method::POST,
            "/api/v1/processes/test-process-in-istanbul/phases",
            Some(phase.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    // Istanbul was UTC+2 in February 2014.
    assert_eq!(added["opens_at"], "2014-01-31T22:00:00Z");
    let (_, _, process) = secretariat
        .get("/api/v1/processes/test-process-in-istanbul")
        .await;
    assert_eq!(process["phases"][0]["id"], added["id"]);

    let mut participant = app
        .signed_in("p@example.org", Some(Role::Participant))
        .await;
    let (status, headers, body) = participant
        .call(
            Method::POST,
            "/api/v1/processes/test-process-in-istanbul/phases",
            Some(phase),
        )
        .await;
    problem(status, &headers, &body, 403);
}

#[tokio::test]
async fn signing_in_and_out() {
    let app = TestApp::new().await;
    app.account("joy@example.org", Some(Role::Reviewer)).await;
    let mut client = app.client();

    let (status, headers, body) = client.get("/api/v1/session").await;
    problem(status, &headers, &body, 401);
    let csrf = client.cookies["agora_csrf"].clone();

    let (status, headers, body) = client
        .call(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "joy@example.org", "password": "wrong"})),
        )
        .await;
    problem(status, &headers, &body, 401);
    assert!(!client.cookies.contains_key("agora_session"));

    // No CSRF header needed to sign in: the token comes with the answer.
    let sent = client
        .send(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": " Joy@Example.org", "password": PASSWORD})),
            None,
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(sent.body["user"]["email"], "joy@example.org");
    assert_eq!(sent.body["csrf_token"], csrf.as_str());
    assert_eq!(sent.body["grants"][0]["role"], "reviewer");
    let session_cookie = sent.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(session_cookie.starts_with("agora_session="));
    assert!(session_cookie.contains("HttpOnly"));

    let (status, _, session) = client.get("/api/v1/session").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(session["user"], sent.body["user"]);

    let (status, _, body) = client.call(Method::DELETE, "/api/v1/session", None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(body.is_null());
    assert!(!client.cookies.contains_key("agora_session"));
    let (status, _, _) = client.get("/api/v1/session").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sign_in_attempts_are_rate_limited() {
    let config = Config {
        auth_attempts_per_minute: 1,
        ..Config::default()
    };
    let app = TestApp::with(config, None).await;
    let mut client = app.client();
    let attempt = json!({"email": "nobody@example.org", "password": "wrong"});
    let (status, _, _) = client
        .call(Method::POST, "/api/v1/session", Some(attempt.clone()))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, headers, body) = client
        .call(Method::POST, "/api/v1/session", Some(attempt))
        .await;
    problem(status, &headers, &body, 429);
    assert_eq!(headers[header::RETRY_AFTER], "60");
}

#[tokio::test]
async fn admins_grant_and_revoke_roles_and_read_the_audit_log() {
    let app = TestApp::new().await;
    let user = app.account("p@example.org", Some(Role::Participant)).await;
    let mut admin = app.signed_in("a@example.org", Some(Role::Admin)).await;
    let mut participant = app.client();
    participant
        .call(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "p@example.org", "password": PASSWORD})),
        )
        .await;

    let (status, headers, body) = participant.get("/api/v1/users").await;
    problem(status, &headers, &body, 403);
    let (status, headers, body) = participant.get("/api/v1/audit").await;
    problem(status, &headers, &body, 403);

    let (_, _, process) = admin.get("/api/v1/processes/wgec-2013").await;
    let grants = format!("/api/v1/users/{user}/grants");
    let (status, headers, body) = admin
        .call(
            Method::POST,
            &grants,
            Some(json!({"role": "overlord", "process_id": "0190a000-0000-7000-8000-000000000000"})),
        )
        .await;
    assert_eq!(
        problem(status, &headers, &body, 422),
        [
            ("role".to_owned(), "invalid-choice".to_owned()),
            ("process_id".to_owned(), "not-found".to_owned())
        ]
    );
    let (status, headers, grant) = admin
        .call(
            Method::POST,
            &grants,
            Some(json!({"role": "secretariat", "process_id": process["id"]})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{grant}");
    assert_eq!(grant["role"], "secretariat");
    assert_eq!(grant["process_id"], process["id"]);
    let location = headers[header::LOCATION].to_str().unwrap().to_owned();
    assert_eq!(
        location,
        format!("/api/v1/grants/{}", grant["id"].as_str().unwrap())
    );

    // The scoped secretariat runs that process, and nothing else.
    let phase =
        json!({"kind": "meeting", "opens_at": "2013-05-30T10:00", "closes_at": "2013-05-31T18:00"});
    let (status, _, body) = participant
        .call(
            Method::POST,
            "/api/v1/processes/wgec-2013/phases",
            Some(phase),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, _, _) = participant
        .call(Method::POST, "/api/v1/organisations", Some(organisation()))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, _, users) = admin.get("/api/v1/users").await;
    assert_eq!(status, StatusCode::OK);
    let listed = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "p@example.org")
        .unwrap();
    assert_eq!(listed["grants"].as_array().unwrap().len(), 2);

    let (status, _, _) = admin.call(Method::DELETE, &location, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, headers, body) = admin.call(Method::DELETE, &location, None).await;
    problem(status, &headers, &body, 404);

    let (status, _, log) = admin.get("/api/v1/audit?limit=2").await;
    assert_eq!(status, StatusCode::OK);
    let entries = log["items"].as_array().unwrap();
    assert_eq!(entries[0]["action"], "revoke");
    assert!(entries[0]["seq"].as_i64() > entries[1]["seq"].as_i64());
    let cursor = log["next_cursor"].as_str().unwrap();
    let (status, _, older) = admin
        .get(&format!("/api/v1/audit?limit=2&cursor={cursor}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(older["items"][0]["seq"].as_i64() < entries[1]["seq"].as_i64());
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let app = TestApp::new().await;
    let (status, headers, doc) = app.client().get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type(&headers), "application/json");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["session"]["in"], "cookie");
    assert_eq!(schemes["csrf"]["in"], "header");

    let routes: BTreeSet<(String, String)> = agora_web::api::route_table()
        .into_iter()
        .map(|(method, path)| (method.as_str().to_lowercase(), path))
        .collect();
    let mut documented = BTreeSet::new();
    let mut operation_ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            documented.insert((method.clone(), path.clone()));
            let id = operation["operationId"].as_str().unwrap();
            assert!(
                operation_ids.insert(id.to_owned()),
                "operationId {id} twice"
            );
            let responses = operation["responses"].as_object().unwrap();
            let codes: Vec<&str> = responses.keys().map(String::as_str).collect();
            let path_params = path.matches('{').count();
            let params = operation["parameters"]
                .as_array()
                .map_or(0, |p| p.iter().filter(|p| p["in"] == "path").count());
            assert_eq!(params, path_params, "{method} {path}: path parameters");
            for (code, response) in responses {
                let Some(content) = response["content"].as_object() else {
                    continue;
                };
                let expected = if code.starts_with('2') {
                    "application/json"
                } else {
                    "application/problem+json"
                };
                assert!(content.contains_key(expected), "{method} {path} {code}");
            }
            let is_sign_in = method == "post" && path == "/api/v1/session";
            if method != "get" && !is_sign_in {
                assert!(
                    codes.contains(&"403"),
                    "{method} {path} documents no 403: {codes:?}"
                );
            }
            if operation.get("requestBody").is_some() {
                for code in ["400", "413", "415", "422"] {
                    assert!(codes.contains(&code), "{method} {path} documents no {code}");
                }
            }
        }
    }
    assert_eq!(routes, documented);
}

/// The least role each API write needs (`None`: anyone, e.g. signing in).
fn api_writes() -> Vec<(Method, &'static str, Option<Role>)> {
    vec![
        (
            Method::POST,
            "/api/v1/conversations/{id}/participants",
            Some(Role::Participant),
        ),
        // Voting and writing need the account to have joined: tests/conversations.rs.
        (Method::POST, "/api/v1/conversations/{id}/votes", None),
        (Method::POST, "/api/v1/conversations/{id}/statements", None),
        (
            Method::POST,
            "/api/v1/calls/{id}/proposals",
            Some(Role::Participant),
        ),
        (Method::PUT, "/api/v1/calls/{id}", Some(Role::Secretariat)),
        // Its author or the process's secretariat, until the deadline: tests/proposals.rs.
        (Method::PUT, "/api/v1/proposals/{id}", None),
        (
            Method::PUT,
            "/api/v1/calls/{id}/criteria",
            Some(Role::Secretariat),
        ),
        (
            Method::POST,
            "/api/v1/calls/{id}/selection",
            Some(Role::Secretariat),
        ),
        // The secretariat once the call has closed; the reviewer assigned to the proposal:
        // tests/reviews.rs.
        (Method::POST, "/api/v1/calls/{id}/assignments", None),
        (Method::PUT, "/api/v1/proposals/{id}/review", None),
        (
            Method::PUT,
            "/api/v1/calls/{id}/venue",
            Some(Role::Secretariat),
        ),
        (
            Method::POST,
            "/api/v1/calls/{id}/timetable",
            Some(Role::Secretariat),
        ),
        (
            Method::PUT,
            "/api/v1/calls/{id}/timetable/sessions/{proposal_id}",
            Some(Role::Secretariat),
        ),
        (
            Method::POST,
            "/api/v1/calls/{id}/timetable/publish",
            Some(Role::Secretariat),
        ),
        // The process's secretariat, after the deadline: tests/proposals.rs.
        (Method::PUT, "/api/v1/calls/{id}/decisions", None),
        (Method::POST, "/api/v1/processes", Some(Role::Secretariat)),
        (
            Method::PUT,
            "/api/v1/processes/{slug}",
            Some(Role::Secretariat),
        ),
        (
            Method::POST,
            "/api/v1/processes/{slug}/phases",
            Some(Role::Secretariat),
        ),
        (
            Method::POST,
            "/api/v1/processes/{slug}/consultations",
            Some(Role::Secretariat),
        ),
        (
            Method::POST,
            "/api/v1/consultations/{id}/questions",
            Some(Role::Secretariat),
        ),
        (
            Method::PUT,
            "/api/v1/consultations/{id}/submission",
            Some(Role::Participant),
        ),
        (
            Method::POST,
            "/api/v1/consultations/{id}/late-windows",
            Some(Role::Secretariat),
        ),
        (
            Method::PUT,
            "/api/v1/submissions/{sheet}/moderation",
            Some(Role::Secretariat),
        ),
        (
            Method::DELETE,
            "/api/v1/submissions/{sheet}/moderation",
            Some(Role::Secretariat),
        ),
        (
            Method::PUT,
            "/api/v1/submissions/{sheet}/tags/{tag}",
            Some(Role::Secretariat),
        ),
        (
            Method::DELETE,
            "/api/v1/submissions/{sheet}/tags/{tag}",
            Some(Role::Secretariat),
        ),
        (Method::POST, "/api/v1/submissions/{sheet}/reports", None),
        (
            Method::POST,
            "/api/v1/reports/{report}/resolution",
            Some(Role::Secretariat),
        ),
        (
            Method::POST,
            "/api/v1/consultations/{id}/imports",
            Some(Role::Secretariat),
        ),
        (
            Method::POST,
            "/api/v1/consultations/{id}/synthesis",
            Some(Role::Secretariat),
        ),
        (
            Method::PUT,
            "/api/v1/consultations/{id}/synthesis/draft",
            Some(Role::Secretariat),
        ),
        (
            Method::POST,
            "/api/v1/consultations/{id}/synthesis/publish",
            Some(Role::Secretariat),
        ),
        (
            Method::POST,
            "/api/v1/meetings/{id}/transcripts",
            Some(Role::Secretariat),
        ),
        (
            Method::POST,
            "/api/v1/processes/{slug}/meetings",
            Some(Role::Secretariat),
        ),
        (
            Method::PUT,
            "/api/v1/meetings/{id}",
            Some(Role::Secretariat),
        ),
        (
            Method::POST,
            "/api/v1/meetings/{id}/participants",
            Some(Role::Secretariat),
        ),
        (
            Method::PUT,
            "/api/v1/meetings/{id}/participants/{pid}",
            Some(Role::Secretariat),
        ),
        (
            Method::DELETE,
            "/api/v1/meetings/{id}/participants/{pid}",
            Some(Role::Secretariat),
        ),
        (Method::POST, "/api/v1/events", Some(Role::Secretariat)),
        (Method::POST, "/api/v1/glossary", Some(Role::Secretariat)),
        (
            Method::POST,
            "/api/v1/organisations",
            Some(Role::Secretariat),
        ),
        (Method::POST, "/api/v1/people", Some(Role::Secretariat)),
        (Method::POST, "/api/v1/users/{id}/grants", Some(Role::Admin)),
        (Method::DELETE, "/api/v1/grants/{id}", Some(Role::Admin)),
        (Method::POST, "/api/v1/session", None),
        (Method::DELETE, "/api/v1/session", None),
    ]
}

#[test]
fn every_api_write_is_in_the_authorization_matrix() {
    let writes: BTreeSet<(String, String)> = agora_web::api::route_table()
        .into_iter()
        .filter(|(method, _)| !method.is_safe())
        .map(|(method, path)| (method.to_string(), path))
        .collect();
    let matrix: BTreeSet<(String, String)> = api_writes()
        .into_iter()
        .map(|(method, path, _)| {
            (
                method.to_string(),
                path.replace("{sheet}", "{id}").replace("{report}", "{id}"),
            )
        })
        .collect();
    assert_eq!(writes, matrix);
}

/// A meeting of wgec-2013 with one participant, made through the store.
async fn wgec_meeting_with_participant(store: &Store) -> (uuid::Uuid, uuid::Uuid) {
    let wgec = store.process_by_slug("wgec-2013").await.unwrap().unwrap();
    let meeting = agora_core::meeting::MeetingDraft {
        title: "WGEC first meeting".into(),
        starts_at: "2013-05-30T10:00".into(),
        ends_at: "2013-05-30T13:00".into(),
        ..Default::default()
    }
    .validate(&wgec)
    .unwrap();
    store.create(None, &meeting).await.unwrap();
    let participant = agora_core::meeting::ParticipantDraft {
        name: "Peter Major".into(),
        stakeholder_group: "government".into(),
        ..Default::default()
    }
    .validate(&meeting, &store.stakeholder_groups().await.unwrap())
    .unwrap();
    store.create(None, &participant).await.unwrap();
    (meeting.id, participant.id)
}

#[tokio::test]
async fn api_role_by_route_authorization() {
    let app = TestApp::new().await;
    let target = app
        .account("target@example.org", Some(Role::Participant))
        .await;
    let grant = app.store.grants_of(target).await.unwrap().0[0].id;
    // Open to everyone signed in, and open now: what decides is the role alone.
    let consultation = open_consultation(&app.store, "2000-01-01T00:00", "2100-01-01T00:00").await;
    let sheet = handed_in(&app.store, consultation, target).await;
    let report = reported(&app.store, sheet).await;
    let (meeting, participant) = wgec_meeting_with_participant(&app.store).await;
    let wgec = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    let conversation = app.store.conversations_of_process(wgec.id).await.unwrap()[0].id;
    let call = support::open_call(&app.store).await;
    let roles = [
        None,
        Some(Role::Participant),
        Some(Role::Reviewer),
        Some(Role::Secretariat),
        Some(Role::Admin),
    ];
    for (i, role) in roles.into_iter().enumerate() {
        let mut client = match role {
            None => app.client(),
            Some(role) => {
                app.signed_in(&format!("role{i}@example.org"), Some(role))
                    .await
            }
        };
        for (method, route, needed) in api_writes() {
            let Some(needed) = needed else { continue };
            let id = if route.contains("grants/{id}") {
                grant
            } else if route.starts_with("/api/v1/consultations/") {
                consultation
            } else if route.starts_with("/api/v1/meetings/") {
                meeting
            } else if route.starts_with("/api/v1/conversations/") {
                conversation
            } else if route.starts_with("/api/v1/calls/") {
                call
            } else {
                target
            };
            let path = route
                .replace("{slug}", "wgec-2013")
                .replace("{pid}", &participant.to_string())
                .replace("{proposal_id}", &target.to_string())
                .replace("{id}", &id.to_string())
                .replace("{sheet}", &sheet.to_string())
                .replace("{tag}", "principles")
                .replace("{report}", &report.to_string());
            let (status, _, body) = client.call(method.clone(), &path, Some(json!({}))).await;
            let who = format!("{role:?} {method} {path}");
            match role {
                None => assert_eq!(status, StatusCode::UNAUTHORIZED, "{who}: {body}"),
                Some(role) if role < needed => {
                    assert_eq!(status, StatusCode::FORBIDDEN, "{who}: {body}")
                }
                Some(_) => assert!(
                    !matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
                        && status.as_u16() < 500,
                    "{who}: {status} {body}"
                ),
            }
        }
    }
}

#[tokio::test]
async fn a_process_is_revised_and_the_audit_log_keeps_both_versions() {
    let app = TestApp::new().await;
    let mut client = app
        .signed_in("sec@example.org", Some(Role::Secretariat))
        .await;
    let body = json!({"title": "CSTD WGEC", "mandate": "A/RES/67/195", "display_zone": "Europe/Zurich",
                      "seats": [{"stakeholder_group": "government", "seats": 23}]});
    let (status, _, revised) = client
        .call(Method::PUT, "/api/v1/processes/wgec-2013", Some(body))
        .await;
    assert_eq!(status, StatusCode::OK, "{revised}");
    assert_eq!(revised["slug"], "wgec-2013");
    assert_eq!(revised["seats"][0]["seats"], 23);
    let (_, _, shown) = client.get("/api/v1/processes/wgec-2013").await;
    assert_eq!(shown["title"], "CSTD WGEC");
    let entry = &app
        .store
        .audit_log(&agora_store::PageRequest::first(1))
        .await
        .unwrap()
        .items[0];
    assert_eq!(
        (entry.action.as_str(), entry.entity.as_str()),
        ("update", "process")
    );
    assert_eq!(entry.before.as_ref().unwrap()["seats"][0]["seats"], 22);
    assert_eq!(entry.after.as_ref().unwrap()["title"], "CSTD WGEC");
    let bad = json!({"title": "", "mandate": "x", "display_zone": "Nowhere/Else"});
    let (status, headers, body) = client
        .call(Method::PUT, "/api/v1/processes/wgec-2013", Some(bad))
        .await;
    let fields: Vec<String> = problem(status, &headers, &body, 422)
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(fields, ["title", "display_zone"]);
}

// Consultations. The one in wgec-2013 (Europe/Zurich, UTC+2 in summer) runs from 1 June 2013
// to 15 July 2013 12:00 in Geneva, which is 10:00 UTC; the clock stands on 1 July unless a test
// moves it.

const DURING: &str = "2013-07-01T00:00:00Z";

/// A consultation made through the store (for tests about something else).
async fn open_consultation(store: &Store, opens_at: &str, closes_at: &str) -> uuid::Uuid {
    let process = store.process_by_slug("wgec-2013").await.unwrap().unwrap();
    let phase = agora_core::process::PhaseDraft {
        kind: "consultation".into(),
        title: "Open call".into(),
        opens_at: opens_at.into(),
        closes_at: closes_at.into(),
    }
    .validate(&process)
    .unwrap();
    let settings = agora_core::consultation::ConsultationDraft::default()
        .validate(&phase)
        .unwrap();
    store
        .create_consultation(None, &phase, &settings)
        .await
        .unwrap();
    phase.id
}

/// Opens a consultation in wgec-2013 through the API with `settings` added to the phase, and
/// four questions: free text of at most five words (required), Yes/No, several of three
/// topics, and a scale. Returns its id and the questions' ids, in order.
async fn questionnaire(secretariat: &mut Client, settings: Value) -> (String, Vec<String>) {
    let mut input = json!({"title": "Questionnaire on enhanced cooperation",
                           "opens_at": "2013-06-01T00:00", "closes_at": "2013-07-15T12:00",
                           "description": "Paragraphs 69 to 71 of the Tunis Agenda",
                           "languages": ["en", "fr"]});
    for (key, value) in settings.as_object().unwrap() {
        input[key] = value.clone();
    }
    let (status, headers, created) = secretariat
        .call(
            Method::POST,
            "/api/v1/processes/wgec-2013/consultations",
            Some(input),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let location = format!("/api/v1/consultations/{id}");
    assert_eq!(headers[header::LOCATION], location.as_str());
    let questions = [
        json!({"prompt": "What is enhanced cooperation?", "required": true,
               "kind": {"type": "free-text", "word_limit": 5}}),
        json!({"prompt": "Is a new body needed?",
               "kind": {"type": "single-choice", "choices": ["Yes", "No"]}}),
        json!({"prompt": "Which topics?",
               "kind": {"type": "multiple-choice", "choices": ["Spam", "Cybercrime", "Human rights"]}}),
        json!({"prompt": "How well does the current arrangement work?", "kind": {"type": "scale"}}),
    ];
    let mut ids = Vec::new();
    for (i, question) in questions.into_iter().enumerate() {
        let (status, headers, added) = secretariat
            .call(
                Method::POST,
                &format!("{location}/questions"),
                Some(question),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{added}");
        assert_eq!(headers[header::LOCATION], location.as_str());
        assert_eq!(added["position"], i + 1);
        ids.push(added["id"].as_str().unwrap().to_owned());
    }
    (id, ids)
}

fn sheet(state: &str, answers: Value) -> Value {
    json!({"state": state, "answers": answers,
           "author": {"stakeholder_group": "civil-society", "country": "ch", "lang": "en"}})
}

/// A complete, valid set of answers to [`questionnaire`]'s questions.
fn full_answers(q: &[String]) -> Value {
    json!({&q[0]: "A dialogue among equals", &q[1]: ["No"],
           &q[2]: ["Human rights", "Spam"], &q[3]: 4})
}

fn fields(errors: &[(String, String)]) -> Vec<(&str, &str)> {
    errors
        .iter()
        .map(|(f, c)| (f.as_str(), c.as_str()))
        .collect()
}

/// Audit entries about answer sheets: one per save that happened.
async fn sheet_saves(store: &Store) -> usize {
    let log = store
        .audit_log(&agora_store::PageRequest::first(200))
        .await
        .unwrap();
    log.items
        .iter()
        .filter(|e| e.entity == "submission")
        .count()
}

#[tokio::test]
async fn a_consultation_is_opened_with_its_questionnaire() {
    let app = TestApp::with(Config::default(), Some(DURING)).await;
    let mut secretariat = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let (id, q) = questionnaire(&mut secretariat, json!({"public_by_default": true})).await;

    let (status, _, list) = app
        .client()
        .get("/api/v1/processes/wgec-2013/consultations")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(list["next_cursor"].is_null());
    let listed = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap()
        .clone();
    let (status, _, all) = app.client().get("/api/v1/consultations").await;
    assert_eq!(status, StatusCode::OK);
    assert!(all["items"].as_array().unwrap().contains(&listed));
    assert_eq!(listed["kind"], "consultation");
    assert_eq!(listed["status"], "open");
    assert_eq!(listed["closes_at"], "2013-07-15T10:00:00Z");
    assert_eq!(listed["display_zone"], "Europe/Zurich");
    assert_eq!(listed["languages"], json!(["en", "fr"]));
    assert_eq!(listed["eligibility"], "signed-in");
    assert_eq!(listed["public_by_default"], true);
    assert_eq!(listed["on_behalf_allowed"], false);

    let (status, _, shown) = app
        .client()
        .get(&format!("/api/v1/consultations/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shown["title"], "Questionnaire on enhanced cooperation");
    let questions = shown["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 4);
    assert_eq!(questions[0]["id"], q[0].as_str());
    assert_eq!(questions[0]["required"], true);
    assert_eq!(
        questions[0]["kind"],
        json!({"type": "free-text", "word_limit": 5})
    );
    assert_eq!(
        questions[1]["kind"],
        json!({"type": "single-choice", "choices": ["Yes", "No"]})
    );
    assert_eq!(questions[3]["kind"], json!({"type": "scale"}));

    // Mistakes are named as sent.
    let (status, headers, body) = secretariat
        .call(
            Method::POST,
            "/api/v1/processes/wgec-2013/consultations",
            Some(
                json!({"opens_at": "2013-07-15T00:00", "closes_at": "2013-07-14T00:00",
                        "eligibility": "everyone", "languages": ["English"]}),
            ),
        )
        .await;
    assert_eq!(
        fields(&problem(status, &headers, &body, 422)),
        [
            ("closes_at", "end-before-start"),
            ("languages", "invalid-language"),
            ("eligibility", "invalid-choice")
        ]
    );
    let (status, headers, body) = secretariat
        .call(
            Method::POST,
            &format!("/api/v1/consultations/{id}/questions"),
            Some(json!({"prompt": "?", "kind": {"type": "single-choice", "choices": ["Yes"]}})),
        )
        .await;
    assert_eq!(
        fields(&problem(status, &headers, &body, 422)),
        [("kind.choices", "too-short")]
    );
    let (status, headers, body) = secretariat
        .call(
            Method::POST,
            &format!("/api/v1/consultations/{id}/questions"),
            Some(json!({"prompt": "", "kind": {"type": "essay"}})),
        )
        .await;
    assert_eq!(
        fields(&problem(status, &headers, &body, 422)),
        [("prompt", "required"), ("kind.type", "invalid-choice")]
    );

    // A phase that is not a consultation is not one here either.
    let phases = app
        .store
        .phases(listed["process_id"].as_str().unwrap().parse().unwrap())
        .await
        .unwrap();
    let meeting = phases
        .iter()
        .find(|p| p.kind != agora_core::process::PhaseKind::Consultation)
        .unwrap();
    let (status, headers, body) = app
        .client()
        .get(&format!("/api/v1/consultations/{}", meeting.id))
        .await;
    problem(status, &headers, &body, 404);
}

#[tokio::test]
async fn a_participant_drafts_then_submits_one_sheet_with_one_receipt() {
    let app = TestApp::with(Config::default(), Some(DURING)).await;
    let mut secretariat = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let (id, q) = questionnaire(&mut secretariat, json!({"public_by_default": true})).await;
    let mine = format!("/api/v1/consultations/{id}/submission");
    let mut participant = app
        .signed_in("p@example.org", Some(Role::Participant))
        .await;

    let (status, headers, body) = participant.get(&mine).await;
    problem(status, &headers, &body, 404);
    let (status, headers, body) = app.client().get(&mine).await;
    problem(status, &headers, &body, 401);

    // A draft may leave the required question out.
    let (status, _, draft) = participant
        .call(
            Method::PUT,
            &mine,
            Some(sheet("draft", json!({&q[1]: "Yes"}))),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{draft}");
    assert_eq!(draft["state"], "draft");
    assert_eq!(draft["public"], true);
    assert_eq!(draft["consultation_id"], id.as_str());
    assert_eq!(draft["author"]["country"], "CH");
    assert!(draft["submitted_at"].is_null());
    let receipt = draft["receipt"].as_str().unwrap().to_owned();
    assert_eq!(receipt.len(), 14);

    let (status, _, submitted) = participant
        .call(
            Method::PUT,
            &mine,
            Some(sheet("submitted", full_answers(&q))),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{submitted}");
    assert_eq!(submitted["state"], "submitted");
    assert_eq!(submitted["id"], draft["id"]);
    assert_eq!(submitted["receipt"], receipt.as_str());
    assert!(submitted["submitted_at"].is_string());
    // Choices come back in the questionnaire's order; the scale as a number.
    assert_eq!(submitted["answers"][&q[2]], json!(["Spam", "Human rights"]));
    assert_eq!(submitted["answers"][&q[3]], 4);
    assert_eq!(submitted["answers"][&q[1]], json!(["No"]));

    let (status, _, fetched) = participant.get(&mine).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fetched, submitted);

    // The receipt shows the sheet to its author and the secretariat, and to no one else.
    let by_receipt = format!("/api/v1/submissions?receipt={}", receipt.to_lowercase());
    let (status, _, fetched) = participant.get(&by_receipt).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fetched, submitted);
    let (status, _, fetched) = secretariat.get(&by_receipt).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fetched["receipt"], receipt.as_str());
    let mut other = app
        .signed_in("other@example.org", Some(Role::Participant))
        .await;
    let (status, headers, body) = other.get(&by_receipt).await;
    problem(status, &headers, &body, 403);
    let (status, headers, body) = app.client().get(&by_receipt).await;
    problem(status, &headers, &body, 401);
    let (status, headers, body) = other
        .get("/api/v1/submissions?receipt=2222-2222-2222")
        .await;
    problem(status, &headers, &body, 404);
    let (status, headers, body) = other.get("/api/v1/submissions").await;
    problem(status, &headers, &body, 400);
}

#[tokio::test]
async fn an_idempotency_key_saves_a_sheet_once() {
    let app = TestApp::with(Config::default(), Some(DURING)).await;
    let mut secretariat = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let (id, q) = questionnaire(&mut secretariat, json!({})).await;
    let mine = format!("/api/v1/consultations/{id}/submission");
    let mut participant = app
        .signed_in("p@example.org", Some(Role::Participant))
        .await;
    let before = sheet_saves(&app.store).await;

    let body = sheet("submitted", full_answers(&q));
    let first = participant
        .put_once(&mine, &body.to_string(), "3f1c2a9e-retry-me")
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(first.headers.get("idempotent-replayed").is_none());
    assert_eq!(sheet_saves(&app.store).await, before + 1);

    // The same request again, spaced and ordered differently: answered, not saved again.
    let respaced = format!(
        "{{ \"author\": {}, \"answers\": {},\n  \"state\": \"submitted\" }}",
        body["author"], body["answers"]
    );
    let again = participant
        .put_once(&mine, &respaced, "3f1c2a9e-retry-me")
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(again.body["receipt"], first.body["receipt"]);
    assert_eq!(sheet_saves(&app.store).await, before + 1);

    // The key names that request: another body under it is refused, and nothing is saved.
    let other = sheet("draft", json!({}));
    let sent = participant
        .put_once(&mine, &other.to_string(), "3f1c2a9e-retry-me")
        .await;
    assert_eq!(
        fields(&problem(sent.status, &sent.headers, &sent.body, 422)),
        [("idempotency_key", "duplicate")]
    );
    assert_eq!(sheet_saves(&app.store).await, before + 1);
    let (_, _, stored) = participant.get(&mine).await;
    assert_eq!(stored["state"], "submitted");

    // Another key is another request.
    let sent = participant
        .put_once(&mine, &other.to_string(), "another-key")
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(sent.body["receipt"], first.body["receipt"]);
    assert_eq!(sheet_saves(&app.store).await, before + 2);

    let sent = participant
        .put_once(&mine, &other.to_string(), &"k".repeat(201))
        .await;
    assert_eq!(
        fields(&problem(sent.status, &sent.headers, &sent.body, 400)),
        [("Idempotency-Key", "too-long")]
    );
}

#[tokio::test]
async fn the_closing_second_is_late_unless_a_late_window_was_granted() {
    // Signed in on the last morning: sessions expire by the same clock.
    let app = TestApp::with(Config::default(), Some("2013-07-15T07:00:00Z")).await;
    let mut secretariat = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let (id, q) = questionnaire(&mut secretariat, json!({})).await;
    let mine = format!("/api/v1/consultations/{id}/submission");
    let early = app
        .signed_in("early@example.org", Some(Role::Participant))
        .await;
    let late = app
        .signed_in("late@example.org", Some(Role::Participant))
        .await;
    let body = sheet("submitted", full_answers(&q));

    let mut early = early.on(app.router_at("2013-07-15T09:59:59Z"));
    let (status, _, saved) = early.call(Method::PUT, &mine, Some(body.clone())).await;
    assert_eq!(status, StatusCode::OK, "{saved}");

    let mut at_closing = late.on(app.router_at("2013-07-15T10:00:00Z"));
    let before = sheet_saves(&app.store).await;
    let (status, headers, refused) = at_closing
        .call(Method::PUT, &mine, Some(body.clone()))
        .await;
    problem(status, &headers, &refused, 422);
    assert_eq!(refused["closes_at"], "2013-07-15T10:00:00Z");
    let detail = refused["detail"].as_str().unwrap();
    assert!(
        detail.contains("2013-07-15 12:00:00 (Europe/Zurich)"),
        "{detail}"
    );
    assert!(detail.contains("2013-07-15 10:00:00 UTC"), "{detail}");
    assert_eq!(sheet_saves(&app.store).await, before);
    let (status, _, _) = at_closing.get(&mine).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Before opening is refused too.
    let mut too_soon = at_closing.on(app.router_at("2013-05-31T21:59:59Z"));
    let (status, headers, refused) = too_soon.call(Method::PUT, &mine, Some(body.clone())).await;
    problem(status, &headers, &refused, 422);
    assert_eq!(refused["opens_at"], "2013-05-31T22:00:00Z");

    // One more day for one person, in Geneva time.
    let windows = format!("/api/v1/consultations/{id}/late-windows");
    let (status, headers, problem_body) = secretariat
        .call(
            Method::POST,
            &windows,
            Some(json!({"user_email": "nobody@example.org", "until": "tomorrow"})),
        )
        .await;
    assert_eq!(
        fields(&problem(status, &headers, &problem_body, 422)),
        [("user_email", "not-found"), ("until", "invalid-instant")]
    );
    let (status, _, body_204) = secretariat
        .call(
            Method::POST,
            &windows,
            Some(json!({"user_email": " Late@Example.org", "until": "2013-07-16T12:00"})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body_204}");
    let (status, _, saved) = at_closing
        .call(Method::PUT, &mine, Some(body.clone()))
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let mut after_window = at_closing.on(app.router_at("2013-07-16T10:00:00Z"));
    let (status, headers, refused) = after_window
        .call(Method::PUT, &mine, Some(body.clone()))
        .await;
    problem(status, &headers, &refused, 422);
    // Nobody else got more time.
    let mut early = early.on(app.router_at("2013-07-15T10:00:00Z"));
    let (status, _, _) = early.call(Method::PUT, &mine, Some(body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_members_only_consultation_refuses_other_accounts() {
    let app = TestApp::with(Config::default(), Some(DURING)).await;
    let mut secretariat = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let (id, q) = questionnaire(&mut secretariat, json!({"eligibility": "members"})).await;
    let mine = format!("/api/v1/consultations/{id}/submission");
    let body = sheet("submitted", full_answers(&q));

    let mut outsider = app
        .signed_in("outsider@example.org", Some(Role::Participant))
        .await;
    let (status, headers, refused) = outsider.call(Method::PUT, &mine, Some(body.clone())).await;
    problem(status, &headers, &refused, 403);

    let member = app.account("member@example.org", None).await;
    let process = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    app.store
        .grant_role(None, member, Role::Participant, Some(process.id))
        .await
        .unwrap();
    let mut member = app.client();
    member
        .call(
            Method::POST,
            "/api/v1/session",
            Some(json!({"email": "member@example.org", "password": PASSWORD})),
        )
        .await;
    let (status, _, saved) = member.call(Method::PUT, &mine, Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
}

#[tokio::test]
async fn published_answers_are_submitted_public_sheets_only() {
    let app = TestApp::with(Config::default(), Some(DURING)).await;
    let mut secretariat = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let (id, q) = questionnaire(&mut secretariat, json!({"public_by_default": true})).await;
    let mine = format!("/api/v1/consultations/{id}/submission");
    let mut sheets = Vec::new();
    for (who, state, public) in [
        ("first", "submitted", None),
        ("drafting", "draft", None),
        ("private", "submitted", Some(false)),
        ("second", "submitted", Some(true)),
    ] {
        let mut client = app
            .signed_in(&format!("{who}@example.org"), Some(Role::Participant))
            .await;
        let mut body = sheet(state, full_answers(&q));
        if let Some(public) = public {
            body["public"] = json!(public);
        }
        let (status, _, saved) = client.call(Method::PUT, &mine, Some(body)).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        sheets.push(saved);
    }

    let answers = format!("/api/v1/consultations/{id}/answers");
    let mut visitor = app.client();
    let (status, _, page) = visitor.get(&format!("{answers}?limit=1")).await;
    assert_eq!(status, StatusCode::OK);
    let first = &page["items"][0];
    assert_eq!(first["id"], sheets[0]["id"]);
    assert_eq!(first["author"]["stakeholder_group"], "civil-society");
    assert_eq!(first["answers"][&q[3]], 4);
    assert!(first.get("receipt").is_none() && first.get("user_id").is_none());
    let cursor = page["next_cursor"].as_str().unwrap();
    let (status, _, rest) = visitor
        .get(&format!("{answers}?limit=1&cursor={cursor}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let ids: Vec<&Value> = rest["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["id"])
        .collect();
    assert_eq!(ids, [&sheets[3]["id"]]);
    assert!(rest["next_cursor"].is_null());
}

#[tokio::test]
async fn a_sheet_is_checked_question_by_question() {
    let app = TestApp::with(Config::default(), Some(DURING)).await;
    let mut secretariat = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let (id, q) = questionnaire(&mut secretariat, json!({})).await;
    let mine = format!("/api/v1/consultations/{id}/submission");
    let mut participant = app
        .signed_in("p@example.org", Some(Role::Participant))
        .await;
    let stranger = "0190a000-0000-7000-8000-000000000000";
    let mut body = sheet(
        "submitted",
        json!({&q[0]: "one two three four five six", &q[1]: "Maybe",
               &q[2]: ["Spam", 5], &q[3]: 6, stranger: "?"}),
    );
    body["author"]["lang"] = json!("de");
    let (status, headers, refused) = participant.call(Method::PUT, &mine, Some(body)).await;
    let expected = [
        (format!("answers.{}", q[2]), "invalid-choice"),
        (format!("answers.{stranger}"), "not-found"),
        (format!("answers.{}", q[0]), "too-many-words"),
        (format!("answers.{}", q[1]), "invalid-choice"),
        (format!("answers.{}", q[3]), "invalid-choice"),
        ("author.lang".to_owned(), "invalid-language"),
    ];
    let errors = problem(status, &headers, &refused, 422);
    let mut got = fields(&errors);
    let mut want: Vec<(&str, &str)> = expected.iter().map(|(f, c)| (f.as_str(), *c)).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);

    // Handing in without the required answer names it; a draft may leave it out.
    let body = sheet("submitted", json!({&q[1]: "Yes"}));
    let (status, headers, refused) = participant.call(Method::PUT, &mine, Some(body)).await;
    assert_eq!(
        fields(&problem(status, &headers, &refused, 422)),
        [(format!("answers.{}", q[0]).as_str(), "required")]
    );
    let (status, headers, refused) = participant
        .call(Method::PUT, &mine, Some(json!({"state": "final"})))
        .await;
    let errors = problem(status, &headers, &refused, 422);
    assert_eq!(
        fields(&errors)[..2],
        [
            ("state", "invalid-choice"),
            ("author.stakeholder_group", "required")
        ]
    );
    let (status, _, _) = participant.get(&mine).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn saving_answer_sheets_is_rate_limited_per_account() {
    let config = Config {
        submissions_per_account_per_minute: 2,
        ..Config::default()
    };
    let app = TestApp::with(config, Some(DURING)).await;
    let mut secretariat = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let (id, q) = questionnaire(&mut secretariat, json!({})).await;
    let mine = format!("/api/v1/consultations/{id}/submission");
    let mut eager = app
        .signed_in("eager@example.org", Some(Role::Participant))
        .await;
    for _ in 0..2 {
        let (status, _, body) = eager
            .call(
                Method::PUT,
                &mine,
                Some(sheet("draft", json!({&q[1]: "Yes"}))),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, headers, body) = eager
        .call(
            Method::PUT,
            &mine,
            Some(sheet("draft", json!({&q[1]: "No"}))),
        )
        .await;
    problem(status, &headers, &body, 429);
    assert!(headers.contains_key(header::RETRY_AFTER));
    let stored = app
        .store
        .submission_of(
            id.parse().unwrap(),
            eager_id(&app, "eager@example.org").await,
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.answers.values().next(),
        Some(&agora_core::consultation::AnswerValue::Choices(vec![
            "Yes".into()
        ])),
        "the refused save changed nothing"
    );
    let mut other = app
        .signed_in("other@example.org", Some(Role::Participant))
        .await;
    let (status, _, body) = other
        .call(
            Method::PUT,
            &mine,
            Some(sheet("draft", json!({&q[1]: "Yes"}))),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "another account has its own budget: {body}"
    );
}

async fn eager_id(app: &TestApp, email: &str) -> uuid::Uuid {
    app.store.user_with_hash(email).await.unwrap().unwrap().0.id
}

#[tokio::test]
async fn the_workspace_api_filters_counts_moderates_and_tags() {
    let app = TestApp::with(Config::default(), Some(DURING)).await;
    let mut secretariat = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let (id, q) = questionnaire(&mut secretariat, json!({"public_by_default": true})).await;
    let mine = format!("/api/v1/consultations/{id}/submission");
    let mut sheets = Vec::new();
    for (i, lang) in ["en", "fr", "fr"].into_iter().enumerate() {
        let mut participant = app
            .signed_in(&format!("p{i}@example.org"), Some(Role::Participant))
            .await;
        let mut body = sheet("submitted", full_answers(&q));
        body["author"]["lang"] = json!(lang);
        let (status, _, saved) = participant.call(Method::PUT, &mine, Some(body)).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        sheets.push(saved["id"].as_str().unwrap().to_owned());
    }
    let workspace = format!("/api/v1/consultations/{id}/workspace");

    let (status, headers, body) = app.client().get(&workspace).await;
    problem(status, &headers, &body, 401);
    let mut participant = app
        .signed_in("reader@example.org", Some(Role::Participant))
        .await;
    let (status, headers, body) = participant.get(&workspace).await;
    problem(status, &headers, &body, 403);

    let (status, _, french) = secretariat
        .get(&format!("{workspace}?language=fr&limit=1"))
        .await;
    assert_eq!(status, StatusCode::OK, "{french}");
    assert_eq!(french["items"].as_array().unwrap().len(), 1);
    assert_eq!(french["counts"]["total"], 2, "counts cover every page");
    assert_eq!(
        french["counts"]["by_lang"],
        json!([{"value": "fr", "count": 2}])
    );
    assert!(french["next_cursor"].is_string());
    assert!(french["items"][0]["moderation"].is_null());

    let (status, headers, body) = secretariat.get(&format!("{workspace}?to=yesterday")).await;
    let errors = problem(status, &headers, &body, 422);
    assert_eq!(fields(&errors), [("to", "invalid-date")]);

    let moderation = format!("/api/v1/submissions/{}/moderation", sheets[0]);
    let (status, headers, body) = secretariat
        .call(
            Method::PUT,
            &moderation,
            Some(json!({"visibility": "hidden"})),
        )
        .await;
    let errors = problem(status, &headers, &body, 422);
    assert_eq!(fields(&errors), [("reason", "required")]);
    let (status, _, _) = secretariat
        .call(
            Method::PUT,
            &moderation,
            Some(json!({"visibility": "confidential", "reason": "At its author's request"})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, _, published) = app
        .client()
        .get(&format!("/api/v1/consultations/{id}/answers"))
        .await;
    assert_eq!(published["items"].as_array().unwrap().len(), 2);
    let (_, _, all) = secretariat.get(&format!("{workspace}?language=en")).await;
    assert_eq!(
        all["items"][0]["moderation"],
        json!({"visibility": "confidential", "reason": "At its author's request"})
    );
    let (status, _, _) = secretariat.call(Method::DELETE, &moderation, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, _, published) = app
        .client()
        .get(&format!("/api/v1/consultations/{id}/answers"))
        .await;
    assert_eq!(published["items"].as_array().unwrap().len(), 3);

    let tag = format!("/api/v1/submissions/{}/tags/Human%20Rights", sheets[1]);
    let (status, _, _) = secretariat.call(Method::PUT, &tag, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, _, tagged) = secretariat
        .get(&format!("{workspace}?tag=human%20rights"))
        .await;
    assert_eq!(tagged["items"][0]["id"], sheets[1].as_str());
    assert_eq!(tagged["items"][0]["tags"], json!(["human rights"]));
    let (status, _, _) = secretariat.call(Method::DELETE, &tag, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, _, untagged) = secretariat
        .get(&format!("{workspace}?tag=human%20rights"))
        .await;
    assert_eq!(untagged["counts"]["total"], 0);
    let (status, headers, body) = secretariat
        .call(
            Method::PUT,
            &format!("/api/v1/submissions/{}/tags/{}", sheets[1], "x".repeat(61)),
            None,
        )
        .await;
    problem(status, &headers, &body, 422);
}

#[tokio::test]
async fn a_report_through_the_api_is_decided_once_by_the_secretariat() {
    let app = TestApp::with(Config::default(), Some(DURING)).await;
    let mut secretariat = app
        .signed_in("s@example.org", Some(Role::Secretariat))
        .await;
    let (id, q) = questionnaire(&mut secretariat, json!({"public_by_default": true})).await;
    let mut author = app
        .signed_in("a@example.org", Some(Role::Participant))
        .await;
    let (_, _, saved) = author
        .call(
            Method::PUT,
            &format!("/api/v1/consultations/{id}/submission"),
            Some(sheet("submitted", full_answers(&q))),
        )
        .await;
    let sheet_id = saved["id"].as_str().unwrap().to_owned();
    let reports = format!("/api/v1/submissions/{sheet_id}/reports");

    let mut visitor = app.client();
    let (status, headers, body) = visitor
        .call(Method::POST, &reports, Some(json!({"name": "Jane Doe"})))
        .await;
    let errors = problem(status, &headers, &body, 422);
    assert_eq!(
        fields(&errors),
        [
            ("email", "required"),
            ("statement", "required"),
            ("confirm", "required")
        ]
    );
    let report = json!({"name": "Jane Doe", "email": "jane@example.org",
                        "statement": "Not mine", "confirm": true});
    let (status, headers, created) = visitor.call(Method::POST, &reports, Some(report)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["state"], "open");
    let report_id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(
        headers[header::LOCATION].to_str().unwrap(),
        format!("/api/v1/reports/{report_id}")
    );

    let listed = format!("/api/v1/consultations/{id}/reports?state=open");
    let (status, headers, body) = author.get(&listed).await;
    problem(status, &headers, &body, 403);
    let (status, _, open) = secretariat.get(&listed).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(open.as_array().unwrap().len(), 1);
    assert_eq!(open[0]["statement"], "Not mine");

    let resolution = format!("/api/v1/reports/{report_id}/resolution");
    let (status, _, decided) = secretariat
        .call(
            Method::POST,
            &resolution,
            Some(json!({"decision": "upheld", "note": "Confirmed"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    assert_eq!(
        decided["resolution"],
        json!({"decision": "upheld", "note": "Confirmed"})
    );
    let (status, headers, body) = secretariat
        .call(
            Method::POST,
            &resolution,
            Some(json!({"decision": "dismissed", "note": "Again"})),
        )
        .await;
    let errors = problem(status, &headers, &body, 422);
    assert_eq!(fields(&errors), [("state", "duplicate")]);
    let (_, _, published) = visitor
        .get(&format!("/api/v1/consultations/{id}/answers"))
        .await;
    assert_eq!(published["items"].as_array().unwrap().len(), 0, "hidden");
    let (status, headers, body) = visitor
        .call(
            Method::POST,
            &reports,
            Some(json!({"name": "J", "email": "j@example.org", "statement": "s", "confirm": true})),
        )
        .await;
    problem(status, &headers, &body, 404);
}
