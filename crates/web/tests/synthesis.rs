//! A closed consultation's synthesis through the real router: the secretariat runs the engine
//! in the background, edits the draft with the page's forms, publishes; the public reads a
//! synthesis in which every quote links to the answer it cites, no confidential or private
//! answer is quoted, hidden ones are not even read, and the exports carry the same quotes.

use std::collections::BTreeSet;
use std::time::Duration;

use agora_core::auth::Role;
use agora_core::consultation::{
    AnswerValue, Author, ConsultationDraft, Moderation, QuestionDraft, Submission, SubmissionState,
    Visibility, receipt_code,
};
use agora_core::process::PhaseDraft;
use agora_store::{JobState, NewUser, Store};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use uuid::Uuid;

mod support;

use support::TestApp;

/// A consultation of wgec-2013 that closed before the test clock's now (2013-07-10), with a
/// free-text question and a choice question.
async fn closed_consultation(store: &Store) -> (Uuid, Uuid, Uuid) {
    let wgec = store.process_by_slug("wgec-2013").await.unwrap().unwrap();
    let phase = PhaseDraft {
        kind: "consultation".into(),
        title: "Closed questionnaire".into(),
        opens_at: "2013-06-01T00:00".into(),
        closes_at: "2013-07-01T00:00".into(),
    }
    .validate(&wgec)
    .unwrap();
    let settings = ConsultationDraft::default().validate(&phase).unwrap();
    store
        .create_consultation(None, &phase, &settings)
        .await
        .unwrap();
    let text = QuestionDraft {
        prompt: "What should enhanced cooperation mean?".into(),
        kind: "free-text".into(),
        ..Default::default()
    }
    .validate(phase.id, 1)
    .unwrap();
    let choice = QuestionDraft {
        prompt: "Is the IGF the place?".into(),
        kind: "single-choice".into(),
        choices: "Yes\nNo".into(),
        ..Default::default()
    }
    .validate(phase.id, 2)
    .unwrap();
    store.create(None, &text).await.unwrap();
    store.create(None, &choice).await.unwrap();
    (phase.id, text.id, choice.id)
}

/// What each sheet is, for the public.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Published,
    Private,
    Confidential,
    Hidden,
}

const ANSWERS: [(&str, &str, Kind, &str); 8] = [
    (
        "civil-society",
        "150",
        Kind::Published,
        "Governments must consult civil society on internet policy. Transparency matters most.",
    ),
    (
        "civil-society",
        "002",
        Kind::Published,
        "Civil society should take part in every internet policy decision. Open meetings help.",
    ),
    (
        "private-sector",
        "150",
        Kind::Published,
        "Businesses need predictable rules for cross-border data flows. Investment follows clarity.",
    ),
    (
        "government",
        "002",
        Kind::Published,
        "States have a sovereign role in public policy for the internet. Cooperation among states is key.",
    ),
    (
        "private-sector",
        "002",
        Kind::Published,
        "Cross-border data flows need predictable rules and fewer barriers. Investment depends on it.",
    ),
    (
        "civil-society",
        "150",
        Kind::Private,
        "Private sheet: my personal view on policy consultation.",
    ),
    (
        "government",
        "150",
        Kind::Confidential,
        "Confidential sheet: our ministry's position on internet policy.",
    ),
    (
        "civil-society",
        "002",
        Kind::Hidden,
        "Hidden sheet: submitted in someone else's name.",
    ),
];

async fn answer_sheets(store: &Store, phase: Uuid, text: Uuid, choice: Uuid) -> Vec<(Uuid, Kind)> {
    let mut sheets = Vec::new();
    for (i, (group, region, kind, words)) in ANSWERS.into_iter().enumerate() {
        let user = store
            .create_user(
                None,
                &NewUser {
                    email: &format!("author{i}@example.org"),
                    display_name: "Author",
                    password_hash: "x",
                },
                Some(Role::Participant),
            )
            .await
            .unwrap();
        let id = agora_core::new_id();
        let at = support::instant("2013-06-15T10:00:00Z");
        let sheet = Submission {
            id,
            phase_id: phase,
            user_id: Some(user.id),
            imported: None,
            receipt: receipt_code(id),
            state: SubmissionState::Submitted,
            public: kind != Kind::Private,
            author: Author {
                stakeholder_group: group.into(),
                region: Some(region.into()),
                lang: "en".into(),
                ..Default::default()
            },
            answers: [
                (text, AnswerValue::Text(words.into())),
                (choice, AnswerValue::Choices(vec!["Yes".into()])),
            ]
            .into(),
            updated_at: at,
            submitted_at: Some(at),
        };
        store
            .save_submission(Some(user.id), &sheet, None, None)
            .await
            .unwrap();
        let visibility = match kind {
            Kind::Confidential => Some(Visibility::Confidential),
            Kind::Hidden => Some(Visibility::Hidden),
            _ => None,
        };
        if let Some(visibility) = visibility {
            let moderation = Moderation {
                visibility,
                reason: "asked".into(),
            };
            store.moderate(None, id, Some(&moderation)).await.unwrap();
        }
        sheets.push((id, kind));
    }
    sheets
}

async fn wait_for_the_job(store: &Store, phase: Uuid) {
    for _ in 0..500 {
        let job = store.synthesis(phase).await.unwrap().unwrap().job;
        match job.state {
            JobState::Done => return,
            JobState::Failed => panic!("the job failed: {:?}", job.error),
            _ => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
    panic!("the job did not end within 10 s");
}

/// `(submission, text)` of every quote of a synthesis view's JSON.
fn quotes(view: &Value) -> Vec<(String, String)> {
    view["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] == "theme")
        .flat_map(|b| b["theme"]["quotes"].as_array().unwrap().clone())
        .map(|q| {
            (
                q["submission"].as_str().unwrap().to_owned(),
                q["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[tokio::test]
async fn a_synthesis_is_run_edited_published_and_every_quote_traced() {
    let app = TestApp::new().await;
    let (phase, text, choice) = closed_consultation(&app.store).await;
    let sheets = answer_sheets(&app.store, phase, text, choice).await;
    let base = format!("/consultations/{phase}/synthesis");
    let secretariat = app.session(Role::Secretariat).await;
    let participant = app.session(Role::Participant).await;

    // Nothing to read before a synthesis is published; only the secretariat may run one.
    assert_eq!(app.get(&base, "").await.status, StatusCode::NOT_FOUND);
    let refused = app.post(&base, &participant, &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let page = app.get(&base, &secretariat.cookies).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!("action=\"{base}\"")),
        "the run button"
    );

    let started = app.post(&base, &secretariat, &[]).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER);
    wait_for_the_job(&app.store, phase).await;
    let stored = app.store.synthesis(phase).await.unwrap().unwrap();
    let output: Value = serde_json::from_str(stored.output.as_deref().unwrap()).unwrap();
    // Hidden sheets are not read; private and confidential ones are, and counted.
    assert_eq!(output["documents"], 7);
    let withheld: BTreeSet<String> = sheets
        .iter()
        .filter(|(_, kind)| *kind != Kind::Published)
        .map(|(id, _)| id.to_string())
        .collect();
    let published_ids: BTreeSet<String> = sheets
        .iter()
        .filter(|(_, kind)| *kind == Kind::Published)
        .map(|(id, _)| id.to_string())
        .collect();
    let hidden = sheets.iter().find(|(_, k)| *k == Kind::Hidden).unwrap().0;
    assert!(
        !stored
            .output
            .as_deref()
            .unwrap()
            .contains(&hidden.to_string())
    );
    for theme in output["themes"].as_array().unwrap() {
        for quote in theme["quotes"].as_array().unwrap() {
            let cited = quote["submission"].as_str().unwrap();
            assert!(!withheld.contains(cited), "{cited} is quoted");
        }
    }

    // The editor: drop the first quote of the first theme, add the secretariat's prose and
    // move it to the top, then publish.
    let page = app.get(&base, &secretariat.cookies).await;
    assert!(page.body.contains(&format!("{base}/publish")));
    let first_theme = &output["themes"][0];
    let dropped = (
        first_theme["quotes"][0]["submission"]
            .as_str()
            .unwrap()
            .to_owned(),
        first_theme["quotes"][0]["text"]
            .as_str()
            .unwrap()
            .to_owned(),
    );
    let edited = app
        .post(
            &format!("{base}/blocks/0/quotes/0"),
            &secretariat,
            &form(&[("keep", "false")]),
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER);
    let prose = "Our reading <script>alert(1)</script> of the answers.";
    let added = app
        .post(
            &format!("{base}/prose"),
            &secretariat,
            &form(&[("text", prose)]),
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let blocks = output["themes"].as_array().unwrap().len();
    for at in (1..=blocks).rev() {
        let moved = app
            .post(
                &format!("{base}/blocks/{at}/move"),
                &secretariat,
                &form(&[("direction", "up")]),
            )
            .await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER, "move {at} up");
    }
    let stale = app
        .post(&format!("{base}/blocks/99/remove"), &secretariat, &[])
        .await;
    assert_eq!(stale.status, StatusCode::NOT_FOUND);
    let published = app
        .post(&format!("{base}/publish"), &secretariat, &[])
        .await;
    assert_eq!(published.status, StatusCode::SEE_OTHER);

    // The public page: the prose first and escaped, every quote linked to its answer.
    let snapshot: Value = serde_json::from_str(
        &app.store
            .synthesis(phase)
            .await
            .unwrap()
            .unwrap()
            .published
            .unwrap()
            .snapshot,
    )
    .unwrap();
    assert_eq!(
        snapshot["blocks"][0],
        json!({ "kind": "prose", "text": prose })
    );
    let shown = quotes(&snapshot);
    assert!(!shown.is_empty());
    assert!(
        !shown.contains(&dropped),
        "the dropped quote is not published"
    );
    let public = app.get(&base, "").await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(!public.body.contains("<script>alert(1)"));
    assert!(
        public
            .body
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            || public.body.contains("&#60;script&#62;")
    );
    assert!(
        !public.body.contains(&format!("{base}/publish")),
        "no editor for the public"
    );
    for (cited, _) in &shown {
        assert!(
            published_ids.contains(cited),
            "{cited} is not a published sheet"
        );
        assert!(
            public
                .body
                .contains(&format!("href=\"/consultations/{phase}/answers/{cited}\"")),
            "{cited} is not linked"
        );
        let answer = app
            .get(&format!("/consultations/{phase}/answers/{cited}"), "")
            .await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "the cited answer is readable"
        );
    }
    for id in &withheld {
        assert!(!public.body.contains(id.as_str()), "{id} shows publicly");
    }
    let consultation = app.get(&format!("/consultations/{phase}"), "").await;
    assert!(consultation.body.contains(&format!("href=\"{base}\"")));

    // The exports carry the same quotes, linked the same way.
    let exported = app.download(&format!("{base}.json"), "").await;
    assert_eq!(exported.status, StatusCode::OK);
    let exported: Value = serde_json::from_str(&exported.text()).unwrap();
    assert_eq!(quotes(&exported), shown);
    let markdown = app.download(&format!("{base}.md"), "").await.text();
    let html = app.download(&format!("{base}.html"), "").await.text();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for (cited, words) in &shown {
        let link = format!("/consultations/{phase}/answers/{cited}");
        assert!(
            markdown.contains(&format!("[{cited}]({link})")),
            "{markdown}"
        );
        assert!(html.contains(&format!("href=\"{link}\"")));
        let plain = words.trim_end_matches('.');
        assert!(markdown.contains(plain) && html.contains(plain), "{words}");
    }

    // The API: the public reads the published version; a draft that names what does not
    // exist is refused with what and where.
    let api = format!("/api/v1/consultations/{phase}/synthesis");
    let read = app.get(&api, "").await;
    assert_eq!(read.status, StatusCode::OK);
    let read: Value = serde_json::from_str(&read.body).unwrap();
    assert_eq!(quotes(&read["published"]), shown);
    assert!(read.get("draft").is_none(), "{read}");
    let bad = json!({ "blocks": [
        { "kind": "theme", "theme": "t99", "quotes": [] },
        { "kind": "theme", "theme": output["themes"][0]["id"], "quotes": [99] },
    ]});
    let refused = app
        .send(
            Request::put(format!("{api}/draft"))
                .header(header::COOKIE, &secretariat.cookies)
                .header("X-CSRF-Token", &secretariat.csrf)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(bad.to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let problem: Value = serde_json::from_str(&refused.body).unwrap();
    let at: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(at, ["blocks[0].theme", "blocks[1].quotes[0]"]);

    // A new run shows its progress and refreshes itself; the published version stays.
    app.store.start_synthesis(None, phase).await.unwrap();
    let running = app.get(&base, &secretariat.cookies).await;
    assert!(running.body.contains("http-equiv=\"refresh\""));
    assert!(running.body.contains("<progress"));
    assert!(
        !running.body.contains(&format!("action=\"{base}\"")),
        "no second run"
    );
    assert_eq!(app.get(&base, "").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_synthesis_waits_for_the_consultation_to_close() {
    let app = TestApp::new().await;
    let (phase, _, _) = closed_consultation(&app.store).await;
    app.set_now(support::instant("2013-06-20T00:00:00Z"));
    let secretariat = app.session(Role::Secretariat).await;
    let base = format!("/consultations/{phase}/synthesis");
    let page = app.get(&base, &secretariat.cookies).await;
    assert!(!page.body.contains(&format!("action=\"{base}\"")));
    let refused = app.post(&base, &secretariat, &[]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(app.store.synthesis(phase).await.unwrap(), None);
}
