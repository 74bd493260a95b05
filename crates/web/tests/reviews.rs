//! Review of proposals through the real router: the secretariat publishes a call's criteria
//! and names its reviewers, reviewers declare their conflicts, the assignment (after the call
//! closes) never gives a reviewer a proposal they are in conflict with, reviewers score only
//! what is assigned to them, scores stay hidden from proposers and the public, and the
//! secretariat reads the rankings and runs the balanced selection; the same through the API.

use agora_core::auth::Role;
use agora_core::proposal::{CallDraft, PersonDraft, ProposalDraft};
use axum::http::StatusCode;
use serde_json::json;
use uuid::Uuid;

mod support;

use support::{Session, TestApp, instant, pairs};

/// The call closes at 12:00 UTC on 1 April 2016; the clock starts inside it.
const DURING: &str = "2016-03-20T12:00:00Z";
const AFTER: &str = "2016-04-02T12:00:00Z";

/// A call of wgec-2013 with two themes and a format (made through the store).
async fn call(app: &TestApp) -> Uuid {
    let wgec = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    let phase = agora_core::process::PhaseDraft {
        kind: "call-for-proposals".into(),
        title: "IGF 2016 workshops".into(),
        opens_at: "2016-03-01T00:00".into(),
        closes_at: "2016-04-01T14:00".into(),
    }
    .validate(&wgec)
    .unwrap();
    app.store.create(None, &phase).await.unwrap();
    let call = CallDraft {
        themes: "Access\nSecurity".into(),
        formats: "Workshop = 90".into(),
    }
    .validate(&phase)
    .unwrap();
    app.store.save_call(None, &call).await.unwrap();
    phase.id
}

/// A proposal by `author` whose organiser belongs to `organisation` (made through the store).
async fn proposal(
    app: &TestApp,
    call: Uuid,
    author: Uuid,
    title: &str,
    theme: &str,
    organisation: &str,
) -> Uuid {
    let call = app.store.call(call).await.unwrap().unwrap();
    let groups = app.store.stakeholder_groups().await.unwrap();
    let person = |role: &str, name: &str, gender: &str| PersonDraft {
        role: role.into(),
        name: name.into(),
        organisation: organisation.into(),
        stakeholder_group: "civil-society".into(),
        gender: gender.into(),
        confirmed: true,
        ..Default::default()
    };
    let p = ProposalDraft {
        title: title.into(),
        description: "What and why".into(),
        policy_questions: "Who pays?".into(),
        format: "Workshop".into(),
        theme: theme.into(),
        people: vec![
            person("organiser", &format!("Organiser of {title}"), ""),
            person("speaker", &format!("Speaker of {title}"), "female"),
        ],
        ..Default::default()
    }
    .validate(&call, &groups, author, instant(DURING))
    .unwrap();
    app.store.create_proposal(None, &p).await.unwrap();
    p.id
}

/// Criteria rows as the dashboard's form posts them.
fn criteria(per_proposal: &str) -> Vec<(String, String)> {
    pairs(&[
        ("per_proposal", per_proposal),
        ("c0_name", "Relevance"),
        ("c0_weight", "2"),
        ("c0_low", "Unrelated to the theme"),
        ("c0_middle", "Touches the theme"),
        ("c0_high", "At the heart of the theme"),
        ("c1_name", "Interactivity"),
        ("c1_weight", "1"),
        ("c1_low", "Speeches only"),
        ("c1_middle", "Some questions"),
        ("c1_high", "Debate throughout"),
    ])
}

/// The call set up by the secretariat: criteria published, three reviewers added by email
/// (the first declares APNIC, the second a conflict with ISOC), five proposals from APNIC,
/// ISOC and Nupef. Returns the call, the secretariat, the reviewers, the proposer and the
/// proposals (APNIC, APNIC, ISOC, Nupef, Nupef).
struct Setup {
    call: Uuid,
    secretariat: Session,
    reviewers: Vec<Session>,
    proposer: Session,
    proposals: Vec<Uuid>,
}

async fn setup(app: &TestApp) -> Setup {
    app.set_now(instant(DURING));
    let call = call(app).await;
    let secretariat = app.session(Role::Secretariat).await;
    let published = app
        .post(
            &format!("/calls/{call}/review"),
            &secretariat,
            &criteria("2"),
        )
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    let mut reviewers = Vec::new();
    for _ in 0..3 {
        let reviewer = app.session(Role::Participant).await;
        let added = app
            .post(
                &format!("/calls/{call}/reviewers"),
                &secretariat,
                &pairs(&[("email", &reviewer.email.to_uppercase())]),
            )
            .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
        reviewers.push(reviewer);
    }
    for (reviewer, organisation, conflicts) in
        [(&reviewers[0], "apnic", ""), (&reviewers[1], "", "isoc")]
    {
        let saved = app
            .post(
                &format!("/calls/{call}/conflicts"),
                reviewer,
                &pairs(&[("organisation", organisation), ("conflicts", conflicts)]),
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let page = app.get(&saved.location, &reviewer.cookies).await;
        assert!(page.body.contains("Saved."));
        assert!(page.body.contains(&format!("value=\"{organisation}\"")));
    }
    let proposer = app.session(Role::Participant).await;
    let mut proposals = Vec::new();
    for (title, theme, organisation) in [
        ("Community networks", "Access", "APNIC"),
        ("IPv6 for all", "Access", "APNIC"),
        ("Encryption", "Security", "ISOC"),
        ("Rural access", "Access", "Instituto Nupef"),
        ("Botnets", "Security", "Instituto Nupef"),
    ] {
        proposals.push(proposal(app, call, proposer.id, title, theme, organisation).await);
    }
    Setup {
        call,
        secretariat,
        reviewers,
        proposer,
        proposals,
    }
}

/// Runs the assignment through the form, after the call has closed.
async fn assign(app: &TestApp, s: &Setup) {
    app.set_now(instant(AFTER));
    let ran = app
        .post(
            &format!("/calls/{}/assignments", s.call),
            &s.secretariat,
            &[],
        )
        .await;
    assert_eq!(ran.status, StatusCode::SEE_OTHER, "{}", ran.body);
}

/// Scores every criterion `score` through the form.
async fn review(app: &TestApp, who: &Session, proposal: Uuid, score: &str) -> support::Answer {
    app.post(
        &format!("/proposals/{proposal}/review"),
        who,
        &pairs(&[
            ("score0", score),
            ("score1", score),
            ("comment", "Secret remark"),
        ]),
    )
    .await
}

#[tokio::test]
async fn criteria_are_published_and_reviewers_are_never_assigned_a_conflict() {
    let app = TestApp::new().await;
    let s = setup(&app).await;
    let visitor = app.visitor().await;
    let public = app
        .get(&format!("/calls/{}", s.call), &visitor.cookies)
        .await;
    assert!(
        public.body.contains("At the heart of the theme"),
        "criteria are public"
    );
    assert!(
        !public.body.contains("/review\""),
        "no dashboard link for the public"
    );

    let bad = app
        .post(
            &format!("/calls/{}/review", s.call),
            &s.secretariat,
            &pairs(&[
                ("per_proposal", "0"),
                ("c0_name", "Relevance"),
                ("c0_weight", "x"),
            ]),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("href=\"#field-criteria[0].weight\""),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("id=\"field-criteria[0].weight\""));
    assert!(bad.body.contains("href=\"#field-per_proposal\""));
    let unknown = app
        .post(
            &format!("/calls/{}/reviewers", s.call),
            &s.secretariat,
            &pairs(&[("email", "nobody@example.org")]),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("No account has this email address"));

    // Not before the call closes.
    let early = app
        .post(
            &format!("/calls/{}/assignments", s.call),
            &s.secretariat,
            &[],
        )
        .await;
    assert_eq!(early.status, StatusCode::FORBIDDEN);
    assign(&app, &s).await;

    let assignments = app.store.assignments_of_call(s.call).await.unwrap();
    let reviewer = |i: usize| s.reviewers[i].id;
    let of = |p: usize| -> Vec<Uuid> {
        assignments
            .iter()
            .filter(|a| a.proposal_id == s.proposals[p])
            .map(|a| a.reviewer_id)
            .collect()
    };
    // APNIC's proposals: not reviewer 0 (APNIC, declared in lower case).
    for p in [0, 1] {
        assert!(!of(p).contains(&reviewer(0)), "{p}: {:?}", of(p));
        assert_eq!(of(p).len(), 2);
    }
    // ISOC's: not reviewer 1, who declared it; only reviewers 0 and 2 are left.
    assert!(!of(2).contains(&reviewer(1)));
    for p in 0..5 {
        assert_eq!(of(p).len(), 2, "{p}");
    }

    // The dashboard: overall, per reviewer and per proposal, a chart and its table.
    let dashboard = app
        .get(&format!("/calls/{}/review", s.call), &s.secretariat.cookies)
        .await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(
        dashboard.body.contains("<strong>0 / 10</strong>"),
        "{}",
        dashboard.body
    );
    assert!(dashboard.body.contains("<svg class=\"chart\""));
    assert!(
        dashboard
            .body
            .contains("Reviews done per reviewer</caption>")
    );
    assert!(!dashboard.body.contains("too few reviewers"));

    // The third reviewer leaves the panel: of the two left, one is from APNIC, so APNIC's
    // proposals get one reviewer of the two they need, and the dashboard says so.
    let third = &s.reviewers[2];
    let revoke = app.store.grants_of(third.id).await.unwrap().0;
    for grant in revoke {
        app.store.revoke_grant(None, grant.id).await.unwrap();
    }
    assign(&app, &s).await;
    let short = app
        .get(&format!("/calls/{}/review", s.call), &s.secretariat.cookies)
        .await;
    assert!(short.body.contains("too few reviewers without a conflict"));
    let assignments = app.store.assignments_of_call(s.call).await.unwrap();
    assert!(assignments.iter().all(|a| a.reviewer_id != third.id));
    assert!(
        !assignments
            .iter()
            .any(|a| a.reviewer_id == reviewer(0) && a.proposal_id == s.proposals[0])
    );
}

#[tokio::test]
async fn a_reviewer_scores_only_what_is_assigned_and_scores_stay_hidden() {
    let app = TestApp::new().await;
    let s = setup(&app).await;
    assign(&app, &s).await;
    let assignments = app.store.assignments_of_call(s.call).await.unwrap();
    let reviewer = &s.reviewers[2];
    let mine: Vec<Uuid> = assignments
        .iter()
        .filter(|a| a.reviewer_id == reviewer.id)
        .map(|a| a.proposal_id)
        .collect();
    let theirs = *s.proposals.iter().find(|p| !mine.contains(p)).unwrap();
    let first = mine[0];

    let list = app.get("/reviews", &reviewer.cookies).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&format!("/proposals/{first}/review")));
    assert!(!list.body.contains(&format!("/proposals/{theirs}/review")));
    assert!(list.body.contains("To review"));
    let form = app
        .get(&format!("/proposals/{first}/review"), &reviewer.cookies)
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("type=\"radio\" value=\"5\""));
    assert!(form.body.contains("5 — At the heart of the theme"));
    let refused = app
        .get(&format!("/proposals/{theirs}/review"), &reviewer.cookies)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        review(&app, reviewer, theirs, "5").await.status,
        StatusCode::FORBIDDEN
    );

    let incomplete = app
        .post(
            &format!("/proposals/{first}/review"),
            reviewer,
            &pairs(&[("score0", "6")]),
        )
        .await;
    assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(incomplete.body.contains("href=\"#field-score0\""));
    assert!(incomplete.body.contains("href=\"#field-score1\""));
    let saved = review(&app, reviewer, first, "4").await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let list = app.get("/reviews", &reviewer.cookies).await;
    assert!(list.body.contains("Reviewed"));

    // Nobody else sees the review, in pages or API: the author, a visitor, another reviewer.
    let visitor = app.visitor().await;
    let other_reviewer = &s.reviewers[0];
    for who in [&s.proposer, &visitor, other_reviewer] {
        let page = app.get(&format!("/proposals/{first}"), &who.cookies).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("Secret remark"));
        let (_, _, read) = app
            .api("GET", &format!("/api/v1/proposals/{first}"), who, None)
            .await;
        assert!(!read.to_string().contains("Secret remark"));
        assert!(read.get("scores").is_none() && read.get("reviews").is_none());
        for path in ["rankings", "selection", "review"] {
            let page = app
                .get(&format!("/calls/{}/{path}", s.call), &who.cookies)
                .await;
            assert_ne!(page.status, StatusCode::OK, "{path}");
            assert!(!page.body.contains("Secret remark"));
        }
        let (status, _, _) = app
            .api(
                "GET",
                &format!("/api/v1/calls/{}/rankings", s.call),
                who,
                None,
            )
            .await;
        assert!(matches!(
            status,
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
        ));
    }
    let author_form = app
        .get(&format!("/proposals/{first}/review"), &s.proposer.cookies)
        .await;
    assert_eq!(author_form.status, StatusCode::FORBIDDEN);

    // A rerun keeps the reviewed assignment, even with a new reviewer on the panel.
    let newcomer = app.session(Role::Participant).await;
    let wgec = app.store.phase(s.call).await.unwrap().unwrap().process_id;
    app.store
        .grant_role(None, newcomer.id, Role::Reviewer, Some(wgec))
        .await
        .unwrap();
    assign(&app, &s).await;
    let kept = app.store.assignments_of_call(s.call).await.unwrap();
    assert!(
        kept.iter()
            .any(|a| a.proposal_id == first && a.reviewer_id == reviewer.id && a.reviewed)
    );
    assert_eq!(app.store.reviews_of_call(s.call).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_secretariat_ranks_selects_and_records() {
    let app = TestApp::new().await;
    let s = setup(&app).await;
    assign(&app, &s).await;
    // Every assigned reviewer scores: the proposals in order get 5, 4, 3, 2, 1.
    for a in app.store.assignments_of_call(s.call).await.unwrap() {
        let who = s.reviewers.iter().find(|r| r.id == a.reviewer_id).unwrap();
        let rank = s
            .proposals
            .iter()
            .position(|p| *p == a.proposal_id)
            .unwrap();
        let score = (5 - rank).to_string();
        assert_eq!(
            review(&app, who, a.proposal_id, &score).await.status,
            StatusCode::SEE_OTHER
        );
    }
    let rankings = app
        .get(
            &format!("/calls/{}/rankings", s.call),
            &s.secretariat.cookies,
        )
        .await;
    assert_eq!(rankings.status, StatusCode::OK);
    assert!(rankings.body.contains("z-scores"));
    assert!(
        rankings
            .body
            .contains("<caption dir=\"auto\">Access</caption>")
    );
    let access = rankings
        .body
        .split("<caption dir=\"auto\">Access")
        .nth(1)
        .unwrap();
    let community = access.find("Community networks").unwrap();
    let rural = access.find("Rural access").unwrap();
    assert!(community < rural, "best first");
    // A reviewer of the process does not read the rankings.
    let refused = app
        .get(
            &format!("/calls/{}/rankings", s.call),
            &s.reviewers[0].cookies,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Two sessions, at least one on Security, Community networks excluded with a reason.
    let excluded = s.proposals[0].to_string();
    let mut rules = pairs(&[
        ("sessions", "2"),
        ("theme1_min", "1"),
        ("first_time_share", "0"),
    ]);
    rules.push((format!("act_{excluded}"), "exclude".into()));
    let without_reason = app
        .post(
            &format!("/calls/{}/selection", s.call),
            &s.secretariat,
            &rules,
        )
        .await;
    assert_eq!(without_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        without_reason
            .body
            .contains(&format!("href=\"#field-why_{excluded}\""))
    );
    rules.push((format!("why_{excluded}"), "Held last year".into()));
    let ran = app
        .post(
            &format!("/calls/{}/selection", s.call),
            &s.secretariat,
            &rules,
        )
        .await;
    assert_eq!(ran.status, StatusCode::SEE_OTHER, "{}", ran.body);
    let page = app
        .get(
            &format!("/calls/{}/selection", s.call),
            &s.secretariat.cookies,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("excluded by the committee (Held last year)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Every rule is met."));
    assert!(
        page.body
            .contains(&format!("action=\"/calls/{}/decisions\"", s.call))
    );
    let run = app.store.last_selection_run(s.call).await.unwrap().unwrap();
    let selected: Vec<&str> = run.result["selected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(selected.len(), 2);
    assert!(!selected.contains(&excluded.as_str()));
    assert!(
        selected.contains(&s.proposals[2].to_string().as_str()),
        "Security's best"
    );
    for id in &selected {
        assert!(
            page.body
                .contains(&format!("name=\"accept\" value=\"{id}\""))
        );
    }
    assert!(
        page.body.contains("value=\"exclude\" selected"),
        "the form keeps the last rules"
    );

    // Recording it posts the selected ids to the decisions form: they are accepted.
    let accept: Vec<(String, String)> = selected
        .iter()
        .map(|id| ("accept".to_owned(), (*id).to_owned()))
        .collect();
    let recorded = app
        .post(
            &format!("/calls/{}/decisions", s.call),
            &s.secretariat,
            &accept,
        )
        .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
    let mut accepted: Vec<String> = app
        .store
        .decided_proposals(s.call, agora_core::proposal::Decision::Accepted)
        .await
        .unwrap()
        .iter()
        .map(|p| p.id.to_string())
        .collect();
    accepted.sort();
    let mut expected: Vec<String> = selected.iter().map(|id| (*id).to_owned()).collect();
    expected.sort();
    assert_eq!(accepted, expected);

    // A quota nobody can meet is named.
    let impossible = pairs(&[
        ("sessions", "2"),
        ("q0_attribute", "region"),
        ("q0_value", "002"),
        ("q0_min", "1"),
    ]);
    let ran = app
        .post(
            &format!("/calls/{}/selection", s.call),
            &s.secretariat,
            &impossible,
        )
        .await;
    assert_eq!(ran.status, StatusCode::SEE_OTHER);
    let page = app
        .get(
            &format!("/calls/{}/selection?lang=fr", s.call),
            &s.secretariat.cookies,
        )
        .await;
    assert!(
        page.body.contains("impossible à respecter"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_api_publishes_assigns_reviews_ranks_and_selects() {
    let app = TestApp::new().await;
    let s = setup(&app).await;
    let visitor = app.visitor().await;
    let path = format!("/api/v1/calls/{}/criteria", s.call);
    let (status, _, read) = app.api("GET", &path, &visitor, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        read["criteria"][0]["rubric"]["high"],
        "At the heart of the theme"
    );
    let body = json!({"per_proposal": 2, "criteria": [
        {"name": "Relevance", "weight": 3, "rubric": {"low": "No", "middle": "Some", "high": "Yes"}},
        {"name": "Interactivity", "weight": 1, "rubric": {"low": "No", "middle": "Some", "high": "Yes"}}]});
    let (status, _, _) = app.api("PUT", &path, &s.proposer, Some(body.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, published) = app.api("PUT", &path, &s.secretariat, Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{published}");
    assert_eq!(published["criteria"][0]["weight"], 3);

    app.set_now(instant(AFTER));
    let assignments = format!("/api/v1/calls/{}/assignments", s.call);
    let (status, _, _) = app.api("POST", &assignments, &s.reviewers[0], None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, assigned) = app.api("POST", &assignments, &s.secretariat, None).await;
    assert_eq!(status, StatusCode::OK, "{assigned}");
    assert_eq!(assigned.as_array().unwrap().len(), 10);

    let reviewer = &s.reviewers[2];
    let (status, _, mine) = app.api("GET", "/api/v1/reviews", reviewer, None).await;
    assert_eq!(status, StatusCode::OK);
    let first = mine["items"][0]["proposal_id"].as_str().unwrap().to_owned();
    let (status, _, _) = app.api("GET", "/api/v1/reviews", &visitor, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let review_path = format!("/api/v1/proposals/{first}/review");
    let scores = json!({"scores": {"Relevance": 4, "Interactivity": 2}, "comment": "Fine"});
    let (status, _, _) = app
        .api("PUT", &review_path, &s.proposer, Some(scores.clone()))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, problem) = app
        .api(
            "PUT",
            &review_path,
            reviewer,
            Some(json!({"scores": {"Relevance": 9}})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["score0", "score1"]);
    let (status, _, saved) = app.api("PUT", &review_path, reviewer, Some(scores)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["scores"]["Relevance"], 4);

    let (status, _, ranked) = app
        .api(
            "GET",
            &format!("/api/v1/calls/{}/rankings", s.call),
            &s.secretariat,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ranked[0]["proposals"][0]["proposal_id"], first.as_str());
    assert_eq!(ranked[0]["proposals"][0]["reviews"], 1);

    let selection = format!("/api/v1/calls/{}/selection", s.call);
    let (status, _, _) = app.api("GET", &selection, &s.secretariat, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let committee = json!({"rules": {"sessions": 1, "pins": [first]}, "reasons": {}});
    let (status, _, problem) = app
        .api("POST", &selection, &s.secretariat, Some(committee))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], format!("why_{first}"));
    let committee = json!({"rules": {"sessions": 1, "pins": [first]},
                           "reasons": {first.clone(): "Flagship"}});
    let (status, _, run) = app
        .api("POST", &selection, &s.secretariat, Some(committee))
        .await;
    assert_eq!(status, StatusCode::OK, "{run}");
    assert_eq!(run["result"]["selected"], json!([first]));
    let (status, _, last) = app.api("GET", &selection, &s.secretariat, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(last["id"], run["id"]);
    assert_eq!(last["committee"]["reasons"][&first], "Flagship");
    let (status, _, _) = app.api("GET", &selection, reviewer, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn every_review_page_checks_the_role() {
    let app = TestApp::new().await;
    let s = setup(&app).await;
    assign(&app, &s).await;
    let assigned = app.store.assignments_of_call(s.call).await.unwrap()[0].clone();
    let roles = [
        None,
        Some(Role::Participant),
        Some(Role::Reviewer),
        Some(Role::Secretariat),
        Some(Role::Admin),
    ];
    let secretariat_pages = ["review", "rankings", "selection"];
    for role in roles {
        let who = match role {
            None => app.visitor().await,
            Some(role) => app.session(role).await,
        };
        for page in secretariat_pages {
            let answer = app
                .get(&format!("/calls/{}/{page}", s.call), &who.cookies)
                .await;
            let expected = match role {
                None => StatusCode::SEE_OTHER,
                Some(r) if r >= Role::Secretariat => StatusCode::OK,
                Some(_) => StatusCode::FORBIDDEN,
            };
            assert_eq!(answer.status, expected, "{role:?} {page}");
        }
        // The panel's page: reviewers (global or of the process) only.
        let conflicts = app
            .get(&format!("/calls/{}/conflicts", s.call), &who.cookies)
            .await;
        let expected = match role {
            None => StatusCode::SEE_OTHER,
            Some(Role::Reviewer) => StatusCode::OK,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(conflicts.status, expected, "{role:?} conflicts");
        // A proposal's review form: its assigned reviewer only, whatever the role.
        let form = app
            .get(
                &format!("/proposals/{}/review", assigned.proposal_id),
                &who.cookies,
            )
            .await;
        let expected = match role {
            None => StatusCode::SEE_OTHER,
            Some(_) => StatusCode::FORBIDDEN,
        };
        assert_eq!(form.status, expected, "{role:?} review form");
        let list = app.get("/reviews", &who.cookies).await;
        let expected = match role {
            None => StatusCode::SEE_OTHER,
            Some(_) => StatusCode::OK,
        };
        assert_eq!(list.status, expected, "{role:?} reviews");
    }
    let assignee = s
        .reviewers
        .iter()
        .find(|r| r.id == assigned.reviewer_id)
        .unwrap();
    let form = app
        .get(
            &format!("/proposals/{}/review", assigned.proposal_id),
            &assignee.cookies,
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
}

#[tokio::test]
async fn the_demo_call_has_a_dashboard_rankings_and_a_selection() {
    let app = TestApp::new().await;
    let igf = app
        .store
        .process_by_slug("igf-2013-bali")
        .await
        .unwrap()
        .unwrap();
    let call = app
        .store
        .phases(igf.id)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.title.starts_with("Full workshop proposals"))
        .unwrap()
        .id;
    let secretariat = app.session(Role::Secretariat).await;
    let dashboard = app
        .get(&format!("/calls/{call}/review"), &secretariat.cookies)
        .await;
    assert_eq!(dashboard.status, StatusCode::OK);
    let reviews = app.store.reviews_of_call(call).await.unwrap().len();
    assert!(reviews > 40, "{reviews}");
    assert!(
        dashboard
            .body
            .contains(&format!("<strong>{reviews} / {reviews}</strong>"))
    );
    let rankings = app
        .get(&format!("/calls/{call}/rankings"), &secretariat.cookies)
        .await;
    assert!(
        rankings
            .body
            .contains("Community networks for the last mile")
    );
    assert!(rankings.body.contains("± "), "standard errors");
    let ran = app
        .post(
            &format!("/calls/{call}/selection"),
            &secretariat,
            &pairs(&[("sessions", "10"), ("max_per_organisation", "2")]),
        )
        .await;
    assert_eq!(ran.status, StatusCode::SEE_OTHER, "{}", ran.body);
    let page = app
        .get(&format!("/calls/{call}/selection"), &secretariat.cookies)
        .await;
    assert_eq!(page.body.matches("name=\"accept\"").count(), 10);
}
