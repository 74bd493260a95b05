//! The harness the web test files share: the real router over a fresh SQLite store holding the
//! demo, driven in-process, with a clock that stands still until a test moves it.
#![allow(dead_code)] // each test file uses part of it

pub mod smtp;

use std::sync::{Arc, Mutex};

use agora_core::auth::Role;
use agora_store::{NewUser, Store};
use agora_web::{AppState, Config, router};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use jiff::Timestamp;
use tower::ServiceExt;
use uuid::Uuid;

pub struct TestApp {
    pub app: Router,
    pub store: Store,
    /// The state behind `app` (its clock included), for the background tasks' entry points.
    pub state: AppState,
    now: Arc<Mutex<Timestamp>>,
    _dir: tempfile::TempDir,
}

/// A response, read whole.
pub struct Answer {
    pub status: StatusCode,
    pub location: String,
    pub set_cookies: Vec<String>,
    pub body: String,
}

/// A signed-in account.
pub struct Session {
    pub cookies: String,
    pub csrf: String,
    pub email: String,
    pub id: Uuid,
}

impl TestApp {
    /// The demo data, and a clock that stands still at 2013-07-10 until moved.
    pub async fn new() -> TestApp {
        Self::with_config(Config {
            auth_attempts_per_minute: 1000,
            ..Config::default()
        })
        .await
    }

    /// The same with other settings (a tighter sign-in limit, say).
    pub async fn with_config(config: Config) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}/agora.db", dir.path().display()))
            .await
            .unwrap();
        Self::on(store, config, dir).await
    }

    /// The same on a store of the caller's (PostgreSQL, say); `dir` lives as long as the app.
    pub async fn on(store: Store, config: Config, dir: tempfile::TempDir) -> TestApp {
        store.load_demo().await.unwrap();
        let now = Arc::new(Mutex::new(instant("2013-07-10T08:00:00Z")));
        let clock = {
            let now = now.clone();
            Arc::new(move || *now.lock().unwrap())
        };
        let state = AppState::with_clock(store.clone(), config, clock);
        TestApp {
            app: router(state.clone()),
            state,
            store,
            now,
            _dir: dir,
        }
    }

    /// The same app serving searches from `index`.
    pub fn with_search(self, index: agora_search::SearchIndex) -> TestApp {
        let state = self.state.clone().with_search(index);
        TestApp {
            app: router(state.clone()),
            state,
            ..self
        }
    }

    pub fn set_now(&self, at: Timestamp) {
        *self.now.lock().unwrap() = at;
    }

    pub async fn send(&self, request: Request<Body>) -> Answer {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let set_cookies = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect();
        let status = response.status();
        let body =
            String::from_utf8_lossy(&response.into_body().collect().await.unwrap().to_bytes())
                .into_owned();
        Answer {
            status,
            location,
            set_cookies,
            body,
        }
    }

    pub async fn get(&self, path: &str, cookies: &str) -> Answer {
        self.send(
            Request::get(path)
                .header(header::COOKIE, cookies)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// Posts `pairs` (and the session's CSRF token) as a form.
    pub async fn post(&self, path: &str, who: &Session, pairs: &[(String, String)]) -> Answer {
        let mut all = vec![("csrf".to_owned(), who.csrf.clone())];
        all.extend_from_slice(pairs);
        let request = Request::post(path)
            .header(header::COOKIE, &who.cookies)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(serde_html_form::to_string(&all).unwrap()))
            .unwrap();
        self.send(request).await
    }

    /// A JSON API call as `who` (cookies and CSRF header): status, `Location` and the body as
    /// JSON (`null` when it is not).
    pub async fn api(
        &self,
        method: &str,
        path: &str,
        who: &Session,
        body: Option<serde_json::Value>,
    ) -> (StatusCode, String, serde_json::Value) {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("Cookie", &who.cookies)
            .header("X-CSRF-Token", &who.csrf)
            .header("Content-Type", "application/json")
            .body(Body::from(body.map(|b| b.to_string()).unwrap_or_default()))
            .unwrap();
        let answer = self.send(request).await;
        let json = serde_json::from_str(&answer.body).unwrap_or(serde_json::Value::Null);
        (answer.status, answer.location, json)
    }

    /// A visitor: a CSRF cookie and token, no account.
    pub async fn visitor(&self) -> Session {
        let first = self.get("/signin", "").await;
        let csrf = cookie_value(&first.set_cookies, "agora_csrf").unwrap();
        Session {
            cookies: format!("agora_csrf={csrf}"),
            csrf,
            email: String::new(),
            id: Uuid::nil(),
        }
    }

    /// A new account with a global `role`, signed in.
    pub async fn session(&self, role: Role) -> Session {
        let email = format!("{}-{}@example.org", role.code(), agora_core::new_id());
        self.session_as(&email, role).await
    }

    /// A new account with this address and a global `role`, signed in.
    pub async fn session_as(&self, email: &str, role: Role) -> Session {
        let visitor = self.visitor().await;
        let email = email.to_owned();
        let hash = agora_web::hash_password("correct horse battery".into()).await;
        let new = NewUser {
            email: &email,
            display_name: role.code(),
            password_hash: &hash,
        };
        let user = self
            .store
            .create_user(None, &new, Some(role))
            .await
            .unwrap();
        let form = [
            ("email".to_owned(), email.clone()),
            ("password".to_owned(), "correct horse battery".to_owned()),
        ];
        let signed_in = self.post("/signin", &visitor, &form).await;
        assert_eq!(signed_in.status, StatusCode::SEE_OTHER, "sign-in");
        let session = cookie_value(&signed_in.set_cookies, "agora_session").unwrap();
        Session {
            cookies: format!("{}; agora_session={session}", visitor.cookies),
            email,
            id: user.id,
            ..visitor
        }
    }
}

pub fn cookie_value(set_cookies: &[String], name: &str) -> Option<String> {
    set_cookies.iter().find_map(|c| {
        c.strip_prefix(&format!("{name}="))?
            .split(';')
            .next()
            .map(str::to_owned)
    })
}

/// Form fields as owned pairs, for `TestApp::post`.
pub fn pairs(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

pub fn instant(text: &str) -> Timestamp {
    text.parse().unwrap()
}

impl TestApp {
    /// Posts a raw urlencoded form with the given cookie header.
    pub async fn post_form(&self, path: &str, cookies: &str, form: &str) -> Answer {
        let request = Request::post(path)
            .header(header::COOKIE, cookies)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form.to_owned()))
            .unwrap();
        self.send(request).await
    }

    /// The cookie header and CSRF token of an account with `role` (None: a visitor).
    pub async fn session_cookies(&self, role: Option<Role>) -> (String, String) {
        let session = match role {
            Some(role) => self.session(role).await,
            None => self.visitor().await,
        };
        (session.cookies, session.csrf)
    }
}

/// A sheet `user` handed in to `consultation`, answering nothing (made through the store,
/// for tests about something else).
pub async fn handed_in(store: &Store, consultation: Uuid, user: Uuid) -> Uuid {
    let id = agora_core::new_id();
    let sheet = agora_core::consultation::Submission {
        id,
        phase_id: consultation,
        user_id: Some(user),
        imported: None,
        receipt: agora_core::consultation::receipt_code(id),
        state: agora_core::consultation::SubmissionState::Submitted,
        public: true,
        author: agora_core::consultation::Author {
            stakeholder_group: "civil-society".into(),
            lang: "en".into(),
            ..Default::default()
        },
        answers: Default::default(),
        updated_at: jiff::Timestamp::now(),
        submitted_at: Some(jiff::Timestamp::now()),
    };
    store
        .save_submission(Some(user), &sheet, None, None)
        .await
        .unwrap();
    id
}

/// A call for proposals of wgec-2013, open from 2000 to 2999 with one theme and one format
/// (made through the store, for tests about something else); its phase id.
pub async fn open_call(store: &Store) -> Uuid {
    let wgec = store.process_by_slug("wgec-2013").await.unwrap().unwrap();
    let phase = agora_core::process::PhaseDraft {
        kind: "call-for-proposals".into(),
        title: "Workshops".into(),
        opens_at: "2000-01-01T00:00".into(),
        closes_at: "2999-01-01T00:00".into(),
    }
    .validate(&wgec)
    .unwrap();
    store.create(None, &phase).await.unwrap();
    let call = agora_core::proposal::CallDraft {
        themes: "Access".into(),
        formats: "Workshop = 90".into(),
    }
    .validate(&phase)
    .unwrap();
    store.save_call(None, &call).await.unwrap();
    phase.id
}

/// An open report on `sheet` (made through the store).
pub async fn reported(store: &Store, sheet: Uuid) -> Uuid {
    let report = agora_core::attribution::ReportDraft {
        name: "Jane Doe".into(),
        email: "jane@example.org".into(),
        statement: "Not mine".into(),
        confirm: true,
    }
    .validate(sheet, None, jiff::Timestamp::now())
    .unwrap();
    store.report_attribution(None, &report).await.unwrap();
    report.id
}

/// One part of a `multipart/form-data` body: a text field, or a file with its name.
pub enum Part<'a> {
    Text(&'a str, &'a str),
    File(&'a str, &'a str, &'a [u8]),
}

/// A `multipart/form-data` body of `parts`, and its content type.
pub fn multipart(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let boundary = "agora-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                );
                body.extend_from_slice(value.as_bytes());
            }
            Part::File(name, filename, bytes) => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n\
                         Content-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

impl TestApp {
    /// Posts `parts` as `multipart/form-data` with the given cookie header.
    pub async fn post_multipart(&self, path: &str, cookies: &str, parts: &[Part<'_>]) -> Answer {
        let (content_type, body) = multipart(parts);
        let request = Request::post(path)
            .header(header::COOKIE, cookies)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }
}

/// A response whose body is a file: its headers, and its bytes as sent.
pub struct Download {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub bytes: Vec<u8>,
}

impl Download {
    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.bytes.clone()).expect("a UTF-8 body")
    }
}

impl TestApp {
    /// GETs `path` and keeps the body as bytes (XLSX files are not text).
    pub async fn download(&self, path: &str, cookies: &str) -> Download {
        let request = Request::get(path)
            .header(header::COOKIE, cookies)
            .body(Body::empty())
            .unwrap();
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Download {
            status,
            headers,
            bytes: bytes.to_vec(),
        }
    }
}
