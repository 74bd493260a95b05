//! Meeting records through the real router: the seed transcript uploaded, reviewed, corrected
//! and committed; refused files; who may do what; the public transcript and statistics pages;
//! re-mapping; the API.

use agora_core::auth::Role;
use agora_core::meeting::{Meeting, Participant};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use uuid::Uuid;

mod support;

use support::{Part, Session, TestApp};

const SEED: &[u8] = include_bytes!("../../records/tests/fixtures/icann-beijing-2013-04-08-fr.txt");

/// The demo's seed meeting and its participants.
async fn seed_meeting(app: &TestApp) -> (Meeting, Vec<Participant>) {
    let icann = app
        .store
        .process_by_slug("icann-46-beijing")
        .await
        .unwrap()
        .unwrap();
    let meeting = app
        .store
        .meetings_of_process(icann.id)
        .await
        .unwrap()
        .remove(0);
    let participants = app.store.participants(meeting.id).await.unwrap();
    (meeting, participants)
}

fn named<'a>(participants: &'a [Participant], name: &str) -> &'a Participant {
    participants.iter().find(|p| p.name == name).unwrap()
}

async fn upload(app: &TestApp, who: &Session, meeting: Uuid, file: &[u8]) -> support::Answer {
    app.post_multipart(
        &format!("/meetings/{meeting}/transcripts/new"),
        &who.cookies,
        &[
            Part::Text("csrf", &who.csrf),
            Part::File("file", "beijing.txt", file),
        ],
    )
    .await
}

/// The (name, value) pairs of a page's form fields: inputs' values, selects' selected options.
fn form_values(html: &str) -> Vec<(String, String)> {
    let mut values = Vec::new();
    for tag in html.split('<').skip(1) {
        let attr = |name: &str| {
            tag.split(&format!(" {name}=\""))
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(|v| {
                    v.replace("&amp;", "&")
                        .replace("&#39;", "'")
                        .replace("&quot;", "\"")
                })
        };
        if tag.starts_with("input") {
            if let (Some(name), Some(value)) = (attr("name"), attr("value"))
                && name != "csrf"
                && !tag.contains("type=\"checkbox\"")
            {
                values.push((name, value));
            }
        } else if tag.starts_with("select") {
            if let Some(name) = attr("name") {
                values.push((name, String::new()));
            }
        } else if tag.starts_with("option")
            && tag.contains(" selected")
            && let (Some(last), Some(value)) = (values.last_mut(), attr("value"))
        {
            last.1 = value;
        }
    }
    values
}

fn set(values: &mut [(String, String)], name: &str, value: &str) {
    let field = values.iter_mut().find(|(n, _)| n == name).unwrap();
    field.1 = value.to_owned();
}

/// The index of the speaker `label` on the review page (`speaker-{i}`).
fn speaker_index(review: &str, label: &str) -> usize {
    let at = review
        .find(&format!("<legend><bdi>{label}</bdi>"))
        .unwrap_or_else(|| panic!("{label} is not on the review page"));
    let before = &review[..at];
    let id = before.rsplit("id=\"speaker-").next().unwrap();
    id.split('"').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn the_seed_transcript_is_uploaded_reviewed_corrected_and_committed() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let (meeting, participants) = seed_meeting(&app).await;
    let form = app
        .get(
            &format!("/meetings/{}/transcripts/new", meeting.id),
            &secretariat.cookies,
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("enctype=\"multipart/form-data\""));

    let staged = upload(&app, &secretariat, meeting.id, SEED).await;
    assert_eq!(staged.status, StatusCode::SEE_OTHER, "{}", staged.body);
    let review_path = staged.location.clone();
    assert!(
        review_path.contains("/transcripts/review/"),
        "{review_path}"
    );
    let review = app.get(&review_path, &secretariat.cookies).await;
    assert_eq!(review.status, StatusCode::OK);
    let page = &review.body;
    // The parse's metadata and warnings, each speaker with their spellings, turns and words.
    assert!(page.contains("BEIJING – l&#39;Agenda global"));
    assert!(
        page.contains("Remarque"),
        "the disclaimer is shown as metadata"
    );
    assert!(page.contains("What the reader had to guess"));
    assert!(page.contains("<bdi>MARKUS KUMMER</bdi>, <bdi>MARCUS KUMMER</bdi>"));
    assert!(page.contains("3 turns are by speakers nobody identified"));

    // As proposed: every speaker matched to their participant, but JAOA CARLOS CARIBE (no
    // spelling tells him from João) proposed as a new participant without a group: refused.
    let mut values = form_values(page);
    let kummer = speaker_index(page, "MARKUS KUMMER");
    let kummer_id = named(&participants, "Markus Kummer").id;
    assert!(values.contains(&(format!("speaker-{kummer}"), format!("p:{kummer_id}"))));
    let caribe = speaker_index(page, "JAOA CARLOS CARIBE");
    assert!(values.contains(&(format!("speaker-{caribe}"), "new".to_owned())));
    assert!(values.contains(&(format!("name-{caribe}"), "Jaoa Carlos Caribe".to_owned())));
    let as_proposed: Vec<(String, String)> = values.clone();
    let refused = app.post(&review_path, &secretariat, &as_proposed).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains(&format!("href=\"#field-group-{caribe}\""))
    );
    assert!(
        app.store
            .transcripts_of_meeting(meeting.id)
            .await
            .unwrap()
            .len()
            == 1
    );

    // Corrected: he is the participant João Carlos Caribe.
    let joao = named(&participants, "João Carlos Caribe").id;
    set(
        &mut values,
        &format!("speaker-{caribe}"),
        &format!("p:{joao}"),
    );
    let committed = app.post(&review_path, &secretariat, &values).await;
    assert_eq!(
        committed.status,
        StatusCode::SEE_OTHER,
        "{}",
        committed.body
    );
    let transcripts = app.store.transcripts_of_meeting(meeting.id).await.unwrap();
    assert_eq!(transcripts.len(), 2);
    let stored = &transcripts[1];
    assert_eq!(
        committed.location,
        format!("/meetings/{}/transcripts/{}", meeting.id, stored.id)
    );
    assert_eq!(stored.imported_by, Some(secretariat.id));
    let turns = app.store.turns(stored.id).await.unwrap();
    assert_eq!(turns.len(), 59);
    assert_eq!(
        turns.iter().filter(|t| t.participant_id.is_none()).count(),
        3
    );
    let kummer_labels: Vec<&str> = turns
        .iter()
        .filter(|t| t.participant_id == Some(kummer_id))
        .filter_map(|t| t.label.as_deref())
        .collect();
    assert_eq!(
        kummer_labels,
        ["MARKUS KUMMER", "MARKUS KUMMER", "MARCUS KUMMER"]
    );
    assert!(turns.iter().any(|t| t.participant_id == Some(joao)));
    assert_eq!(
        app.store.participants(meeting.id).await.unwrap().len(),
        participants.len(),
        "nobody new"
    );

    // A second click finds the first one's transcript; nothing is stored twice.
    let again = app.post(&review_path, &secretariat, &values).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(again.location, committed.location);
    assert_eq!(
        app.store
            .transcripts_of_meeting(meeting.id)
            .await
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn a_new_participant_is_created_with_the_transcript_and_a_stranger_is_refused() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let (meeting, participants) = seed_meeting(&app).await;
    let staged = upload(&app, &secretariat, meeting.id, SEED).await;
    let review = app.get(&staged.location, &secretariat.cookies).await;
    let mut values = form_values(&review.body);
    let caribe = speaker_index(&review.body, "JAOA CARLOS CARIBE");
    // A participant of another meeting is not a choice.
    let stranger = agora_core::new_id();
    set(
        &mut values,
        &format!("speaker-{caribe}"),
        &format!("p:{stranger}"),
    );
    let refused = app.post(&staged.location, &secretariat, &values).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains(&format!("href=\"#field-speaker-{caribe}\""))
    );

    set(&mut values, &format!("speaker-{caribe}"), "new");
    set(&mut values, &format!("group-{caribe}"), "civil-society");
    values.push((format!("remote-{caribe}"), "on".to_owned()));
    let committed = app.post(&staged.location, &secretariat, &values).await;
    assert_eq!(
        committed.status,
        StatusCode::SEE_OTHER,
        "{}",
        committed.body
    );
    let now = app.store.participants(meeting.id).await.unwrap();
    assert_eq!(now.len(), participants.len() + 1);
    let created = named(&now, "Jaoa Carlos Caribe");
    assert!(created.remote);
    assert_eq!(created.stakeholder_group, "civil-society");
}

#[tokio::test]
async fn a_bad_file_is_refused_with_the_reason_in_the_users_language() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let (meeting, _) = seed_meeting(&app).await;
    let latin1 = upload(&app, &secretariat, meeting.id, b"PETER MAJOR: caf\xe9").await;
    assert_eq!(latin1.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        latin1.body.contains("not UTF-8 or UTF-16 text"),
        "{}",
        latin1.body
    );
    assert!(latin1.body.contains("byte 16"));
    let prose = upload(&app, &secretariat, meeting.id, b"The minutes were lost.").await;
    assert_eq!(prose.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(prose.body.contains("No speaker turns were found"));
    let french = app
        .post_multipart(
            &format!("/meetings/{}/transcripts/new?lang=fr", meeting.id),
            &format!("{}; agora_lang=fr", secretariat.cookies),
            &[
                Part::Text("csrf", &secretariat.csrf),
                Part::File("file", "vide.txt", b"Rien."),
            ],
        )
        .await;
    assert_eq!(french.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        french
            .body
            .contains("Aucune intervention n&#39;a été trouvée")
    );
    let missing = app
        .post_multipart(
            &format!("/meetings/{}/transcripts/new", meeting.id),
            &secretariat.cookies,
            &[Part::Text("csrf", &secretariat.csrf)],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.store
            .transcripts_of_meeting(meeting.id)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn only_the_secretariat_sees_the_import_and_everyone_the_record() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let (meeting, _) = seed_meeting(&app).await;
    let staged = upload(&app, &secretariat, meeting.id, SEED).await;
    let transcript = app.store.transcripts_of_meeting(meeting.id).await.unwrap()[0].id;
    let new = format!("/meetings/{}/transcripts/new", meeting.id);
    let record = format!("/meetings/{}/transcripts/{transcript}", meeting.id);
    let statistics = format!("/meetings/{}/statistics", meeting.id);
    for role in [None, Some(Role::Participant), Some(Role::Reviewer)] {
        let (cookies, _) = app.session_cookies(role).await;
        for path in [&new, &staged.location] {
            let answer = app.get(path, &cookies).await;
            match role {
                None => assert_eq!(answer.status, StatusCode::SEE_OTHER, "{path}"),
                Some(_) => assert_eq!(answer.status, StatusCode::FORBIDDEN, "{role:?} {path}"),
            }
        }
        for path in [&record, &statistics, &"/transcripts".to_owned()] {
            let answer = app.get(path, &cookies).await;
            assert_eq!(answer.status, StatusCode::OK, "{role:?} {path}");
            assert!(
                !answer.body.contains("transcripts/new"),
                "no import link for {role:?}"
            );
            assert!(
                !answer.body.contains("/mapping"),
                "no re-mapping for {role:?}"
            );
        }
    }
    // Unknown meetings and transcripts are 404, a transcript under another meeting too.
    let nowhere = app.get("/meetings/not-an-id/transcripts", "").await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    let elsewhere = app
        .get(
            &format!(
                "/meetings/{}/transcripts/{transcript}",
                agora_core::new_id()
            ),
            "",
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_transcript_page_marks_unidentified_and_inaudible_speech_and_anchors_turns() {
    let app = TestApp::new().await;
    let (meeting, _) = seed_meeting(&app).await;
    let stored = app
        .store
        .transcripts_of_meeting(meeting.id)
        .await
        .unwrap()
        .remove(0);
    let page = app
        .get(
            &format!("/meetings/{}/transcripts/{}", meeting.id, stored.id),
            "",
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    for n in [1, 12, 59] {
        assert!(
            body.contains(&format!("id=\"t{n}\"")),
            "turn {n} has its anchor"
        );
    }
    assert!(!body.contains("id=\"t60\""));
    assert_eq!(body.matches("class=\"turn unidentified\"").count(), 3);
    assert_eq!(
        body.matches("<mark class=\"inaudible\"").count(),
        stored.inaudible as usize,
        "every inaudible passage is shown as such"
    );
    assert!(stored.inaudible > 0);
    assert!(body.contains("written as <bdi>MARCUS KUMMER</bdi>"));
    assert!(body.contains("class=\"disclaimer\""));
    assert!(body.contains("<bdi>Peter Major</bdi>"));
    assert!(
        body.contains("lang=\"fr\""),
        "the speech is marked as French"
    );
    let arabic = app
        .get(
            &format!("/meetings/{}/transcripts/{}?lang=ar", meeting.id, stored.id),
            "",
        )
        .await;
    assert!(arabic.body.contains("dir=\"rtl\""));
    assert!(arabic.body.contains("متحدث مجهول الهوية"));
}

#[tokio::test]
async fn statistics_count_every_turn_with_unidentified_speech_as_its_own_row() {
    let app = TestApp::new().await;
    let (meeting, participants) = seed_meeting(&app).await;
    let page = app
        .get(&format!("/meetings/{}/statistics", meeting.id), "")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.body.matches("<svg").count(),
        8,
        "turns and words of four tables"
    );
    assert!(
        page.body
            .contains("<th scope=\"row\"><bdi>Unidentified speaker</bdi></th>")
    );
    assert!(page.body.contains("In the room") && page.body.contains("Remote"));
    assert!(page.body.contains("Not declared"));

    let (status, json) = api(
        &app,
        None,
        "GET",
        &format!("/api/v1/meetings/{}/statistics", meeting.id),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["turns"], 59);
    assert_eq!(json["timed"], false);
    for table in ["people", "groups", "genders", "remote"] {
        let rows = json[table].as_array().unwrap();
        let turns: u64 = rows.iter().map(|r| r["turns"].as_u64().unwrap()).sum();
        let words: u64 = rows.iter().map(|r| r["words"].as_u64().unwrap()).sum();
        assert_eq!(
            (turns, words),
            (59, json["words"].as_u64().unwrap()),
            "{table}"
        );
        let last = rows.last().unwrap();
        assert!(
            last["key"].is_null(),
            "{table}: the unidentified row is last"
        );
        assert_eq!(last["turns"], 3);
    }
    let major = named(&participants, "Peter Major");
    let first = &json["people"][0];
    assert_eq!(
        first["key"],
        major.id.to_string(),
        "the moderator spoke most"
    );
    assert_eq!(first["turns"], 27);
    let remote: Vec<&str> = json["remote"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["key"].as_str())
        .collect();
    assert_eq!(remote, ["in-room", "remote"]);
}

#[tokio::test]
async fn a_speaker_is_re_mapped_after_the_import() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let (meeting, participants) = seed_meeting(&app).await;
    let stored = app
        .store
        .transcripts_of_meeting(meeting.id)
        .await
        .unwrap()
        .remove(0);
    let path = format!("/meetings/{}/transcripts/{}", meeting.id, stored.id);
    let page = app.get(&path, &secretariat.cookies).await;
    assert!(page.body.contains(&format!("{path}/mapping")));
    let janis = named(&participants, "Janis Karklins").id;
    let moved = app
        .post(
            &format!("{path}/mapping"),
            &secretariat,
            &[
                ("speaker".to_owned(), String::new()),
                ("participant".to_owned(), format!("p:{janis}")),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let turns = app.store.turns(stored.id).await.unwrap();
    assert!(turns.iter().all(|t| t.participant_id.is_some()));
    let back = app
        .post(
            &format!("{path}/mapping"),
            &secretariat,
            &[
                ("speaker".to_owned(), String::new()),
                ("participant".to_owned(), "none".to_owned()),
            ],
        )
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    let stranger = app
        .post(
            &format!("{path}/mapping"),
            &secretariat,
            &[
                ("speaker".to_owned(), "PETER MAJOR".to_owned()),
                (
                    "participant".to_owned(),
                    format!("p:{}", agora_core::new_id()),
                ),
            ],
        )
        .await;
    assert_eq!(stranger.status, StatusCode::BAD_REQUEST);
    let turns = app.store.turns(stored.id).await.unwrap();
    assert_eq!(
        turns.iter().filter(|t| t.participant_id.is_none()).count(),
        3
    );
}

/// An API call as `who` (None: nobody), with the CSRF header a script sends.
async fn api(
    app: &TestApp,
    who: Option<&Session>,
    method: &str,
    path: &str,
    body: Option<(&str, Vec<u8>)>,
) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(who) = who {
        request = request
            .header(header::COOKIE, &who.cookies)
            .header("x-csrf-token", &who.csrf);
    }
    let request = match body {
        Some((content_type, bytes)) => request
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(bytes)),
        None => request.body(Body::empty()),
    }
    .unwrap();
    let answer = app.send(request).await;
    let json = serde_json::from_str(&answer.body).unwrap_or(Value::Null);
    (answer.status, json)
}

#[tokio::test]
async fn the_api_imports_reads_and_lists_transcripts() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let (meeting, participants) = seed_meeting(&app).await;
    let post = format!("/api/v1/meetings/{}/transcripts", meeting.id);
    let text = || Some(("text/plain; charset=utf-8", SEED.to_vec()));

    let (status, problem) = api(&app, Some(&secretariat), "POST", &post, text()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["unmatched"], json!(["JAOA CARLOS CARIBE"]));
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("JAOA CARLOS CARIBE")
    );

    let joao = named(&participants, "João Carlos Caribe").id;
    let body = json!({
        "text": String::from_utf8(SEED.to_vec()).unwrap(),
        "filename": "beijing-fr.txt",
        "mapping": { "JAOA CARLOS CARIBE": { "participant": joao } },
    });
    let (status, created) = api(
        &app,
        Some(&secretariat),
        "POST",
        &post,
        Some(("application/json", body.to_string().into_bytes())),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["filename"], "beijing-fr.txt");
    assert_eq!(created["turns"].as_array().unwrap().len(), 59);
    let kummer = created["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "MARKUS KUMMER")
        .unwrap();
    assert_eq!(kummer["turns"], 3);
    assert_eq!(
        kummer["participant_id"],
        named(&participants, "Markus Kummer").id.to_string()
    );

    let id = created["id"].as_str().unwrap();
    let (status, read) = api(
        &app,
        None,
        "GET",
        &format!("/api/v1/transcripts/{id}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read, created);
    for key in [
        "title",
        "date",
        "language",
        "speakers",
        "turns",
        "inaudible",
        "disclaimers",
        "warnings",
    ] {
        assert!(read.get(key).is_some(), "the parse's {key}");
    }
    let (status, listed) = api(&app, None, "GET", &post, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed.as_array().unwrap().len(), 2);

    // Unmatched speakers become unidentified when the caller says so.
    let (status, plain) = api(
        &app,
        Some(&secretariat),
        "POST",
        &format!("{post}?unmatched=unidentified&filename=again.txt"),
        text(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let unidentified = plain["turns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["participant_id"].is_null())
        .count();
    assert_eq!(unidentified, 4);
    let (status, _) = api(
        &app,
        Some(&secretariat),
        "POST",
        &format!("{post}?unmatched=new"),
        text(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "new needs a group"
    );
    let (status, bad) = api(
        &app,
        Some(&secretariat),
        "POST",
        &post,
        Some(("text/plain", b"PETER MAJOR: caf\xe9".to_vec())),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad["errors"][0]["code"], "not-text");

    // Without the CSRF header, or without the role, nothing is stored.
    let no_token = Session {
        csrf: String::new(),
        cookies: secretariat.cookies.clone(),
        email: String::new(),
        id: secretariat.id,
    };
    let (status, _) = api(&app, Some(&no_token), "POST", &post, text()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let participant = app.session(Role::Participant).await;
    let (status, _) = api(&app, Some(&participant), "POST", &post, text()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.store
            .transcripts_of_meeting(meeting.id)
            .await
            .unwrap()
            .len(),
        3
    );
}

#[tokio::test]
async fn acronyms_link_to_the_glossary_and_unknown_ones_are_listed_for_its_editors() {
    let app = TestApp::new().await;
    let (meeting, _) = seed_meeting(&app).await;
    let stored = app
        .store
        .transcripts_of_meeting(meeting.id)
        .await
        .unwrap()
        .remove(0);
    let path = format!("/meetings/{}/transcripts/{}", meeting.id, stored.id);
    let french = app.get(&format!("{path}?lang=fr"), "").await;
    assert!(
        french.body.contains("<a href=\"/glossary?q=WSIS\"><abbr title=\"Sommet mondial sur la société de l&#39;information (SMSI)\">WSIS</abbr></a>"),
        "a known acronym is explained in the reader's language and links to the glossary"
    );
    assert!(!french.body.contains("<abbr title=\"\">"));
    assert!(
        !french.body.contains(">UIT</abbr>"),
        "an unknown acronym stays text"
    );

    // Documents too: a process's mandate links the acronyms the glossary knows, and those it
    // does not know are listed with the transcripts'.
    let wgec = app.get("/processes/wgec-2013", "").await;
    assert!(
        wgec.body
            .contains("<a href=\"/glossary?q=CSTD\"><abbr title=\""),
        "{}",
        wgec.body
    );
    let mandate = agora_core::process::ProcessDraft {
        title: "Best Practice Forum".into(),
        mandate: "Convened under the QZXW charter.".into(),
        display_zone: "UTC".into(),
        ..Default::default()
    }
    .validate(&app.store.stakeholder_groups().await.unwrap())
    .unwrap();
    app.store.create(None, &mandate).await.unwrap();

    let editor = app.session(Role::Secretariat).await;
    let listed = app.get("/transcripts/acronyms", &editor.cookies).await;
    assert!(
        listed.body.contains("<bdi>QZXW</bdi>"),
        "an acronym of a mandate is listed"
    );
    assert_eq!(listed.status, StatusCode::OK);
    let first_row = listed
        .body
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    assert!(
        first_row.contains("<bdi>UIT</bdi>"),
        "the most used unknown acronym first: {first_row}"
    );
    assert!(first_row.contains("href=\"/glossary/new?acronym=UIT\""));
    assert_eq!(
        first_row.matches("<li dir=\"auto\">").count(),
        3,
        "three contexts"
    );
    assert!(
        !listed.body.contains("<bdi>WSIS</bdi>"),
        "known acronyms are not listed"
    );
    assert!(
        !listed.body.contains("<bdi>PETER</bdi>"),
        "speaker labels are not acronyms"
    );
    assert!(
        !listed.body.contains("<bdi>GAO</bdi>"),
        "a participant's surname in capitals (M. Xinmin GAO) is not an acronym"
    );
    let form = app.get("/glossary/new?acronym=UIT", &editor.cookies).await;
    assert!(
        form.body.contains("value=\"UIT\""),
        "the new entry is pre-filled"
    );
    let glossary = app.get("/glossary", &editor.cookies).await;
    assert!(glossary.body.contains("href=\"/transcripts/acronyms\""));

    for role in [None, Some(Role::Participant), Some(Role::Reviewer)] {
        let (cookies, _) = app.session_cookies(role).await;
        let answer = app.get("/transcripts/acronyms", &cookies).await;
        let expected = if role.is_none() {
            StatusCode::SEE_OTHER
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(answer.status, expected, "{role:?}");
    }
}
