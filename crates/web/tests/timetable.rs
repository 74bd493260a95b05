//! The venue, the timetable editor and the published programme through the real router: the
//! secretariat describes a venue (errors naming the line or row), generates a timetable with
//! no hard conflict, moves a session onto a speaker's other session and sees the conflict
//! named at once, cannot overwrite a newer edit with a stale form, cannot publish while a hard
//! conflict remains; the public then reads the programme by day, room and theme, each session,
//! and the feeds (iCalendar, frab XML, JSON); nobody else sees any of it before publication.
//! The same through the API.

use agora_core::auth::Role;
use agora_core::proposal::{Decision, PersonDraft, ProposalDraft};
use axum::http::StatusCode;
use serde_json::json;
use uuid::Uuid;

mod support;

use support::{Session, TestApp, pairs};

fn person(role: &str, name: &str, organisation: &str) -> PersonDraft {
    PersonDraft {
        role: role.into(),
        name: name.into(),
        organisation: organisation.into(),
        stakeholder_group: "civil-society".into(),
        confirmed: true,
        ..Default::default()
    }
}

/// The support call (theme "Access", format "Workshop = 90") with three accepted proposals,
/// the first two sharing a speaker, and one declined; the accepted ids in submission order.
async fn accepted_call(app: &TestApp) -> (Uuid, Vec<Uuid>) {
    let call_id = support::open_call(&app.store).await;
    let call = app.store.call(call_id).await.unwrap().unwrap();
    let groups = app.store.stakeholder_groups().await.unwrap();
    let author = app
        .store
        .create_user(
            None,
            &agora_store::NewUser {
                email: "proposer@example.org",
                display_name: "Proposer",
                password_hash: "x",
            },
            Some(Role::Participant),
        )
        .await
        .unwrap();
    let mut ids = Vec::new();
    let titles = [
        ("Community networks", "Ana Pérez"),
        ("Spam and phishing", "Ana Pérez"),
        ("Multilingual domain names", "Bo Chen"),
        ("Declined workshop", "Cy Diallo"),
    ];
    for (i, (title, speaker)) in titles.iter().enumerate() {
        let draft = ProposalDraft {
            title: (*title).into(),
            description: format!("{title}: what and why"),
            policy_questions: "Who decides?".into(),
            format: "Workshop".into(),
            theme: "Access".into(),
            people: vec![
                person("organiser", &format!("Organiser {i}"), "APC"),
                person("speaker", speaker, "LACNIC"),
            ],
            ..Default::default()
        };
        let now = jiff::Timestamp::from_second(1_000_000_000 + i as i64).unwrap();
        let proposal = draft.validate(&call, &groups, author.id, now).unwrap();
        app.store.create_proposal(None, &proposal).await.unwrap();
        ids.push(proposal.id);
    }
    let decisions: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let d = if i < 3 {
                Decision::Accepted
            } else {
                Decision::Declined
            };
            (*id, d, None)
        })
        .collect();
    app.store
        .decide(None, call_id, &decisions, jiff::Timestamp::UNIX_EPOCH)
        .await
        .unwrap();
    ids.pop();
    (call_id, ids)
}

/// Two days in Bali, two slots a day, two rooms, the small one closed on the first morning.
fn venue_form() -> Vec<(String, String)> {
    pairs(&[
        ("time_zone", "Asia/Makassar"),
        ("days", "2013-10-22\n2013-10-23"),
        ("slots", "09:00 = 90\n11:00 = 90"),
        ("r0_name", "Main Hall"),
        ("r0_capacity", "600"),
        ("r0_accessible", "on"),
        ("r1_name", "Room 2"),
        ("r1_capacity", "80"),
        ("r1_closed", "2013-10-22 09:00"),
        ("fa0", "50"),
    ])
}

async fn version(app: &TestApp, call_id: Uuid) -> String {
    app.store
        .timetable(call_id)
        .await
        .unwrap()
        .unwrap()
        .version
        .to_string()
}

async fn signed_in(app: &TestApp) -> Session {
    app.session(Role::Secretariat).await
}

#[tokio::test]
async fn the_secretariat_edits_and_publishes_and_the_public_reads_the_programme() {
    let app = TestApp::new().await;
    let (call_id, ids) = accepted_call(&app).await;
    let secretariat = signed_in(&app).await;
    let base = format!("/calls/{call_id}");

    // Nothing public before publication, not even for the secretariat's own readers.
    for path in [
        "programme",
        "programme.ics",
        "programme.xml",
        "programme.json",
    ] {
        let answer = app.get(&format!("{base}/{path}"), "").await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(
        app.get(&format!("/sessions/{}", ids[0]), "").await.status,
        StatusCode::NOT_FOUND
    );
    let empty = app
        .get(&format!("{base}/timetable"), &secretariat.cookies)
        .await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(
        empty.body.contains("Describe the venue first"),
        "{}",
        empty.body
    );

    // The venue form names the line and row at fault, and keeps what was typed.
    let mut bad = venue_form();
    bad[2].1 = "9h = 90\n11:00 = 90".into();
    bad[4].1 = "many".into();
    let refused = app.post(&format!("{base}/venue"), &secretariat, &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Slots, line 1: Use a time"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Room 1 — Seats: Use a whole number"));
    assert!(refused.body.contains("9h = 90"));
    let saved = app
        .post(&format!("{base}/venue"), &secretariat, &venue_form())
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location, format!("{base}/timetable"));
    let form = app
        .get(&format!("{base}/venue"), &secretariat.cookies)
        .await;
    assert!(
        form.body.contains("09:00 = 90\n11:00 = 90"),
        "{}",
        form.body
    );

    // Generation places every accepted session, with no hard conflict.
    let generated = app
        .post(&format!("{base}/timetable"), &secretariat, &[])
        .await;
    assert_eq!(
        generated.status,
        StatusCode::SEE_OTHER,
        "{}",
        generated.body
    );
    let stored = app.store.timetable(call_id).await.unwrap().unwrap();
    assert_eq!(stored.placements.len(), 3);
    assert!(
        !stored
            .placements
            .iter()
            .any(|p| p.room == "Room 2" && p.slot == "2013-10-22T09:00")
    );
    let page = app
        .get(&format!("{base}/timetable"), &secretariat.cookies)
        .await;
    assert!(page.body.contains("No hard conflicts."), "{}", page.body);
    assert!(!page.body.contains("Declined workshop"));
    assert!(page.body.contains("<caption>Day 2013-10-22</caption>"));

    // Moving the second session onto the first one's time puts Ana Pérez in two places: the
    // move is saved, and the page after it names her and both sessions.
    let first = stored.placement(ids[0]).unwrap().clone();
    let other_room = if first.room == "Main Hall" {
        "Room 2"
    } else {
        "Main Hall"
    };
    let v = version(&app, call_id).await;
    let moved = app
        .post(
            &format!("{base}/timetable/move"),
            &secretariat,
            &pairs(&[
                ("proposal", &ids[1].to_string()),
                ("room", other_room),
                ("slot", &first.slot),
                ("version", &v),
            ]),
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    assert!(moved.location.contains(&format!("moved={}", ids[1])));
    let after = app.get(&moved.location, &secretariat.cookies).await;
    assert!(
        after.body.contains(
            "Ana Pérez is in two sessions at once: “Community networks”, “Spam and phishing”."
        ) || after.body.contains(
            "Ana Pérez is in two sessions at once: “Spam and phishing”, “Community networks”."
        ),
        "{}",
        after.body
    );
    assert!(after.body.contains("Before the move"));

    // A form read before that move cannot overwrite it.
    let stale = app
        .post(
            &format!("{base}/timetable/move"),
            &secretariat,
            &pairs(&[
                ("proposal", &ids[2].to_string()),
                ("room", "Main Hall"),
                ("slot", "2013-10-23T11:00"),
                ("version", &v),
            ]),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("Someone changed the timetable"));
    // A room the venue does not have is refused before anything is written.
    let nowhere = app
        .post(
            &format!("{base}/timetable/move"),
            &secretariat,
            &pairs(&[
                ("proposal", &ids[2].to_string()),
                ("room", "Ballroom"),
                ("slot", "2013-10-23T11:00"),
                ("version", &version(&app, call_id).await),
            ]),
        )
        .await;
    assert_eq!(nowhere.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Publication is refused while the conflict remains, then allowed once it is undone.
    let v = version(&app, call_id).await;
    let refused = app
        .post(
            &format!("{base}/timetable/publish"),
            &secretariat,
            &pairs(&[("version", &v)]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("cannot be published: 1 hard conflicts remain"),
        "{}",
        refused.body
    );
    let regenerated = app
        .post(
            &format!("{base}/timetable"),
            &secretariat,
            &pairs(&[("version", &v)]),
        )
        .await;
    assert_eq!(regenerated.status, StatusCode::SEE_OTHER);
    let v = version(&app, call_id).await;
    let published = app
        .post(
            &format!("{base}/timetable/publish"),
            &secretariat,
            &pairs(&[("version", &v)]),
        )
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    assert_eq!(published.location, format!("{base}/programme"));

    // The public programme, three ways.
    for by in ["", "?by=room", "?by=theme"] {
        let page = app.get(&format!("{base}/programme{by}"), "").await;
        assert_eq!(page.status, StatusCode::OK, "{by}");
        for title in [
            "Community networks",
            "Spam and phishing",
            "Multilingual domain names",
        ] {
            assert!(page.body.contains(title), "{by} {title}");
        }
        assert!(!page.body.contains("Declined workshop"));
    }
    let by_room = app.get(&format!("{base}/programme?by=room"), "").await;
    assert!(
        by_room
            .body
            .contains("<caption dir=\"auto\">Main Hall</caption>")
    );

    // A session's page: its time at the venue and in the reader's zone, its people.
    let session = app
        .get(&format!("/sessions/{}?tz=Europe/Zurich", ids[2]), "")
        .await;
    assert_eq!(session.status, StatusCode::OK);
    assert!(session.body.contains("Asia/Makassar"));
    assert!(session.body.contains("(Europe/Zurich)"));
    assert!(session.body.contains("Bo Chen"));
    assert!(session.body.contains("LACNIC"));
    assert!(session.body.contains("Civil society"), "{}", session.body);

    // The feeds.
    let ics = app.download(&format!("{base}/programme.ics"), "").await;
    assert_eq!(
        ics.header(axum::http::header::CONTENT_TYPE),
        "text/calendar; charset=utf-8"
    );
    let text = ics.text();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 3);
    assert!(text.contains(&format!("UID:session-{}@agora", ids[2])));
    assert!(text.contains("LOCATION:"));
    let one = app.download(&format!("/sessions/{}.ics", ids[2]), "").await;
    assert_eq!(one.text().matches("BEGIN:VEVENT").count(), 1);
    assert!(one.text().contains("SUMMARY:Multilingual domain names"));
    // Ten past nine in Makassar (UTC+8) is one in the morning UTC, on the day itself.
    let slot = &app
        .store
        .timetable(call_id)
        .await
        .unwrap()
        .unwrap()
        .published
        .unwrap();
    let placed = slot
        .placements
        .iter()
        .find(|p| p.proposal_id == ids[2])
        .unwrap();
    let (date, time) = placed.slot.split_once('T').unwrap();
    let hour: u32 = time[..2].parse::<u32>().unwrap() - 8;
    assert!(one.text().contains(&format!(
        "DTSTART:{}T{hour:02}{}00Z",
        date.replace('-', ""),
        &time[3..5]
    )));

    // frab XML: what Giggity and ConfClerk read.
    let xml = app.download(&format!("{base}/programme.xml"), "").await;
    assert_eq!(
        xml.header(axum::http::header::CONTENT_TYPE),
        "application/xml; charset=utf-8"
    );
    let xml = xml.text();
    for needle in [
        "<schedule>",
        "<conference>",
        "<acronym>wgec-2013</acronym>",
        "<time_zone_name>Asia/Makassar</time_zone_name>",
        "<day index=\"1\" date=\"2013-10-22\"",
        "<day index=\"2\" date=\"2013-10-23\"",
        "<room name=\"Main Hall\"",
        "<title>Multilingual domain names</title>",
        "<duration>01:30</duration>",
        ">Bo Chen</person>",
    ] {
        assert!(xml.contains(needle), "{needle} in {xml}");
    }
    assert_eq!(xml.matches("<event guid=").count(), 3);
    let json = app.download(&format!("{base}/programme.json"), "").await;
    assert_eq!(
        json.header(axum::http::header::CONTENT_TYPE),
        "application/json"
    );
    let json: serde_json::Value = serde_json::from_str(&json.text()).unwrap();
    let conference = &json["schedule"]["conference"];
    assert_eq!(conference["time_zone_name"], "Asia/Makassar");
    let events: usize = conference["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["rooms"].as_object().unwrap().values())
        .map(|list| list.as_array().unwrap().len())
        .sum();
    assert_eq!(events, 3);

    // Later edits stay private until published again.
    let v = version(&app, call_id).await;
    let late = app
        .post(
            &format!("{base}/timetable/move"),
            &secretariat,
            &pairs(&[
                ("proposal", &ids[2].to_string()),
                ("room", "Room 2"),
                ("slot", "2013-10-23T11:00"),
                ("version", &v),
            ]),
        )
        .await;
    assert_eq!(late.status, StatusCode::SEE_OTHER);
    let public = app.get(&format!("/sessions/{}", ids[2]), "").await;
    assert_eq!(public.status, StatusCode::OK);
    let published_room = &placed.room;
    assert!(public.body.contains(published_room.as_str()));
}

/// A speaker who needs an accessible room has every session of theirs in one: generation
/// places it there, and a move to a room without step-free access is named as a conflict.
#[tokio::test]
async fn a_speaker_who_needs_an_accessible_room_gets_one() {
    let app = TestApp::new().await;
    let (call_id, ids) = accepted_call(&app).await;
    let mut needs = app.store.proposal(ids[2]).await.unwrap().unwrap();
    needs.people[1].accessibility_needs = true;
    app.store.update_proposal(None, &needs).await.unwrap();
    let secretariat = signed_in(&app).await;
    let base = format!("/calls/{call_id}");
    app.post(&format!("{base}/venue"), &secretariat, &venue_form())
        .await;
    let generated = app
        .post(&format!("{base}/timetable"), &secretariat, &[])
        .await;
    assert_eq!(
        generated.status,
        StatusCode::SEE_OTHER,
        "{}",
        generated.body
    );
    let stored = app.store.timetable(call_id).await.unwrap().unwrap();
    let placed = stored.placement(ids[2]).unwrap();
    assert_eq!(placed.room, "Main Hall", "the only accessible room");
    let moved = app
        .post(
            &format!("{base}/timetable/move"),
            &secretariat,
            &pairs(&[
                ("proposal", &ids[2].to_string()),
                ("room", "Room 2"),
                ("slot", &placed.slot),
                ("version", &version(&app, call_id).await),
            ]),
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let after = app.get(&moved.location, &secretariat.cookies).await;
    assert!(
        after
            .body
            .contains("“Multilingual domain names” needs an accessible room; Room 2 is not."),
        "{}",
        after.body
    );
}

#[tokio::test]
async fn only_the_secretariat_sees_the_venue_and_the_editor() {
    let app = TestApp::new().await;
    let (call_id, _) = accepted_call(&app).await;
    for path in ["venue", "timetable"] {
        let path = format!("/calls/{call_id}/{path}");
        let visitor = app.get(&path, "").await;
        assert_eq!(visitor.status, StatusCode::SEE_OTHER, "{path}");
        assert!(visitor.location.starts_with("/signin"), "{path}");
        for role in [Role::Participant, Role::Reviewer] {
            let s = app.session(role).await;
            assert_eq!(
                app.get(&path, &s.cookies).await.status,
                StatusCode::FORBIDDEN,
                "{role:?} {path}"
            );
        }
        for role in [Role::Secretariat, Role::Admin] {
            let s = app.session(role).await;
            assert_eq!(
                app.get(&path, &s.cookies).await.status,
                StatusCode::OK,
                "{role:?} {path}"
            );
        }
    }
}

#[tokio::test]
async fn the_api_sets_the_venue_generates_moves_and_publishes() {
    let app = TestApp::new().await;
    let (call_id, ids) = accepted_call(&app).await;
    let secretariat = app.session(Role::Secretariat).await;
    let participant = app.session(Role::Participant).await;
    let base = format!("/api/v1/calls/{call_id}");
    let venue = json!({
        "time_zone": "Asia/Makassar",
        "days": ["2013-10-22", "2013-10-23"],
        "slots": ["09:00 = 90", "11:00 = 90"],
        "rooms": [
            {"name": "Main Hall", "capacity": 600, "accessible": true},
            {"name": "Room 2", "capacity": 30, "closed": ["2013-10-22T09:00"]}
        ],
        "format_audience": {"Workshop": 50}
    });
    let (status, _, _) = app
        .api(
            "PUT",
            &format!("{base}/venue"),
            &participant,
            Some(venue.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = app
        .api(
            "PUT",
            &format!("{base}/venue"),
            &secretariat,
            Some(json!({"days": ["x"]})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, _, body) = app
        .api("PUT", &format!("{base}/venue"), &secretariat, Some(venue))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["slots"].as_array().unwrap().len(), 4);
    let (status, _, body) = app
        .api("GET", &format!("{base}/venue"), &secretariat, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["rooms"][1]["closed"][0], "2013-10-22T09:00");

    let (status, _, body) = app
        .api(
            "POST",
            &format!("{base}/timetable"),
            &secretariat,
            Some(json!({})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["placements"].as_array().unwrap().len(), 3);
    assert!(body["hard"].as_array().unwrap().is_empty(), "{body}");
    let version = body["version"].as_i64().unwrap();

    // Room 2 seats 30 and a workshop expects 50: the move is saved and flagged.
    let (status, _, body) = app
        .api(
            "PUT",
            &format!("{base}/timetable/sessions/{}", ids[2]),
            &secretariat,
            Some(json!({"room": "Room 2", "slot": "2013-10-23T11:00", "version": version})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let hard = body["hard"].as_array().unwrap();
    assert!(
        hard.iter().any(|h| h["kind"] == "over_capacity"
            && h["message"] == "“Multilingual domain names” expects 50 people; Room 2 seats 30."),
        "{body}"
    );
    let (status, _, _) = app
        .api(
            "PUT",
            &format!("{base}/timetable/sessions/{}", ids[2]),
            &secretariat,
            Some(json!({"room": "Main Hall", "slot": "2013-10-23T11:00", "version": version})),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _, _) = app
        .api(
            "POST",
            &format!("{base}/timetable/publish"),
            &secretariat,
            Some(json!({"version": version + 1})),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _, body) = app
        .api(
            "PUT",
            &format!("{base}/timetable/sessions/{}", ids[2]),
            &secretariat,
            Some(json!({"room": "Main Hall", "slot": "2013-10-23T11:00", "version": version + 1})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = app
        .api("GET", &format!("{base}/programme"), &participant, None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    if body["hard"].as_array().unwrap().is_empty() {
        let (status, _, body) = app
            .api(
                "POST",
                &format!("{base}/timetable/publish"),
                &secretariat,
                Some(json!({"version": version + 2})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["published_version"], version + 2);
    } else {
        panic!("the move back left conflicts: {body}");
    }
    let (status, _, body) = app
        .api("GET", &format!("{base}/programme"), &participant, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["sessions"].as_array().unwrap().len(), 3);
    let (_, _, all) = app.api("GET", "/api/v1/sessions", &participant, None).await;
    let ours = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["call_id"] == call_id.to_string())
        .count();
    assert_eq!(ours, 3);
    let (status, _, one) = app
        .api(
            "GET",
            &format!("/api/v1/sessions/{}", ids[2]),
            &participant,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["room"], "Main Hall");
    assert_eq!(one["date"], "2013-10-23");
    assert_eq!(one["start"], "11:00");
    assert_eq!(one["starts_at"], "2013-10-23T03:00:00Z");
    assert_eq!(one["people"][1]["organisation"], "LACNIC");
}

#[tokio::test]
async fn the_demo_publishes_igf_2013_in_bali_without_a_hard_conflict() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let (_, _, sessions) = app.api("GET", "/api/v1/sessions", &secretariat, None).await;
    let sessions = sessions["items"].as_array().unwrap();
    assert_eq!(sessions.len(), 10);
    assert!(sessions.iter().all(|s| s["time_zone"] == "Asia/Makassar"));
    let call = sessions[0]["call_id"].as_str().unwrap().to_owned();
    assert!(sessions.iter().all(|s| s["call_id"] == call.as_str()));
    let (status, _, body) = app
        .api(
            "GET",
            &format!("/api/v1/calls/{call}/timetable"),
            &secretariat,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["hard"], json!([]), "{body}");
    assert_eq!(body["published_version"], 1);
    let programme = app.get(&format!("/calls/{call}/programme"), "").await;
    assert_eq!(programme.status, StatusCode::OK);
    assert!(
        programme
            .body
            .contains("Community networks for the last mile")
    );
    let call_page = app.get(&format!("/calls/{call}"), "").await;
    assert!(
        call_page
            .body
            .contains(&format!("href=\"/calls/{call}/programme\""))
    );
}
