//! Page-level behaviour through the real router: role-by-route authorization of every
//! state-changing page route, CSRF, escaping of hostile names, languages, errors and limits.

use std::collections::BTreeSet;

use agora_core::auth::Role;
use agora_core::consultation::ConsultationDraft;
use agora_core::directory::{OrganisationDraft, PersonDraft};
use agora_core::process::PhaseDraft;
use agora_store::{NewUser, Store};
use agora_web::Config;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

mod support;

use support::{Part, TestApp, cookie_value, handed_in, reported};

/// The least role each state-changing page route needs. `None`: anyone (the form itself).
fn state_changing_routes() -> Vec<(&'static str, Option<Role>)> {
    vec![
        ("/processes", Some(Role::Secretariat)),
        ("/processes/wgec-2013/phases", Some(Role::Secretariat)),
        ("/processes/wgec-2013/edit", Some(Role::Secretariat)),
        (
            "/processes/wgec-2013/consultations",
            Some(Role::Secretariat),
        ),
        ("/consultations/{id}/answers", Some(Role::Participant)),
        ("/consultations/{id}/questions", Some(Role::Secretariat)),
        ("/consultations/{id}/late-windows", Some(Role::Secretariat)),
        ("/consultations/{id}/answers/{sheet}/report", None),
        (
            "/consultations/{id}/reports/{report}/resolution",
            Some(Role::Secretariat),
        ),
        (
            "/consultations/{id}/workspace/{sheet}/moderation",
            Some(Role::Secretariat),
        ),
        (
            "/consultations/{id}/workspace/{sheet}/tags",
            Some(Role::Secretariat),
        ),
        (
            "/consultations/{id}/workspace/{sheet}/tags/remove",
            Some(Role::Secretariat),
        ),
        ("/consultations/{id}/synthesis", Some(Role::Secretariat)),
        (
            "/consultations/{id}/synthesis/blocks/{block}/move",
            Some(Role::Secretariat),
        ),
        (
            "/consultations/{id}/synthesis/blocks/{block}/remove",
            Some(Role::Secretariat),
        ),
        (
            "/consultations/{id}/synthesis/blocks/{block}/quotes/{quote}",
            Some(Role::Secretariat),
        ),
        (
            "/consultations/{id}/synthesis/blocks/{block}/prose",
            Some(Role::Secretariat),
        ),
        (
            "/consultations/{id}/synthesis/prose",
            Some(Role::Secretariat),
        ),
        (
            "/consultations/{id}/synthesis/publish",
            Some(Role::Secretariat),
        ),
        ("/consultations/{id}/import", Some(Role::Secretariat)),
        (
            "/consultations/{id}/import/{upload}/preview",
            Some(Role::Secretariat),
        ),
        (
            "/consultations/{id}/import/{upload}/commit",
            Some(Role::Secretariat),
        ),
        ("/meetings/{id}/transcripts/new", Some(Role::Secretariat)),
        (
            "/meetings/{id}/transcripts/review/{upload}",
            Some(Role::Secretariat),
        ),
        (
            "/meetings/{id}/transcripts/{tid}/mapping",
            Some(Role::Secretariat),
        ),
        ("/processes/wgec-2013/meetings", Some(Role::Secretariat)),
        (
            "/processes/wgec-2013/conversations",
            Some(Role::Secretariat),
        ),
        (
            "/processes/wgec-2013/conversations/import",
            Some(Role::Secretariat),
        ),
        ("/conversations/{id}/join", Some(Role::Participant)),
        // Voting and writing need the account to have joined: tests/conversations.rs.
        ("/conversations/{id}/votes", None),
        ("/conversations/{id}/statements", None),
        ("/conversations/{id}/state", Some(Role::Secretariat)),
        ("/statements/{id}/moderation", Some(Role::Secretariat)),
        ("/calls/{id}", Some(Role::Secretariat)),
        ("/calls/{id}/proposals", Some(Role::Participant)),
        ("/calls/{id}/venue", Some(Role::Secretariat)),
        ("/calls/{id}/timetable", Some(Role::Secretariat)),
        ("/calls/{id}/timetable/move", Some(Role::Secretariat)),
        ("/calls/{id}/timetable/publish", Some(Role::Secretariat)),
        // Its author or the process's secretariat, until the deadline: tests/proposals.rs.
        ("/proposals/{id}", None),
        ("/calls/{id}/review", Some(Role::Secretariat)),
        ("/calls/{id}/reviewers", Some(Role::Secretariat)),
        ("/calls/{id}/selection", Some(Role::Secretariat)),
        // The secretariat once the call has closed; a reviewer of the process; the reviewer
        // assigned to the proposal: tests/reviews.rs.
        ("/calls/{id}/assignments", None),
        ("/calls/{id}/conflicts", None),
        ("/proposals/{id}/review", None),
        // The process's secretariat, after the deadline: tests/proposals.rs.
        ("/calls/{id}/decisions", None),
        ("/meetings/{id}/edit", Some(Role::Secretariat)),
        ("/meetings/{id}/participants", Some(Role::Secretariat)),
        (
            "/meetings/{id}/participants/{participant}/edit",
            Some(Role::Secretariat),
        ),
        (
            "/meetings/{id}/participants/{participant}/remove",
            Some(Role::Secretariat),
        ),
        // Running the queue: the secretariat here; the meeting's own moderator, who needs no
        // global role, is tested per meeting role in tests/meetings.rs.
        ("/meetings/{id}/queue", Some(Role::Secretariat)),
        ("/meetings/{id}/queue/settings", Some(Role::Secretariat)),
        ("/meetings/{id}/join", Some(Role::Participant)),
        // A participant of the meeting, whatever their global role: tests/meetings.rs.
        ("/meetings/{id}/hand", None),
        ("/meetings/{id}/interventions", None),
        ("/meetings/{id}/leave", None),
        ("/calendar", Some(Role::Secretariat)),
        ("/glossary", Some(Role::Secretariat)),
        ("/organisations", Some(Role::Secretariat)),
        ("/people", Some(Role::Secretariat)),
        ("/admin/users/{id}/grants", Some(Role::Admin)),
        ("/admin/grants/{id}/revoke", Some(Role::Admin)),
        ("/signin", None),
        ("/signup", None),
        ("/signout", None),
    ]
}

/// Routes whose form sends a file (`multipart/form-data`); the others send urlencoded forms.
const MULTIPART_ROUTES: [&str; 3] = [
    "/consultations/{id}/import",
    "/meetings/{id}/transcripts/new",
    "/processes/wgec-2013/conversations/import",
];

/// Posts `fields` to `path` the way the form of `route` does.
async fn post_as_form(
    app: &TestApp,
    route: &str,
    path: &str,
    cookies: &str,
    fields: &[(&str, &str)],
) -> support::Answer {
    if MULTIPART_ROUTES.contains(&route) {
        let parts: Vec<Part<'_>> = fields.iter().map(|(k, v)| Part::Text(k, v)).collect();
        app.post_multipart(path, cookies, &parts).await
    } else {
        let body = serde_html_form::to_string(fields).unwrap();
        app.post_form(path, cookies, &body).await
    }
}

/// A file staged for import into `consultation` (a header and one row), as the upload step
/// leaves it.
async fn staged_upload(
    store: &Store,
    consultation: uuid::Uuid,
    uploader: uuid::Uuid,
) -> uuid::Uuid {
    let upload = agora_store::StagedUpload {
        id: agora_core::new_id(),
        phase_id: consultation,
        uploader_id: uploader,
        filename: "answers.csv".into(),
        encoding: "auto".into(),
        sheet: None,
        bytes: b"Name\nJoy\n".to_vec(),
        map: None,
        created_at: support::instant("2013-07-10T08:00:00Z"),
        batch: None,
    };
    store.stage_upload(None, &upload).await.unwrap();
    upload.id
}

/// What the placeholders of the routes stand for, besides `{id}`.
struct Ids {
    upload: uuid::Uuid,
    sheet: uuid::Uuid,
    report: uuid::Uuid,
    /// The demo's meeting (the seed session), a transcript file staged for it, its transcript.
    meeting: uuid::Uuid,
    transcript_upload: uuid::Uuid,
    transcript: uuid::Uuid,
    /// A meeting of wgec-2013 and its participant, for the meeting's own routes.
    live_meeting: uuid::Uuid,
    participant: uuid::Uuid,
    /// A conversation of wgec-2013 and its seed statement.
    conversation: uuid::Uuid,
    statement: uuid::Uuid,
}

impl Ids {
    /// The demo's meeting and its transcript, and a transcript file staged for it by `uploader`.
    async fn with_meeting(
        store: &Store,
        uploader: uuid::Uuid,
        upload: uuid::Uuid,
        sheet: uuid::Uuid,
        report: uuid::Uuid,
    ) -> Ids {
        let icann = store
            .process_by_slug("icann-46-beijing")
            .await
            .unwrap()
            .unwrap();
        let meeting = store.meetings_of_process(icann.id).await.unwrap()[0].id;
        let transcript = store.transcripts_of_meeting(meeting).await.unwrap()[0].id;
        let staged = agora_store::TranscriptUpload {
            id: agora_core::new_id(),
            meeting_id: meeting,
            uploader_id: uploader,
            filename: "session.txt".into(),
            bytes: b"PETER MAJOR: Bonjour.".to_vec(),
            created_at: support::instant("2013-07-10T08:00:00Z"),
            transcript_id: None,
        };
        store.stage_transcript(None, &staged).await.unwrap();
        let (live_meeting, participant) = meeting_with_participant(store).await;
        let (conversation, statement) = conversation_with_statement(store).await;
        Ids {
            conversation,
            statement,
            upload,
            sheet,
            report,
            meeting,
            transcript_upload: staged.id,
            transcript,
            live_meeting,
            participant,
        }
    }
}

/// The path of `route` with its ids filled in.
fn route_path(route: &str, id: uuid::Uuid, ids: &Ids) -> String {
    let upload = if route.starts_with("/meetings/") {
        ids.transcript_upload
    } else {
        ids.upload
    };
    route
        .replace("{id}", &id.to_string())
        .replace("{upload}", &upload.to_string())
        .replace("{tid}", &ids.transcript.to_string())
        .replace("{sheet}", &ids.sheet.to_string())
        .replace("{report}", &ids.report.to_string())
        .replace("{participant}", &ids.participant.to_string())
        .replace("{block}", "0")
        .replace("{quote}", "0")
}

/// A consultation of wgec-2013 that is open for centuries around now (this harness runs on the
/// real clock), anyone with an account may answer, and has no questions.
async fn open_consultation(store: &Store) -> uuid::Uuid {
    let wgec = store.process_by_slug("wgec-2013").await.unwrap().unwrap();
    let phase = PhaseDraft {
        kind: "consultation".into(),
        title: "Questionnaire".into(),
        opens_at: "2000-01-01T00:00".into(),
        closes_at: "2999-01-01T00:00".into(),
    }
    .validate(&wgec)
    .unwrap();
    let settings = ConsultationDraft::default().validate(&phase).unwrap();
    store
        .create_consultation(None, &phase, &settings)
        .await
        .unwrap();
    phase.id
}

/// A meeting of wgec-2013 with one participant (added by the secretariat, no account).
/// An open conversation of wgec-2013 with one seed statement.
async fn conversation_with_statement(store: &Store) -> (uuid::Uuid, uuid::Uuid) {
    let wgec = store.process_by_slug("wgec-2013").await.unwrap().unwrap();
    let (conversation, seeds) = agora_core::conversation::ConversationDraft {
        topic: "Enhanced cooperation".into(),
        seeds: "Every stakeholder group should have a seat.".into(),
        ..Default::default()
    }
    .validate(&wgec, support::instant("2013-07-10T08:00:00Z"))
    .unwrap();
    let statements = store
        .create_conversation(None, &conversation, &seeds)
        .await
        .unwrap();
    (conversation.id, statements[0].id)
}

async fn meeting_with_participant(store: &Store) -> (uuid::Uuid, uuid::Uuid) {
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
        role: "moderator".into(),
        ..Default::default()
    }
    .validate(&meeting, &store.stakeholder_groups().await.unwrap())
    .unwrap();
    store.create(None, &participant).await.unwrap();
    (meeting.id, participant.id)
}

/// Every `post(` route declared in `src/pages/`, read from the source, so that a new route
/// that is missing from the matrix above fails this test.
fn declared_post_routes() -> BTreeSet<String> {
    let mut routes = BTreeSet::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/pages"
    ))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let source: String = std::fs::read_to_string(path)
                .unwrap()
                .split_whitespace()
                .collect();
            for declaration in source.split(".route(\"").skip(1) {
                let (path, rest) = declaration.split_once('"').unwrap();
                let handlers = rest.split(".route(").next().unwrap_or(rest);
                if handlers.contains("post(") {
                    routes.insert(path.to_owned());
                }
            }
        }
    }
    routes
}

#[tokio::test]
async fn every_state_changing_page_route_is_in_the_matrix() {
    let matrix: BTreeSet<String> = state_changing_routes()
        .iter()
        .map(|(p, _)| (*p).to_owned())
        .collect();
    let declared = declared_post_routes();
    let wgec_phases: BTreeSet<String> = declared
        .iter()
        .map(|p| p.replace("{slug}", "wgec-2013"))
        .collect();
    assert_eq!(wgec_phases, matrix);
}

#[tokio::test]
async fn role_by_route_authorization() {
    let app = TestApp::new().await;
    let target = app
        .store
        .create_user(
            None,
            &NewUser {
                email: "target@example.org",
                display_name: "Target",
                password_hash: "x",
            },
            Some(Role::Participant),
        )
        .await
        .unwrap();
    let grant = app.store.grants_of(target.id).await.unwrap().0[0].id;
    let consultation = open_consultation(&app.store).await;
    let call = support::open_call(&app.store).await;
    let sheet = handed_in(&app.store, consultation, target.id).await;
    let ids = Ids::with_meeting(
        &app.store,
        target.id,
        staged_upload(&app.store, consultation, target.id).await,
        sheet,
        reported(&app.store, sheet).await,
    )
    .await;
    let roles = [
        None,
        Some(Role::Participant),
        Some(Role::Reviewer),
        Some(Role::Secretariat),
        Some(Role::Admin),
    ];
    for role in roles {
        let (cookies, csrf) = app.session_cookies(role).await;
        for (route, needed) in state_changing_routes() {
            let Some(needed) = needed else { continue };
            let id = if route.contains("grants/{id}") {
                grant
            } else if route.starts_with("/consultations/") {
                consultation
            } else if route.starts_with("/calls/") {
                call
            } else if route.starts_with("/conversations/") {
                ids.conversation
            } else if route.starts_with("/statements/") {
                ids.statement
            } else if route.starts_with("/meetings/") {
                if route.starts_with("/meetings/{id}/transcripts") {
                    ids.meeting
                } else {
                    ids.live_meeting
                }
            } else {
                target.id
            };
            let path = route_path(route, id, &ids);
            let answer = post_as_form(
                &app,
                route,
                &path,
                &cookies,
                &[("csrf", &csrf), ("role", "reviewer")],
            )
            .await;
            let who = format!("{role:?} POST {path}");
            match role {
                None => {
                    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{who}");
                    assert!(
                        answer.location.starts_with("/signin?next="),
                        "{who}: {}",
                        answer.location
                    );
                }
                Some(role) if role < needed => {
                    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{who}")
                }
                // The synthesis of a consultation still open cannot be run (409), and it has
                // no draft to edit (404) or the form lacks its fields (400): past the
                // permission check all the same.
                // A speaker and participant that the form does not name: 400, past the check.
                Some(_) if route.ends_with("/mapping") => {
                    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{who}")
                }
                // A meeting's participant removed by the secretariat is not there for the
                // admin (404); a queue command without its fields is a bad request (400).
                Some(_) if route.starts_with("/meetings/") => assert!(
                    matches!(
                        answer.status,
                        StatusCode::SEE_OTHER
                            | StatusCode::UNPROCESSABLE_ENTITY
                            | StatusCode::NOT_FOUND
                            | StatusCode::BAD_REQUEST
                    ),
                    "{who}: {}",
                    answer.status
                ),
                // A join without a group re-renders the page (422); a decision or a state
                // the form does not give is a bad request (400): past the check.
                Some(_)
                    if route.starts_with("/conversations/")
                        || route.starts_with("/statements/") =>
                {
                    assert!(
                        matches!(
                            answer.status,
                            StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST
                        ),
                        "{who}: {}",
                        answer.status
                    )
                }
                Some(_) if route.starts_with("/consultations/{id}/synthesis") => assert!(
                    matches!(
                        answer.status,
                        StatusCode::CONFLICT | StatusCode::NOT_FOUND | StatusCode::BAD_REQUEST
                    ),
                    "{who}: {}",
                    answer.status
                ),
                Some(_) => assert!(
                    matches!(
                        answer.status,
                        StatusCode::SEE_OTHER | StatusCode::UNPROCESSABLE_ENTITY
                    ),
                    "{who}: {}",
                    answer.status
                ),
            }
        }
    }
}

#[tokio::test]
async fn every_state_changing_route_needs_the_csrf_token() {
    let app = TestApp::new().await;
    let (cookies, csrf) = app.session_cookies(Some(Role::Admin)).await;
    // Consultations are real: the import checks its secretariat before it reads a body.
    let consultation = open_consultation(&app.store).await;
    let admin = app.store.users().await.unwrap()[0].id;
    let ids = Ids::with_meeting(
        &app.store,
        admin,
        staged_upload(&app.store, consultation, admin).await,
        agora_core::new_id(),
        agora_core::new_id(),
    )
    .await;
    for (route, _) in state_changing_routes() {
        let id = if route.starts_with("/consultations/") {
            consultation
        } else if route.starts_with("/meetings/") {
            ids.meeting
        } else {
            agora_core::new_id()
        };
        let path = route_path(route, id, &ids);
        let missing = post_as_form(&app, route, &path, &cookies, &[("name", "x")]).await;
        assert_eq!(
            missing.status,
            StatusCode::FORBIDDEN,
            "POST {path} without a token"
        );
        let wrong_token = format!("{}x", &csrf[..42]);
        let wrong = post_as_form(
            &app,
            route,
            &path,
            &cookies,
            &[("csrf", &wrong_token), ("name", "x")],
        )
        .await;
        assert_eq!(
            wrong.status,
            StatusCode::FORBIDDEN,
            "POST {path} with a wrong token"
        );
    }
}

#[tokio::test]
async fn a_secretariat_creates_an_organisation_and_the_audit_log_records_it() {
    let app = TestApp::new().await;
    let (cookies, csrf) = app.session_cookies(Some(Role::Secretariat)).await;
    let form = format!(
        "csrf={csrf}&name=Internet+Society&acronym=ISOC2&stakeholder_group=technical-community&country=ch"
    );
    let created = app.post_form("/organisations", &cookies, &form).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let page = app.get(&created.location, &cookies).await;
    assert!(page.body.contains("Internet Society"));
    let log = app
        .store
        .audit_log(&agora_store::PageRequest::first(1))
        .await
        .unwrap()
        .items;
    assert_eq!(
        (log[0].action.as_str(), log[0].entity.as_str()),
        ("create", "organisation")
    );
    assert_eq!(log[0].actor_name.as_deref(), Some("secretariat"));
}

#[tokio::test]
async fn rejected_forms_name_the_fields_in_the_users_language_and_keep_the_values() {
    let app = TestApp::new().await;
    let (cookies, csrf) = app.session_cookies(Some(Role::Secretariat)).await;
    let form = format!(
        "csrf={csrf}&title=WTPF-13&organiser=ITU&place=Geneva&starts_on=2013-05-16&ends_on=2013-05-14"
    );
    let english = app.post_form("/calendar", &cookies, &form).await;
    assert_eq!(english.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(english.body.contains("The end must come after the start."));
    assert!(english.body.contains("href=\"#field-ends_on\""));
    assert!(english.body.contains("value=\"WTPF-13\""));
    let french = app
        .post_form(
            "/calendar?lang=fr",
            &format!("{cookies}; agora_lang=fr"),
            &form,
        )
        .await;
    assert_eq!(french.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(french.body.contains("lang=\"fr\""));
    assert!(!french.body.contains("The end must come after the start."));
    assert_eq!(
        app.store
            .all_events()
            .await
            .unwrap()
            .iter()
            .filter(|e| e.title == "WTPF-13")
            .count(),
        0
    );
}

#[tokio::test]
async fn hostile_names_show_as_text_everywhere() {
    let app = TestApp::new().await;
    let hostile = "<script>alert(1)</script>";
    let groups = app.store.stakeholder_groups().await.unwrap();
    let org = OrganisationDraft {
        name: hostile.into(),
        acronym: hostile[..20].into(),
        stakeholder_group: "civil-society".into(),
        ..Default::default()
    }
    .validate(&groups)
    .unwrap();
    app.store.create(None, &org).await.unwrap();
    let person = PersonDraft {
        name: hostile.into(),
        organisation_id: org.id.to_string(),
        affiliation: hostile.into(),
        stakeholder_group: "civil-society".into(),
        ..Default::default()
    }
    .validate(&groups)
    .unwrap();
    app.store.create(None, &person).await.unwrap();
    let (admin, csrf) = app.session_cookies(Some(Role::Admin)).await;
    let signup = format!(
        "csrf={csrf}&email=xss%40example.org&display_name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&password=correct+horse+battery"
    );
    let signed_up = app
        .post_form("/signup", &format!("agora_csrf={csrf}"), &signup)
        .await;
    assert_eq!(signed_up.status, StatusCode::SEE_OTHER);
    let xss_session = cookie_value(&signed_up.set_cookies, "agora_session").unwrap();
    let pages = [
        ("/people".to_owned(), admin.clone()),
        (format!("/people/{}", person.id), admin.clone()),
        ("/organisations".to_owned(), admin.clone()),
        (format!("/organisations/{}", org.id), admin.clone()),
        ("/admin".to_owned(), admin.clone()),
        ("/admin/audit".to_owned(), admin.clone()),
        (
            "/".to_owned(),
            format!("agora_csrf={csrf}; agora_session={xss_session}"),
        ),
    ];
    for (path, cookies) in pages {
        let page = app.get(&path, &cookies).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let escaped = [
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&#60;script&#62;alert(1)&#60;/script&#62;",
        ];
        assert!(
            escaped.iter().any(|e| page.body.contains(e)),
            "{path} shows the name as text"
        );
        assert!(
            !page.body.contains(hostile),
            "{path} never emits the raw tag"
        );
    }
}

#[tokio::test]
async fn pages_speak_six_languages_and_arabic_is_right_to_left() {
    let app = TestApp::new().await;
    let mut titles = BTreeSet::new();
    for lang in agora_core::UI_LANGUAGES {
        let page = app.get(&format!("/?lang={lang}"), "").await;
        assert_eq!(page.status, StatusCode::OK);
        let dir = if lang == "ar" { "rtl" } else { "ltr" };
        assert!(
            page.body
                .contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\">")),
            "{lang}"
        );
        let title = page
            .body
            .split("<h1>")
            .nth(1)
            .unwrap()
            .split("</h1>")
            .next()
            .unwrap()
            .to_owned();
        titles.insert(title);
        assert!(
            page.set_cookies
                .iter()
                .any(|c| c.starts_with(&format!("agora_lang={lang};")))
        );
    }
    assert_eq!(
        titles.len(),
        6,
        "each language has its own home title: {titles:?}"
    );
    let negotiated = app
        .send(
            Request::get("/")
                .header(header::ACCEPT_LANGUAGE, "de, ru;q=0.8")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(negotiated.body.contains("<html lang=\"ru\""));
}

#[tokio::test]
async fn unknown_pages_are_404_pages_and_big_bodies_413() {
    let app = TestApp::new().await;
    let missing = app.get("/no-such-page?lang=es", "").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("<main"));
    assert!(missing.body.contains("lang=\"es\""));
    let (cookies, csrf) = app.session_cookies(Some(Role::Secretariat)).await;
    let huge = format!("csrf={csrf}&name={}", "x".repeat(400 * 1024));
    let refused = app.post_form("/organisations", &cookies, &huge).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(refused.body.contains("<h1>"));
}

#[tokio::test]
async fn sign_in_is_rate_limited() {
    let app = TestApp::with_config(Config {
        auth_attempts_per_minute: 3,
        ..Config::default()
    })
    .await;
    let (cookies, csrf) = app.session_cookies(None).await;
    let form = format!("csrf={csrf}&email=nobody%40example.org&password=wrong+password");
    for _ in 0..3 {
        assert_eq!(
            app.post_form("/signin", &cookies, &form).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let limited = app.post_form("/signin", &cookies, &form).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_calendar_feed_has_the_demo_events() {
    let app = TestApp::new().await;
    let feed = app.get("/calendar.ics", "").await;
    assert_eq!(feed.status, StatusCode::OK);
    let unfolded = feed.body.replace("\r\n ", "");
    let wtpf = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("SUMMARY:WTPF-13"))
        .expect("WTPF-13");
    assert!(wtpf.contains("DTSTART;VALUE=DATE:20130514"));
    assert!(wtpf.contains("DTEND;VALUE=DATE:20130517"));
    let process = app.get("/processes/wgec-2013/calendar.ics", "").await;
    assert!(process.body.contains("BEGIN:VCALENDAR"));
    assert!(
        !process.body.contains("WTPF-13"),
        "a process feed holds only its own events"
    );
}

#[tokio::test]
async fn a_process_secretariat_edits_its_process_only() {
    let app = TestApp::new().await;
    let wgec = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    let (cookies, csrf) = app.session_cookies(Some(Role::Participant)).await;
    let me = app
        .store
        .users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.display_name == "participant")
        .unwrap();
    app.store
        .grant_role(None, me.id, Role::Secretariat, Some(wgec.id))
        .await
        .unwrap();
    let form = app.get("/processes/wgec-2013/edit", &cookies).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("value=\"22\""),
        "the seats are filled in"
    );
    let edit = format!(
        "csrf={csrf}&title=WGEC&mandate=A%2FRES%2F67%2F195&display_zone=Europe%2FZurich&seats.government=23"
    );
    let saved = app
        .post_form("/processes/wgec-2013/edit", &cookies, &edit)
        .await;
    assert_eq!(
        (saved.status, saved.location.as_str()),
        (StatusCode::SEE_OTHER, "/processes/wgec-2013")
    );
    let revised = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (revised.title.as_str(), revised.total_seats()),
        ("WGEC", 23)
    );
    let other = app
        .post_form("/processes/igf-2013-bali/edit", &cookies, &edit)
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    let bad = format!(
        "csrf={csrf}&title=WGEC&mandate=x&display_zone=Mars%2FOlympus&seats.government=many"
    );
    let refused = app
        .post_form("/processes/wgec-2013/edit", &cookies, &bad)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#field-display_zone\""));
    assert!(refused.body.contains("href=\"#field-seats.government\""));
}

#[tokio::test]
async fn the_health_check_answers_while_the_database_does() {
    let app = TestApp::new().await;
    let healthy = app.get("/healthz", "").await;
    assert_eq!(
        (healthy.status, healthy.body.as_str()),
        (StatusCode::OK, "ok\n")
    );
    assert!(healthy.set_cookies.is_empty(), "a probe gets no cookies");
    app.store.close().await;
    assert_eq!(
        app.get("/healthz", "").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
}

#[tokio::test]
async fn listed_events_link_to_their_process() {
    let app = TestApp::new().await;
    let list = app.get("/calendar?month=2013-05", "").await;
    let wgec_1 = list
        .body
        .split("<li id=\"event-")
        .skip(1)
        .find(|item| item.contains("WGEC-1"))
        .expect("WGEC-1 in May 2013");
    assert!(wgec_1.contains("href=\"/processes/wgec-2013\""));
    let wtpf = list
        .body
        .split("<li id=\"event-")
        .skip(1)
        .find(|item| item.contains("WTPF-13 —"))
        .expect("WTPF-13");
    assert!(
        wtpf.contains("href=\"/processes/"),
        "WTPF-13 belongs to the WTPF process"
    );
}
