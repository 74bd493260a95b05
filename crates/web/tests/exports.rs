//! Open data through the real router: the published answers as CSV, XLSX and JSON for anyone,
//! every submitted sheet for the process's secretariat, and the round trip of both files
//! through `agora-import` with the column map the export offers.

use std::collections::BTreeMap;

use agora_core::auth::Role;
use agora_core::consultation::{
    AnswerValue, Author, ConsultationDraft, ImportOrigin, Moderation, Question, QuestionDraft,
    Submission, SubmissionState, Visibility, receipt_code,
};
use agora_core::process::PhaseDraft;
use agora_import::{ColumnMap, Encoding, Table, read_sheets};
use agora_store::{MAX_LIMIT, PageRequest, Store};
use axum::http::{StatusCode, header};
use jiff::Timestamp;
use serde_json::Value;
use uuid::Uuid;

mod support;

use support::{Download, Session, TestApp};

const ARABIC: &str = "التعاون المعزز يعني مشاركة الحكومات على قدم المساواة، لا أكثر.";
const CHINESE: &str = "加强合作，意味着各国政府在平等基础上履行其角色和职责。";
const TRICKY: &str = "He said \"equal footing\", then:\r\nline two; and a tab\there\nline three";
const FORMULA: &str = "=HYPERLINK(\"http://example.org\",\"click\")";

/// The questions of every consultation here: every kind, a prompt full of semicolons and a
/// line break, and choices with commas.
fn question_drafts() -> Vec<QuestionDraft> {
    let draft = |prompt: &str, kind: &str, choices: &str| QuestionDraft {
        prompt: prompt.into(),
        kind: kind.into(),
        choices: choices.into(),
        ..Default::default()
    };
    vec![
        draft("What is enhanced cooperation?", "free-text", ""),
        draft(
            "Which issues matter most? Spam; cybercrime; human rights; development; access; \
             trade; security; privacy; jurisdiction; names; numbers; standards; content;\n\
             tick all that apply",
            "multiple-choice",
            "Spam\nCybercrime\nHuman rights, and development\n\"Net\" neutrality",
        ),
        draft("Is the IGF the place?", "single-choice", "Yes\nNo"),
        draft("How urgent is it?", "scale", ""),
    ]
}

/// A consultation of WGEC open from June 2013 (the harness's clock stands at 2013-07-10) for
/// centuries: the store stamps sheets with the real time, and an import checks that stamp
/// against the target's hours. With [`question_drafts`].
async fn open_consultation(store: &Store, title: &str) -> (Uuid, Vec<Question>) {
    let wgec = store.process_by_slug("wgec-2013").await.unwrap().unwrap();
    let phase = PhaseDraft {
        kind: "consultation".into(),
        title: title.into(),
        opens_at: "2013-06-01T00:00".into(),
        closes_at: "2999-01-01T00:00".into(),
    }
    .validate(&wgec)
    .unwrap();
    let settings = ConsultationDraft {
        languages: "en, fr, ar, zh".into(),
        public_by_default: true,
        on_behalf_allowed: true,
        ..Default::default()
    }
    .validate(&phase)
    .unwrap();
    store
        .create_consultation(None, &phase, &settings)
        .await
        .unwrap();
    for (i, draft) in question_drafts().iter().enumerate() {
        let question = draft.validate(phase.id, i as u32 + 1).unwrap();
        store.create(None, &question).await.unwrap();
    }
    (phase.id, store.questions(phase.id).await.unwrap())
}

/// One person's answers as the form sends them.
struct Answers<'a> {
    text: &'a str,
    choices: &'a [&'a str],
    single: &'a str,
    scale: &'a str,
    group: &'a str,
    country: &'a str,
    organisation: &'a str,
    on_behalf: bool,
    lang: &'a str,
    public: bool,
    action: &'a str,
}

impl Answers<'_> {
    fn form(&self, questions: &[Question]) -> Vec<(String, String)> {
        let q = |i: usize| format!("q-{}", questions[i].id);
        let mut form = vec![(q(0), self.text.to_owned())];
        form.extend(self.choices.iter().map(|c| (q(1), (*c).to_owned())));
        form.extend([
            (q(2), self.single.to_owned()),
            (q(3), self.scale.to_owned()),
            ("stakeholder_group".into(), self.group.to_owned()),
            ("country".into(), self.country.to_owned()),
            ("region".into(), String::new()),
            ("organisation".into(), self.organisation.to_owned()),
            ("lang".into(), self.lang.to_owned()),
            ("action".into(), self.action.to_owned()),
        ]);
        if self.on_behalf {
            form.push(("on_behalf".into(), "on".into()));
        }
        if self.public {
            form.push(("public".into(), "on".into()));
        }
        form
    }
}

/// A consultation answered by six people through the form (three published, one private, one
/// hidden, one confidential, one draft) and one sheet imported from elsewhere.
struct Answered {
    id: Uuid,
    questions: Vec<Question>,
    public_texts: Vec<&'static str>,
    private_texts: Vec<&'static str>,
    draft_text: &'static str,
}

async fn answered(app: &TestApp) -> Answered {
    let (id, questions) =
        open_consultation(&app.store, "Questionnaire on enhanced cooperation").await;
    let base = Answers {
        text: "",
        choices: &["Spam"],
        single: "Yes",
        scale: "3",
        group: "civil-society",
        country: "BR",
        organisation: "",
        on_behalf: false,
        lang: "en",
        public: true,
        action: "submit",
    };
    let sheets = [
        Answers {
            text: ARABIC,
            choices: &["Spam", "Human rights, and development"],
            lang: "ar",
            country: "EG",
            ..base
        },
        Answers {
            text: CHINESE,
            choices: &["\"Net\" neutrality"],
            single: "No",
            scale: "5",
            group: "government",
            country: "CN",
            organisation: "Ministry of Industry, \"MIIT\"",
            on_behalf: true,
            lang: "zh",
            ..base
        },
        Answers {
            text: TRICKY,
            choices: &[],
            single: "",
            scale: "",
            organisation: "Instituto Nupef",
            ..base
        },
        Answers {
            text: "Private: not for publication",
            public: false,
            ..base
        },
        Answers {
            text: "Hidden: falsely attributed",
            ..base
        },
        Answers {
            text: FORMULA,
            lang: "fr",
            ..base
        },
        Answers {
            text: "Draft: not handed in",
            action: "draft",
            ..base
        },
    ];
    let mut people = Vec::new();
    for sheet in &sheets {
        let person = app.session(Role::Participant).await;
        let saved = app
            .post(
                &format!("/consultations/{id}/answers"),
                &person,
                &sheet.form(&questions),
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        people.push(person);
    }
    let sheet_of = async |who: &Session| {
        app.store
            .submission_of(id, who.id)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let hide = |visibility, reason: &str| Moderation {
        visibility,
        reason: reason.into(),
    };
    app.store
        .moderate(
            None,
            sheet_of(&people[4]).await,
            Some(&hide(
                Visibility::Hidden,
                "Falsely attributed; reported by the author",
            )),
        )
        .await
        .unwrap();
    app.store
        .moderate(
            None,
            sheet_of(&people[5]).await,
            Some(&hide(Visibility::Confidential, "Asked by the author")),
        )
        .await
        .unwrap();
    app.store
        .tag_submission(None, sheet_of(&people[0]).await, "equal footing")
        .await
        .unwrap();
    app.store
        .tag_submission(None, sheet_of(&people[0]).await, "arabic")
        .await
        .unwrap();
    let imported = agora_core::new_id();
    app.store
        .import_submissions(
            None,
            id,
            &[Submission {
                id: imported,
                phase_id: id,
                user_id: None,
                imported: Some(ImportOrigin {
                    batch: agora_core::new_id(),
                    row: 7,
                    name: Some("Joy Liddicoat".into()),
                    email: Some("joy@example.org".into()),
                }),
                receipt: receipt_code(imported),
                state: SubmissionState::Submitted,
                public: true,
                author: Author {
                    stakeholder_group: "civil-society".into(),
                    country: Some("NZ".into()),
                    region: Some("009".into()),
                    organisation: Some("APC".into()),
                    on_behalf: false,
                    lang: "en".into(),
                },
                answers: BTreeMap::from([(
                    questions[0].id,
                    AnswerValue::Text("Imported: equal footing, para. 69".into()),
                )]),
                updated_at: "2013-07-01T10:00:00Z".parse().unwrap(),
                submitted_at: Some("2013-07-01T10:00:00.250Z".parse().unwrap()),
            }],
            |_| {},
        )
        .await
        .unwrap();
    Answered {
        id,
        questions,
        public_texts: vec![ARABIC, CHINESE, TRICKY, "Imported: equal footing, para. 69"],
        private_texts: vec![
            "Private: not for publication",
            "Hidden: falsely attributed",
            FORMULA,
        ],
        draft_text: "Draft: not handed in",
    }
}

impl Answered {
    fn href(&self, file: &str) -> String {
        format!("/consultations/{}/{file}", self.id)
    }
}

/// Every sheet of a scope, as the store gives it to the pages.
async fn stored(store: &Store, id: Uuid, all: bool) -> Vec<Submission> {
    let request = PageRequest::first(MAX_LIMIT);
    if all {
        let page = store
            .workspace(id, &Default::default(), &request)
            .await
            .unwrap();
        page.items.into_iter().map(|r| r.submission).collect()
    } else {
        store
            .published_submissions(id, &request)
            .await
            .unwrap()
            .items
    }
}

fn csv_rows(file: &Download) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(file.bytes.as_slice());
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

fn column<'a>(headers: &[String], rows: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let index = headers.iter().position(|h| h == name).expect(name);
    rows.iter().map(|r| r[index].as_str()).collect()
}

#[tokio::test]
async fn anyone_downloads_exactly_the_published_answers() {
    let app = TestApp::new().await;
    let a = answered(&app).await;
    let published: Vec<String> = stored(&app.store, a.id, false)
        .await
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(published.len(), 4);

    let csv = app.download(&a.href("answers.csv"), "").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(
        csv.header(header::CONTENT_TYPE),
        "text/csv; charset=utf-8; header=present"
    );
    assert_eq!(
        csv.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"wgec-2013-questionnaire-on-enhanced-cooperation-answers.csv\""
    );
    let (headers, rows) = csv_rows(&csv);
    assert_eq!(
        headers[..8],
        [
            "id",
            "submitted_at",
            "stakeholder_group",
            "country",
            "region",
            "organisation",
            "on_behalf",
            "lang"
        ]
    );
    assert_eq!(headers[8], "Q1. What is enhanced cooperation?");
    assert_eq!(headers[11], "Q4. How urgent is it?");
    assert_eq!(headers.len(), 12, "no secretariat columns");
    assert_eq!(column(&headers, &rows, "id"), published);
    let text = column(&headers, &rows, "Q1. What is enhanced cooperation?");
    assert_eq!(text, a.public_texts);
    assert_eq!(
        column(&headers, &rows, &headers[9])[..3],
        [
            "Spam;Human rights, and development",
            "\"Net\" neutrality",
            ""
        ]
    );
    assert_eq!(
        column(&headers, &rows, "Q4. How urgent is it?")[..3],
        ["3", "5", ""]
    );
    let instants: Vec<String> = stored(&app.store, a.id, false)
        .await
        .iter()
        .map(|s| s.submitted_at.unwrap().to_string())
        .collect();
    assert_eq!(column(&headers, &rows, "submitted_at"), instants);
    assert_eq!(
        instants[3], "2013-07-01T10:00:00.25Z",
        "RFC 3339, UTC, to the millisecond"
    );
    assert_eq!(column(&headers, &rows, "on_behalf")[..2], ["false", "true"]);
    let body = csv.text();
    for hidden in a.private_texts.iter().chain([&a.draft_text]) {
        assert!(!body.contains(hidden), "{hidden}");
    }
    assert!(!body.contains("Joy Liddicoat") && !body.contains("Falsely attributed"));
    assert!(body.contains("\r\n"), "RFC 4180 line ends");

    let json = app.download(&a.href("answers.json"), "").await;
    assert_eq!(json.header(header::CONTENT_TYPE), "application/json");
    let document: Value = serde_json::from_slice(&json.bytes).unwrap();
    assert_eq!(document["scope"], "public");
    assert_eq!(document["consultation"]["id"], a.id.to_string());
    assert_eq!(
        document["consultation"]["title"],
        "Questionnaire on enhanced cooperation"
    );
    assert_eq!(
        document["consultation"]["questions"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let answers = document["answers"].as_array().unwrap();
    let ids: Vec<&str> = answers.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, published);
    let q1 = a.questions[0].id.to_string();
    assert_eq!(answers[0]["answers"][&q1], ARABIC);
    assert_eq!(
        answers[1]["author"]["organisation"],
        "Ministry of Industry, \"MIIT\""
    );
    assert!(
        answers[0].get("receipt").is_none(),
        "no secretariat members"
    );
    for hidden in a.private_texts.iter().chain([&a.draft_text]) {
        assert!(!json.text().contains(hidden), "{hidden}");
    }

    let xlsx = app.download(&a.href("answers.xlsx"), "").await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.bytes.starts_with(b"PK\x03\x04"), "a ZIP archive");
    let table = Table::read(&xlsx.bytes, Encoding::Auto, Some("Answers")).unwrap();
    assert_eq!(table.headers, headers);
    assert_eq!(table.rows.len(), 4);
    assert_eq!(
        table.rows.iter().map(|r| r[8].as_str()).collect::<Vec<_>>(),
        a.public_texts
    );
}

#[tokio::test]
async fn the_secretariat_exports_every_submitted_sheet_with_its_moderation() {
    let app = TestApp::new().await;
    let a = answered(&app).await;
    let secretariat = app.session(Role::Secretariat).await;
    let csv = app
        .download(&a.href("answers.csv?scope=all"), &secretariat.cookies)
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.header(header::CACHE_CONTROL), "private, no-store");
    assert!(
        csv.header(header::CONTENT_DISPOSITION)
            .ends_with("-answers-all.csv\"")
    );
    let (headers, rows) = csv_rows(&csv);
    assert_eq!(
        headers[12..],
        [
            "published",
            "public_by_author",
            "visibility",
            "moderation_reason",
            "tags",
            "receipt",
            "import_batch",
            "import_row",
            "respondent_name",
            "respondent_email"
        ]
    );
    let all: Vec<Submission> = stored(&app.store, a.id, true).await;
    assert_eq!(
        all.len(),
        7,
        "six handed in through the form, one imported; no draft"
    );
    assert_eq!(
        column(&headers, &rows, "id"),
        all.iter().map(|s| s.id.to_string()).collect::<Vec<_>>()
    );
    let text = column(&headers, &rows, "Q1. What is enhanced cooperation?");
    for expected in a.public_texts.iter().chain(&a.private_texts) {
        assert!(text.contains(expected), "{expected}");
    }
    assert!(!text.contains(&a.draft_text));
    let of = |name: &str| column(&headers, &rows, name);
    let row_of = |needle: &str| text.iter().position(|t| *t == needle).unwrap();
    let hidden = row_of("Hidden: falsely attributed");
    assert_eq!(of("visibility")[hidden], "hidden");
    assert_eq!(
        of("moderation_reason")[hidden],
        "Falsely attributed; reported by the author"
    );
    assert_eq!(
        (of("published")[hidden], of("public_by_author")[hidden]),
        ("false", "true")
    );
    let confidential = row_of(FORMULA);
    assert_eq!(of("visibility")[confidential], "confidential");
    let private = row_of("Private: not for publication");
    assert_eq!(
        (
            of("published")[private],
            of("public_by_author")[private],
            of("visibility")[private]
        ),
        ("false", "false", "")
    );
    let arabic = row_of(ARABIC);
    assert_eq!(of("tags")[arabic], "arabic;equal footing");
    assert_eq!(of("published")[arabic], "true");
    assert_eq!(of("receipt")[arabic], all[arabic].receipt);
    let imported = row_of("Imported: equal footing, para. 69");
    assert_eq!(
        (
            of("import_row")[imported],
            of("respondent_name")[imported],
            of("respondent_email")[imported]
        ),
        ("7", "Joy Liddicoat", "joy@example.org")
    );
    assert_eq!(of("import_row")[arabic], "");

    let json = app
        .download(&a.href("answers.json?scope=all"), &secretariat.cookies)
        .await;
    let document: Value = serde_json::from_slice(&json.bytes).unwrap();
    assert_eq!(document["scope"], "all");
    let answers = document["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 7);
    assert_eq!(answers[hidden]["moderation"]["visibility"], "hidden");
    assert_eq!(
        answers[hidden]["moderation"]["reason"],
        "Falsely attributed; reported by the author"
    );
    assert_eq!(answers[hidden]["published"], false);
    assert_eq!(
        answers[arabic]["tags"],
        serde_json::json!(["arabic", "equal footing"])
    );
    assert_eq!(
        answers[imported]["import"]["respondent_name"],
        "Joy Liddicoat"
    );
    assert_eq!(answers[arabic]["receipt"], all[arabic].receipt);

    let xlsx = app
        .download(&a.href("answers.xlsx?scope=all"), &secretariat.cookies)
        .await;
    let table = Table::read(&xlsx.bytes, Encoding::Auto, None).unwrap();
    assert_eq!((table.headers, table.rows.len()), (headers, 7));
}

#[tokio::test]
async fn only_the_secretariat_of_the_process_may_export_all_answers() {
    let app = TestApp::new().await;
    let a = answered(&app).await;
    let other_process = app
        .store
        .process_by_slug("wgigf-2011")
        .await
        .unwrap()
        .unwrap();
    let elsewhere = app.session(Role::Participant).await;
    app.store
        .grant_role(
            None,
            elsewhere.id,
            Role::Secretariat,
            Some(other_process.id),
        )
        .await
        .unwrap();
    let wgec = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    let here = app.session(Role::Participant).await;
    app.store
        .grant_role(None, here.id, Role::Secretariat, Some(wgec.id))
        .await
        .unwrap();
    let mut who: Vec<(&str, String, bool)> = vec![("visitor", String::new(), false)];
    for role in [
        Role::Participant,
        Role::Reviewer,
        Role::Secretariat,
        Role::Admin,
    ] {
        let allowed = role >= Role::Secretariat;
        who.push((role.code(), app.session(role).await.cookies, allowed));
    }
    who.push(("secretariat of another process", elsewhere.cookies, false));
    who.push(("secretariat of this process", here.cookies, true));

    for (name, cookies, allowed) in &who {
        for file in [
            "answers.csv",
            "answers.xlsx",
            "answers.json",
            "answers.map.toml",
        ] {
            let public = app.download(&a.href(file), cookies).await;
            assert_eq!(public.status, StatusCode::OK, "{name} {file}");
            let page = app
                .get(&a.href(&format!("{file}?scope=all")), cookies)
                .await;
            let api = app
                .get(
                    &format!(
                        "/api/v1/consultations/{}/export?format={}&scope=all",
                        a.id,
                        file.trim_start_matches("answers.")
                            .trim_end_matches(".toml")
                    ),
                    cookies,
                )
                .await;
            let expected = match (cookies.is_empty(), allowed) {
                (_, true) => (StatusCode::OK, StatusCode::OK),
                (true, false) => (StatusCode::SEE_OTHER, StatusCode::UNAUTHORIZED),
                (false, false) => (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
            };
            assert_eq!((page.status, api.status), expected, "{name} {file}");
            if !allowed {
                assert!(!page.body.contains(FORMULA) && !api.body.contains(FORMULA));
            }
            if cookies.is_empty() {
                assert!(page.location.starts_with("/signin?next="), "{name} {file}");
            }
        }
    }
}

#[tokio::test]
async fn the_consultation_and_its_answers_link_to_the_downloads() {
    let app = TestApp::new().await;
    let a = answered(&app).await;
    let secretariat = app.session(Role::Secretariat).await;
    for page in ["", "/answers"] {
        let path = format!("/consultations/{}{page}", a.id);
        let visitor = app.get(&path, "").await.body;
        assert!(visitor.contains(&format!("href=\"{}\"", a.href("answers.csv"))));
        assert!(visitor.contains(&format!("href=\"{}\"", a.href("answers.xlsx"))));
        assert!(visitor.contains(&format!("href=\"{}\"", a.href("answers.json"))));
        assert!(visitor.contains(&format!("href=\"{}\"", a.href("answers.map.toml"))));
        assert!(!visitor.contains("scope=all"), "{path}");
        let manager = app.get(&path, &secretariat.cookies).await.body;
        assert!(manager.contains(&format!("href=\"{}\"", a.href("answers.csv?scope=all"))));
        let french = app.get(&format!("{path}?lang=fr"), "").await.body;
        assert!(french.contains("Télécharger les réponses publiées"));
    }
}

/// The answers of `sheets` as the person gave them, question by question (by position), with
/// the author and the instant: what a round trip must keep.
type Kept = (Author, BTreeMap<u32, AnswerValue>, Option<Timestamp>);

fn kept(
    questions: &[Question],
    author: &Author,
    answers: &BTreeMap<Uuid, AnswerValue>,
    at: Option<Timestamp>,
) -> Kept {
    let by_position = answers
        .iter()
        .map(|(id, value)| {
            let q = questions.iter().find(|q| q.id == *id).unwrap();
            (q.position, value.clone())
        })
        .collect();
    (author.clone(), by_position, at)
}

#[tokio::test]
async fn csv_and_xlsx_exports_import_back_with_their_column_map() {
    let app = TestApp::new().await;
    let a = answered(&app).await;
    let secretariat = app.session(Role::Secretariat).await;
    let (target, target_questions) = open_consultation(&app.store, "The same, elsewhere").await;
    let target_phase = app.store.phase(target).await.unwrap().unwrap();
    let target_consultation = app.store.consultation(target).await.unwrap().unwrap();
    let groups = app.store.stakeholder_groups().await.unwrap();

    for (scope, all) in [("", false), ("?scope=all", true)] {
        let originals = stored(&app.store, a.id, all).await;
        let expected: Vec<Kept> = originals
            .iter()
            .map(|s| kept(&a.questions, &s.author, &s.answers, s.submitted_at))
            .collect();
        let map = app
            .download(
                &a.href(&format!("answers.map.toml{scope}")),
                &secretariat.cookies,
            )
            .await;
        assert_eq!(map.status, StatusCode::OK);
        let map = ColumnMap::parse(&map.text()).unwrap();
        for file in ["answers.csv", "answers.xlsx"] {
            let export = app
                .download(&a.href(&format!("{file}{scope}")), &secretariat.cookies)
                .await;
            assert_eq!(export.status, StatusCode::OK, "{file}{scope}");
            let table = Table::read(&export.bytes, Encoding::Auto, map.sheet.as_deref()).unwrap();
            let sheets = read_sheets(
                &table,
                &map,
                &target_phase,
                &target_consultation,
                &target_questions,
                &groups,
            )
            .unwrap_or_else(|e| panic!("{file}{scope}: {e}"));
            let imported: Vec<Kept> = sheets
                .iter()
                .map(|s| kept(&target_questions, &s.author, &s.answers, s.submitted_at))
                .collect();
            assert_eq!(imported, expected, "{file}{scope}");
            let published: Vec<Option<bool>> = sheets.iter().map(|s| s.public).collect();
            if all {
                let rows = app
                    .store
                    .workspace(a.id, &Default::default(), &PageRequest::first(MAX_LIMIT))
                    .await
                    .unwrap()
                    .items;
                let shown: Vec<Option<bool>> = rows
                    .iter()
                    .map(|r| Some(r.submission.public && r.moderation.is_none()))
                    .collect();
                assert_eq!(
                    published, shown,
                    "only what the public saw is published again"
                );
                let named: Vec<Option<&str>> = sheets
                    .iter()
                    .map(|s| s.respondent.name.as_deref())
                    .collect();
                assert!(named.contains(&Some("Joy Liddicoat")));
            } else {
                assert!(published.iter().all(Option::is_none), "the target decides");
            }
        }
    }
}

#[tokio::test]
async fn an_answer_too_long_for_a_spreadsheet_cell_is_refused_as_xlsx_only() {
    let app = TestApp::new().await;
    let (id, questions) = open_consultation(&app.store, "Long answers").await;
    let person = app.session(Role::Participant).await;
    let long = "word ".repeat(8_000);
    let form = Answers {
        text: &long,
        choices: &[],
        single: "",
        scale: "",
        group: "academic-community",
        country: "",
        organisation: "",
        on_behalf: false,
        lang: "en",
        public: true,
        action: "submit",
    }
    .form(&questions);
    let saved = app
        .post(&format!("/consultations/{id}/answers"), &person, &form)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let sheet = app
        .store
        .submission_of(id, person.id)
        .await
        .unwrap()
        .unwrap();

    let xlsx = app
        .get(&format!("/consultations/{id}/answers.xlsx"), "")
        .await;
    assert_eq!(xlsx.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(xlsx.body.contains(&sheet.id.to_string()), "{}", xlsx.body);
    assert!(xlsx.body.contains("Q1. What is enhanced cooperation?"));
    assert!(xlsx.body.contains("CSV or JSON"));
    let api = app
        .get(
            &format!("/api/v1/consultations/{id}/export?format=xlsx&lang=es"),
            "",
        )
        .await;
    assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = serde_json::from_str(&api.body).unwrap();
    assert!(problem["detail"].as_str().unwrap().contains("CSV o JSON"));

    let csv = app
        .download(&format!("/consultations/{id}/answers.csv"), "")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.text().contains(long.trim()),
        "CSV keeps every answer whole"
    );
}

#[tokio::test]
async fn the_api_names_what_it_cannot_export() {
    let app = TestApp::new().await;
    let (id, _) = open_consultation(&app.store, "Empty").await;
    let export = |query: &str| format!("/api/v1/consultations/{id}/export{query}");

    let empty = app.download(&export("?format=json"), "").await;
    assert_eq!(empty.status, StatusCode::OK);
    let document: Value = serde_json::from_slice(&empty.bytes).unwrap();
    assert_eq!(document["answers"], serde_json::json!([]));
    let csv = app.download(&export("?format=csv"), "").await;
    assert_eq!(csv_rows(&csv).1.len(), 0);
    assert!(csv.text().starts_with("\"id\",\"submitted_at\""));

    for (query, status) in [
        ("", StatusCode::BAD_REQUEST),
        ("?format=pdf", StatusCode::BAD_REQUEST),
        ("?format=csv&scope=everything", StatusCode::BAD_REQUEST),
    ] {
        let refused = app.get(&export(query), "").await;
        assert_eq!(refused.status, status, "{query}");
        let problem: Value = serde_json::from_str(&refused.body).unwrap();
        assert_eq!(problem["status"], status.as_u16());
    }
    for missing in [Uuid::nil().to_string(), "not-an-id".into()] {
        let path = format!("/api/v1/consultations/{missing}/export?format=csv");
        assert_eq!(app.get(&path, "").await.status, StatusCode::NOT_FOUND);
        let page = format!("/consultations/{missing}/answers.csv");
        assert_eq!(app.get(&page, "").await.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_large_export_is_sent_page_by_page_with_every_sheet_once() {
    let app = TestApp::new().await;
    let (id, questions) = open_consultation(&app.store, "Many answers").await;
    let batch = agora_core::new_id();
    let sheets: Vec<Submission> = (0..450)
        .map(|i| {
            let sheet = agora_core::new_id();
            Submission {
                id: sheet,
                phase_id: id,
                user_id: None,
                imported: Some(ImportOrigin {
                    batch,
                    row: i + 2,
                    name: None,
                    email: None,
                }),
                receipt: receipt_code(sheet),
                state: SubmissionState::Submitted,
                public: i % 3 != 0,
                author: Author {
                    stakeholder_group: "government".into(),
                    lang: "en".into(),
                    ..Default::default()
                },
                answers: BTreeMap::from([(
                    questions[0].id,
                    AnswerValue::Text(format!("Answer {i}")),
                )]),
                updated_at: "2013-07-01T10:00:00Z".parse().unwrap(),
                submitted_at: Some("2013-07-01T10:00:00Z".parse().unwrap()),
            }
        })
        .collect();
    app.store
        .import_submissions(None, id, &sheets, |_| {})
        .await
        .unwrap();
    let secretariat = app.session(Role::Secretariat).await;

    for (scope, expected) in [("", 300_usize), ("?scope=all", 450)] {
        let request = axum::http::Request::get(format!("/consultations/{id}/answers.csv{scope}"))
            .header(header::COOKIE, &secretariat.cookies)
            .body(axum::body::Body::empty())
            .unwrap();
        let response = tower::ServiceExt::oneshot(app.app.clone(), request)
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            response.headers().get(header::CONTENT_LENGTH).is_none(),
            "streamed, not sent whole"
        );
        let mut body = response.into_body();
        let mut chunks = Vec::new();
        while let Some(frame) = http_body_util::BodyExt::frame(&mut body).await {
            let data = frame.unwrap().into_data().unwrap();
            if !data.is_empty() {
                chunks.push(data);
            }
        }
        // The header, then one chunk per keyset page of 200 sheets.
        assert_eq!(chunks.len(), 1 + expected.div_ceil(200), "{scope}");
        let whole: Vec<u8> = chunks.concat();
        let file = Download {
            status: StatusCode::OK,
            headers: Default::default(),
            bytes: whole,
        };
        let (headers, rows) = csv_rows(&file);
        let texts = column(&headers, &rows, "Q1. What is enhanced cooperation?");
        let wanted: Vec<String> = sheets
            .iter()
            .enumerate()
            .filter(|(i, _)| !scope.is_empty() || i % 3 != 0)
            .map(|(i, _)| format!("Answer {i}"))
            .collect();
        assert_eq!(texts, wanted, "every sheet once, oldest first");
    }
    let json = app
        .download(&format!("/consultations/{id}/answers.json"), "")
        .await;
    let document: Value = serde_json::from_slice(&json.bytes).unwrap();
    assert_eq!(document["answers"].as_array().unwrap().len(), 300);
    let xlsx = app
        .download(&format!("/consultations/{id}/answers.xlsx"), "")
        .await;
    let table = Table::read(&xlsx.bytes, Encoding::Auto, None).unwrap();
    assert_eq!(table.rows.len(), 300);
}
