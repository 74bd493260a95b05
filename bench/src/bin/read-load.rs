//! A consultation with 100,000 answers: how fast its public pages (answers, statistics) and the
//! secretariat's workspace (filtered, and searched) answer, over real HTTP from a loopback
//! server, the workspace signed in as the secretariat.
//!
//! `cargo run --release -p agora-bench --bin read-load -- --answers 100000`

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use agora_bench::{ms, open_consultation, percentile};
use agora_core::consultation::{AnswerValue, Author, QuestionDraft};
use agora_import::{ImportedSheet, Respondent};
use agora_store::{PageRequest, Store};
use anyhow::{Result, ensure};
use clap::Parser;

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 100_000)]
    answers: usize,
    /// Requests per measured view.
    #[arg(long, default_value_t = 500)]
    requests: usize,
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let store = Store::open(&format!("sqlite://{}/read.db", dir.path().display())).await?;
    let drafts = [
        QuestionDraft {
            prompt: "What is enhanced cooperation?".into(),
            ..Default::default()
        },
        QuestionDraft {
            prompt: "Which issues?".into(),
            kind: "multiple-choice".into(),
            choices: "Spam\nCybercrime\nHuman rights".into(),
            ..Default::default()
        },
    ];
    let (phase, _, questions) =
        open_consultation(&store, "2013-06-01T00:00", "2013-07-15T12:00", &drafts).await?;
    let groups = [
        "government",
        "private-sector",
        "civil-society",
        "technical-community",
    ];
    let regions = ["150", "002", "142", "019"];
    let batch = agora_core::new_id();
    let now = jiff::Timestamp::now();
    let sheets: Vec<_> = (0..args.answers)
        .map(|i| {
            let answers = BTreeMap::from([
                (
                    questions[0].id,
                    AnswerValue::Text(format!("Answer {i}: equal footing, para. 69")),
                ),
                (questions[1].id, AnswerValue::Choices(vec!["Spam".into()])),
            ]);
            ImportedSheet {
                row: i + 2,
                respondent: Respondent::default(),
                author: Author {
                    stakeholder_group: groups[i % 4].into(),
                    region: Some(regions[i % 4].into()),
                    organisation: Some(format!("Organisation {}", i % 500)),
                    lang: if i % 3 == 0 { "fr".into() } else { "en".into() },
                    ..Default::default()
                },
                answers,
                submitted_at: Some(phase.opens_at),
                public: None,
            }
            .into_submission(phase.id, batch, true, now)
        })
        .collect();
    store
        .import_submissions(None, phase.id, &sheets, |_| {})
        .await?;
    println!("{} answers stored", args.answers);

    let app = agora_web::router(agora_web::AppState::new(
        store.clone(),
        agora_web::Config::default(),
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::new();

    let first = format!("{base}/consultations/{}/answers", phase.id);
    let public = time(args.requests, || fetch(&client, &first, "")).await?;
    report("public answers page, first 50 (HTTP)", &public);

    // A page deep in the list: keyset pagination makes it cost what the first does.
    let deep = store
        .published_submissions(phase.id, &PageRequest::first(200))
        .await?;
    let cursor = deep.next.map(|c| c.encode()).unwrap_or_default();
    let deep_url = format!("{first}?after={cursor}");
    let deep = time(args.requests, || fetch(&client, &deep_url, "")).await?;
    report("public answers page after 200 (HTTP)", &deep);

    let stats_url = format!("{base}/consultations/{}/statistics", phase.id);
    let stats = time(args.requests, || fetch(&client, &stats_url, "")).await?;
    report("public statistics page (HTTP)", &stats);

    // The secretariat, signed in with a session made in the store.
    let secretariat = store
        .create_user(
            None,
            &agora_store::NewUser {
                email: "secretariat@example.org",
                display_name: "Secretariat",
                password_hash: "unused",
            },
            Some(agora_core::auth::Role::Secretariat),
        )
        .await?;
    let token = agora_web::new_token();
    store
        .create_session(
            &agora_web::hash_token(&token),
            secretariat.id,
            jiff::Timestamp::now() + jiff::SignedDuration::from_hours(1),
        )
        .await?;
    let cookie = format!("agora_session={token}");
    let workspace = format!("{base}/consultations/{}/workspace", phase.id);
    for (what, query) in [
        ("workspace: no filter", ""),
        (
            "workspace: group + language",
            "?group=civil-society&language=fr",
        ),
        ("workspace: one word in the answers", "?q=4242"),
        (
            "workspace: two words, one in every answer",
            "?q=answer+4242",
        ),
        ("workspace: a word in none", "?q=nowhere"),
        ("workspace: a word in every answer", "?q=answer"),
    ] {
        let url = format!("{workspace}{query}");
        let latencies = time(args.requests, || fetch(&client, &url, &cookie)).await?;
        report(&format!("{what}, 50 sheets + counts (HTTP)"), &latencies);
    }
    Ok(())
}

/// One GET, read whole; anything but 200 is an error.
async fn fetch(client: &reqwest::Client, url: &str, cookie: &str) -> Result<()> {
    let response = client
        .get(url)
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await?;
    ensure!(
        response.status().is_success(),
        "{url}: {}",
        response.status()
    );
    response.text().await?;
    Ok(())
}

async fn time<F, Fut>(requests: usize, once: F) -> Result<Vec<Duration>>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let mut latencies = Vec::with_capacity(requests);
    for _ in 0..requests {
        let started = Instant::now();
        once().await?;
        latencies.push(started.elapsed());
    }
    latencies.sort();
    Ok(latencies)
}

fn report(what: &str, latencies: &[Duration]) {
    println!(
        "{what}: {} requests, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        ms(percentile(latencies, 0.5)),
        ms(percentile(latencies, 0.99)),
        ms(percentile(latencies, 1.0))
    );
}
