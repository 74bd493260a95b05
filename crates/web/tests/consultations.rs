//! Consultations through the real router, on an injected clock so that deadlines are tested to
//! the second: the secretariat's forms, drafts, submissions and receipts, late windows, the
//! checks on answers, eligibility, and the published answers.

use agora_core::auth::Role;
use agora_core::consultation::{Moderation, SubmissionState, Visibility};
use axum::http::StatusCode;
use jiff::SignedDuration;
use uuid::Uuid;

/// WGEC's questionnaire closes at 23:59 in Geneva, which is 21:59 UTC in July (CEST).
const CLOSES: &str = "2013-07-15T21:59:00Z";

mod support;

use support::{Session, TestApp, instant, pairs};

/// The consultation the secretariat opened, and its questions.
struct Questionnaire {
    id: Uuid,
    text: Uuid,
    single: Uuid,
    multiple: Uuid,
    scale: Uuid,
}

impl Questionnaire {
    fn href(&self, tail: &str) -> String {
        format!("/consultations/{}{tail}", self.id)
    }

    /// A complete sheet with `text` as the free-text answer, and the author fields.
    fn sheet(&self, action: &str, text: &str, public: bool) -> Vec<(String, String)> {
        let q = |id: Uuid| format!("q-{id}");
        let mut sheet = vec![
            (q(self.text), text.to_owned()),
            (q(self.single), "No".to_owned()),
            (q(self.multiple), "Spam".to_owned()),
            (q(self.multiple), "Human rights".to_owned()),
            (q(self.scale), "4".to_owned()),
        ];
        sheet.extend(about(action, public));
        sheet
    }

    /// The sheet with the answer to `question` replaced by `values` (none: left out).
    fn with(&self, action: &str, question: Uuid, values: &[&str]) -> Vec<(String, String)> {
        let name = format!("q-{question}");
        let mut sheet: Vec<(String, String)> = self
            .sheet(action, "Enhanced cooperation", true)
            .into_iter()
            .filter(|(k, _)| *k != name)
            .collect();
        sheet.extend(values.iter().map(|v| (name.clone(), (*v).to_owned())));
        sheet
    }
}

fn about(action: &str, public: bool) -> Vec<(String, String)> {
    let mut fields = pairs(&[
        ("stakeholder_group", "civil-society"),
        ("country", "BR"),
        ("region", "419"),
        ("organisation", "Instituto Nupef"),
        ("lang", "en"),
        ("action", action),
    ]);
    if public {
        fields.push(("public".into(), "on".into()));
    }
    fields
}

/// A global secretariat opens a consultation of WGEC and writes four questions, all through
/// the forms.
async fn open_questionnaire(app: &TestApp, eligibility: &str) -> Questionnaire {
    let secretariat = app.session(Role::Secretariat).await;
    let created = app
        .post(
            "/processes/wgec-2013/consultations",
            &secretariat,
            &pairs(&[
                ("title", "Questionnaire on enhanced cooperation"),
                ("opens_at", "2013-06-01T00:00"),
                ("closes_at", "2013-07-15T23:59"),
                ("description", "Please answer by mid-July."),
                ("languages", "en, fr, es"),
                ("eligibility", eligibility),
                ("public_by_default", "on"),
            ]),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id: Uuid = created
        .location
        .strip_prefix("/consultations/")
        .unwrap()
        .parse()
        .unwrap();
    let questions = [
        (
            "What does enhanced cooperation mean to you?",
            "free-text",
            "",
            "5",
            true,
        ),
        (
            "Is the current arrangement sufficient?",
            "single-choice",
            "Yes\nNo",
            "",
            false,
        ),
        (
            "Which issues matter most?",
            "multiple-choice",
            "Spam\nCybercrime\nHuman rights",
            "",
            false,
        ),
        ("How urgent is it?", "scale", "", "", false),
    ];
    for (prompt, kind, choices, limit, required) in questions {
        let mut form = pairs(&[
            ("prompt", prompt),
            ("kind", kind),
            ("choices", choices),
            ("word_limit", limit),
        ]);
        if required {
            form.push(("required".into(), "on".into()));
        }
        let added = app
            .post(
                &format!("/consultations/{id}/questions"),
                &secretariat,
                &form,
            )
            .await;
        assert_eq!(
            (added.status, added.location.as_str()),
            (
                StatusCode::SEE_OTHER,
                format!("/consultations/{id}?saved=question").as_str()
            )
        );
    }
    let ids: Vec<Uuid> = app
        .store
        .questions(id)
        .await
        .unwrap()
        .iter()
        .map(|q| q.id)
        .collect();
    Questionnaire {
        id,
        text: ids[0],
        single: ids[1],
        multiple: ids[2],
        scale: ids[3],
    }
}

fn receipt_code(page: &str) -> String {
    page.split("id=\"receipt-code\" class=\"receipt-code\">")
        .nth(1)
        .expect("a receipt code")
        .split('<')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_secretariat_opens_a_consultation_and_writes_its_questions() {
    let app = TestApp::new().await;
    let secretariat = app.session(Role::Secretariat).await;
    let form = app
        .get(
            "/processes/wgec-2013/consultations/new",
            &secretariat.cookies,
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(
        "<input id=\"field-public_by_default\" name=\"public_by_default\" type=\"checkbox\">"
    ));
    assert!(
        form.body.contains("Europe/Zurich"),
        "times are read in the organiser's zone"
    );
    let refused = app
        .post(
            "/processes/wgec-2013/consultations",
            &secretariat,
            &pairs(&[
                ("title", "Too short"),
                ("opens_at", "2013-07-15T23:59"),
                ("closes_at", "2013-06-01T00:00"),
                ("eligibility", "everyone"),
                ("on_behalf_allowed", "on"),
            ]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#field-closes_at\""));
    assert!(refused.body.contains("href=\"#field-eligibility\""));
    assert!(
        refused
            .body
            .contains("name=\"on_behalf_allowed\" type=\"checkbox\" checked"),
        "a ticked box stays ticked"
    );

    let q = open_questionnaire(&app, "signed-in").await;
    let page = app.get(&q.href(""), &secretariat.cookies).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("<h1>Questionnaire on enhanced cooperation</h1>")
    );
    assert!(
        page.body
            .contains("2013-07-15 23:59:00 CEST (2013-07-15 21:59:00 UTC)")
    );
    assert!(page.body.contains(&format!("datetime=\"{CLOSES}\"")));
    let order: Vec<usize> = [
        "1. What does enhanced cooperation",
        "2. Is the current",
        "3. Which issues",
        "4. How urgent",
    ]
    .iter()
    .map(|prompt| page.body.find(prompt).expect(prompt))
    .collect();
    assert!(order.is_sorted(), "questions in order");
    assert!(page.body.contains("At most 5 words."));

    let bad = app
        .post(
            &q.href("/questions"),
            &secretariat,
            &pairs(&[
                ("prompt", "Yes?"),
                ("kind", "single-choice"),
                ("choices", "Yes"),
            ]),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("href=\"#field-choices\""));
    assert_eq!(app.store.questions(q.id).await.unwrap().len(), 4);

    let participant = app.session(Role::Participant).await;
    let forbidden = app
        .post(
            &q.href("/questions"),
            &participant,
            &pairs(&[("prompt", "Mine?"), ("kind", "scale")]),
        )
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

    let process = app.get("/processes/wgec-2013", &participant.cookies).await;
    assert!(
        process
            .body
            .contains(&format!("href=\"/consultations/{}\"", q.id))
    );
    assert!(process.body.contains("status-open"));
    assert!(
        !process.body.contains("/consultations/new"),
        "only for the secretariat"
    );
    let managed = app.get("/processes/wgec-2013", &secretariat.cookies).await;
    assert!(
        managed
            .body
            .contains("href=\"/processes/wgec-2013/consultations/new\"")
    );
}

#[tokio::test]
async fn a_participant_saves_a_draft_then_submits_and_edits_keeping_the_receipt() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "signed-in").await;
    let visitor = app.visitor().await;
    let invited = app.get(&q.href(""), &visitor.cookies).await;
    assert!(
        invited
            .body
            .contains(&format!("href=\"/signin?next=/consultations/{}\"", q.id))
    );
    assert!(!invited.body.contains("name=\"action\""));

    let me = app.session(Role::Participant).await;
    let blank = app.get(&q.href(""), &me.cookies).await;
    assert!(blank.body.contains(&format!("name=\"q-{}\"", q.text)));
    assert!(
        blank
            .body
            .contains("<legend>2. Is the current arrangement sufficient?")
    );
    assert!(blank.body.contains("name=\"action\" value=\"draft\""));
    assert!(blank.body.contains("name=\"action\" value=\"submit\""));
    assert!(
        blank
            .body
            .contains("name=\"public\" type=\"checkbox\" checked"),
        "public by default"
    );

    let mut draft = about("draft", false);
    draft.push((format!("q-{}", q.text), "Work in progress".into()));
    let saved = app.post(&q.href("/answers"), &me, &draft).await;
    assert_eq!(
        (saved.status, saved.location.clone()),
        (StatusCode::SEE_OTHER, q.href("?saved=draft"))
    );
    let again = app.get(&saved.location, &me.cookies).await;
    assert!(again.body.contains("Draft saved."));
    assert!(
        again.body.contains(">Work in progress</textarea>"),
        "the draft is filled in"
    );
    assert!(
        again.body.contains("name=\"public\" type=\"checkbox\">"),
        "the sheet's choice, not the default"
    );
    let stored = app.store.submission_of(q.id, me.id).await.unwrap().unwrap();
    assert_eq!(stored.state, SubmissionState::Draft);
    assert_eq!(
        app.get(&q.href("/receipt"), &me.cookies).await.status,
        StatusCode::NOT_FOUND,
        "a draft has no receipt yet"
    );

    let submitted = app
        .post(
            &q.href("/answers"),
            &me,
            &q.sheet("submit", "Dialogue among equals", true),
        )
        .await;
    assert_eq!(
        (submitted.status, submitted.location.clone()),
        (StatusCode::SEE_OTHER, q.href("/receipt"))
    );
    let receipt = app.get(&q.href("/receipt"), &me.cookies).await;
    assert_eq!(receipt.status, StatusCode::OK);
    let code = receipt_code(&receipt.body);
    assert_eq!(code, stored.receipt);
    assert!(receipt.body.contains("Dialogue among equals"));
    assert!(receipt.body.contains("Spam; Human rights"));
    assert!(receipt.body.contains("4 / 5"));

    let edited = app
        .post(
            &q.href("/answers"),
            &me,
            &q.sheet("submit", "Dialogue, revised", true),
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER);
    let receipt = app.get(&q.href("/receipt"), &me.cookies).await;
    assert_eq!(
        receipt_code(&receipt.body),
        code,
        "editing keeps the receipt"
    );
    assert!(receipt.body.contains("Dialogue, revised"));
    let page = app.get(&q.href(""), &me.cookies).await;
    assert!(page.body.contains("You submitted your answers on"));
    assert!(
        !page.body.contains("value=\"draft\""),
        "a submitted sheet offers no draft that would withdraw it"
    );
}

#[tokio::test]
async fn deadlines_are_exact_to_the_second() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "signed-in").await;
    let early = app.session(Role::Participant).await;
    let late = app.session(Role::Participant).await;
    let closes = instant(CLOSES);

    app.set_now(closes - SignedDuration::from_secs(1));
    let in_time = app
        .post(
            &q.href("/answers"),
            &early,
            &q.sheet("submit", "Just in time", true),
        )
        .await;
    assert_eq!(in_time.status, StatusCode::SEE_OTHER);

    app.set_now(closes);
    let too_late = app
        .post(
            &q.href("/answers"),
            &late,
            &q.sheet("submit", "One second late", true),
        )
        .await;
    assert_eq!(too_late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_late.body.contains("Your answers were not saved"));
    assert!(too_late.body.contains("This consultation closed at"));
    assert!(
        !too_late.body.contains("name=\"action\""),
        "no form after the deadline"
    );
    assert!(
        app.store
            .submission_of(q.id, late.id)
            .await
            .unwrap()
            .is_none()
    );
    let draft_too_late = app
        .post(
            &q.href("/answers"),
            &late,
            &q.sheet("draft", "A draft", true),
        )
        .await;
    assert_eq!(draft_too_late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        app.store
            .submission_of(q.id, late.id)
            .await
            .unwrap()
            .is_none()
    );

    let edit = app
        .post(
            &q.href("/answers"),
            &early,
            &q.sheet("submit", "Changed my mind", true),
        )
        .await;
    assert_eq!(edit.status, StatusCode::UNPROCESSABLE_ENTITY);
    let kept = app
        .store
        .submission_of(q.id, early.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        kept.answers[&q.text],
        agora_core::consultation::AnswerValue::Text("Just in time".into())
    );
    let receipt = app.get(&q.href("/receipt"), &early.cookies).await;
    assert_eq!(receipt.status, StatusCode::OK);
    assert!(
        !receipt.body.contains("Change your answers"),
        "no editing after the deadline"
    );
}

#[tokio::test]
async fn a_late_window_lets_one_person_answer_after_closing() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "signed-in").await;
    let secretariat = app.session(Role::Secretariat).await;
    let favoured = app.session(Role::Participant).await;
    let other = app.session(Role::Participant).await;

    let unknown = app
        .post(
            &q.href("/late-windows"),
            &secretariat,
            &pairs(&[
                ("email", "nobody@example.org"),
                ("until", "2013-07-16T14:00"),
            ]),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("href=\"#field-email\""));
    let granted = app
        .post(
            &q.href("/late-windows"),
            &secretariat,
            &pairs(&[
                ("email", &favoured.email.to_uppercase()),
                ("until", "2013-07-16T14:00"),
            ]),
        )
        .await;
    assert_eq!(
        (granted.status, granted.location.clone()),
        (StatusCode::SEE_OTHER, q.href("?saved=late-window"))
    );
    assert_eq!(
        app.store.late_window(q.id, favoured.id).await.unwrap(),
        Some(instant("2013-07-16T12:00:00Z")),
        "read in Geneva time"
    );
    let page = app.get(&granted.location, &secretariat.cookies).await;
    assert!(page.body.contains("Late window granted."));

    app.set_now(instant(CLOSES) + SignedDuration::from_hours(3));
    let form = app.get(&q.href(""), &favoured.cookies).await;
    assert!(form.body.contains("The secretariat gave you more time"));
    assert!(form.body.contains("name=\"action\" value=\"submit\""));
    let accepted = app
        .post(
            &q.href("/answers"),
            &favoured,
            &q.sheet("submit", "Late but allowed", true),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    let refused = app
        .post(
            &q.href("/answers"),
            &other,
            &q.sheet("submit", "Late", true),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    app.set_now(instant("2013-07-16T12:00:00Z"));
    let ended = app
        .post(
            &q.href("/answers"),
            &favoured,
            &q.sheet("submit", "Too late now", true),
        )
        .await;
    assert_eq!(ended.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn bad_answers_are_refused_next_to_their_question_and_nothing_is_saved() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "signed-in").await;
    let me = app.session(Role::Participant).await;
    let cases = [
        (
            q.with("submit", q.single, &["Maybe"]),
            q.single,
            "2. Is the current arrangement sufficient?: Choose one of the options.",
        ),
        (
            q.with("draft", q.text, &["one two three four five six"]),
            q.text,
            "1. What does enhanced cooperation mean to you?: This is too long: at most 5 words.",
        ),
        (
            q.with("submit", q.text, &[]),
            q.text,
            "1. What does enhanced cooperation mean to you?: This field is required.",
        ),
        (
            q.with("submit", q.scale, &["6"]),
            q.scale,
            "4. How urgent is it?: Choose one of the options.",
        ),
    ];
    for (sheet, question, message) in cases {
        let refused = app.post(&q.href("/answers"), &me, &sheet).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{message}"
        );
        assert!(
            refused
                .body
                .contains(&format!("<a href=\"#field-q-{question}\">{message}</a>")),
            "{message}"
        );
        assert!(
            refused.body.contains(&format!("id=\"error-q-{question}\"")),
            "the error stands next to the question"
        );
        assert!(refused.body.contains("value=\"BR\""), "the values are kept");
    }
    let mut stray = q.sheet("submit", "Fine", true);
    stray.push(("q-not-a-question".into(), "?".into()));
    let refused = app.post(&q.href("/answers"), &me, &stray).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#field-q-not-a-question\""));
    let mut nobody = q.sheet("submit", "Fine", true);
    nobody.retain(|(k, _)| k != "stakeholder_group");
    let refused = app.post(&q.href("/answers"), &me, &nobody).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#field-stakeholder_group\""));
    assert!(
        refused.body.contains(">Fine</textarea>"),
        "the answers are kept while the author is corrected"
    );
    assert!(
        app.store
            .submission_of(q.id, me.id)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_members_only_consultation_refuses_non_members() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "members").await;
    let outsider = app.session(Role::Participant).await;
    let page = app.get(&q.href(""), &outsider.cookies).await;
    assert!(
        page.body
            .contains("Only members of this process may answer")
    );
    assert!(!page.body.contains("name=\"action\""));
    let refused = app
        .post(
            &q.href("/answers"),
            &outsider,
            &q.sheet("submit", "Let me in", true),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        app.store
            .submission_of(q.id, outsider.id)
            .await
            .unwrap()
            .is_none()
    );

    let member = app.session(Role::Participant).await;
    let wgec = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    app.store
        .grant_role(None, member.id, Role::Participant, Some(wgec.id))
        .await
        .unwrap();
    let accepted = app
        .post(
            &q.href("/answers"),
            &member,
            &q.sheet("submit", "Member view", true),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_receipt_is_shown_only_to_its_author() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "signed-in").await;
    let author = app.session(Role::Participant).await;
    let other = app.session(Role::Participant).await;
    app.post(
        &q.href("/answers"),
        &author,
        &q.sheet("submit", "Mine", false),
    )
    .await;
    let code = receipt_code(&app.get(&q.href("/receipt"), &author.cookies).await.body);
    let theirs = app.get(&q.href("/receipt"), &other.cookies).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert!(!theirs.body.contains(&code));
    let visitor = app.visitor().await;
    let signed_out = app.get(&q.href("/receipt"), &visitor.cookies).await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
    assert!(signed_out.location.starts_with("/signin?next="));
}

#[tokio::test]
async fn published_answers_are_the_submitted_public_sheets_shown_as_text() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "signed-in").await;
    let hostile = "<script>alert(1)</script>";
    let public = app.session(Role::Participant).await;
    let private = app.session(Role::Participant).await;
    let drafting = app.session(Role::Participant).await;
    for (who, action, text, published) in [
        (&public, "submit", hostile, true),
        (&private, "submit", "Private answer", false),
        (&drafting, "draft", "Draft answer", true),
    ] {
        let saved = app
            .post(&q.href("/answers"), who, &q.sheet(action, text, published))
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    }
    let visitor = app.visitor().await;
    let list = app.get(&q.href("/answers"), &visitor.cookies).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.body.matches("<article").count(), 1);
    assert!(
        list.body
            .contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || list.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(!list.body.contains(hostile), "never the raw tag");
    assert!(!list.body.contains("Private answer"));
    assert!(!list.body.contains("Draft answer"));
    assert!(list.body.contains("Civil society"));
    assert!(list.body.contains("Instituto Nupef"));
    assert!(
        !list.body.contains(&public.email),
        "no email address is published"
    );

    let sheet = |who: &Session| {
        let store = app.store.clone();
        let id = who.id;
        let phase = q.id;
        async move { store.submission_of(phase, id).await.unwrap().unwrap().id }
    };
    let shown = app
        .get(&q.href(&format!("/answers/{}", sheet(&public).await)), "")
        .await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(!shown.body.contains(hostile));
    for hidden in [&private, &drafting] {
        let path = q.href(&format!("/answers/{}", sheet(hidden).await));
        assert_eq!(
            app.get(&path, "").await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let moderation = Moderation {
        visibility: Visibility::Hidden,
        reason: "Falsely attributed".into(),
    };
    let public_sheet = sheet(&public).await;
    app.store
        .moderate(None, public_sheet, Some(&moderation))
        .await
        .unwrap();
    let path = q.href(&format!("/answers/{public_sheet}"));
    assert_eq!(
        app.get(&path, "").await.status,
        StatusCode::NOT_FOUND,
        "a hidden sheet leaves the public pages"
    );
    let list = app.get(&q.href("/answers"), "").await;
    assert_eq!(list.body.matches("<article").count(), 0);
    assert_eq!(
        app.get(&q.href("/answers/not-an-id"), "").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/consultations/{}", Uuid::nil()), "")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// `who` hands in a sheet with `text` (public when `public`) and gets its id back.
async fn hand_in(
    app: &TestApp,
    q: &Questionnaire,
    who: &Session,
    text: &str,
    public: bool,
) -> Uuid {
    let saved = app
        .post(&q.href("/answers"), who, &q.sheet("submit", text, public))
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    app.store
        .submission_of(q.id, who.id)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn the_workspace_is_for_the_processs_secretariat_only() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "signed-in").await;
    let path = q.href("/workspace");
    let visitor = app.get(&path, "").await;
    assert_eq!(visitor.status, StatusCode::SEE_OTHER);
    assert!(visitor.location.starts_with("/signin?next="));
    for role in [Role::Participant, Role::Reviewer] {
        let who = app.session(role).await;
        assert_eq!(
            app.get(&path, &who.cookies).await.status,
            StatusCode::FORBIDDEN,
            "{role:?}"
        );
    }
    let elsewhere = app.session(Role::Participant).await;
    let other = app
        .store
        .process_by_slug("igf-2013-bali")
        .await
        .unwrap()
        .unwrap();
    app.store
        .grant_role(None, elsewhere.id, Role::Secretariat, Some(other.id))
        .await
        .unwrap();
    assert_eq!(
        app.get(&path, &elsewhere.cookies).await.status,
        StatusCode::FORBIDDEN,
        "the secretariat of another process"
    );
    let wgec = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    let own = app.session(Role::Participant).await;
    app.store
        .grant_role(None, own.id, Role::Secretariat, Some(wgec.id))
        .await
        .unwrap();
    for who in [
        own,
        app.session(Role::Secretariat).await,
        app.session(Role::Admin).await,
    ] {
        let page = app.get(&path, &who.cookies).await;
        assert_eq!(page.status, StatusCode::OK, "{}", who.email);
    }
}

#[tokio::test]
async fn the_workspace_filters_counts_tags_and_moderates_with_a_reason() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "signed-in").await;
    let secretariat = app.session(Role::Secretariat).await;
    let alice = app.session(Role::Participant).await;
    let bob = app.session(Role::Participant).await;
    let carol = app.session(Role::Participant).await;
    let a = hand_in(&app, &q, &alice, "Openness first", true).await;
    let b = hand_in(&app, &q, &bob, "Kept to myself", false).await;
    // Carol answers in French for a government.
    let mut sheet = q.sheet("submit", "La coopération renforcée", true);
    for (k, v) in &mut sheet {
        match k.as_str() {
            "lang" => *v = "fr".into(),
            "stakeholder_group" => *v = "government".into(),
            "region" => *v = "155".into(),
            _ => {}
        }
    }
    let saved = app.post(&q.href("/answers"), &carol, &sheet).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let all = app.get(&q.href("/workspace"), &secretariat.cookies).await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(all.body.matches("<article").count(), 3);
    assert!(
        all.body.contains("Kept to myself"),
        "unpublished sheets too"
    );
    assert!(all.body.contains("<strong>3</strong>"));
    assert!(
        all.body.contains("Filter the answers"),
        "messages from workspace.ftl"
    );
    let in_french = app
        .get(&q.href("/workspace?lang=fr"), &secretariat.cookies)
        .await;
    assert_eq!(
        in_french.body.matches("<article").count(),
        3,
        "?lang= is the interface's language, not a filter"
    );

    let french = app
        .get(&q.href("/workspace?language=fr"), &secretariat.cookies)
        .await;
    assert_eq!(french.body.matches("<article").count(), 1);
    assert!(
        french.body.contains("<strong>1</strong>"),
        "counts follow the filter"
    );
    assert!(french.body.contains("La coopération renforcée"));
    let words = app
        .get(&q.href("/workspace?q=OPENNESS"), &secretariat.cookies)
        .await;
    assert_eq!(words.body.matches("<article").count(), 1);
    assert!(words.body.contains("Openness first"));

    let bad = app
        .get(
            &q.href("/workspace?from=15%2F07%2F2013&region=atlantis"),
            &secretariat.cookies,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("href=\"#field-from\""), "{}", bad.body);
    assert!(bad.body.contains("href=\"#field-region\""));

    // Moderation needs a reason; the public pages drop the sheet, the workspace keeps it.
    let moderation = q.href(&format!("/workspace/{a}/moderation"));
    let no_reason = app
        .post(
            &moderation,
            &secretariat,
            &pairs(&[("visibility", "hidden")]),
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("href=\"#field-reason\""));
    let hidden = app
        .post(
            &moderation,
            &secretariat,
            &pairs(&[
                ("visibility", "hidden"),
                ("reason", "Reported as falsely attributed"),
                ("filter", "language=en"),
            ]),
        )
        .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    assert_eq!(
        hidden.location,
        q.href(&format!("/workspace?language=en#sheet-{a}")),
        "back to the same filter, at the sheet"
    );
    let public = app.get(&q.href("/answers"), "").await;
    assert!(!public.body.contains("Openness first"));
    let kept = app.get(&q.href("/workspace"), &secretariat.cookies).await;
    assert!(kept.body.contains("Openness first"));
    assert!(kept.body.contains("Reported as falsely attributed"));
    let audit = app
        .store
        .audit_log(&agora_store::PageRequest::first(50))
        .await
        .unwrap()
        .items;
    let entry = audit
        .iter()
        .find(|e| e.action == "moderate" && e.entity_id == a.to_string())
        .expect("an audit entry for the moderation");
    assert_eq!(entry.actor_id, Some(secretariat.id));

    // Tags: added lower-cased, filtered by, removed.
    let tags = q.href(&format!("/workspace/{b}/tags"));
    let tagged = app
        .post(&tags, &secretariat, &pairs(&[("tag", "Human Rights")]))
        .await;
    assert_eq!(tagged.status, StatusCode::SEE_OTHER);
    let by_tag = app
        .get(&q.href("/workspace?tag=human+rights"), &secretariat.cookies)
        .await;
    assert_eq!(by_tag.body.matches("<article").count(), 1);
    assert!(by_tag.body.contains("Kept to myself"));
    let empty_tag = app.post(&tags, &secretariat, &pairs(&[("tag", " ")])).await;
    assert_eq!(empty_tag.status, StatusCode::UNPROCESSABLE_ENTITY);
    let removed = app
        .post(
            &q.href(&format!("/workspace/{b}/tags/remove")),
            &secretariat,
            &pairs(&[("tag", "human rights")]),
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let by_tag = app
        .get(&q.href("/workspace?tag=human+rights"), &secretariat.cookies)
        .await;
    assert_eq!(by_tag.body.matches("<article").count(), 0);

    // A sheet of another consultation cannot be reached through this one.
    let other = open_questionnaire(&app, "signed-in").await;
    let elsewhere = app
        .post(
            &other.href(&format!("/workspace/{b}/tags")),
            &secretariat,
            &pairs(&[("tag", "x")]),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_participant_reads_no_confidential_answer_through_any_route() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "signed-in").await;
    let author = app.session(Role::Participant).await;
    let reader = app.session(Role::Participant).await;
    let secret = "Confidential testimony";
    let sheet = hand_in(&app, &q, &author, secret, true).await;
    let receipt = app.store.submission(sheet).await.unwrap().unwrap().receipt;
    app.store
        .moderate(
            None,
            sheet,
            Some(&Moderation {
                visibility: Visibility::Confidential,
                reason: "Asked by its author".into(),
            }),
        )
        .await
        .unwrap();
    let routes = [
        q.href(""),
        q.href("/answers"),
        q.href(&format!("/answers/{sheet}")),
        q.href("/workspace"),
        q.href("/receipt"),
        format!("/api/v1/consultations/{}/answers", q.id),
        format!("/api/v1/submissions?receipt={receipt}"),
    ];
    for path in &routes {
        let answer = app.get(path, &reader.cookies).await;
        assert!(
            !answer.body.contains(secret),
            "{path} shows the confidential answer ({})",
            answer.status
        );
    }
    let own = app.get(&q.href("/receipt"), &author.cookies).await;
    assert!(own.body.contains(secret), "its author still sees it");
}

#[tokio::test]
async fn statistics_count_every_sheet_handed_in_but_hidden_ones_as_chart_and_table() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "signed-in").await;
    let public = app.session(Role::Participant).await;
    let private = app.session(Role::Participant).await;
    let falsely_attributed = app.session(Role::Participant).await;
    let drafting = app.session(Role::Participant).await;
    hand_in(&app, &q, &public, "Mine to publish", true).await;
    hand_in(&app, &q, &private, "Mine to keep", false).await;
    let hidden = hand_in(&app, &q, &falsely_attributed, "Not theirs", true).await;
    let draft = app
        .post(
            &q.href("/answers"),
            &drafting,
            &q.sheet("draft", "Unfinished", true),
        )
        .await;
    assert_eq!(draft.status, StatusCode::SEE_OTHER);
    app.store
        .moderate(
            None,
            hidden,
            Some(&Moderation {
                visibility: Visibility::Hidden,
                reason: "Falsely attributed".into(),
            }),
        )
        .await
        .unwrap();

    let page = app.get(&q.href("/statistics"), "").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("<strong>2</strong>"),
        "published and private, not hidden or draft"
    );
    assert_eq!(
        page.body
            .matches("<svg class=\"chart\" role=\"img\"")
            .count(),
        3
    );
    assert_eq!(page.body.matches("<table>").count(), 3);
    assert!(
        page.body
            .contains("<th scope=\"row\"><bdi>Civil society</bdi></th><td class=\"num\">2</td><td class=\"num\">100.0</td>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Latin America and the Caribbean"));
    assert!(
        !page.body.contains("Mine to keep"),
        "counts, never contents"
    );

    let api = app
        .get(&format!("/api/v1/consultations/{}/statistics", q.id), "")
        .await;
    assert_eq!(api.status, StatusCode::OK);
    let counts: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(counts["total"], 2);
    assert_eq!(
        counts["by_region"],
        serde_json::json!([{"value": "419", "count": 2}])
    );
}

#[tokio::test]
async fn a_visitor_reports_an_answer_in_their_name_and_the_secretariat_upholds_it() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "signed-in").await;
    let author = app.session(Role::Participant).await;
    let sheet = hand_in(&app, &q, &author, "Signed: Jane Doe", true).await;
    let report_form = q.href(&format!("/answers/{sheet}/report"));
    let shown = app.get(&q.href(&format!("/answers/{sheet}")), "").await;
    assert!(
        shown.body.contains(&report_form),
        "the answer page links to the report form"
    );

    let visitor = app.visitor().await;
    let form = app.get(&report_form, &visitor.cookies).await;
    assert_eq!(form.status, StatusCode::OK);
    let incomplete = app
        .post(
            &report_form,
            &visitor,
            &pairs(&[("name", "Jane Doe"), ("email", "jane@")]),
        )
        .await;
    assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["email", "statement", "confirm"] {
        assert!(
            incomplete
                .body
                .contains(&format!("href=\"#field-{field}\"")),
            "{field}: {}",
            incomplete.body
        );
    }
    assert!(
        incomplete.body.contains("value=\"Jane Doe\""),
        "what was typed is kept"
    );
    let sent = app
        .post(
            &report_form,
            &visitor,
            &pairs(&[
                ("name", "Jane Doe"),
                ("email", "jane@example.org"),
                ("statement", "I never wrote this."),
                ("confirm", "on"),
            ]),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.location, format!("{report_form}?sent=1"));
    let thanks = app.get(&sent.location, &visitor.cookies).await;
    assert!(thanks.body.contains("Report received"));

    let secretariat = app.session(Role::Secretariat).await;
    let workspace = app.get(&q.href("/workspace"), &secretariat.cookies).await;
    assert!(workspace.body.contains("I never wrote this."));
    assert!(workspace.body.contains("jane@example.org"));
    let report = app
        .store
        .attribution_reports(q.id, None)
        .await
        .unwrap()
        .remove(0);
    let resolution = q.href(&format!("/reports/{}/resolution", report.id));
    let participant = app.session(Role::Participant).await;
    let refused = app
        .post(
            &resolution,
            &participant,
            &pairs(&[("decision", "upheld"), ("note", "x")]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let no_note = app
        .post(&resolution, &secretariat, &pairs(&[("decision", "upheld")]))
        .await;
    assert_eq!(no_note.status, StatusCode::UNPROCESSABLE_ENTITY);
    let upheld = app
        .post(
            &resolution,
            &secretariat,
            &pairs(&[("decision", "upheld"), ("note", "Confirmed by phone")]),
        )
        .await;
    assert_eq!(upheld.status, StatusCode::SEE_OTHER, "{}", upheld.body);
    assert_eq!(upheld.location, q.href("/workspace#reports"));
    assert_eq!(
        app.get(&q.href(&format!("/answers/{sheet}")), "")
            .await
            .status,
        StatusCode::NOT_FOUND,
        "an upheld report hides the answer"
    );
    let workspace = app.get(&q.href("/workspace"), &secretariat.cookies).await;
    assert!(
        workspace.body.contains("Signed: Jane Doe"),
        "the workspace keeps it"
    );
    assert!(workspace.body.contains("Confirmed by phone"));
    let again = app
        .post(
            &resolution,
            &secretariat,
            &pairs(&[("decision", "dismissed"), ("note", "Changed my mind")]),
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "decided once"
    );
    assert_eq!(
        app.get(&report_form, "").await.status,
        StatusCode::NOT_FOUND,
        "a hidden answer can no longer be reported"
    );
}

#[tokio::test]
async fn reports_are_limited_per_address() {
    let app = TestApp::new().await;
    let q = open_questionnaire(&app, "signed-in").await;
    let author = app.session(Role::Participant).await;
    let sheet = hand_in(&app, &q, &author, "Text", true).await;
    let visitor = app.visitor().await;
    let path = q.href(&format!("/answers/{sheet}/report"));
    let limit = agora_web::Config::default().reports_per_address_per_minute;
    let statuses: Vec<StatusCode> = futures_statuses(&app, &path, &visitor, limit + 1).await;
    assert!(
        statuses[..limit as usize]
            .iter()
            .all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY)
    );
    assert_eq!(statuses[limit as usize], StatusCode::TOO_MANY_REQUESTS);
}

/// Posts an empty report `n` times in a row and gives the statuses back.
async fn futures_statuses(app: &TestApp, path: &str, who: &Session, n: u32) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for _ in 0..n {
        statuses.push(app.post(path, who, &[]).await.status);
    }
    statuses
}
