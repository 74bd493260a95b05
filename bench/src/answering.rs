//! Answering a consultation over HTTP as an API client does: the signed-in participants, the
//! consultation they answer, and the `PUT …/submission` request. Shared by the `submit-load`
//! benchmark and the crash test (`crates/cli/tests/crash.rs`), so both measure and check the
//! same requests.

use agora_core::consultation::QuestionDraft;
use agora_store::{NewUser, Store};
use anyhow::Result;
use uuid::Uuid;

/// A CSRF token the clients echo: any 43-character token the server did not issue works as a
/// double-submit token, since the cookie and the header must merely agree.
pub const CSRF: &str = "benchbenchbenchbenchbenchbenchbenchbenchben";

/// A consultation open from an hour ago for a day, with a free-text question and a single
/// choice between `Yes` and `No`: its id and its two questions' ids.
pub async fn two_question_consultation(store: &Store) -> Result<(Uuid, [Uuid; 2])> {
    let now = jiff::Timestamp::now();
    let drafts = [
        QuestionDraft {
            prompt: "What is enhanced cooperation?".into(),
            word_limit: "500".into(),
            ..Default::default()
        },
        QuestionDraft {
            prompt: "Is the IGF the place?".into(),
            kind: "single-choice".into(),
            choices: "Yes\nNo".into(),
            ..Default::default()
        },
    ];
    let opens = (now - jiff::SignedDuration::from_hours(1)).to_string();
    let closes = (now + jiff::SignedDuration::from_hours(24)).to_string();
    let (phase, _, questions) = crate::open_consultation(store, &opens, &closes, &drafts).await?;
    Ok((phase.id, [questions[0].id, questions[1].id]))
}

/// A participant's account and the token of a session it holds.
#[derive(Debug, Clone)]
pub struct Participant {
    pub id: Uuid,
    pub session: String,
}

/// `count` participant accounts, each signed in for a day. Written to the store directly: an
/// account made through sign-up would cost an argon2 hash each, which is not what is measured.
pub async fn participants(store: &Store, count: usize) -> Result<Vec<Participant>> {
    let expires = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24);
    let mut signed_in = Vec::with_capacity(count);
    for i in 0..count {
        let email = format!("participant{i}@example.org");
        let new = NewUser {
            email: &email,
            display_name: "Participant",
            password_hash: "unused",
        };
        let user = store
            .create_user(None, &new, Some(agora_core::auth::Role::Participant))
            .await?;
        let session = agora_web::new_token();
        store
            .create_session(&agora_web::hash_token(&session), user.id, expires)
            .await?;
        signed_in.push(Participant {
            id: user.id,
            session,
        });
    }
    Ok(signed_in)
}

/// The JSON body of a sheet for [`two_question_consultation`]: `text` for the first question,
/// `choice` ticked for the second, public, by a civil-society author from Hungary.
pub fn answer_sheet(questions: &[Uuid; 2], text: &str, choice: &str, submitted: bool) -> String {
    serde_json::json!({
        "state": if submitted { "submitted" } else { "draft" },
        "public": true,
        "author": {"stakeholder_group": "civil-society", "country": "HU", "region": "151",
                   "organisation": "", "on_behalf": false, "lang": "en"},
        "answers": {
            questions[0].to_string(): text,
            questions[1].to_string(): [choice],
        }
    })
    .to_string()
}

/// What the server answered to one request.
#[derive(Debug)]
pub struct Reply {
    pub status: reqwest::StatusCode,
    /// `Idempotent-Replayed: true`: an earlier request with the same key saved the sheet.
    pub replayed: bool,
    pub body: String,
}

/// Saves participants' sheets for one consultation over HTTP, one connection at a time (as
/// one person's browser or script would).
pub struct SheetClient {
    http: reqwest::Client,
    target: String,
}

impl SheetClient {
    /// A client of the server at `base` (e.g. `http://127.0.0.1:8080`) for `consultation`.
    pub fn new(base: &str, consultation: Uuid) -> Result<SheetClient> {
        Ok(SheetClient {
            http: reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .build()?,
            target: format!("{base}/api/v1/consultations/{consultation}/submission"),
        })
    }

    /// `PUT`s `body` as the sheet of the holder of `session`, with `key` as its
    /// `Idempotency-Key` when given. An error is a transport failure: the server could not be
    /// reached, or the connection broke before the whole answer came back, so whether the
    /// request was saved is unknown.
    pub async fn save(
        &self,
        session: &str,
        body: &str,
        key: Option<&str>,
    ) -> reqwest::Result<Reply> {
        let mut request = self
            .http
            .put(&self.target)
            .header(
                "cookie",
                format!("agora_csrf={CSRF}; agora_session={session}"),
            )
            .header("x-csrf-token", CSRF)
            .header("content-type", "application/json")
            .body(body.to_owned());
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let response = request.send().await?;
        let status = response.status();
        let replayed = response
            .headers()
            .get("idempotent-replayed")
            .is_some_and(|v| v == "true");
        Ok(Reply {
            status,
            replayed,
            body: response.text().await?,
        })
    }
}
