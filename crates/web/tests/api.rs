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
    async fn send(
        &mut self,
        method: Method,
        path: &str,
        body: Option<Value>,
        csrf: Option<&str>,
    ) -> Sent {
        let mut request = Request::builder().method(method).uri(path);
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
                .body(Body::from(body.to_string())),
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
        .map(|(method, path, _)| (method.to_string(), path.to_owned()))
        .collect();
    assert_eq!(writes, matrix);
}

#[tokio::test]
async fn api_role_by_route_authorization() {
    let app = TestApp::new().await;
    let target = app
        .account("target@example.org", Some(Role::Participant))
        .await;
    let grant = app.store.grants_of(target).await.unwrap().0[0].id;
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
            let path = route.replace("{slug}", "wgec-2013").replace(
                "{id}",
                &if route.contains("grants/{id}") {
                    grant
                } else {
                    target
                }
                .to_string(),
            );
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
