//! Meetings and their live speaker queue through the real router: the secretariat's pages,
//! participants, joining, the queue run by its moderator, who may do what per meeting role,
//! written interventions, the no-JavaScript fallback, and the server-sent events received by a
//! real HTTP client from a real server on loopback.

use std::time::Duration;

use agora_core::auth::Role;
use agora_core::meeting::Role as MeetingRole;
use axum::http::StatusCode;
use jiff::Timestamp;
use uuid::Uuid;

mod support;

use support::{Session, TestApp, instant, pairs};

/// The id at the end of a redirect to `/meetings/{id}…`.
fn meeting_id(location: &str) -> Uuid {
    let id = location
        .strip_prefix("/meetings/")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("not a meeting: {location}"));
    Uuid::parse_str(id).unwrap()
}

/// A meeting of wgec-2013 (zone Europe/Zurich) created through the form by `secretariat`.
async fn wgec_meeting(app: &TestApp, secretariat: &Session) -> Uuid {
    let created = app
        .post(
            "/processes/wgec-2013/meetings",
            secretariat,
            &pairs(&[
                ("title", "WGEC first meeting"),
                ("starts_at", "2013-05-30T10:00"),
                ("ends_at", "2013-05-30T13:00"),
                ("place", "Palais des Nations, Room XXI"),
                ("online_url", "https://webtv.un.org/"),
                ("languages", "en, fr, es"),
                (
                    "agenda",
                    "Opening | 10\nThe questionnaire | 60\nAny other business",
                ),
            ]),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    meeting_id(&created.location)
}

/// `who` joins the meeting through the form; returns their participant id.
async fn join(app: &TestApp, who: &Session, meeting: Uuid, group: &str, remote: bool) -> Uuid {
    let place = if remote { "remote" } else { "room" };
    let joined = app
        .post(
            &format!("/meetings/{meeting}/join"),
            who,
            &pairs(&[("stakeholder_group", group), ("place", place)]),
        )
        .await;
    assert_eq!(
        (joined.status, joined.location.as_str()),
        (
            StatusCode::SEE_OTHER,
            format!("/meetings/{meeting}/live").as_str()
        ),
        "{}",
        joined.body
    );
    app.store
        .participant_of_user(meeting, who.id)
        .await
        .unwrap()
        .expect("joined")
        .id
}

/// Makes a participant the meeting's moderator, as the secretariat does on the edit form.
async fn make_moderator(app: &TestApp, secretariat: &Session, meeting: Uuid, participant: Uuid) {
    let p = app.store.participant(participant).await.unwrap().unwrap();
    let saved = app
        .post(
            &format!("/meetings/{meeting}/participants/{participant}/edit"),
            secretariat,
            &pairs(&[
                ("name", &p.name),
                ("stakeholder_group", &p.stakeholder_group),
                ("role", "moderator"),
            ]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let p = app.store.participant(participant).await.unwrap().unwrap();
    assert_eq!(p.role, MeetingRole::Moderator);
    assert!(
        p.user_id.is_some(),
        "the account stays with the participant"
    );
}

async fn queue_post(
    app: &TestApp,
    who: &Session,
    meeting: Uuid,
    command: &str,
    entry: Option<Uuid>,
) {
    let entry = entry.map(|e| e.to_string()).unwrap_or_default();
    let answer = app
        .post(
            &format!("/meetings/{meeting}/queue"),
            who,
            &pairs(&[("command", command), ("entry", &entry)]),
        )
        .await;
    assert_eq!(
        (answer.status, answer.location.as_str()),
        (
            StatusCode::SEE_OTHER,
            format!("/meetings/{meeting}/live").as_str()
        ),
        "{command}: {}",
        answer.body
    );
}

async fn hand(app: &TestApp, who: &Session, meeting: Uuid, action: &str) -> support::Answer {
    app.post(
        &format!("/meetings/{meeting}/hand"),
        who,
        &pairs(&[("action", action)]),
    )
    .await
}

#[tokio::test]
async fn a_secretariat_creates_edits_and_lists_a_meeting_in_the_process_zone() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let form = app
        .get("/processes/wgec-2013/meetings/new", &secretariat.cookies)
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Europe/Zurich"), "the zone is named");
    let meeting = wgec_meeting(&app, &secretariat).await;
    let stored = app.store.meeting(meeting).await.unwrap().unwrap();
    assert_eq!(
        stored.starts_at,
        instant("2013-05-30T08:00:00Z"),
        "read in Zurich time"
    );
    let page = app.get(&format!("/meetings/{meeting}"), "").await;
    assert_eq!(page.status, StatusCode::OK);
    for shown in [
        "WGEC first meeting",
        "2013-05-30 10:00:00 CEST",
        "Palais des Nations, Room XXI",
        "href=\"https://webtv.un.org/\"",
        "The questionnaire",
        "(60 min)",
        "<span lang=\"fr\">fr</span>",
        &format!("href=\"/meetings/{meeting}/live\""),
    ] {
        assert!(page.body.contains(shown), "{shown} missing");
    }
    assert!(
        !page.body.contains("/edit\""),
        "a visitor is offered no edit link"
    );
    let process = app.get("/processes/wgec-2013?lang=fr", "").await;
    assert!(process.body.contains("Réunions"));
    assert!(
        process
            .body
            .contains(&format!("href=\"/meetings/{meeting}\""))
    );

    // The edit form holds the local times; a bad edit names its field and keeps the values.
    let edit = app
        .get(&format!("/meetings/{meeting}/edit"), &secretariat.cookies)
        .await;
    assert!(edit.body.contains("value=\"2013-05-30T10:00\""));
    assert!(edit.body.contains("Opening | 10"));
    let refused = app
        .post(
            &format!("/meetings/{meeting}/edit"),
            &secretariat,
            &pairs(&[
                ("title", "WGEC first meeting (revised)"),
                ("starts_at", "2013-05-30T10:00"),
                ("ends_at", "2013-05-30T09:00"),
            ]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#field-ends_at\""));
    assert!(refused.body.contains("WGEC first meeting (revised)"));
    let saved = app
        .post(
            &format!("/meetings/{meeting}/edit"),
            &secretariat,
            &pairs(&[
                ("title", "WGEC first meeting (revised)"),
                ("starts_at", "2013-05-30T10:00"),
                ("ends_at", "2013-05-30T12:00"),
                ("agenda", "Opening"),
            ]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let stored = app.store.meeting(meeting).await.unwrap().unwrap();
    assert_eq!(stored.title, "WGEC first meeting (revised)");
    assert_eq!(stored.agenda.len(), 1);
}

#[tokio::test]
async fn participants_come_from_the_directory_or_join_themselves() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let meeting = wgec_meeting(&app, &secretariat).await;
    let major = app
        .store
        .people(&agora_store::PageRequest::first(200))
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|p| p.name == "Peter Major")
        .unwrap();
    let form = app
        .get(
            &format!("/meetings/{meeting}/participants/new"),
            &secretariat.cookies,
        )
        .await;
    assert!(form.body.contains(&format!("value=\"{}\"", major.id)));
    let added = app
        .post(
            &format!("/meetings/{meeting}/participants"),
            &secretariat,
            &pairs(&[("person_id", &major.id.to_string()), ("role", "moderator")]),
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let listed = app.store.participants(meeting).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (
            listed[0].name.as_str(),
            listed[0].stakeholder_group.as_str()
        ),
        ("Peter Major", "government"),
        "blanks filled from the directory"
    );
    assert_eq!(listed[0].person_id, Some(major.id));

    let refused = app
        .post(
            &format!("/meetings/{meeting}/participants"),
            &secretariat,
            &pairs(&[("name", "Nobody"), ("role", "king")]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#field-stakeholder_group\""));
    assert!(refused.body.contains("href=\"#field-role\""));

    let janis = app.session(Role::Participant).await;
    let page = app
        .get(&format!("/meetings/{meeting}"), &janis.cookies)
        .await;
    assert!(
        page.body
            .contains(&format!("href=\"/meetings/{meeting}/join\""))
    );
    let bad = app
        .post(
            &format!("/meetings/{meeting}/join"),
            &janis,
            &pairs(&[("stakeholder_group", "aliens"), ("place", "moon")]),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("href=\"#field-place\""));
    let id = join(&app, &janis, meeting, "civil-society", true).await;
    let me = app.store.participant(id).await.unwrap().unwrap();
    assert_eq!(
        (me.role, me.remote, me.user_id, me.name.as_str()),
        (MeetingRole::Attendee, true, Some(janis.id), "participant")
    );
    let page = app.get(&format!("/meetings/{meeting}"), "").await;
    assert!(page.body.contains("Moderators"));
    assert!(page.body.contains("Attendees"));
    assert!(page.body.contains("remote"));
    // Joining twice leads to the live page; leaving lowers the hand and removes the person.
    let again = app
        .post(
            &format!("/meetings/{meeting}/join"),
            &janis,
            &pairs(&[("stakeholder_group", "government"), ("place", "room")]),
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(app.store.participants(meeting).await.unwrap().len(), 2);
    assert_eq!(
        hand(&app, &janis, meeting, "raise").await.status,
        StatusCode::SEE_OTHER
    );
    let left = app
        .post(&format!("/meetings/{meeting}/leave"), &janis, &[])
        .await;
    assert_eq!(left.status, StatusCode::SEE_OTHER);
    assert_eq!(app.store.participant(id).await.unwrap(), None);
    let queue = app.store.queue(meeting).await.unwrap();
    assert!(
        queue.entries.iter().all(|e| !e.state.is_open()),
        "the hand went down"
    );
    let removed = app
        .post(
            &format!("/meetings/{meeting}/participants/{}/remove", listed[0].id),
            &secretariat,
            &[],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(app.store.participants(meeting).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_moderator_runs_the_queue_and_speaking_time_adds_up_by_group() {
    let app = TestApp::new().await;
    let start = instant("2013-05-30T08:00:00Z");
    app.set_now(start);
    let secretariat = app.session(Role::Secretariat).await;
    let meeting = wgec_meeting(&app, &secretariat).await;
    let major = app.session(Role::Participant).await;
    let janis = app.session(Role::Participant).await;
    let loeb = app.session(Role::Participant).await;
    let major_id = join(&app, &major, meeting, "government", false).await;
    make_moderator(&app, &secretariat, meeting, major_id).await;
    let janis_id = join(&app, &janis, meeting, "civil-society", true).await;
    let loeb_id = join(&app, &loeb, meeting, "private-sector", false).await;

    assert_eq!(
        hand(&app, &janis, meeting, "raise").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        hand(&app, &loeb, meeting, "raise").await.status,
        StatusCode::SEE_OTHER
    );
    // Raising a raised hand changes nothing.
    assert_eq!(
        hand(&app, &loeb, meeting, "raise").await.status,
        StatusCode::SEE_OTHER
    );
    let live = app
        .get(&format!("/meetings/{meeting}/live"), &major.cookies)
        .await;
    assert_eq!(live.status, StatusCode::OK);
    assert!(live.body.contains("Call the next speaker"));
    assert_eq!(
        live.body.matches("name=\"command\" value=\"call\"").count(),
        2
    );
    let janis_page = app
        .get(&format!("/meetings/{meeting}/live"), &janis.cookies)
        .await;
    assert!(!janis_page.body.contains("Call the next speaker"));
    assert!(
        janis_page.body.contains("data-hand=\"raise\" hidden"),
        "her hand is up"
    );
    assert!(
        janis_page
            .body
            .contains(&format!("data-participant=\"{janis_id}\""))
    );

    let entry_of = |participant: Uuid| {
        let store = app.store.clone();
        async move {
            store
                .queue(meeting)
                .await
                .unwrap()
                .entries
                .into_iter()
                .rfind(|e| e.participant_id == Some(participant))
                .unwrap()
        }
    };
    let loeb_entry = entry_of(loeb_id).await;
    queue_post(&app, &major, meeting, "move-up", Some(loeb_entry.id)).await;
    queue_post(&app, &major, meeting, "call-next", None).await;
    assert_eq!(
        entry_of(loeb_id).await.state.code(),
        "speaking",
        "moved first"
    );
    app.set_now(instant("2013-05-30T08:01:30Z"));
    queue_post(&app, &major, meeting, "call-next", None).await;
    app.set_now(instant("2013-05-30T08:02:00Z"));
    let settings = app
        .post(
            &format!("/meetings/{meeting}/queue/settings"),
            &major,
            &pairs(&[("minutes", "2"), ("agenda_item", "1")]),
        )
        .await;
    assert_eq!(settings.status, StatusCode::SEE_OTHER);
    let live = app.get(&format!("/meetings/{meeting}/live"), "").await;
    // Loeb spoke 90 s; Janis has the floor since 08:01:30, 30 s ago, 90 s of 2 min left.
    for shown in [
        "<time datetime=\"PT90S\">1:30</time>",
        "<time datetime=\"PT30S\">0:30</time>",
        "Time left: <time datetime=\"PT90S\"",
        "The questionnaire",
    ] {
        assert!(live.body.contains(shown), "{shown} missing:\n{}", live.body);
    }
    assert!(
        !live.body.contains("Call the next speaker"),
        "a visitor sees no controls"
    );

    // Janis, remote, writes; the text enters the record on the meeting's page.
    let written = app
        .post(
            &format!("/meetings/{meeting}/interventions"),
            &janis,
            &pairs(&[(
                "text",
                "Can you hear me? <b>Remote</b> participation fails.",
            )]),
        )
        .await;
    assert_eq!(written.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/meetings/{meeting}"), "").await;
    assert!(
        page.body
            .contains("Can you hear me? &#60;b&#62;Remote&#60;/b&#62; participation fails."),
        "{}",
        page.body.split("id=\"written\"").last().unwrap()
    );

    queue_post(&app, &major, meeting, "end-turn", None).await;
    let queue = app.store.queue(meeting).await.unwrap();
    assert!(queue.entries.iter().all(|e| !e.state.is_open()));
    assert_eq!(queue.interventions[0].agenda_item, Some(1));
    let log = app
        .store
        .audit_log(&agora_store::PageRequest::first(1))
        .await
        .unwrap()
        .items;
    assert_eq!(
        (log[0].action.as_str(), log[0].entity.as_str()),
        ("end-turn", "speaker_queue")
    );
    assert_eq!(log[0].actor_id, Some(major.id));
    // A lowered hand may go up again; the moderator may also lower it.
    assert_eq!(
        hand(&app, &janis, meeting, "raise").await.status,
        StatusCode::SEE_OTHER
    );
    let again = entry_of(janis_id).await;
    queue_post(&app, &major, meeting, "withdraw", Some(again.id)).await;
    assert_eq!(entry_of(janis_id).await.state.code(), "withdrawn");
}

/// A route under the meeting, its form fields, and the status expected for each of the five
/// accounts of [`meeting_actions_per_role`].
type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], [StatusCode; 5]);

/// Who may do what in a meeting, for each part one can have in it, through the real router.
#[tokio::test]
async fn meeting_actions_per_role() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let meeting = wgec_meeting(&app, &secretariat).await;
    let wgec = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    let wtpf = app.store.process_by_slug("wtpf-13").await.unwrap().unwrap();

    let visitor = app.visitor().await;
    let outsider = app.session(Role::Participant).await;
    let attendee = app.session(Role::Participant).await;
    join(&app, &attendee, meeting, "civil-society", true).await;
    let moderator = app.session(Role::Participant).await;
    let moderator_id = join(&app, &moderator, meeting, "government", false).await;
    make_moderator(&app, &secretariat, meeting, moderator_id).await;
    let own_secretariat = app.session(Role::Participant).await;
    app.store
        .grant_role(None, own_secretariat.id, Role::Secretariat, Some(wgec.id))
        .await
        .unwrap();
    let other_secretariat = app.session(Role::Participant).await;
    app.store
        .grant_role(None, other_secretariat.id, Role::Secretariat, Some(wtpf.id))
        .await
        .unwrap();

    const IN: StatusCode = StatusCode::SEE_OTHER;
    const NO: StatusCode = StatusCode::FORBIDDEN;
    // (route, fields, expected for: outsider, attendee (remote), moderator (in the room),
    // the process's secretariat, another process's secretariat).
    let cases: [Case; 6] = [
        ("hand", &[("action", "raise")], [NO, IN, IN, NO, NO]),
        ("interventions", &[("text", "Hello")], [NO, IN, NO, NO, NO]),
        ("queue", &[("command", "call-next")], [NO, NO, IN, IN, NO]),
        ("queue/settings", &[("minutes", "3")], [NO, NO, IN, IN, NO]),
        (
            "participants",
            &[
                ("name", "Markus Kummer"),
                ("stakeholder_group", "civil-society"),
            ],
            [NO, NO, NO, IN, NO],
        ),
        ("leave", &[], [NO, IN, IN, NO, NO]),
    ];
    for (route, fields, expected) in cases {
        let path = format!("/meetings/{meeting}/{route}");
        let answer = app.post(&path, &visitor, &pairs(fields)).await;
        assert!(
            answer.location.starts_with("/signin?next="),
            "a visitor is sent to sign in: {path}"
        );
        let people = [
            ("outsider", &outsider),
            ("attendee", &attendee),
            ("moderator", &moderator),
            ("process secretariat", &own_secretariat),
            ("other secretariat", &other_secretariat),
        ];
        for ((who, session), status) in people.into_iter().zip(expected) {
            let answer = app.post(&path, session, &pairs(fields)).await;
            assert_eq!(answer.status, status, "{who} POST {path}");
        }
    }
    // The pages of the secretariat's forms follow the same rule.
    for (session, status) in [(&moderator, NO), (&own_secretariat, StatusCode::OK)] {
        let form = app
            .get(&format!("/meetings/{meeting}/edit"), &session.cookies)
            .await;
        assert_eq!(form.status, status);
    }
    let form = app
        .get(
            &format!("/meetings/{meeting}/interventions"),
            &moderator.cookies,
        )
        .await;
    assert_eq!(form.status, NO, "the moderator is in the room");
    // Joining needs an account only.
    let joined = app
        .post(
            &format!("/meetings/{meeting}/join"),
            &outsider,
            &pairs(&[
                ("stakeholder_group", "academic-community"),
                ("place", "room"),
            ]),
        )
        .await;
    assert_eq!(joined.status, IN);
}

#[tokio::test]
async fn written_interventions_are_checked_and_rate_limited() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let meeting = wgec_meeting(&app, &secretariat).await;
    let janis = app.session(Role::Participant).await;
    join(&app, &janis, meeting, "civil-society", true).await;
    let path = format!("/meetings/{meeting}/interventions");
    let form = app.get(&path, &janis.cookies).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        !form.body.contains("http-equiv=\"refresh\""),
        "no refresh while typing"
    );
    let long = "x".repeat(agora_core::speaker_queue::MAX_INTERVENTION_CHARS + 1);
    let refused = app
        .post(
            &format!("{path}?lang=es"),
            &janis,
            &pairs(&[("text", &long)]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#field-text\""));
    assert!(
        refused.body.contains("Su intervención"),
        "in the reader's language"
    );
    let limit = agora_web::Config::default().interventions_per_account_per_minute;
    for n in 1..limit {
        let text = format!("Intervention {n}");
        let sent = app.post(&path, &janis, &pairs(&[("text", &text)])).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{n}");
    }
    let over = app
        .post(&path, &janis, &pairs(&[("text", "One more")]))
        .await;
    assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS);
    let written = app.store.queue(meeting).await.unwrap().interventions;
    assert_eq!(written.len(), limit as usize - 1);

    // They enter the record: the statistics count them, by group and by person, with no
    // transcript imported.
    let statistics = app
        .get(&format!("/meetings/{meeting}/statistics"), "")
        .await;
    assert_eq!(statistics.status, StatusCode::OK);
    let section = statistics
        .body
        .split("<section id=\"written\"")
        .nth(1)
        .expect("a section of written interventions");
    let count = limit - 1;
    for row in [
        format!("<th scope=\"row\"><bdi>Civil society</bdi></th><td class=\"num\">{count}</td>"),
        format!(
            "<th scope=\"row\"><bdi>Civil society</bdi></th><td class=\"num\">{}</td>",
            2 * count
        ),
    ] {
        assert!(section.contains(&row), "{row} missing:\n{section}");
    }
}

#[tokio::test]
async fn the_live_page_refreshes_itself_only_without_script() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let meeting = wgec_meeting(&app, &secretariat).await;
    let live = app
        .get(&format!("/meetings/{meeting}/live?lang=ar"), "")
        .await;
    assert_eq!(live.status, StatusCode::OK);
    assert!(live.body.contains("dir=\"rtl\""));
    assert!(live.body.contains("قائمة المتحدثين"));
    assert!(
        live.body
            .contains("<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>")
    );
    assert!(
        live.body
            .contains("<script src=\"/assets/queue.js\" defer></script>")
    );
    assert!(!live.body.contains("<script>"), "no inline script");
    assert!(live.body.contains(&format!(
        "data-queue-events=\"/meetings/{meeting}/queue/events\""
    )));
    let page = app.get(&format!("/meetings/{meeting}"), "").await;
    assert!(!page.body.contains("http-equiv=\"refresh\""));
    let script = app.download("/assets/queue.js", "").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(
        script
            .header(axum::http::header::CONTENT_TYPE)
            .starts_with("text/javascript")
    );
    assert!(script.text().contains("EventSource"));
    let csp = app.download(&format!("/meetings/{meeting}/live"), "").await;
    assert!(
        csp.header(axum::http::header::CONTENT_SECURITY_POLICY)
            .contains("script-src 'self';")
    );
    let missing = app
        .get(&format!("/meetings/{}/live", Uuid::nil()), "")
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

/// A server-sent events client over real HTTP: reads `event`/`id`/`data` blocks.
struct EventStream {
    response: reqwest::Response,
    buffer: String,
}

struct QueueEvent {
    id: i64,
    data: String,
}

impl EventStream {
    async fn open(base: &str, path: &str, cookies: &str) -> EventStream {
        let response = reqwest::Client::new()
            .get(format!("{base}{path}"))
            .header("Cookie", cookies)
            .header("Accept", "text/event-stream")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), reqwest::StatusCode::OK);
        assert_eq!(
            response.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        EventStream {
            response,
            buffer: String::new(),
        }
    }

    /// The next `queue` event (comments and keep-alives skipped), within ten seconds.
    async fn next(&mut self) -> QueueEvent {
        tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                if let Some(end) = self.buffer.find("\n\n") {
                    let block: String = self.buffer.drain(..end + 2).collect();
                    let mut id = None;
                    let mut data = Vec::new();
                    let mut queue = false;
                    for line in block.lines() {
                        if let Some(v) = line.strip_prefix("id:") {
                            id = v.trim().parse().ok();
                        } else if let Some(v) = line.strip_prefix("data:") {
                            data.push(v.strip_prefix(' ').unwrap_or(v).to_owned());
                        } else if line.trim() == "event: queue" || line.trim() == "event:queue" {
                            queue = true;
                        }
                    }
                    if queue {
                        return QueueEvent {
                            id: id.expect("an id"),
                            data: data.join("\n"),
                        };
                    }
                    continue;
                }
                let chunk = self
                    .response
                    .chunk()
                    .await
                    .unwrap()
                    .expect("the stream ended");
                self.buffer.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await
        .expect("an event within ten seconds")
    }
}

#[tokio::test]
async fn queue_changes_reach_event_stream_clients_on_a_real_server() {
    let app = TestApp::new().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = app.app.clone();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    let secretariat = app.session(Role::Secretariat).await;
    let meeting = wgec_meeting(&app, &secretariat).await;
    let janis = app.session(Role::Participant).await;
    let janis_id = join(&app, &janis, meeting, "civil-society", true).await;
    let events = format!("/meetings/{meeting}/queue/events");

    let mut visitor = EventStream::open(&base, &events, "").await;
    let mut moderator =
        EventStream::open(&base, &format!("{events}?lang=fr"), &secretariat.cookies).await;
    let first = visitor.next().await;
    assert_eq!(first.id, 0);
    assert!(first.data.contains("No hands raised."));
    assert!(moderator.next().await.data.contains("Aucune main levée."));

    // Janis raises her hand over real HTTP; both watchers receive the new state.
    let raised = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{base}/meetings/{meeting}/hand"))
        .header("Cookie", &janis.cookies)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("csrf={}&action=raise", janis.csrf))
        .send()
        .await
        .unwrap();
    assert_eq!(raised.status(), reqwest::StatusCode::SEE_OTHER);
    let seen = visitor.next().await;
    assert_eq!(seen.id, 1);
    assert!(
        seen.data
            .contains(&format!("data-participant=\"{janis_id}\""))
    );
    assert!(
        !seen.data.contains("name=\"command\""),
        "no controls for a visitor"
    );
    let seen = moderator.next().await;
    assert_eq!(seen.id, 1);
    assert!(
        seen.data.contains("Donner la parole"),
        "the moderator's view, in French"
    );
    assert!(
        seen.data.contains("name=\"csrf\" value=\"\""),
        "the script fills the token"
    );

    // A change made elsewhere (another instance on the same database) arrives by polling.
    let entry = app.store.queue(meeting).await.unwrap().entries[0].id;
    app.store
        .change_queue(
            None,
            meeting,
            agora_core::speaker_queue::Command::Call(entry),
            Timestamp::now(),
        )
        .await
        .unwrap();
    let seen = visitor.next().await;
    assert_eq!(seen.id, 2);
    assert!(seen.data.contains("Speaking now"));
    assert!(seen.data.contains("data-since="));
    // A watcher who connects late gets the latest state at once.
    let mut late = EventStream::open(&base, &events, "").await;
    assert_eq!(late.next().await.id, 2);
    // When the server stops, the streams end (a graceful shutdown need not wait for them).
    app.state.end_live_streams();
    let ended = tokio::time::timeout(Duration::from_secs(10), async {
        while late.response.chunk().await.unwrap().is_some() {}
    })
    .await;
    assert!(ended.is_ok(), "the stream ended");
}

#[tokio::test]
async fn the_api_keeps_meetings_and_participants() {
    use serde_json::json;
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let outsider = app.session(Role::Participant).await;
    let visitor = app.visitor().await;
    let new = json!({
        "title": "WGEC second meeting",
        "starts_at": "2013-11-07T10:00",
        "ends_at": "2013-11-07T13:00",
        "online_url": "https://webtv.un.org/",
        "languages": ["en", "fr"],
        "agenda": [{"title": "Opening", "minutes": 10}, {"title": "Recommendations"}],
    });
    let path = "/api/v1/processes/wgec-2013/meetings";
    let (status, _, _) = app.api("POST", path, &outsider, Some(new.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, location, meeting) = app.api("POST", path, &secretariat, Some(new)).await;
    assert_eq!(status, StatusCode::CREATED, "{meeting}");
    assert_eq!(
        meeting["starts_at"], "2013-11-07T09:00:00Z",
        "read in Zurich time"
    );
    assert_eq!(
        meeting["agenda"][0],
        json!({"title": "Opening", "minutes": 10})
    );
    assert_eq!(meeting["agenda"][1]["minutes"], serde_json::Value::Null);
    assert_eq!(
        location,
        format!("/api/v1/meetings/{}", meeting["id"].as_str().unwrap())
    );
    let (_, _, listed) = app.api("GET", path, &visitor, None).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let bad = json!({"title": "", "starts_at": "soon", "ends_at": "2013-11-07T13:00",
                     "agenda": [{"title": "Opening", "minutes": 0}]});
    let (status, _, problem) = app.api("PUT", &location, &secretariat, Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "starts_at", "agenda[0]"]);

    let major = app
        .store
        .people(&agora_store::PageRequest::first(200))
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|p| p.name == "Peter Major")
        .unwrap();
    let participants = format!("{location}/participants");
    let (status, _, added) = app
        .api(
            "POST",
            &participants,
            &secretariat,
            Some(json!({"person_id": major.id, "role": "moderator", "gender": "man"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    assert_eq!(added["name"], "Peter Major");
    assert_eq!(added["stakeholder_group"], "government");
    let (_, _, seen) = app.api("GET", &participants, &visitor, None).await;
    assert_eq!(
        seen[0]["gender"],
        serde_json::Value::Null,
        "not for visitors"
    );
    let (_, _, seen) = app.api("GET", &participants, &secretariat, None).await;
    assert_eq!(seen[0]["gender"], "man");
    let one = format!("{participants}/{}", added["id"].as_str().unwrap());
    let (status, _, edited) = app
        .api(
            "PUT",
            &one,
            &secretariat,
            Some(json!({"name": "Peter Major", "stakeholder_group": "government", "remote": true})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(
        (edited["role"].as_str(), edited["remote"].as_bool()),
        (Some("attendee"), Some(true))
    );
    let (status, _, _) = app.api("DELETE", &one, &outsider, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = app.api("DELETE", &one, &secretariat, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _, problem) = app.api("DELETE", &one, &secretariat, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(problem["status"], 404);
}
