//! Importing answers on the web and through the API, over real HTTP: upload, column mapping,
//! preview, commit, for the consultation's secretariat only; files in every encoding the
//! importer reads, XLSX, bad cells named by row and column, size limits, CSRF, expiry.
//!
//! The consultation is the demo's WGEC questionnaire (wgec-2013, Europe/Zurich, 1 June to
//! 15 July 2013; the clock stands on 10 July 2013): question 1 free text (required, 500 words),
//! 2 multiple choice, 3 free text, 4 single choice (Yes / No / No opinion), 5 a scale.

use agora_core::auth::Role;
use agora_import::ColumnMap;
use agora_store::PageRequest;
use agora_web::Config;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use uuid::Uuid;

mod support;

use support::{Part, Session, TestApp, instant, multipart};

const HEADER: &str = "Name,Email,Date,Group,Country,Understanding,Issues,Mechanism,Satisfaction\n";

/// A row of the test files, numbered `i`.
fn row(i: usize) -> String {
    format!(
        "Person {i},p{i}@example.org,2013-07-01 10:00,Civil Society,NZ,Equal footing {i},\
         \"Security, spam and cybercrime;Human rights and freedom of expression\",No,4\n"
    )
}

/// The test settings, with uploads of at most one mebibyte.
fn one_mebibyte() -> Config {
    Config {
        auth_attempts_per_minute: 1000,
        upload_limit: 1024 * 1024,
        ..Config::default()
    }
}

/// A test file of `rows` rows below its header.
fn file_of(rows: usize) -> String {
    (0..rows).fold(String::from(HEADER), |file, i| file + &row(i))
}

/// The mapping form for the test files, as a secretariat fills it in.
fn mapping() -> Vec<(String, String)> {
    [
        ("respondent.name", "Name"),
        ("respondent.email", "Email"),
        ("respondent.submitted_at", "Date"),
        ("author.stakeholder_group", "Group"),
        ("author.country", "Country"),
        ("author.lang.value", "en"),
        ("answers.1", "Understanding"),
        ("answers.2", "Issues"),
        ("answers.4", "Mechanism"),
        ("answers.5", "Satisfaction"),
        ("separator", ";"),
        ("timezone", "Europe/Zurich"),
        ("translate.0.from", "Civil Society"),
        ("translate.0.to", "civil-society"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

/// The demo's WGEC questionnaire, and a participant made secretariat of its process.
async fn wgec_and_its_secretariat(app: &TestApp) -> (Uuid, Session) {
    let process = app
        .store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .unwrap();
    let (phase, _) = app
        .store
        .consultations_of(process.id)
        .await
        .unwrap()
        .remove(0);
    (phase.id, secretariat_of(app, "wgec-2013").await)
}

/// A participant made secretariat of one process only.
async fn secretariat_of(app: &TestApp, slug: &str) -> Session {
    let session = app.session(Role::Participant).await;
    let process = app.store.process_by_slug(slug).await.unwrap().unwrap();
    app.store
        .grant_role(None, session.id, Role::Secretariat, Some(process.id))
        .await
        .unwrap();
    session
}

/// Uploads `bytes` as `filename` with `encoding`; gives the answer.
async fn upload(
    app: &TestApp,
    who: &Session,
    consultation: Uuid,
    filename: &str,
    bytes: &[u8],
    encoding: &str,
) -> support::Answer {
    app.post_multipart(
        &format!("/consultations/{consultation}/import"),
        &who.cookies,
        &[
            Part::Text("csrf", &who.csrf),
            Part::File("file", filename, bytes),
            Part::Text("encoding", encoding),
            Part::Text("sheet", ""),
        ],
    )
    .await
}

/// Uploads a file that must be accepted; gives the mapping page's address.
async fn staged(
    app: &TestApp,
    who: &Session,
    consultation: Uuid,
    bytes: &[u8],
    encoding: &str,
) -> String {
    let answer = upload(app, who, consultation, "answers.csv", bytes, encoding).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let prefix = format!("/consultations/{consultation}/import/");
    assert!(answer.location.starts_with(&prefix), "{}", answer.location);
    answer.location
}

/// How many uploads were staged, by the audit log.
async fn uploads_staged(app: &TestApp) -> usize {
    app.store
        .audit_log(&PageRequest::first(200))
        .await
        .unwrap()
        .items
        .iter()
        .filter(|e| e.entity == "import-upload" && e.action == "create")
        .count()
}

/// How many sheets the consultation has published.
async fn published(app: &TestApp, consultation: Uuid) -> usize {
    let mut count = 0;
    let mut request = PageRequest::first(200);
    loop {
        let page = app
            .store
            .published_submissions(consultation, &request)
            .await
            .unwrap();
        count += page.items.len();
        match page.next {
            Some(next) => request.after = Some(next),
            None => return count,
        }
    }
}

/// The value of the input named `name` in a page.
fn input_value<'a>(html: &'a str, name: &str) -> &'a str {
    html.split(&format!("name=\"{name}\""))
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .and_then(|tag| tag.split("value=\"").nth(1))
        .and_then(|value| value.split('"').next())
        .unwrap_or_default()
}

/// The text of the element after `marker` in `html`, tags removed, for asserting on a cell.
fn cells_after(html: &str, marker: &str) -> String {
    let rest = html.split(marker).nth(1).unwrap_or_default();
    let end = rest.find("</table>").unwrap_or(rest.len());
    let mut text = String::new();
    let mut in_tag = false;
    for c in rest[..end].chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[tokio::test]
async fn a_correct_file_is_mapped_previewed_and_imported_whole() {
    let app = TestApp::new().await;
    let (consultation, sec) = wgec_and_its_secretariat(&app).await;
    let before = published(&app, consultation).await;
    // Over 256 KiB, the limit of every other form: uploads have their own.
    let file = file_of(2500);
    assert!(file.len() > 300 * 1024);
    let mapping_page = staged(&app, &sec, consultation, file.as_bytes(), "auto").await;

    // The mapping page shows the file and guesses from its headers.
    let shown = app.get(&mapping_page, &sec.cookies).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        shown
            .body
            .contains("answers.csv: 2500 rows below the header.")
    );
    for (field, column) in [
        ("respondent.name", "Name"),
        ("respondent.email", "Email"),
        ("author.stakeholder_group", "Group"),
        ("author.country", "Country"),
    ] {
        let select = shown
            .body
            .split(&format!("name=\"{field}\""))
            .nth(1)
            .and_then(|s| s.split("</select>").next())
            .unwrap_or_else(|| panic!("no select {field}"));
        assert!(
            select.contains(&format!("<option value=\"{column}\" selected>")),
            "{field} guessed as {column}: {select}"
        );
    }
    // The group's wording is translated: "Civil Society" is civil-society.
    assert_eq!(
        input_value(&shown.body, "translate.0.from"),
        "Civil Society"
    );
    let to = shown.body.split("name=\"translate.0.to\"").nth(1).unwrap();
    assert!(
        to.split("</select>")
            .next()
            .unwrap()
            .contains("<option value=\"civil-society\" selected>")
    );

    let preview = app
        .post(&format!("{mapping_page}/preview"), &sec, &mapping())
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(
        preview
            .body
            .contains("Rows in the file: 2500. Ready to import: 2500. With errors: 0.")
    );
    let table = cells_after(&preview.body, "id=\"import-rows\"");
    assert!(table.contains("2 Person 0 p0@example.org 2013-07-01 10:00:00 CEST Civil society NZ English Equal footing 0 Security, spam and cybercrime; Human rights and freedom of expression No 4 / 5"), "{table}");
    assert!(table.contains("21 Person 19"), "20 rows shown");
    assert!(!table.contains("Person 20 "), "only 20 rows shown");
    assert!(preview.body.contains("And 2480 more rows."));
    assert!(preview.body.contains("Import 2500 answers"));
    assert!(preview.body.contains(&format!(
        "agora import responses answers.csv --consultation {consultation} --map MAP.toml"
    )));
    assert_eq!(
        published(&app, consultation).await,
        before,
        "a preview stores nothing"
    );

    // The mapping downloads as a MAP.toml that the command line reads.
    let download = app
        .get(&format!("{mapping_page}/map.toml"), &sec.cookies)
        .await;
    assert_eq!(download.status, StatusCode::OK);
    let map = ColumnMap::parse(&download.body).unwrap();
    assert_eq!(map.timezone.as_deref(), Some("Europe/Zurich"));
    assert_eq!(
        map.values["stakeholder_group"]["Civil Society"],
        "civil-society"
    );
    // Going back to the mapping shows the previewed mapping.
    let again = app.get(&mapping_page, &sec.cookies).await;
    assert_eq!(input_value(&again.body, "timezone"), "Europe/Zurich");

    let commit = app
        .post(
            &format!("{mapping_page}/commit"),
            &sec,
            &[("map".to_owned(), download.body.clone())],
        )
        .await;
    assert_eq!(commit.status, StatusCode::SEE_OTHER, "{}", commit.body);
    let done_page = commit.location.clone();
    assert!(done_page.starts_with(&format!("/consultations/{consultation}/imports/")));
    let done = app.get(&done_page, &sec.cookies).await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(
        done.body
            .contains("2500 answers were imported into this consultation"),
        "{}",
        done.body
    );
    assert!(
        done.body
            .contains(&format!("href=\"/consultations/{consultation}/answers\""))
    );
    assert_eq!(published(&app, consultation).await, before + 2500);
    let batch: Uuid = done_page.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(
        app.store.imported_count(consultation, batch).await.unwrap(),
        2500
    );
    let log = app
        .store
        .audit_log(&PageRequest::first(1))
        .await
        .unwrap()
        .items;
    assert_eq!(
        (
            log[0].action.as_str(),
            log[0].entity_id.as_str(),
            log[0].actor_id
        ),
        ("import", batch.to_string().as_str(), Some(sec.id))
    );

    // A second click, or the back button, leads to the same result; nothing more is stored.
    let twice = app
        .post(
            &format!("{mapping_page}/commit"),
            &sec,
            &[("map".to_owned(), download.body)],
        )
        .await;
    assert_eq!(
        (twice.status, twice.location.as_str()),
        (StatusCode::SEE_OTHER, done_page.as_str())
    );
    let back = app.get(&mapping_page, &sec.cookies).await;
    assert_eq!(
        (back.status, back.location.as_str()),
        (StatusCode::SEE_OTHER, done_page.as_str())
    );
    assert_eq!(published(&app, consultation).await, before + 2500);
}

/// The test file with accents, in several encodings.
fn accented() -> String {
    format!(
        "{HEADER}Joy,,2013-07-01 10:00,government,CH,Rôle de Genève,,Yes,\n{}",
        row(1)
    )
}

#[tokio::test]
async fn latin1_utf16_and_xlsx_files_read_like_utf8() {
    let app = TestApp::new().await;
    let (consultation, sec) = wgec_and_its_secretariat(&app).await;
    let text = accented();
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(c as u32).unwrap())
        .collect();

    // Latin-1 is not UTF-8: refused with the line, unless named.
    let refused = upload(&app, &sec, consultation, "latin1.csv", &latin1, "auto").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Line 2: the file is not valid UTF-8."),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("href=\"#field-file\""));
    assert!(
        refused.body.contains("<option value=\"auto\" selected>"),
        "the choice is kept"
    );

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let bare16: Vec<u8> = utf16[2..].to_vec();
    for (bytes, encoding) in [
        (latin1.clone(), "latin1"),
        (utf16.clone(), "auto"),
        (bare16, "utf-16le"),
        (xlsx(&text), "auto"),
    ] {
        let mapping_page = staged(&app, &sec, consultation, &bytes, encoding).await;
        let preview = app
            .post(&format!("{mapping_page}/preview"), &sec, &mapping())
            .await;
        assert_eq!(
            preview.status,
            StatusCode::OK,
            "{encoding}: {}",
            preview.body
        );
        let table = cells_after(&preview.body, "id=\"import-rows\"");
        assert!(
            table.contains(
                "2 Joy 2013-07-01 10:00:00 CEST Government CH English Rôle de Genève Yes"
            ),
            "{encoding}: {table}"
        );
        if encoding != "auto" {
            assert!(preview.body.contains(&format!("--encoding {encoding}")));
        }
    }
}

/// The CSV text as a one-sheet workbook, numbers as numbers.
fn xlsx(text: &str) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    for (r, record) in reader.records().enumerate() {
        for (c, cell) in record.unwrap().iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(number) => sheet.write_number(r as u32, c as u16, number).unwrap(),
                Err(_) => sheet.write_string(r as u32, c as u16, cell).unwrap(),
            };
        }
    }
    workbook.save_to_buffer().unwrap()
}

#[tokio::test]
async fn bad_cells_are_named_by_row_and_column_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let (consultation, sec) = wgec_and_its_secretariat(&app).await;
    let before = published(&app, consultation).await;
    let file = format!(
        "{HEADER}{}Ann,,2013-07-01 10:00,Civil Society,Narnia,Fine,,No,\n\
         Bo,not-an-email,2013-07-01 10:00,Gardeners,CH,,Gardening,Perhaps,9\n",
        row(1)
    );
    let mapping_page = staged(&app, &sec, consultation, file.as_bytes(), "auto").await;
    let preview = app
        .post(&format!("{mapping_page}/preview"), &sec, &mapping())
        .await;
    assert_eq!(preview.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        preview
            .body
            .contains("Rows in the file: 3. Ready to import: 1. With errors: 2.")
    );
    let errors = cells_after(&preview.body, "id=\"import-errors\"");
    for expected in [
        "3 Country Country Not a two-letter ISO 3166 country code.",
        "4 Group Stakeholder group Not a stakeholder group of this site",
        "4 Issues Question 2 Not one of the question",
        "4 Mechanism Question 4 Not one of the question",
        "4 Satisfaction Question 5 Not one of the question",
        "4 Email Email address Not an email address.",
    ] {
        assert!(errors.contains(expected), "{expected:?} in {errors}");
    }
    assert!(!preview.body.contains("/commit\""), "no commit form");
    // The unknown group is offered for translation.
    assert!(
        preview
            .body
            .contains("name=\"translate.1.from\" value=\"Gardeners\"")
    );

    // In French, Agora's own words are French; the file's stay as they are.
    let french = app
        .post(&format!("{mapping_page}/preview?lang=fr"), &sec, &mapping())
        .await;
    let errors = cells_after(&french.body, "id=\"import-errors\"");
    assert!(
        errors.contains("3 Country Pays N'est pas un code de pays ISO 3166 à deux lettres."),
        "{errors}"
    );

    // Committing the same map anyway is refused whole.
    let map = app
        .get(&format!("{mapping_page}/map.toml"), &sec.cookies)
        .await
        .body;
    let commit = app
        .post(
            &format!("{mapping_page}/commit"),
            &sec,
            &[("map".to_owned(), map.clone())],
        )
        .await;
    assert_eq!(commit.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = cells_after(&commit.body, "id=\"import-errors\"");
    assert!(
        errors.contains("3 Country Country Not a two-letter"),
        "{errors}"
    );
    assert_eq!(published(&app, consultation).await, before);

    // A map naming a column the file lacks does not fit it at all.
    let wrong = map.replace("\"Country\"", "\"Land\"");
    let commit = app
        .post(
            &format!("{mapping_page}/commit"),
            &sec,
            &[("map".to_owned(), wrong)],
        )
        .await;
    assert_eq!(commit.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        commit
            .body
            .contains("The file has no column “Land” (for Country)."),
        "{}",
        commit.body
    );
    assert_eq!(published(&app, consultation).await, before);

    // A form without the required items names them.
    let incomplete = app
        .post(
            &format!("{mapping_page}/preview"),
            &sec,
            &[("separator".to_owned(), ";".to_owned())],
        )
        .await;
    assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        incomplete
            .body
            .contains("href=\"#field-author.stakeholder_group\"")
    );
    assert!(incomplete.body.contains("href=\"#field-author.lang\""));
}

#[tokio::test]
async fn every_import_page_is_for_the_consultations_secretariat() {
    let app = TestApp::new().await;
    let (consultation, sec) = wgec_and_its_secretariat(&app).await;
    let base = format!("/consultations/{consultation}/import");
    let file = file_of(1);
    // A committed import (for its result page) and a previewed upload (for the rest).
    let committed = staged(&app, &sec, consultation, file.as_bytes(), "auto").await;
    app.post(&format!("{committed}/preview"), &sec, &mapping())
        .await;
    let map = app
        .get(&format!("{committed}/map.toml"), &sec.cookies)
        .await
        .body;
    let done = app
        .post(
            &format!("{committed}/commit"),
            &sec,
            &[("map".to_owned(), map)],
        )
        .await
        .location;
    let previewed_upload = staged(&app, &sec, consultation, file.as_bytes(), "auto").await;
    app.post(&format!("{previewed_upload}/preview"), &sec, &mapping())
        .await;

    let visitor = app.visitor().await;
    let participant = app.session(Role::Participant).await;
    let other = secretariat_of(&app, "igf-2013-bali").await;
    let staged_before = uploads_staged(&app).await;
    for who in [&visitor, &participant, &other, &sec] {
        let allowed = who.id == sec.id;
        let refused = |answer: &support::Answer, what: &str| {
            if who.id == visitor.id {
                assert_eq!(answer.status, StatusCode::SEE_OTHER, "visitor {what}");
                assert!(
                    answer.location.starts_with("/signin?next="),
                    "visitor {what}"
                );
            } else {
                assert_eq!(answer.status, StatusCode::FORBIDDEN, "{} {what}", who.email);
            }
        };
        for page in [
            base.clone(),
            previewed_upload.clone(),
            format!("{previewed_upload}/map.toml"),
            done.clone(),
        ] {
            let answer = app.get(&page, &who.cookies).await;
            if allowed {
                assert_eq!(answer.status, StatusCode::OK, "GET {page}");
            } else {
                refused(&answer, &format!("GET {page}"));
            }
        }
        let posted = upload(&app, who, consultation, "a.csv", file.as_bytes(), "auto").await;
        let previewed = app
            .post(&format!("{previewed_upload}/preview"), who, &mapping())
            .await;
        let committed = app
            .post(&format!("{previewed_upload}/commit"), who, &[])
            .await;
        if allowed {
            assert_eq!(posted.status, StatusCode::SEE_OTHER);
            assert_eq!(previewed.status, StatusCode::OK);
            assert_eq!(committed.status, StatusCode::UNPROCESSABLE_ENTITY, "no map");
        } else {
            refused(&posted, "POST upload");
            refused(&previewed, "POST preview");
            refused(&committed, "POST commit");
        }
    }
    assert_eq!(
        uploads_staged(&app).await,
        staged_before + 1,
        "only the secretariat's upload"
    );
    // The consultation page links to the import for its secretariat only.
    let link = format!("href=\"{base}\"");
    assert!(
        app.get(&format!("/consultations/{consultation}"), &sec.cookies)
            .await
            .body
            .contains(&link)
    );
    assert!(
        !app.get(&format!("/consultations/{consultation}"), &other.cookies)
            .await
            .body
            .contains(&link)
    );
    // Another consultation's upload is not this one's.
    let upload_id = previewed_upload.rsplit('/').next().unwrap();
    let elsewhere = format!("/consultations/{}/import/{upload_id}", Uuid::now_v7());
    assert_eq!(
        app.get(&elsewhere, &sec.cookies).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn uploads_need_the_csrf_token_a_file_and_a_size_within_the_limit() {
    let app = TestApp::with_config(one_mebibyte()).await;
    let (consultation, sec) = wgec_and_its_secretariat(&app).await;
    let path = format!("/consultations/{consultation}/import");
    let file = file_of(1);
    let staged_before = uploads_staged(&app).await;

    let without = app
        .post_multipart(
            &path,
            &sec.cookies,
            &[Part::File("file", "a.csv", file.as_bytes())],
        )
        .await;
    assert_eq!(without.status, StatusCode::FORBIDDEN);
    let wrong = app
        .post_multipart(
            &path,
            &sec.cookies,
            &[
                Part::Text("csrf", &"x".repeat(43)),
                Part::File("file", "a.csv", file.as_bytes()),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let urlencoded = app
        .post_form(&path, &sec.cookies, &format!("csrf={}", sec.csrf))
        .await;
    assert_eq!(urlencoded.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let no_file = app
        .post_multipart(
            &path,
            &sec.cookies,
            &[Part::Text("csrf", &sec.csrf), Part::File("file", "", b"")],
        )
        .await;
    assert_eq!(no_file.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_file.body.contains("href=\"#field-file\""));

    let mut big = String::from(HEADER);
    while big.len() <= 1024 * 1024 {
        big.push_str(&row(big.len()));
    }
    let too_large = upload(&app, &sec, consultation, "big.csv", big.as_bytes(), "auto").await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        too_large.body.contains("This file is larger than 1 MiB"),
        "{}",
        too_large.body
    );
    assert!(too_large.body.contains("agora import responses"));
    assert!(
        too_large.body.contains("enctype=\"multipart/form-data\""),
        "the form again"
    );
    // That body had no declared length: the limit held as the bytes arrived. One that declares
    // its length is refused before a byte is read.
    let (content_type, body) = multipart(&[
        Part::Text("csrf", &sec.csrf),
        Part::File("file", "big.csv", big.as_bytes()),
    ]);
    let declared = app
        .send(
            Request::post(&path)
                .header(header::COOKIE, &sec.cookies)
                .header(header::CONTENT_TYPE, content_type)
                .header(header::CONTENT_LENGTH, body.len())
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(declared.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        uploads_staged(&app).await,
        staged_before,
        "nothing was staged"
    );

    // A staged upload is kept a day.
    let mapping_page = staged(&app, &sec, consultation, file.as_bytes(), "auto").await;
    app.set_now(instant("2013-07-11T07:59:59Z"));
    assert_eq!(
        app.get(&mapping_page, &sec.cookies).await.status,
        StatusCode::OK
    );
    app.set_now(instant("2013-07-11T08:00:00Z"));
    assert_eq!(
        app.get(&mapping_page, &sec.cookies).await.status,
        StatusCode::NOT_FOUND
    );
}

const API_MAP: &str = r#"
timezone = "Europe/Zurich"
[respondent]
name = "Name"
submitted_at = "Date"
[author]
stakeholder_group = "Group"
country = "Country"
lang = { value = "en" }
[answers]
1 = "Understanding"
2 = "Issues"
4 = "Mechanism"
5 = "Satisfaction"
[values.stakeholder_group]
"Civil Society" = "civil-society"
"#;

/// `POST /api/v1/consultations/{id}/imports` with `parts`, echoing the CSRF token unless
/// `csrf` is false; the status and the JSON answer.
async fn api_import(
    app: &TestApp,
    who: &Session,
    consultation: Uuid,
    query: &str,
    parts: &[Part<'_>],
    csrf: bool,
) -> (StatusCode, serde_json::Value) {
    let (content_type, body) = multipart(parts);
    let mut request = Request::post(format!(
        "/api/v1/consultations/{consultation}/imports{query}"
    ))
    .header(header::COOKIE, &who.cookies)
    .header(header::CONTENT_TYPE, content_type);
    if csrf {
        request = request.header("x-csrf-token", &who.csrf);
    }
    let answer = app.send(request.body(Body::from(body)).unwrap()).await;
    let json = serde_json::from_str(&answer.body).unwrap_or(serde_json::Value::Null);
    (answer.status, json)
}

#[tokio::test]
async fn the_api_checks_dry_runs_and_imports_for_the_secretariat_only() {
    let app = TestApp::new().await;
    let (consultation, sec) = wgec_and_its_secretariat(&app).await;
    let before = published(&app, consultation).await;
    let file = file_of(30);
    let parts = [
        Part::File("file", "answers.csv", file.as_bytes()),
        Part::Text("map", API_MAP),
    ];

    let visitor = app.visitor().await;
    let participant = app.session(Role::Participant).await;
    let other = secretariat_of(&app, "igf-2013-bali").await;
    for (who, expected) in [
        (&visitor, StatusCode::UNAUTHORIZED),
        (&participant, StatusCode::FORBIDDEN),
        (&other, StatusCode::FORBIDDEN),
    ] {
        let (status, problem) = api_import(&app, who, consultation, "", &parts, true).await;
        assert_eq!(status, expected, "{}: {problem}", who.email);
    }
    let (status, _) = api_import(&app, &sec, consultation, "", &parts, false).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "without the CSRF header");
    assert_eq!(published(&app, consultation).await, before);

    let (status, report) =
        api_import(&app, &sec, consultation, "?dry_run=true", &parts, true).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["rows"], 30);
    assert_eq!(report["imported"], false);
    assert_eq!(report["batch"], serde_json::Value::Null);
    assert_eq!(report["preview"].as_array().unwrap().len(), 20);
    assert_eq!(report["preview"][0]["row"], 2);
    assert_eq!(
        report["preview"][0]["author"]["stakeholder_group"],
        "civil-society"
    );
    assert_eq!(report["preview"][0]["submitted_at"], "2013-07-01T08:00:00Z");
    assert_eq!(
        published(&app, consultation).await,
        before,
        "a dry run stores nothing"
    );

    let (status, report) = api_import(&app, &sec, consultation, "", &parts, true).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["imported"], true);
    let batch: Uuid = report["batch"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        app.store.imported_count(consultation, batch).await.unwrap(),
        30
    );
    assert_eq!(published(&app, consultation).await, before + 30);

    // Refused rows: every cell with its row, column and reason; nothing stored.
    let bad = format!(
        "{HEADER}{}Ann,,2013-07-01 10:00,Civil Society,Narnia,Fine,,No,\n",
        row(1)
    );
    let bad_parts = [
        Part::File("file", "bad.csv", bad.as_bytes()),
        Part::Text("map", API_MAP),
    ];
    let (status, problem) =
        api_import(&app, &sec, consultation, "?lang=fr", &bad_parts, true).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(
        problem["detail"],
        "Une erreur dans les lignes du fichier ; rien n'a été importé."
    );
    let fault = &problem["errors"][0];
    assert_eq!(
        (
            fault["row"].as_u64(),
            fault["column"].as_str(),
            fault["field"].as_str(),
            fault["code"].as_str()
        ),
        (
            Some(3),
            Some("Country"),
            Some("author.country"),
            Some("invalid-country")
        )
    );
    assert_eq!(
        fault["message"],
        "N'est pas un code de pays ISO 3166 à deux lettres."
    );
    assert_eq!(published(&app, consultation).await, before + 30);

    // A missing part, an unknown encoding, a map that does not fit.
    let (status, problem) = api_import(
        &app,
        &sec,
        consultation,
        "?encoding=ebcdic",
        &[Part::Text("map", API_MAP)],
        true,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["encoding", "file"]);
    let unfit = API_MAP.replace("\"Country\"", "\"Land\"");
    let (status, problem) = api_import(
        &app,
        &sec,
        consultation,
        "",
        &[
            Part::File("file", "a.csv", file.as_bytes()),
            Part::Text("map", &unfit),
        ],
        true,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        (
            problem["errors"][0]["field"].as_str(),
            problem["errors"][0]["code"].as_str()
        ),
        (Some("map"), Some("missing-column"))
    );
    let (status, problem) = api_import(
        &app,
        &sec,
        consultation,
        "?encoding=latin1",
        &[
            Part::File("file", "a.csv", b"Name\n"),
            Part::Text("map", API_MAP),
        ],
        true,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["code"], "empty", "{problem}");
}

#[tokio::test]
async fn the_api_takes_bodies_up_to_the_upload_limit() {
    let app = TestApp::with_config(one_mebibyte()).await;
    let (consultation, sec) = wgec_and_its_secretariat(&app).await;
    let mut file = String::from(HEADER);
    while file.len() <= 512 * 1024 {
        file.push_str(&row(file.len()));
    }
    let parts = [
        Part::File("file", "answers.csv", file.as_bytes()),
        Part::Text("map", API_MAP),
    ];
    let (status, report) =
        api_import(&app, &sec, consultation, "?dry_run=true", &parts, true).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "half a megabyte is more than other bodies may be"
    );
    assert_eq!(report["imported"], false);
    while file.len() <= 1024 * 1024 {
        file.push_str(&row(file.len()));
    }
    let parts = [
        Part::File("file", "answers.csv", file.as_bytes()),
        Part::Text("map", API_MAP),
    ];
    let (status, problem) = api_import(&app, &sec, consultation, "", &parts, true).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(problem["status"], 413);
}
