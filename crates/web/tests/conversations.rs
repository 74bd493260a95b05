//! Conversations through the real router: the secretariat opens one with seed statements,
//! participants join with their stakeholder group, vote one statement at a time and write
//! statements that the secretariat accepts or rejects with a reason; the map, computed in the
//! background, finds the two camps, what unites them, and which stakeholder group sits where.

use agora_core::auth::Role;
use agora_core::conversation::Moderation;
use axum::http::StatusCode;
use uuid::Uuid;

mod support;

use support::{Session, TestApp, pairs};

const SEEDS: &str = "Governments alone should make Internet public policy.\n\
                     Civil society should sit at the table with governments.\n\
                     The WGEC should publish every contribution it receives.";

async fn open_conversation(app: &TestApp, secretariat: &Session) -> Uuid {
    let created = app
        .post(
            "/processes/wgec-2013/conversations",
            secretariat,
            &pairs(&[("topic", "Enhanced cooperation"), ("seeds", SEEDS)]),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id = created.location.strip_prefix("/conversations/").unwrap();
    Uuid::parse_str(id).unwrap()
}

async fn join(app: &TestApp, who: &Session, conversation: Uuid, group: &str) {
    let joined = app
        .post(
            &format!("/conversations/{conversation}/join"),
            who,
            &pairs(&[("stakeholder_group", group), ("region", "150")]),
        )
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
}

/// The statement the conversation's page offers `who` to vote on, by its hidden id.
async fn offered(app: &TestApp, who: &Session, conversation: Uuid) -> Option<String> {
    let page = app
        .get(&format!("/conversations/{conversation}"), &who.cookies)
        .await;
    page.body
        .split("name=\"statement\" value=\"")
        .nth(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
}

async fn vote(
    app: &TestApp,
    who: &Session,
    conversation: Uuid,
    statement: &str,
    opinion: &str,
) -> StatusCode {
    app.post(
        &format!("/conversations/{conversation}/votes"),
        who,
        &pairs(&[("statement", statement), ("opinion", opinion)]),
    )
    .await
    .status
}

#[tokio::test]
async fn two_camps_vote_and_the_map_finds_them_and_what_unites_them() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let conversation = open_conversation(&app, &secretariat).await;
    let process = app.get("/processes/wgec-2013", "").await;
    assert!(
        process
            .body
            .contains(&format!("href=\"/conversations/{conversation}\""))
    );

    let statements = app.store.statements(conversation).await.unwrap();
    assert_eq!(statements.len(), 3);
    assert!(
        statements
            .iter()
            .all(|s| s.moderation == Moderation::Accepted)
    );
    let number_of = |id: &str| {
        statements
            .iter()
            .find(|s| s.id.to_string() == id)
            .map(|s| s.number)
            .unwrap()
    };

    // Ten governments agree with the first statement and disagree with the second; ten from
    // civil society the opposite; everyone agrees with the third. Each votes on what the page
    // offers, one statement at a time, until nothing is left.
    for n in 0..20 {
        let who = app.session(Role::Participant).await;
        let government = n % 2 == 0;
        join(
            &app,
            &who,
            conversation,
            if government {
                "government"
            } else {
                "civil-society"
            },
        )
        .await;
        let mut seen = Vec::new();
        while let Some(statement) = offered(&app, &who, conversation).await {
            let number = number_of(&statement);
            assert!(!seen.contains(&number), "statement {number} offered twice");
            seen.push(number);
            let opinion = match (number, government) {
                (3, _) | (1, true) | (2, false) => "agree",
                _ => "disagree",
            };
            assert_eq!(
                vote(&app, &who, conversation, &statement, opinion).await,
                StatusCode::SEE_OTHER
            );
        }
        assert_eq!(seen.len(), 3, "every statement offered once");
        let done = app
            .get(&format!("/conversations/{conversation}"), &who.cookies)
            .await;
        assert!(done.body.contains("You have voted on every statement."));
    }
    assert_eq!(
        app.store
            .conversation_votes(conversation)
            .await
            .unwrap()
            .len(),
        60
    );

    let before = app
        .get(&format!("/conversations/{conversation}/map"), "")
        .await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(before.body.contains("The map has not been computed yet"));
    // This conversation and the demo's have no map yet.
    assert_eq!(
        agora_web::opinion::refresh_stale(&app.store).await.unwrap(),
        2
    );
    assert_eq!(
        agora_web::opinion::refresh_stale(&app.store).await.unwrap(),
        0,
        "now current"
    );

    let map = app
        .get(&format!("/conversations/{conversation}/map"), "")
        .await;
    assert_eq!(map.status, StatusCode::OK);
    assert_eq!(
        map.body.matches("<circle ").count(),
        20,
        "a dot per participant"
    );
    assert!(
        map.body.contains("Group A: 10") && map.body.contains("Group B: 10"),
        "{}",
        map.body
    );
    let consensus = map.body.split("id=\"consensus\"").nth(1).unwrap();
    assert!(consensus.contains("The WGEC should publish every contribution it receives."));
    // Each stakeholder group sits whole in one opinion group, and not the same one.
    let by_group = map
        .body
        .split("id=\"by-stakeholder-group\"")
        .nth(1)
        .unwrap();
    let row = |name: &str| {
        by_group
            .split(&format!("<bdi>{name}</bdi></th>"))
            .nth(1)
            .unwrap()
            .split("</tr>")
            .next()
            .unwrap()
            .to_owned()
    };
    let (government, civil) = (row("Government"), row("Civil society"));
    let camps = [
        "<td class=\"num\">10</td><td class=\"num\">0</td><td class=\"num\">0</td>",
        "<td class=\"num\">0</td><td class=\"num\">10</td><td class=\"num\">0</td>",
    ];
    assert!(camps.contains(&government.as_str()), "{government}");
    assert!(
        camps.contains(&civil.as_str()) && civil != government,
        "{civil}"
    );
    assert!(map.body.contains("<bdi>Europe</bdi>"), "regions too");

    // A new vote makes the map stale until the mapper runs again.
    let late = app.session(Role::Participant).await;
    join(&app, &late, conversation, "technical-community").await;
    let statement = offered(&app, &late, conversation).await.unwrap();
    vote(&app, &late, conversation, &statement, "pass").await;
    let stale = app
        .get(&format!("/conversations/{conversation}/map"), "")
        .await;
    assert!(stale.body.contains("New votes have come in"));
}

#[tokio::test]
async fn statements_are_moderated_and_their_authors_see_why() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let conversation = open_conversation(&app, &secretariat).await;
    let author = app.session(Role::Participant).await;
    let path = format!("/conversations/{conversation}/statements");

    // Writing needs joining first.
    let early = app
        .post(&path, &author, &pairs(&[("text", "Too soon")]))
        .await;
    assert_eq!(early.status, StatusCode::FORBIDDEN);
    join(&app, &author, conversation, "academic-community").await;
    let long = "x".repeat(agora_core::conversation::MAX_STATEMENT_CHARS + 1);
    let refused = app
        .post(
            &format!("{path}?lang=fr"),
            &author,
            &pairs(&[("text", &long)]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("href=\"#field-text\""),
        "{}",
        refused.body
    );
    for text in [
        "Multilingualism is part of enhanced cooperation.",
        "Buy cheap watches <b>now</b>",
    ] {
        let sent = app.post(&path, &author, &pairs(&[("text", text)])).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
    }
    let statements = app.store.statements(conversation).await.unwrap();
    let (good, spam) = (&statements[3], &statements[4]);
    assert_eq!((good.number, spam.number), (4, 5));
    assert_eq!(good.moderation, Moderation::Pending);

    // Pending statements are not offered for voting, nor can they be voted on.
    let voter = app.session(Role::Participant).await;
    join(&app, &voter, conversation, "private-sector").await;
    assert_eq!(
        vote(&app, &voter, conversation, &good.id.to_string(), "agree").await,
        StatusCode::NOT_FOUND
    );

    let moderation = app
        .get(
            &format!("/conversations/{conversation}/moderation"),
            &secretariat.cookies,
        )
        .await;
    assert_eq!(moderation.status, StatusCode::OK);
    assert!(
        moderation
            .body
            .contains("Buy cheap watches &#60;b&#62;now&#60;/b&#62;")
    );
    for (id, decision, reason) in [(good.id, "accept", ""), (spam.id, "reject", "Advertising")] {
        let decided = app
            .post(
                &format!("/statements/{id}/moderation"),
                &secretariat,
                &pairs(&[("decision", decision), ("reason", reason)]),
            )
            .await;
        assert_eq!(decided.status, StatusCode::SEE_OTHER);
    }
    let no_reason = app
        .post(
            &format!("/statements/{}/moderation", spam.id),
            &secretariat,
            &pairs(&[("decision", "reject"), ("reason", " ")]),
        )
        .await;
    assert_eq!(
        no_reason.status,
        StatusCode::BAD_REQUEST,
        "a rejection needs its reason"
    );

    let page = app
        .get(&format!("/conversations/{conversation}"), &author.cookies)
        .await;
    let mine = page.body.split("id=\"mine\"").nth(1).unwrap();
    assert!(mine.contains("Accepted") && mine.contains("Rejected") && mine.contains("Advertising"));
    let log = app
        .store
        .audit_log(&agora_store::PageRequest::first(1))
        .await
        .unwrap()
        .items;
    assert_eq!(
        (log[0].action.as_str(), log[0].entity.as_str()),
        ("moderate", "statement")
    );

    // Only the secretariat moderates; a participant cannot even see the queue.
    let refused = app
        .get(
            &format!("/conversations/{conversation}/moderation"),
            &author.cookies,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let forged = app
        .post(
            &format!("/statements/{}/moderation", good.id),
            &author,
            &pairs(&[("decision", "reject"), ("reason", "mine now")]),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_closed_conversation_takes_no_votes_and_keeps_its_statements() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let conversation = open_conversation(&app, &secretariat).await;
    let voter = app.session(Role::Participant).await;
    join(&app, &voter, conversation, "government").await;
    let statement = offered(&app, &voter, conversation).await.unwrap();
    let closed = app
        .post(
            &format!("/conversations/{conversation}/state"),
            &secretariat,
            &pairs(&[("state", "closed")]),
        )
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    assert_eq!(
        vote(&app, &voter, conversation, &statement, "agree").await,
        StatusCode::FORBIDDEN
    );
    let page = app
        .get(&format!("/conversations/{conversation}"), &voter.cookies)
        .await;
    assert!(page.body.contains("This conversation is closed"));
    assert!(
        page.body
            .contains("Governments alone should make Internet public policy.")
    );
    assert!(offered(&app, &voter, conversation).await.is_none());
    // A visitor reads it all, and is asked to sign in only while it is open.
    let visitor = app.get(&format!("/conversations/{conversation}"), "").await;
    assert_eq!(visitor.status, StatusCode::OK);
    assert!(!visitor.body.contains("Sign in to take part"));
}

const SEATTLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../opinion/tests/fixtures/polis/15-per-hour-seattle"
);

/// Posts a Pol.is export to wgec-2013's import form, as `who`.
async fn import(app: &TestApp, who: &Session, comments: &[u8], votes: &[u8]) -> support::Answer {
    use support::Part;
    app.post_multipart(
        "/processes/wgec-2013/conversations/import",
        &who.cookies,
        &[
            Part::Text("csrf", &who.csrf),
            Part::Text("topic", "$15/hour minimum wage (Seattle)"),
            Part::File("comments", "comments.csv", comments),
            Part::File("votes", "votes.csv", votes),
        ],
    )
    .await
}

#[tokio::test]
async fn a_polis_export_is_imported_whole_and_mapped_or_refused_with_its_line() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let comments = std::fs::read(format!("{SEATTLE}/comments.csv")).unwrap();
    let votes = std::fs::read(format!("{SEATTLE}/votes.csv")).unwrap();

    // A vote that is not a vote: nothing is stored, and the page says where.
    let mut broken = votes.clone();
    broken.extend_from_slice(b"1,x,0,1,7\n");
    let refused = import(&app, &secretariat, &comments, &broken).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("votes.csv: line "),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("7 is not a vote"), "{}", refused.body);
    let wgec = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    let demo = app.store.conversations_of_process(wgec.id).await.unwrap();
    assert_eq!(
        demo.len(),
        1,
        "the demo's conversation only: nothing imported"
    );

    let imported = import(&app, &secretariat, &comments, &votes).await;
    assert_eq!(imported.status, StatusCode::SEE_OTHER, "{}", imported.body);
    let conversation = app
        .store
        .conversations_of_process(wgec.id)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.topic == "$15/hour minimum wage (Seattle)")
        .unwrap();
    assert_eq!(
        imported.location,
        format!("/conversations/{}/map", conversation.id)
    );
    assert!(!conversation.open, "closed until reopened");
    let stored = app.store.conversation_votes(conversation.id).await.unwrap();
    let lines = votes.iter().filter(|&&b| b == b'\n').count() - 1;
    assert!(!stored.is_empty() && stored.len() <= lines);

    agora_web::opinion::refresh_stale(&app.store).await.unwrap();
    let map = app
        .get(&format!("/conversations/{}/map", conversation.id), "")
        .await;
    assert!(
        map.body.contains("Group A") && map.body.contains("Group B"),
        "{}",
        map.body
    );
    assert!(
        map.body.contains("<bdi>Not declared</bdi>"),
        "imported voters declared no group"
    );

    // Only the secretariat imports.
    let participant = app.session(Role::Participant).await;
    let form = app
        .get(
            "/processes/wgec-2013/conversations/import",
            &participant.cookies,
        )
        .await;
    assert_eq!(form.status, StatusCode::FORBIDDEN);
    let posted = import(&app, &participant, &comments, &votes).await;
    assert_eq!(posted.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_api_joins_offers_votes_writes_and_maps() {
    use serde_json::json;
    let app = TestApp::new().await;
    let visitor = app.visitor().await;
    // The demo's conversation of the WGEC.
    let (status, _, all) = app
        .api("GET", "/api/v1/conversations", &visitor, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let id = all["items"][0]["id"].as_str().unwrap().to_owned();
    let base = format!("/api/v1/conversations/{id}");
    let (_, _, detail) = app.api("GET", &base, &visitor, None).await;
    assert_eq!(detail["conversation"]["open"], true);
    let seeds = detail["statements"].as_array().unwrap().len();
    assert!(seeds >= 3);

    let (status, _, _) = app
        .api(
            "POST",
            &format!("{base}/participants"),
            &visitor,
            Some(json!({"stakeholder_group": "government"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let voter = app.session(Role::Participant).await;
    let (status, _, _) = app.api("GET", &format!("{base}/next"), &voter, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "not joined yet");
    let (status, _, problem) = app
        .api(
            "POST",
            &format!("{base}/participants"),
            &voter,
            Some(json!({"stakeholder_group": "lobby"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "stakeholder_group");
    let (status, location, joined) = app
        .api(
            "POST",
            &format!("{base}/participants"),
            &voter,
            Some(json!({"stakeholder_group": "government", "region": "142"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{joined}");
    assert_eq!(location, base);
    assert_eq!(joined["number"], 1);

    let mut voted = Vec::new();
    loop {
        let (status, _, next) = app.api("GET", &format!("{base}/next"), &voter, None).await;
        if status == StatusCode::NO_CONTENT {
            break;
        }
        let number = next["number"].as_u64().unwrap();
        assert!(!voted.contains(&number));
        voted.push(number);
        let (status, _, _) = app
            .api(
                "POST",
                &format!("{base}/votes"),
                &voter,
                Some(json!({"statement": number, "opinion": "agree"})),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    assert_eq!(voted.len(), seeds);
    let (status, _, _) = app
        .api(
            "POST",
            &format!("{base}/votes"),
            &voter,
            Some(json!({"statement": 999, "opinion": "agree"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = app
        .api(
            "POST",
            &format!("{base}/votes"),
            &voter,
            Some(json!({"statement": 1, "opinion": "maybe"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let (status, _, written) = app
        .api(
            "POST",
            &format!("{base}/statements"),
            &voter,
            Some(json!({"text": "Meetings should be streamed."})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(written["status"], "pending");
    assert_eq!(written["number"], seeds as u64 + 1);

    let (_, _, before) = app.api("GET", &format!("{base}/map"), &visitor, None).await;
    assert_eq!(before, json!({"map": null, "current": false}));
    agora_web::opinion::refresh_stale(&app.store).await.unwrap();
    let (_, _, after) = app.api("GET", &format!("{base}/map"), &visitor, None).await;
    assert_eq!(after["current"], true);
    assert_eq!(after["map"]["votes"], seeds as u64);
    assert_eq!(after["map"]["by_stakeholder_group"][0]["key"], "government");
}

#[tokio::test]
async fn the_mapper_reading_only_what_changed_makes_the_map_a_whole_reading_makes() {
    use agora_core::conversation::Opinion;
    use agora_web::opinion::{Mapper, map_of};
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let conversation = open_conversation(&app, &secretariat).await;
    let statements = app.store.statements(conversation).await.unwrap();
    let mut voters = Vec::new();
    for n in 0..16u64 {
        let user = app.session(Role::Participant).await;
        let group = if n % 2 == 0 {
            "government"
        } else {
            "civil-society"
        };
        voters.push(
            app.store
                .join_conversation(conversation, user.id, group, None)
                .await
                .unwrap(),
        );
    }
    let at = support::instant("2013-07-10T08:00:00Z");
    let cast = |n: usize, s: usize| match (n + s) % 3 {
        0 => Opinion::Agree,
        1 => Opinion::Disagree,
        _ => Opinion::Pass,
    };
    for (n, voter) in voters.iter().enumerate().take(10) {
        for (s, statement) in statements.iter().enumerate() {
            app.store
                .vote(voter, statement, cast(n, s), at)
                .await
                .unwrap();
        }
    }
    let mut mapper = Mapper::default();
    assert_eq!(
        mapper.refresh_stale(&app.store).await.unwrap(),
        2,
        "with the demo's"
    );

    // New participants vote, an early one changes their mind, and the map is made again from
    // what changed alone.
    for (n, voter) in voters.iter().enumerate().skip(10) {
        for (s, statement) in statements.iter().enumerate() {
            app.store
                .vote(voter, statement, cast(n, s), at)
                .await
                .unwrap();
        }
    }
    app.store
        .vote(&voters[0], &statements[0], Opinion::Disagree, at)
        .await
        .unwrap();
    assert_eq!(mapper.refresh_stale(&app.store).await.unwrap(), 1);
    let (incremental, stale) = agora_web::opinion::stored(&app.store, conversation)
        .await
        .unwrap()
        .unwrap();
    assert!(!stale);
    let whole = map_of(
        &app.store.statements(conversation).await.unwrap(),
        &app.store
            .conversation_participants(conversation)
            .await
            .unwrap(),
        &app.store.conversation_votes(conversation).await.unwrap(),
    );
    assert_eq!(incremental, whole);
    assert_eq!(whole.votes, 16 * statements.len());
}
