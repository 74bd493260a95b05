//! Email through the real router and a real SMTP conversation on loopback: receipts in the
//! author's language, from the web form and from the API; a server that is down and comes
//! back; email off (the log is the delivery, and the pages say so); deadline reminders, once
//! per draft; the outbox on the admin page, for admins only.

mod support;

use std::sync::{Arc, Mutex};

use agora_core::auth::Role;
use agora_core::consultation::Question;
use agora_web::Config;
use agora_web::mail::{FROM_VAR, MailConfig, MailFile, Postman, SMTP_URL_VAR, queue_reminders};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use jiff::SignedDuration;
use support::smtp::SmtpSink;
use support::{Answer, Session, TestApp, instant};
use uuid::Uuid;

/// The demo's WGEC questionnaire, open on the harness's 2013-07-10.
const TITLE: &str = "Online questionnaire to Member States and stakeholders";
/// It closes at 23:59:59 in Geneva: shown in the organiser's zone, then in UTC.
const CLOSES: &str = "2013-07-15 23:59:59 CEST (2013-07-15 21:59:59 UTC)";

/// An app whose mail goes to the SMTP server at `url`, from `noreply@agora.test`.
async fn mailing_app(url: &str) -> TestApp {
    let mail = MailConfig::from_sources(&MailFile::default(), "agora.toml", |var| match var {
        SMTP_URL_VAR => Some(url.to_owned()),
        FROM_VAR => Some("Agora <noreply@agora.test>".to_owned()),
        _ => None,
    })
    .unwrap();
    TestApp::with_config(Config {
        auth_attempts_per_minute: 1000,
        mail,
        ..Config::default()
    })
    .await
}

/// The demo consultation and its questions.
async fn wgec(app: &TestApp) -> (Uuid, Vec<Question>) {
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
    (phase.id, app.store.questions(phase.id).await.unwrap())
}

/// A sheet answering the first (free text) and fourth (single choice) questions.
fn sheet(questions: &[Question], action: &str, lang: &str, text: &str) -> Vec<(String, String)> {
    [
        (format!("q-{}", questions[0].id), text),
        (format!("q-{}", questions[3].id), "No"),
        ("stakeholder_group".to_owned(), "civil-society"),
        ("lang".to_owned(), lang),
        ("action".to_owned(), action),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

/// A participant who reads the interface in `lang`.
async fn participant(app: &TestApp, lang: &str) -> Session {
    let session = app.session(Role::Participant).await;
    Session {
        cookies: format!("{}; agora_lang={lang}", session.cookies),
        ..session
    }
}

/// Saves `who`'s sheet through the form: `action` is `draft` or `submit`.
async fn save(
    app: &TestApp,
    who: &Session,
    id: Uuid,
    action: &str,
    lang: &str,
    text: &str,
) -> Answer {
    let questions = app.store.questions(id).await.unwrap();
    let saved = app
        .post(
            &format!("/consultations/{id}/answers"),
            who,
            &sheet(&questions, action, lang, text),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    saved
}

/// Submits `who`'s sheet through the form and returns the receipt page.
async fn submit(app: &TestApp, who: &Session, id: Uuid, lang: &str, text: &str) -> String {
    let saved = save(app, who, id, "submit", lang, text).await;
    let page = app.get(&saved.location, &who.cookies).await;
    assert_eq!(page.status, StatusCode::OK);
    page.body
}

fn receipt_code(page: &str) -> String {
    page.split(r#"<p id="receipt-code" class="receipt-code">"#)
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("a receipt code")
        .to_owned()
}

fn email_note(page: &str) -> String {
    page.split(r#"id="email-note""#)
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split('<').next())
        .expect("a note about email")
        .to_owned()
}

#[tokio::test]
async fn a_receipt_reaches_a_real_smtp_server_in_the_authors_language() {
    let sink = SmtpSink::start().await;
    let app = mailing_app(&sink.url()).await;
    let (id, _) = wgec(&app).await;
    let joy = participant(&app, "fr").await;

    let form = app.get(&format!("/consultations/{id}"), &joy.cookies).await;
    assert_eq!(
        email_note(&form.body),
        format!(
            "Lorsque vous soumettrez vos réponses, un accusé de réception sera envoyé par courriel à {}.",
            joy.email
        )
    );
    let page = submit(&app, &joy, id, "fr", "Une coopération\nentre égaux").await;
    let code = receipt_code(&page);
    assert_eq!(
        email_note(&page),
        format!(
            "Une copie de cet accusé de réception est envoyée par courriel à {}.",
            joy.email
        )
    );
    assert!(sink.received().is_empty(), "queued, not yet sent");

    let postman = Postman::new(&app.state);
    assert_eq!(postman.deliver_due().await.unwrap(), 1);
    let received = sink.received();
    assert_eq!(received.len(), 1);
    let mail = &received[0];
    assert_eq!(mail.from, "noreply@agora.test");
    assert_eq!(mail.to, [joy.email.as_str()]);
    assert_eq!(
        mail.subject(),
        format!("Accusé de réception {code} : {TITLE}")
    );
    assert_eq!(mail.header("Content-Language"), "fr");
    assert_eq!(mail.header("Auto-Submitted"), "auto-generated");
    let text = mail.text();
    for expected in [
        format!("Votre code d’accusé de réception : {code}"),
        format!("Jusqu’au {CLOSES}, vous pouvez modifier vos réponses"),
        "   Une coopération\n   entre égaux".to_owned(),
        "   (pas de réponse)".to_owned(),
        "-- \nMessage envoyé automatiquement par Agora".to_owned(),
    ] {
        assert!(text.contains(&expected), "{expected:?} not in:\n{text}");
    }
    assert_eq!(postman.deliver_due().await.unwrap(), 0, "sent once");
    assert_eq!(app.store.outbox_counts().await.unwrap().sent, 1);

    // Handing in an edit is acknowledged again, with the same code.
    let again = submit(&app, &joy, id, "fr", "Version revue").await;
    assert_eq!(receipt_code(&again), code);
    assert_eq!(postman.deliver_due().await.unwrap(), 1);
    assert!(sink.received()[1].text().contains("Version revue"));
}

#[tokio::test]
async fn the_background_worker_sends_a_receipt_once_it_is_queued() {
    let sink = SmtpSink::start().await;
    let app = mailing_app(&sink.url()).await;
    agora_web::mail::spawn_workers(&app.state);
    let (id, _) = wgec(&app).await;
    let joy = participant(&app, "en").await;
    let code = receipt_code(&submit(&app, &joy, id, "en", "Equal footing").await);
    // Sooner than the worker's own rounds (every 10 s): the submission wakes it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while sink.received().is_empty() {
        assert!(std::time::Instant::now() < deadline, "no receipt arrived");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert!(received[0].text().contains(&code));
}

#[tokio::test]
async fn an_api_submission_is_acknowledged_in_the_language_of_the_request() {
    let sink = SmtpSink::start().await;
    let app = mailing_app(&sink.url()).await;
    let (id, questions) = wgec(&app).await;
    let ana = app.session(Role::Participant).await;
    let body = serde_json::json!({
        "state": "submitted",
        "author": { "stakeholder_group": "government", "lang": "es" },
        "answers": { questions[0].id.to_string(): "Cooperación entre iguales" },
    });
    let request = Request::put(format!("/api/v1/consultations/{id}/submission"))
        .header(header::COOKIE, &ana.cookies)
        .header("x-csrf-token", &ana.csrf)
        .header(header::ACCEPT_LANGUAGE, "es")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let saved = app.send(request).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let receipt: serde_json::Value = serde_json::from_str(&saved.body).unwrap();
    let code = receipt["receipt"].as_str().unwrap();

    assert_eq!(Postman::new(&app.state).deliver_due().await.unwrap(), 1);
    let mail = &sink.received()[0];
    assert_eq!(mail.to, [ana.email.as_str()]);
    assert_eq!(mail.subject(), format!("Acuse de recibo {code}: {TITLE}"));
    assert!(mail.text().contains("Cooperación entre iguales"));
}

#[tokio::test]
async fn a_server_that_is_down_keeps_the_message_queued_until_it_is_up() {
    // A port with nothing behind it, for now.
    let reserved = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = reserved.local_addr().unwrap();
    drop(reserved);
    let app = mailing_app(&format!("smtp://{addr}")).await;
    let (id, _) = wgec(&app).await;
    let joy = participant(&app, "en").await;
    let code = receipt_code(&submit(&app, &joy, id, "en", "Equal footing").await);
    let ana = participant(&app, "en").await;
    submit(&app, &ana, id, "en", "Dialogue").await;

    // The first try fails; the second message waits with it rather than failing in turn.
    let postman = Postman::new(&app.state);
    assert_eq!(postman.deliver_due().await.unwrap(), 0);
    let counts = app.store.outbox_counts().await.unwrap();
    assert_eq!((counts.queued, counts.sent, counts.failed), (2, 0, 0));
    let error = counts.last_error.expect("the error is kept");
    assert!(
        error.starts_with("not tried after an earlier failure") && error.contains("refused"),
        "{error}"
    );
    let (admin, _) = app.session_cookies(Some(Role::Admin)).await;
    let admin_page = app.get("/admin", &admin).await;
    assert!(admin_page.body.contains(&error), "the admin page shows why");

    let sink = SmtpSink::on(addr).await;
    assert_eq!(
        postman.deliver_due().await.unwrap(),
        0,
        "not before the retry is due"
    );
    app.set_now(instant("2013-07-10T08:01:00Z"));
    assert_eq!(postman.deliver_due().await.unwrap(), 2);
    let received = sink.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].to, [joy.email.as_str()], "oldest first");
    assert!(received[0].text().contains(&code));
    assert_eq!(received[1].to, [ana.email.as_str()]);
    let counts = app.store.outbox_counts().await.unwrap();
    assert_eq!(
        (counts.queued, counts.sent, counts.last_error),
        (0, 2, None)
    );
}

#[tokio::test]
async fn a_recipient_refused_for_good_is_given_up_at_once_and_the_others_still_go() {
    let sink = SmtpSink::refusing(|to: &str| to.starts_with("gone")).await;
    let app = mailing_app(&sink.url()).await;
    let (id, _) = wgec(&app).await;
    let refused = app.session_as("gone@example.org", Role::Participant).await;
    submit(&app, &refused, id, "en", "First").await;
    let joy = participant(&app, "en").await;
    submit(&app, &joy, id, "en", "Second").await;

    assert_eq!(Postman::new(&app.state).deliver_due().await.unwrap(), 1);
    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, [joy.email.as_str()]);
    let counts = app.store.outbox_counts().await.unwrap();
    assert_eq!((counts.queued, counts.sent, counts.failed), (0, 1, 1));
    assert!(counts.last_error.unwrap().contains("No such user"));
}

/// What the app logs while it is set as the thread's subscriber.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

#[tokio::test]
async fn without_smtp_messages_go_to_the_log_and_the_pages_say_email_is_off() {
    let app = TestApp::new().await;
    let (id, _) = wgec(&app).await;
    let joy = participant(&app, "en").await;
    let off = "Email is off on this site: keep your receipt code; no email will be sent.";
    let form = app.get(&format!("/consultations/{id}"), &joy.cookies).await;
    assert_eq!(email_note(&form.body), off);
    let page = submit(&app, &joy, id, "en", "Equal footing").await;
    assert_eq!(email_note(&page), off);
    let code = receipt_code(&page);
    let spanish = app
        .get(
            &format!("/consultations/{id}/receipt?lang=es"),
            &joy.cookies,
        )
        .await;
    assert_eq!(
        email_note(&spanish.body),
        "El correo electrónico está desactivado en este sitio: conserve su código de acuse de recibo; no se enviará ningún correo."
    );

    let log = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(log.clone())
        .with_ansi(false)
        .finish();
    let delivered = {
        let _logging = tracing::subscriber::set_default(subscriber);
        Postman::new(&app.state).deliver_due().await.unwrap()
    };
    assert_eq!(delivered, 1);
    let logged = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    for expected in [
        " INFO ",
        "email is off",
        &format!("recipient={}", joy.email),
        &format!("subject=Receipt {code}: {TITLE}"),
        &format!("Your receipt code: {code}"),
        "Equal footing",
    ] {
        assert!(logged.contains(expected), "{expected:?} not in {logged}");
    }
    let counts = app.store.outbox_counts().await.unwrap();
    assert_eq!((counts.queued, counts.logged, counts.sent), (0, 1, 0));

    // The outbox is for admins only.
    for (role, status) in [
        (None, StatusCode::SEE_OTHER),
        (Some(Role::Participant), StatusCode::FORBIDDEN),
        (Some(Role::Secretariat), StatusCode::FORBIDDEN),
        (Some(Role::Admin), StatusCode::OK),
    ] {
        let (cookies, _) = app.session_cookies(role).await;
        let page = app.get("/admin", &cookies).await;
        assert_eq!(page.status, status, "{role:?}");
        assert_eq!(
            page.body.contains(r#"id="outbox""#),
            role == Some(Role::Admin)
        );
    }
    let (admin, _) = app.session_cookies(Some(Role::Admin)).await;
    let admin_page = app.get("/admin", &admin).await.body;
    assert!(admin_page.contains("Email is off: no SMTP server is configured"));
    assert!(admin_page.contains(r#"<tr><th scope="row">Written to the log</th><td>1</td></tr>"#));
}

#[tokio::test]
async fn a_draft_gets_one_reminder_48_hours_before_closing() {
    let sink = SmtpSink::start().await;
    let app = mailing_app(&sink.url()).await;
    let (id, _) = wgec(&app).await;
    let joy = participant(&app, "en").await;
    save(&app, &joy, id, "draft", "fr", "À finir").await;
    let marilyn = participant(&app, "en").await;
    submit(&app, &marilyn, id, "en", "Done").await;

    assert_eq!(
        queue_reminders(&app.state).await.unwrap(),
        0,
        "five days left"
    );
    let closes = instant("2013-07-15T21:59:59Z");
    app.set_now(closes - SignedDuration::from_hours(48) - SignedDuration::from_secs(1));
    assert_eq!(
        queue_reminders(&app.state).await.unwrap(),
        0,
        "a second too early"
    );
    app.set_now(closes - SignedDuration::from_hours(47));
    assert_eq!(queue_reminders(&app.state).await.unwrap(), 1);
    assert_eq!(queue_reminders(&app.state).await.unwrap(), 0, "once");

    let postman = Postman::new(&app.state);
    assert_eq!(
        postman.deliver_due().await.unwrap(),
        2,
        "a receipt and a reminder"
    );
    let received = sink.received();
    let to = |who: &Session| {
        received
            .iter()
            .filter(|m| m.to == [who.email.as_str()])
            .collect::<Vec<_>>()
    };
    assert_eq!(to(&marilyn).len(), 1, "a receipt, no reminder");
    let reminders = to(&joy);
    assert_eq!(reminders.len(), 1);
    // In the language of the draft's answers.
    assert_eq!(
        reminders[0].subject(),
        format!("Rappel : « {TITLE} » se termine le {CLOSES}")
    );
    assert!(reminders[0].text().contains("enregistrées comme brouillon"));

    // A draft saved later is reminded at the next round, until the consultation closes.
    let franklin = participant(&app, "en").await;
    save(&app, &franklin, id, "draft", "en", "Later").await;
    app.set_now(closes);
    assert_eq!(queue_reminders(&app.state).await.unwrap(), 0, "closed");
    app.set_now(closes - SignedDuration::from_secs(1));
    assert_eq!(queue_reminders(&app.state).await.unwrap(), 1);
}
