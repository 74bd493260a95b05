//! Answers submitted over real HTTP by concurrent clients: the acknowledged-answers-per-second
//! and latency figures of issue 3. The server runs in this process on a loopback port, over a
//! fresh SQLite file (default) or a fresh PostgreSQL database (`--postgres URL`); every request
//! is a `PUT /api/v1/consultations/{id}/submission` by a distinct participant, so every
//! acknowledged request is a new committed answer sheet.
//!
//! `cargo run --release -p agora-bench --bin submit-load -- --clients 64 --requests 20000`

use std::sync::Arc;
use std::time::{Duration, Instant};

use agora_bench::{ScratchDatabase, SheetClient};
use agora_store::Store;
use anyhow::{Result, ensure};
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

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let scratch = match &args.postgres {
        None => None,
        Some(admin) => Some(ScratchDatabase::create(admin, "agora_load").await?),
    };
    let (url, backend) = match &scratch {
        None => (
            format!("sqlite://{}/load.db", dir.path().display()),
            "SQLite",
        ),
        Some(scratch) => (scratch.url.clone(), "PostgreSQL"),
    };
    let store = Store::open(&url).await?;
    let (consultation, questions) = agora_bench::two_question_consultation(&store).await?;
    eprintln!("creating {} participants…", args.requests);
    let sessions: Vec<String> = agora_bench::participants(&store, args.requests)
        .await?
        .into_iter()
        .map(|p| p.session)
        .collect();

    // The per-account limit stays (one sheet each).
    let base = agora_bench::serve(&store, agora_bench::loopback_config()).await?;

    let body = agora_bench::answer_sheet(
        &questions,
        "Enhanced cooperation should let governments take part on an equal footing.",
        "Yes",
        true,
    );
    let queue = Arc::new(Mutex::new(sessions));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..args.clients {
        let (queue, body) = (queue.clone(), body.clone());
        let client = SheetClient::new(&base, consultation)?;
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                // Bound first: a guard in a `while let` scrutinee would be held for the whole
                // request and serialise the clients.
                let next = queue.lock().await.pop();
                let Some(session) = next else { break };
                let sent = Instant::now();
                let reply = client.save(&session, &body, None).await?;
                ensure!(
                    reply.status.is_success(),
                    "{}: {}",
                    reply.status,
                    reply.body
                );
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
    store.close().await;
    if let Some(scratch) = scratch {
        scratch.drop().await?;
    }
    Ok(())
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
