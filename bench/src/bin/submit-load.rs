//! Answers submitted over real HTTP by concurrent clients: the acknowledged-answers-per-second
//! and latency figures of issue 3. The server runs in this process on a loopback port, over a
//! fresh SQLite file (default) or a fresh PostgreSQL database (`--postgres URL`); every request
//! is a `PUT /api/v1/consultations/{id}/submission` by a distinct participant, so every
//! acknowledged request is a new committed answer sheet.
//!
//! `cargo run --release -p agora-bench --bin submit-load -- --clients 64 --requests 20000`

use std::sync::Arc;
use std::time::{Duration, Instant};

use agora_core::consultation::QuestionDraft;
use agora_store::{NewUser, Store};
use anyhow::{Context, Result, ensure};
use clap::Parser;
use tokio::sync::Mutex;

#[derive(Parser)]
struct Args {
    /// Concurrent clients.
    #[arg(long, default_value_t = 64)]
    clients: usize,
    /// Submissions in all (each by a different participant).
    #[arg(long, default_value_t = 20_000)]
    requests: usize,
    /// Run on a fresh database created through this PostgreSQL URL instead of SQLite.
    #[arg(long)]
    postgres: Option<String>,
}

/// A CSRF token the clients echo: any 43-character token the server did not issue works as a
/// double-submit token, since the cookie and the header must merely agree.
const CSRF: &str = "benchbenchbenchbenchbenchbenchbenchbenchben";

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let (url, backend) = match &args.postgres {
        None => (
            format!("sqlite://{}/load.db", dir.path().display()),
            "SQLite",
        ),
        Some(admin) => (fresh_postgres(admin).await?, "PostgreSQL"),
    };
    let store = Store::open(&url).await?;
    let (consultation, questions) = consultation(&store).await?;
    eprintln!("creating {} participants…", args.requests);
    let sessions = participants(&store, args.requests).await?;

    // One loopback address plays 64 clients: lift the per-address limit, as for a load
    // balancer's own address in a real deployment. The per-account limit stays (one sheet each).
    let config = agora_web::Config {
        auth_attempts_per_minute: 1_000_000,
        submissions_per_address_per_minute: 1_000_000,
        ..Default::default()
    };
    let app = agora_web::router(agora_web::AppState::new(store.clone(), config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });

    let body = serde_json::json!({
        "state": "submitted",
        "public": true,
        "author": {"stakeholder_group": "civil-society", "country": "HU", "region": "151",
                   "organisation": "", "on_behalf": false, "lang": "en"},
        "answers": {
            questions[0].to_string(): "Enhanced cooperation should let governments take part on an equal footing.",
            questions[1].to_string(): ["Yes"],
        }
    })
    .to_string();
    let target = format!("{base}/api/v1/consultations/{consultation}/submission");
    let queue = Arc::new(Mutex::new(sessions));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..args.clients {
        let (queue, target, body) = (queue.clone(), target.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .build()?;
            let mut latencies = Vec::new();
            loop {
                // Bound first: a guard in a `while let` scrutinee would be held for the whole
                // request and serialise the clients.
                let next = queue.lock().await.pop();
                let Some(session) = next else { break };
                let sent = Instant::now();
                let response = client
                    .put(&target)
                    .header(
                        "cookie",
                        format!("agora_csrf={CSRF}; agora_session={session}"),
                    )
                    .header("x-csrf-token", CSRF)
                    .header("content-type", "application/json")
                    .body(body.clone())
                    .send()
                    .await?;
                let status = response.status();
                let text = response.text().await?;
                ensure!(status.is_success(), "{status}: {text}");
                latencies.push(sent.elapsed());
            }
            anyhow::Ok(latencies)
        }));
    }
    let mut latencies: Vec<Duration> = Vec::new();
    for task in tasks {
        latencies.extend(task.await??);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let percentile =
        |p: f64| latencies[((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1)];
    let stored = count_submissions(&store, consultation).await?;
    ensure!(
        stored == args.requests,
        "{stored} answer sheets stored for {} acknowledged",
        args.requests
    );
    println!(
        "{backend}: {} clients, {} answers acknowledged and stored in {:.2} s = {:.0} answers/s; \
         latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        args.clients,
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        percentile(0.50).as_secs_f64() * 1e3,
        percentile(0.99).as_secs_f64() * 1e3,
        percentile(1.0).as_secs_f64() * 1e3,
    );
    Ok(())
}

/// An open consultation with a free-text and a choice question.
async fn consultation(store: &Store) -> Result<(uuid::Uuid, [uuid::Uuid; 2])> {
    let now = jiff::Timestamp::now();
    let drafts = [
        QuestionDraft {
            prompt: "What is enhanced cooperation?".into(),
            word_limit: "500".into(),
            ..Default::default()
        },
        QuestionDraft {
            prompt: "Is the IGF the place?".into(),
            kind: "single-choice".into(),
            choices: "Yes\nNo".into(),
            ..Default::default()
        },
    ];
    let opens = (now - jiff::SignedDuration::from_hours(1)).to_string();
    let closes = (now + jiff::SignedDuration::from_hours(24)).to_string();
    let (phase, _, questions) =
        agora_bench::open_consultation(store, &opens, &closes, &drafts).await?;
    Ok((phase.id, [questions[0].id, questions[1].id]))
}

/// `count` participants, each signed in; returns their session tokens.
async fn participants(store: &Store, count: usize) -> Result<Vec<String>> {
    let expires = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24);
    let mut tokens = Vec::with_capacity(count);
    for i in 0..count {
        let email = format!("participant{i}@example.org");
        let new = NewUser {
            email: &email,
            display_name: "Participant",
            password_hash: "unused",
        };
        let user = store
            .create_user(None, &new, Some(agora_core::auth::Role::Participant))
            .await?;
        let token = agora_web::new_token();
        store
            .create_session(&agora_web::hash_token(&token), user.id, expires)
            .await?;
        tokens.push(token);
    }
    Ok(tokens)
}

async fn count_submissions(store: &Store, consultation: uuid::Uuid) -> Result<usize> {
    let mut count = 0;
    let mut request = agora_store::PageRequest::first(agora_store::MAX_LIMIT);
    loop {
        let page = store.published_submissions(consultation, &request).await?;
        count += page.items.len();
        match page.next {
            Some(next) => request.after = Some(next),
            None => return Ok(count),
        }
    }
}

async fn fresh_postgres(admin_url: &str) -> Result<String> {
    let name = format!("agora_load_{}", uuid::Uuid::now_v7().simple());
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(admin_url)
        .await
        .context("connecting to PostgreSQL")?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await?;
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url, |(base, _)| base);
    Ok(format!("{base}/{name}"))
}
