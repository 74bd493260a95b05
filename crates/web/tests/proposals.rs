//! Calls for proposals through the real router, on an injected clock so that the deadline is
//! tested to the second: the secretariat sets up a call, an account proposes a session with
//! organisers and speakers, screening's failures are shown to it (in its language) while the
//! proposal is saved, the public sees the list and each proposal, only the author and the
//! secretariat edit, and nobody does after the deadline; the same through the API.

use agora_core::auth::Role;
use axum::http::StatusCode;
use jiff::SignedDuration;
use serde_json::json;
use uuid::Uuid;

mod support;

use support::{Session, TestApp, instant, pairs};

/// The IGF 2016 call closes at 23:59 in Geneva on 7 April, 21:59 UTC (CEST).
const CLOSES: &str = "2016-04-07T21:59:00Z";
/// Inside the call, and less than a session's lifetime (14 days) before its close.
const DURING: &str = "2016-04-01T12:00:00Z";

/// The app with its clock inside the call: set before any session is opened.
async fn app() -> TestApp {
    let app = TestApp::new().await;
    app.set_now(instant(DURING));
    app
}

/// A call-for-proposals phase of WGEC, with its themes and formats, set up through the forms
/// by a global secretariat.
async fn open_call(app: &TestApp, secretariat: &Session) -> Uuid {
    let added = app
        .post(
            "/processes/wgec-2013/phases",
            secretariat,
            &pairs(&[
                ("kind", "call-for-proposals"),
                ("title", "IGF 2016 workshops"),
                ("opens_at", "2016-03-28T00:00"),
                ("closes_at", "2016-04-07T23:59"),
            ]),
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let wgec = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    let phases = app.store.phases(wgec.id).await.unwrap();
    let phase = phases
        .iter()
        .find(|p| p.title == "IGF 2016 workshops")
        .unwrap_or_else(|| panic!("{phases:?} {}", added.location))
        .clone();
    assert_eq!(phase.closes_at, instant(CLOSES));
    let call = format!("/calls/{}", phase.id);
    let bare = app.get(&call, &secretariat.cookies).await;
    assert!(bare.body.contains("has not set up"), "{}", bare.body);
    let saved = app
        .post(
            &call,
            secretariat,
            &pairs(&[
                (
                    "themes",
                    "Access: Connectivity; Affordability\nCybersecurity",
                ),
                ("formats", "Workshop = 90\nLightning talk = 20"),
            ]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    phase.id
}

/// A proposal form: an organiser and the speakers given as (name, gender, remote, confirmed,
/// moderator), in rows 1…; the other rows are left empty.
fn proposal(
    title: &str,
    report_filed: bool,
    speakers: &[(&str, &str, bool, bool, bool)],
) -> Vec<(String, String)> {
    let mut form = pairs(&[
        ("title", title),
        ("description", "Community networks in rural areas."),
        ("policy_questions", "Who pays for the last mile?"),
        ("format", "Workshop"),
        ("theme", "Access"),
        ("sub_theme", "Connectivity"),
        ("p0_role", "organiser"),
        ("p0_name", "Ana Souza"),
        ("p0_organisation", "Instituto Nupef"),
        ("p0_stakeholder_group", "civil-society"),
        ("p0_region", "419"),
    ]);
    if report_filed {
        form.push(("report_filed".into(), "on".into()));
    }
    for (i, (name, gender, remote, confirmed, moderator)) in speakers.iter().enumerate() {
        let row = i + 1;
        let mut field = |k: &str, v: &str| form.push((format!("p{row}_{k}"), v.to_owned()));
        field("role", "speaker");
        field("name", name);
        field("organisation", "APNIC");
        field("stakeholder_group", "technical-community");
        field("gender", gender);
        for (flag, on) in [
            ("remote", remote),
            ("confirmed", confirmed),
            ("moderator", moderator),
        ] {
            if *on {
                field(flag, "on");
            }
        }
    }
    for row in speakers.len() + 1..8 {
        form.push((format!("p{row}_name"), String::new()));
    }
    form
}

/// Three confirmed speakers of two genders, the moderator on site: passes screening.
fn eligible(title: &str) -> Vec<(String, String)> {
    proposal(
        title,
        true,
        &[
            ("Bo Chen", "male", false, true, true),
            ("Chidi Okafor", "female", true, true, false),
            ("Dana Ivanova", "female", false, true, false),
        ],
    )
}

/// Sets the field `name` of a form that has it.
fn set(form: &mut [(String, String)], name: &str, value: &str) {
    let field = form.iter_mut().find(|(k, _)| k == name);
    field.unwrap_or_else(|| panic!("no field {name}")).1 = value.to_owned();
}

async fn propose(app: &TestApp, who: &Session, call: Uuid, form: &[(String, String)]) -> Uuid {
    let sent = app
        .post(&format!("/calls/{call}/proposals"), who, form)
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    sent.location
        .strip_prefix("/proposals/")
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_proposal_is_saved_screened_and_listed() {
    let app = app().await;
    let secretariat = app.session(Role::Secretariat).await;
    let call = open_call(&app, &secretariat).await;
    let proposer = app.session(Role::Participant).await;

    let form = app
        .get(&format!("/calls/{call}/proposals/new"), &proposer.cookies)
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("name=\"p7_name\""), "eight person rows");
    assert!(form.body.contains("<label for=\"field-p7_name\">"));

    // One confirmed speaker, who moderates from afar; no report filed.
    let weak = proposal(
        "Community networks",
        false,
        &[("Bo Chen", "male", true, true, true)],
    );
    let id = propose(&app, &proposer, call, &weak).await;
    let page = app
        .get(&format!("/proposals/{id}"), &proposer.cookies)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for failure in [
        "confirmed speakers; at least",
        "genders; at least",
        "takes part remotely; the moderator must be on site",
        "has not filed last year",
    ] {
        assert!(page.body.contains(failure), "{failure}: {}", page.body);
    }
    assert!(page.body.contains("Bo Chen"));
    let french = app
        .get(&format!("/proposals/{id}?lang=fr"), &proposer.cookies)
        .await;
    assert!(
        french.body.contains("il en faut au moins"),
        "{}",
        french.body
    );

    // The public sees the proposal and the list, not screening nor declared genders.
    let visitor = app.visitor().await;
    let public = app.get(&format!("/proposals/{id}"), &visitor.cookies).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("Community networks"));
    assert!(!public.body.contains("id=\"screening\""));
    assert!(!public.body.contains(">male<"));
    let list = app.get(&format!("/calls/{call}"), &visitor.cookies).await;
    assert!(list.body.contains(&format!("href=\"/proposals/{id}\"")));
    assert!(list.body.contains("Instituto Nupef"));
    assert!(list.body.contains("<caption>"));

    // The author fixes it before the deadline: screening passes.
    let fixed = app
        .post(
            &format!("/proposals/{id}"),
            &proposer,
            &eligible("Community networks"),
        )
        .await;
    assert_eq!(fixed.status, StatusCode::SEE_OTHER, "{}", fixed.body);
    let page = app
        .get(&format!("/proposals/{id}"), &proposer.cookies)
        .await;
    assert!(
        page.body.contains("meets every screening rule"),
        "{}",
        page.body
    );
    let stored = app.store.proposal(id).await.unwrap().unwrap();
    assert_eq!(stored.speakers().count(), 3);
    assert_eq!(stored.author_id, proposer.id);
}

#[tokio::test]
async fn a_speaker_in_four_proposals_fails_the_fourth() {
    let app = app().await;
    let secretariat = app.session(Role::Secretariat).await;
    let call = open_call(&app, &secretariat).await;
    let mut ids = Vec::new();
    for n in 0..4 {
        let proposer = app.session(Role::Participant).await;
        let mut form = eligible(&format!("Session {n}"));
        // Each by a different organiser, all with the same speakers.
        set(&mut form, "p0_name", &format!("Organiser {n}"));
        ids.push((propose(&app, &proposer, call, &form).await, proposer));
        app.set_now(instant(DURING) + SignedDuration::from_secs(n + 1));
    }
    let (third, who) = &ids[2];
    let page = app.get(&format!("/proposals/{third}"), &who.cookies).await;
    assert!(page.body.contains("meets every screening rule"));
    let (fourth, who) = &ids[3];
    let page = app.get(&format!("/proposals/{fourth}"), &who.cookies).await;
    assert!(
        page.body.contains("speaks in 4 proposals; at most 3"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_proposal_with_errors_is_shown_again_with_them() {
    let app = app().await;
    let secretariat = app.session(Role::Secretariat).await;
    let call = open_call(&app, &secretariat).await;
    let proposer = app.session(Role::Participant).await;
    let mut form = eligible("Bad format");
    set(&mut form, "format", "Panel");
    set(&mut form, "p2_stakeholder_group", "lobbyists");
    let sent = app
        .post(&format!("/calls/{call}/proposals"), &proposer, &form)
        .await;
    assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(sent.body.contains("href=\"#field-format\""));
    assert!(sent.body.contains("href=\"#field-p2_stakeholder_group\""));
    assert!(sent.body.contains("value=\"Dana Ivanova\""), "values kept");
    let mut leaderless = eligible("No organiser");
    set(&mut leaderless, "p0_role", "speaker");
    let sent = app
        .post(&format!("/calls/{call}/proposals"), &proposer, &leaderless)
        .await;
    assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(sent.body.contains("href=\"#field-people\""));
    assert!(sent.body.contains("id=\"field-people\""));
    assert!(
        app.store.proposals_of_call(call).await.unwrap().is_empty(),
        "nothing saved"
    );
    let bad_call = app
        .post(
            &format!("/calls/{call}"),
            &secretariat,
            &pairs(&[("themes", ""), ("formats", "Workshop = long")]),
        )
        .await;
    assert_eq!(bad_call.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_call.body.contains("href=\"#field-formats\""));
}

#[tokio::test]
async fn edits_end_at_the_closing_second() {
    let app = app().await;
    let secretariat = app.session(Role::Secretariat).await;
    let call = open_call(&app, &secretariat).await;
    let proposer = app.session(Role::Participant).await;
    let id = propose(&app, &proposer, call, &eligible("Before")).await;
    let closes = instant(CLOSES);
    let path = format!("/proposals/{id}");

    app.set_now(closes - SignedDuration::from_secs(1));
    let last = app.post(&path, &proposer, &eligible("Last second")).await;
    assert_eq!(last.status, StatusCode::SEE_OTHER, "{}", last.body);
    let late_new = app
        .get(&format!("/calls/{call}/proposals/new"), &proposer.cookies)
        .await;
    assert_eq!(late_new.status, StatusCode::OK);

    app.set_now(closes);
    let late = app.post(&path, &proposer, &eligible("Too late")).await;
    assert_eq!(late.status, StatusCode::FORBIDDEN);
    let late_form = app.get(&format!("{path}/edit"), &proposer.cookies).await;
    assert_eq!(late_form.status, StatusCode::FORBIDDEN);
    let new = app
        .post(
            &format!("/calls/{call}/proposals"),
            &proposer,
            &eligible("New"),
        )
        .await;
    assert_eq!(new.status, StatusCode::FORBIDDEN);
    let by_secretariat = app.post(&path, &secretariat, &eligible("Too late")).await;
    assert_eq!(by_secretariat.status, StatusCode::FORBIDDEN);
    let page = app.get(&path, &proposer.cookies).await;
    assert!(page.body.contains("can no longer be edited"));
    assert!(!page.body.contains(&format!("href=\"{path}/edit\"")));
    assert_eq!(
        app.store.proposal(id).await.unwrap().unwrap().title,
        "Last second"
    );
}

#[tokio::test]
async fn only_the_author_or_the_process_secretariat_edits() {
    let app = app().await;
    let secretariat = app.session(Role::Secretariat).await;
    let call = open_call(&app, &secretariat).await;
    let proposer = app.session(Role::Participant).await;
    let id = propose(&app, &proposer, call, &eligible("Mine")).await;
    let path = format!("/proposals/{id}");
    for role in [Role::Participant, Role::Reviewer] {
        let other = app.session(role).await;
        let refused = app.post(&path, &other, &eligible("Theirs")).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{role:?}");
        let page = app.get(&path, &other.cookies).await;
        assert!(!page.body.contains("id=\"screening\""), "{role:?}");
    }
    let visitor = app.visitor().await;
    let refused = app.post(&path, &visitor, &eligible("Theirs")).await;
    assert_ne!(refused.status, StatusCode::OK);
    assert_ne!(refused.location, path);
    let settings = app
        .post(
            &format!("/calls/{call}"),
            &proposer,
            &pairs(&[("themes", "Mine"), ("formats", "Talk = 5")]),
        )
        .await;
    assert_eq!(settings.status, StatusCode::FORBIDDEN);
    // The secretariat of WGEC alone, not of another process, may edit.
    let wgec = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    let scoped = app.session(Role::Participant).await;
    app.store
        .grant_role(None, scoped.id, Role::Secretariat, Some(wgec.id))
        .await
        .unwrap();
    let edited = app.post(&path, &scoped, &eligible("By WGEC")).await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    let page = app.get(&path, &scoped.cookies).await;
    assert!(page.body.contains("id=\"screening\""));
    let stored = app.store.proposal(id).await.unwrap().unwrap();
    assert_eq!(stored.title, "By WGEC");
    assert_eq!(stored.author_id, proposer.id, "the author stays");
}

fn api_proposal(title: &str, speakers: usize) -> serde_json::Value {
    let mut people = vec![json!({
        "role": "organiser", "name": "Ana Souza", "organisation": "Instituto Nupef",
        "stakeholder_group": "civil-society", "region": "419"
    })];
    for (i, gender) in ["male", "female", "female"]
        .iter()
        .take(speakers)
        .enumerate()
    {
        people.push(json!({
            "role": "speaker", "name": format!("Speaker {i}"), "organisation": "APNIC",
            "stakeholder_group": "technical-community", "gender": gender,
            "confirmed": true, "moderator": i == 0
        }));
    }
    json!({
        "title": title, "description": "Why", "policy_questions": "Who pays?",
        "format": "Lightning talk", "theme": "Cybersecurity", "report_filed": true,
        "people": people
    })
}

#[tokio::test]
async fn the_api_lists_reads_creates_and_updates_proposals() {
    let app = app().await;
    let secretariat = app.session(Role::Secretariat).await;
    let call = open_call(&app, &secretariat).await;
    let proposer = app.session(Role::Participant).await;
    let (status, location, created) = app
        .api(
            "POST",
            &format!("/api/v1/calls/{call}/proposals"),
            &proposer,
            Some(api_proposal("Encryption for all", 1)),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(location, format!("/api/v1/proposals/{id}"));
    let rules: Vec<&str> = created["screening"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["too_few_confirmed_speakers", "too_few_genders"]);

    let visitor = app.visitor().await;
    let (status, _, listed) = app
        .api(
            "GET",
            &format!("/api/v1/calls/{call}/proposals"),
            &visitor,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed[0]["title"], "Encryption for all");
    assert_eq!(listed[0]["people"][1]["gender"], serde_json::Value::Null);
    assert_eq!(
        listed[0]["people"][1]["accessibility_needs"],
        serde_json::Value::Null,
        "needs are the author's and the secretariat's to see"
    );
    assert_eq!(created["people"][1]["accessibility_needs"], false);
    let (_, _, read) = app
        .api("GET", &format!("/api/v1/proposals/{id}"), &visitor, None)
        .await;
    assert_eq!(read["screening"], serde_json::Value::Null);

    let path = format!("/api/v1/proposals/{id}");
    let (status, _, _) = app
        .api(
            "PUT",
            &path,
            &app.session(Role::Participant).await,
            Some(api_proposal("x", 3)),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, updated) = app
        .api(
            "PUT",
            &path,
            &proposer,
            Some(api_proposal("Encryption for all", 3)),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["screening"], json!([]));
    assert_eq!(updated["people"][1]["gender"], "male");

    let mut bad = api_proposal("Bad", 3);
    bad["theme"] = json!("Astrology");
    let (status, _, problem) = app.api("PUT", &path, &proposer, Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem.to_string().contains("theme"), "{problem}");

    app.set_now(instant(CLOSES));
    let (status, _, _) = app
        .api("PUT", &path, &proposer, Some(api_proposal("Late", 3)))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = app
        .api(
            "POST",
            &format!("/api/v1/calls/{call}/proposals"),
            &proposer,
            Some(api_proposal("Late", 3)),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// A proposal written in French: its decision letter is in French.
fn en_francais(title: &str) -> Vec<(String, String)> {
    let mut form = eligible(title);
    set(
        &mut form,
        "description",
        "Les réseaux communautaires relient les villages que les opérateurs commerciaux \
         laissent de côté : licences, fréquences et financement.",
    );
    form
}

#[tokio::test]
async fn the_secretariat_decides_after_the_deadline_and_each_proposer_is_told_once() {
    let app = app().await;
    let secretariat = app.session(Role::Secretariat).await;
    let call = open_call(&app, &secretariat).await;
    let (ana, bo) = (
        app.session(Role::Participant).await,
        app.session(Role::Participant).await,
    );
    let accepted = propose(&app, &ana, call, &eligible("Community networks")).await;
    let declined = propose(&app, &bo, call, &en_francais("Réseaux communautaires")).await;
    let path = format!("/calls/{call}/decisions");
    let accept = |ids: &[Uuid]| -> Vec<(String, String)> {
        ids.iter()
            .map(|id| ("accept".to_owned(), id.to_string()))
            .collect()
    };

    // Before the deadline proposals may still change: no decisions yet.
    let early = app.post(&path, &secretariat, &accept(&[accepted])).await;
    assert_eq!(early.status, StatusCode::FORBIDDEN);
    assert!(
        app.get(&path, &secretariat.cookies)
            .await
            .body
            .contains("once the call has closed")
    );

    app.set_now(instant(CLOSES));
    for role in [Role::Participant, Role::Reviewer] {
        let other = app.session(role).await;
        let refused = app.post(&path, &other, &accept(&[accepted])).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{role:?}");
        assert_eq!(
            app.get(&path, &other.cookies).await.status,
            StatusCode::FORBIDDEN
        );
    }
    let visitor = app.visitor().await;
    let refused = app.post(&path, &visitor, &accept(&[accepted])).await;
    assert!(
        refused.location.starts_with("/signin"),
        "{}",
        refused.location
    );

    // An id from elsewhere records nothing.
    let stray = app
        .post(&path, &secretariat, &accept(&[Uuid::from_u128(1)]))
        .await;
    assert_eq!(stray.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        app.store
            .proposal(accepted)
            .await
            .unwrap()
            .unwrap()
            .decision,
        None
    );

    let done = app.post(&path, &secretariat, &accept(&[accepted])).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let shown = app.get(&done.location, &secretariat.cookies).await;
    assert!(
        shown
            .body
            .contains("1 accepted, 1 declined; 2 proposers notified"),
        "{}",
        shown.body
    );
    let far = instant("2030-01-01T00:00:00Z");
    let mut letters = app.store.claim_mail(far, far, 10).await.unwrap();
    letters.sort_by(|a, b| a.letter.subject.cmp(&b.letter.subject));
    assert_eq!(letters.len(), 2);
    assert_eq!(letters[0].letter.subject, "Accepted: “Community networks”");
    assert_eq!(letters[0].letter.recipient, ana.email);
    assert_eq!(letters[1].letter.lang, "fr");
    assert!(
        letters[1].letter.subject.starts_with("Non retenue"),
        "{:?}",
        letters[1]
    );
    assert_eq!(letters[1].letter.recipient, bo.email);

    // The same decisions again tell nobody; the author sees the decision, others do not.
    let again = app.post(&path, &secretariat, &accept(&[accepted])).await;
    assert!(again.location.ends_with("letters=0"), "{}", again.location);
    let own = app
        .get(&format!("/proposals/{accepted}"), &ana.cookies)
        .await;
    assert!(own.body.contains("Decision:"), "{}", own.body);
    let public = app
        .get(&format!("/proposals/{accepted}"), &visitor.cookies)
        .await;
    assert!(!public.body.contains("Decision:"));

    // The API: the same rule, and the decision shown to the author only.
    let api_path = format!("/api/v1/calls/{call}/decisions");
    let (status, _, _) = app
        .api(
            "PUT",
            &api_path,
            &ana,
            Some(json!({"accepted": [accepted]})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, recorded) = app
        .api(
            "PUT",
            &api_path,
            &secretariat,
            Some(json!({"accepted": [accepted, declined]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    assert_eq!(
        recorded,
        json!({"accepted": 2, "declined": 0, "letters": 1})
    );
    let read = format!("/api/v1/proposals/{declined}");
    assert_eq!(
        app.api("GET", &read, &bo, None).await.2["decision"],
        "accepted"
    );
    assert_eq!(
        app.api("GET", &read, &visitor, None).await.2["decision"],
        serde_json::Value::Null
    );
}

#[tokio::test]
async fn the_api_reads_a_call_and_the_secretariat_sets_it_up() {
    let app = app().await;
    let secretariat = app.session(Role::Secretariat).await;
    let call = open_call(&app, &secretariat).await;
    let path = format!("/api/v1/calls/{call}");
    let visitor = app.visitor().await;
    let (status, _, read) = app.api("GET", &path, &visitor, None).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert_eq!(read["open"], true);
    assert_eq!(
        read["themes"][0]["sub_themes"],
        json!(["Connectivity", "Affordability"])
    );
    assert_eq!(
        read["formats"][1],
        json!({"name": "Lightning talk", "minutes": 20})
    );

    let settings = json!({
        "themes": [{"name": "Access", "sub_themes": ["Community networks"]}, {"name": "Rights"}],
        "formats": [{"name": "Workshop", "minutes": 90}, {"name": "Open forum", "minutes": 60}]
    });
    let participant = app.session(Role::Participant).await;
    let (status, _, _) = app
        .api("PUT", &path, &participant, Some(settings.clone()))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, saved) = app.api("PUT", &path, &secretariat, Some(settings)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["formats"][1]["name"], "Open forum");
    let stored = app.store.call(call).await.unwrap().unwrap();
    assert_eq!(stored.themes[1].name, "Rights");

    // Two themes of one name and a format of no minutes: both named, nothing saved.
    let bad = json!({
        "themes": [{"name": "Rights"}, {"name": " Rights "}],
        "formats": [{"name": "Workshop", "minutes": 0}]
    });
    let (status, _, problem) = app.api("PUT", &path, &secretariat, Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["themes", "formats"]);
    assert_eq!(app.store.call(call).await.unwrap().unwrap(), stored);
}
