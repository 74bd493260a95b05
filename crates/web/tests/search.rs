//! Search through the real router, on SQLite and PostgreSQL: records written through the pages
//! reach the index through the triggers' feed and the indexer, only public ones, for everyone
//! alike; the watermark survives a reopen; a rebuild equals what the changes built.

use std::future::Future;

use agora_core::auth::Role;
use agora_core::consultation::{AnswerValue, ConsultationDraft, QuestionDraft};
use agora_core::process::PhaseDraft;
use agora_search::SearchIndex;
use agora_store::Store;
use agora_web::Config;
use agora_web::search::Indexer;
use axum::http::StatusCode;
use sqlx::{Connection, Executor, PgConnection};
use uuid::Uuid;

mod support;

use support::{Session, TestApp};

const POSTGRES_URL_VAR: &str = "AGORA_TEST_POSTGRES_URL";

/// Runs `body` on SQLite, then on a fresh PostgreSQL database when `AGORA_TEST_POSTGRES_URL`
/// names a server (the database is dropped afterwards, even when the body fails).
async fn on_both<F, Fut>(body: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    body(TestApp::new().await).await;
    let Ok(base) = std::env::var(POSTGRES_URL_VAR) else {
        eprintln!("{POSTGRES_URL_VAR} is not set: the PostgreSQL half did not run");
        return;
    };
    let name = format!("agora_web_search_{}", Uuid::now_v7().simple());
    let mut admin = PgConnection::connect(&base).await.unwrap();
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let url = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("{POSTGRES_URL_VAR} names no database"),
    };
    let store = Store::open(&url).await.unwrap();
    let app = TestApp::on(
        store.clone(),
        Config {
            auth_attempts_per_minute: 1000,
            ..Config::default()
        },
        tempfile::tempdir().unwrap(),
    )
    .await;
    let outcome = tokio::spawn(body(app)).await;
    store.close().await;
    admin
        .execute(format!("DROP DATABASE {name} WITH (FORCE)").as_str())
        .await
        .unwrap();
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}

/// An open consultation of the demo's WGEC with one free-text question: (its id, the question's).
async fn consultation(store: &Store) -> (Uuid, Uuid) {
    let wgec = store.process_by_slug("wgec-2013").await.unwrap().unwrap();
    let phase = PhaseDraft {
        kind: "consultation".into(),
        title: "Questionnaire on enhanced cooperation".into(),
        opens_at: "2000-01-01T00:00".into(),
        closes_at: "2999-01-01T00:00".into(),
    }
    .validate(&wgec)
    .unwrap();
    let settings = ConsultationDraft {
        public_by_default: true,
        ..ConsultationDraft::default()
    }
    .validate(&phase)
    .unwrap();
    store
        .create_consultation(None, &phase, &settings)
        .await
        .unwrap();
    let question = QuestionDraft {
        prompt: "What should change?".into(),
        ..Default::default()
    }
    .validate(phase.id, 1)
    .unwrap();
    store.create(None, &question).await.unwrap();
    (phase.id, question.id)
}

/// Hands in a sheet through the answer form; returns its id.
async fn hand_in(
    app: &TestApp,
    who: &Session,
    (consultation, question): (Uuid, Uuid),
    text: &str,
    public: bool,
) -> Uuid {
    let mut form = vec![
        (format!("q-{question}"), text.to_owned()),
        ("stakeholder_group".into(), "civil-society".into()),
        ("lang".into(), "fr".into()),
        ("action".into(), "submit".into()),
    ];
    if public {
        form.push(("public".into(), "on".into()));
    }
    let sent = app
        .post(
            &format!("/consultations/{consultation}/answers"),
            who,
            &form,
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    app.store
        .submission_of(consultation, who.id)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A published sheet saved through the store by a new account (no sign-in: quicker, for tests
/// of what the search shows rather than of how answers are handed in).
async fn stored_sheet(store: &Store, (consultation, question): (Uuid, Uuid), text: &str) {
    let email = format!("{}@example.org", Uuid::now_v7());
    let user = store
        .create_user(
            None,
            &agora_store::NewUser {
                email: &email,
                display_name: "Author",
                password_hash: "not a hash: never signs in",
            },
            None,
        )
        .await
        .unwrap();
    let id = support::handed_in(store, consultation, user.id).await;
    let mut sheet = store.submission(id).await.unwrap().unwrap();
    sheet
        .answers
        .insert(question, AnswerValue::Text(text.to_owned()));
    store
        .save_submission(Some(user.id), &sheet, None, None)
        .await
        .unwrap();
}

/// The index of `app`, brought up to date.
async fn indexed(app: &TestApp) -> Indexer {
    let mut indexer = Indexer::new(app.store.clone(), app.state.search.clone()).unwrap();
    indexer.rebuild(|_| {}).await.unwrap();
    indexer
}

async fn api(app: &TestApp, query: &str, who: &str) -> serde_json::Value {
    let answer = app.get(&format!("/api/v1/search?{query}"), who).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

fn keys(found: &serde_json::Value) -> Vec<String> {
    found["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_is_found_until_it_is_hidden() {
    on_both(|app| async move {
        let questionnaire = consultation(&app.store).await;
        let mut indexer = indexed(&app).await;
        let author = app.session(Role::Participant).await;
        let sheet = hand_in(
            &app,
            &author,
            questionnaire,
            "La gouvernance de l'Internet doit rester ouverte aux wombats.",
            true,
        )
        .await;
        let key = format!("answer:{sheet}");
        // Nothing is searchable before the indexer has read the feed.
        assert!(keys(&api(&app, "q=wombats", "").await).is_empty());
        assert!(indexer.catch_up().await.unwrap() >= 1);

        let found = api(&app, "q=gouvernances&kind=answer", "").await;
        assert_eq!(keys(&found), [key.as_str()]);
        let hit = &found["results"][0];
        assert_eq!(hit["kind"], "answer");
        assert_eq!(
            hit["url"],
            format!("/consultations/{}/answers/{sheet}", questionnaire.0)
        );
        assert_eq!(hit["group"], "civil-society");
        assert_eq!(hit["language"], "fr");
        let snippet = hit["snippet"].as_str().unwrap();
        let [start, end] = [0, 1].map(|i| hit["highlights"][0][i].as_u64().unwrap() as usize);
        let marked: String = snippet.chars().skip(start).take(end - start).collect();
        assert_eq!(marked, "gouvernance");
        // The page links to the answer's own page, and marks the words.
        let page = app.get("/search?q=wombats", "").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(&format!(
            "href=\"/consultations/{}/answers/{sheet}\"",
            questionnaire.0
        )));
        assert!(page.body.contains("<mark>wombats</mark>"), "{}", page.body);
        assert_eq!(
            app.get(
                &format!("/consultations/{}/answers/{sheet}", questionnaire.0),
                ""
            )
            .await
            .status,
            StatusCode::OK
        );

        // Hidden by the secretariat: gone, for visitors and for the secretariat alike.
        let secretariat = app.session(Role::Secretariat).await;
        let hidden = app
            .post(
                &format!(
                    "/consultations/{}/workspace/{sheet}/moderation",
                    questionnaire.0
                ),
                &secretariat,
                &[
                    ("visibility".into(), "hidden".into()),
                    ("reason".into(), "Falsely attributed".into()),
                ],
            )
            .await;
        assert_eq!(hidden.status, StatusCode::SEE_OTHER, "{}", hidden.body);
        indexer.catch_up().await.unwrap();
        assert!(keys(&api(&app, "q=wombats", "").await).is_empty());
        assert!(keys(&api(&app, "q=wombats", &secretariat.cookies).await).is_empty());
        let page = app.get("/search?q=wombats", &secretariat.cookies).await;
        assert!(!page.body.contains(&sheet.to_string()));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_published_answers_are_searchable_by_anyone() {
    on_both(|app| async move {
        let questionnaire = consultation(&app.store).await;
        let mut indexer = indexed(&app).await;
        let private_author = app.session(Role::Participant).await;
        hand_in(
            &app,
            &private_author,
            questionnaire,
            "Private thoughts on platypus regulation.",
            false,
        )
        .await;
        let public_author = app.session(Role::Participant).await;
        let public = hand_in(
            &app,
            &public_author,
            questionnaire,
            "Public thoughts on platypus regulation.",
            true,
        )
        .await;
        // Made confidential by the secretariat: its page is gone, and so is its result.
        let confidential_author = app.session(Role::Participant).await;
        let confidential = hand_in(
            &app,
            &confidential_author,
            questionnaire,
            "Confidential thoughts on platypus regulation.",
            true,
        )
        .await;
        let secretariat = app.session(Role::Secretariat).await;
        app.post(
            &format!(
                "/consultations/{}/workspace/{confidential}/moderation",
                questionnaire.0
            ),
            &secretariat,
            &[
                ("visibility".into(), "confidential".into()),
                ("reason".into(), "Personal data".into()),
            ],
        )
        .await;
        indexer.catch_up().await.unwrap();
        for who in [
            "",
            private_author.cookies.as_str(),
            secretariat.cookies.as_str(),
        ] {
            let found = api(&app, "q=platypus", who).await;
            assert_eq!(keys(&found), [format!("answer:{public}")], "as {who:?}");
            assert_eq!(found["total"], 1);
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_glossary_entry_made_on_its_page_is_found_and_linked() {
    on_both(|app| async move {
        let mut indexer = indexed(&app).await;
        let secretariat = app.session(Role::Secretariat).await;
        let made = app
            .post(
                "/glossary",
                &secretariat,
                &[
                    ("acronym".into(), "ZZTLD".into()),
                    ("expansion.en".into(), "Zany top-level domains".into()),
                    ("expansion.zh".into(), "奇特顶级域名".into()),
                ],
            )
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        indexer.catch_up().await.unwrap();
        let found = api(&app, "q=域名&kind=glossary", "").await;
        assert_eq!(found["total"], 1);
        let hit = &found["results"][0];
        assert_eq!(hit["title"], "ZZTLD");
        assert_eq!(hit["language"], "zh");
        let url = hit["url"].as_str().unwrap();
        let anchor = url.strip_prefix("/glossary#").unwrap();
        let glossary = app.get("/glossary", "").await;
        assert!(glossary.body.contains(&format!("id=\"{anchor}\"")));
        // Found by its acronym too, and counted under its kind.
        let by_acronym = api(&app, "q=zztld", "").await;
        let counts = by_acronym["counts"].as_array().unwrap();
        let glossary_count = counts.iter().find(|c| c["kind"] == "glossary").unwrap();
        assert_eq!(glossary_count["count"], 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rebuild_equals_what_the_changes_built() {
    on_both(|app| async move {
        let questionnaire = consultation(&app.store).await;
        let mut indexer = indexed(&app).await;
        let author = app.session(Role::Participant).await;
        let sheet = hand_in(&app, &author, questionnaire, "First words.", true).await;
        hand_in(&app, &author, questionnaire, "Second thoughts.", true).await;
        let other = app.session(Role::Participant).await;
        hand_in(&app, &other, questionnaire, "Kept to myself.", false).await;
        let secretariat = app.session(Role::Secretariat).await;
        let edited = app
            .post(
                "/processes/wgec-2013/edit",
                &secretariat,
                &edit_form(&app, "Enhanced cooperation, revised mandate").await,
            )
            .await;
        assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
        indexer.catch_up().await.unwrap();

        let rebuilt = SearchIndex::in_memory();
        let mut from_scratch = Indexer::new(app.store.clone(), rebuilt.clone()).unwrap();
        from_scratch.rebuild(|_| {}).await.unwrap();
        assert_eq!(app.state.search.dump().unwrap(), rebuilt.dump().unwrap());
        assert_eq!(from_scratch.watermark(), indexer.watermark());
        let dump = rebuilt.dump().unwrap();
        assert!(dump.iter().any(|r| r.contains("Second thoughts.")));
        assert!(!dump.iter().any(|r| r.contains("First words.")));
        assert!(!dump.iter().any(|r| r.contains("Kept to myself.")));
        assert!(dump.iter().any(|r| r.contains("revised mandate")));
        assert!(
            dump.iter()
                .any(|r| r.contains(&format!("key=answer:{sheet}")))
        );
    })
    .await;
}

/// The process edit form of WGEC with a new mandate, every other field as it is.
async fn edit_form(app: &TestApp, mandate: &str) -> Vec<(String, String)> {
    let wgec = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    let mut form = vec![
        ("title".into(), wgec.title.clone()),
        ("slug".into(), wgec.slug.clone()),
        ("mandate".into(), mandate.to_owned()),
        ("display_zone".into(), wgec.display_zone.clone()),
    ];
    if let Some(convenor) = wgec.convenor_id {
        form.push(("convenor_id".into(), convenor.to_string()));
    }
    for seats in &wgec.seats {
        form.push((
            format!("seats.{}", seats.stakeholder_group),
            seats.seats.to_string(),
        ));
    }
    form
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_watermark_survives_a_reopen() {
    on_both(|app| async move {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index");
        let questionnaire = consultation(&app.store).await;
        let author = app.session(Role::Participant).await;
        let watermark = {
            let index = SearchIndex::open(&path).unwrap();
            let mut indexer = Indexer::new(app.store.clone(), index).unwrap();
            assert!(indexer.needs_rebuild().await.unwrap());
            indexer.rebuild(|_| {}).await.unwrap();
            hand_in(&app, &author, questionnaire, "Echidna spines.", true).await;
            indexer.catch_up().await.unwrap();
            indexer.watermark()
        };
        assert!(watermark > 0);
        let reopened = SearchIndex::open(&path).unwrap();
        assert_eq!(reopened.watermark().unwrap(), watermark);
        let mut indexer = Indexer::new(app.store.clone(), reopened.clone()).unwrap();
        assert!(!indexer.needs_rebuild().await.unwrap());
        assert_eq!(indexer.catch_up().await.unwrap(), 0);
        let app = app.with_search(reopened);
        assert_eq!(keys(&api(&app, "q=echidna", "").await).len(), 1);
    })
    .await;
}

#[tokio::test]
async fn bad_searches_are_refused_naming_the_parameter() {
    let app = TestApp::new().await;
    let long = "a".repeat(501);
    let refused = app.get(&format!("/api/v1/search?q={long}"), "").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem: serde_json::Value = serde_json::from_str(&refused.body).unwrap();
    assert_eq!(problem["errors"][0]["field"], "q");
    assert_eq!(problem["errors"][0]["code"], "too-long");
    let french = app
        .get("/api/v1/search?q=x&process=nowhere&lang=fr", "")
        .await;
    assert_eq!(french.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem: serde_json::Value = serde_json::from_str(&french.body).unwrap();
    assert_eq!(problem["errors"][0]["field"], "process");
    assert_eq!(problem["errors"][0]["code"], "not-found");
    // The page says it beside the field, keeping what was typed.
    let page = app.get("/search?q=x&to=2013-13-01&lang=es", "").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("href=\"#field-to\""), "{}", page.body);
    assert!(page.body.contains("value=\"2013-13-01\""));
}

#[tokio::test]
async fn the_page_escapes_text_around_the_marks_and_pages_through_results() {
    let app = TestApp::new().await;
    let questionnaire = consultation(&app.store).await;
    let mut indexer = indexed(&app).await;
    let hostile = "<script>alert(1)</script> & the kiwi <b>wins</b>";
    for _ in 0..23 {
        stored_sheet(&app.store, questionnaire, hostile).await;
    }
    indexer.catch_up().await.unwrap();
    let page = app.get("/search?q=kiwi", "").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<script>alert"));
    // askama writes the escapes as numeric references.
    assert!(
        page.body.contains(
            "&#60;script&#62;alert(1)&#60;/script&#62; &#38; the <mark>kiwi</mark> \
             &#60;b&#62;wins&#60;/b&#62;"
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("<strong>23</strong>"));
    assert!(
        page.body
            .contains("href=\"/search?q=kiwi&#38;page=2\" rel=\"next\"")
    );
    let second = app.get("/search?q=kiwi&page=2", "").await;
    assert_eq!(second.body.matches("<mark>kiwi</mark>").count(), 3);
    assert!(second.body.contains("rel=\"prev\""));
    assert!(!second.body.contains("rel=\"next\""));
    // The API's next page is an address too; the last page has none.
    let first = api(&app, "q=kiwi", "").await;
    assert_eq!(first["next"], "/api/v1/search?q=kiwi&page=2");
    assert_eq!(first["results"].as_array().unwrap().len(), 20);
    assert!(api(&app, "q=kiwi&page=2", "").await["next"].is_null());
    // An empty form shows no results, only the form; the page is in the header.
    let empty = app.get("/search?lang=ar", "").await;
    assert!(!empty.body.contains("search-results"));
    assert!(empty.body.contains("href=\"/search\""));
}

/// The demo's Beijing session: its process, meeting and transcript.
async fn beijing(app: &TestApp) -> (Uuid, Uuid) {
    let icann = app
        .store
        .process_by_slug("icann-46-beijing")
        .await
        .unwrap()
        .unwrap();
    let meeting = app.store.meetings_of_process(icann.id).await.unwrap()[0].id;
    let transcript = app.store.transcripts_of_meeting(meeting).await.unwrap()[0].id;
    (meeting, transcript)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transcript_turns_are_found_by_meeting_speaker_and_group_and_follow_their_speaker() {
    on_both(|app| async move {
        let (meeting, transcript) = beijing(&app).await;
        let mut indexer = indexed(&app).await;
        let found = api(
            &app,
            &format!("q=questionnaire&kind=transcript&meeting={meeting}&speaker=peter+major"),
            "",
        )
        .await;
        let hits = found["results"].as_array().unwrap();
        assert!(!hits.is_empty(), "{found}");
        for hit in hits {
            assert_eq!(hit["kind"], "transcript");
            assert_eq!(hit["speaker"], "Peter Major");
            assert_eq!(hit["meeting"], meeting.to_string());
            let url = hit["url"].as_str().unwrap();
            assert!(
                url.starts_with(&format!("/meetings/{meeting}/transcripts/{transcript}#t")),
                "{url}"
            );
        }
        // The anchor a result links to is on the transcript's page.
        let first = hits[0]["url"].as_str().unwrap();
        let (page, anchor) = first.split_once('#').unwrap();
        let shown = app.get(page, "").await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(shown.body.contains(&format!("id=\"{anchor}\"")), "{anchor}");

        // A speaker's group changes: their turns follow through the feed, as a rebuild would.
        let major = app
            .store
            .participants(meeting)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.name == "Peter Major")
            .unwrap();
        let before = api(
            &app,
            &format!("q=questionnaire&meeting={meeting}&group=academic-community"),
            "",
        )
        .await;
        assert!(keys(&before).is_empty());
        let moved = agora_core::meeting::Participant {
            stakeholder_group: "academic-community".into(),
            ..major
        };
        app.store.update_participant(None, &moved).await.unwrap();
        assert!(indexer.catch_up().await.unwrap() >= hits.len());
        let after = api(
            &app,
            &format!("q=questionnaire&meeting={meeting}&group=academic-community"),
            "",
        )
        .await;
        assert_eq!(keys(&after), keys(&found));

        // Every turn of the transcript moved to nobody: no longer Peter Major's.
        app.store
            .remap_speaker(None, transcript, Some("PETER MAJOR"), None, None)
            .await
            .unwrap();
        indexer.catch_up().await.unwrap();
        let rebuilt = SearchIndex::in_memory();
        let mut from_scratch = Indexer::new(app.store.clone(), rebuilt.clone()).unwrap();
        from_scratch.rebuild(|_| {}).await.unwrap();
        assert_eq!(app.state.search.dump().unwrap(), rebuilt.dump().unwrap());
    })
    .await;
}
