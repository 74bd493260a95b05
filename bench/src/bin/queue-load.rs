//! A live session with many remote participants: issue 5's target is that a queue change
//! reaches 1,000 connected clients within 1 s (p99) on loopback.
//!
//! The server runs in this process on loopback ports, over a fresh SQLite file (default) or a
//! fresh PostgreSQL database (`--postgres URL`). `--clients` watchers open the meeting's
//! server-sent events (`GET /meetings/{id}/queue/events`) over real HTTP and wait for the
//! queue's first state; then the queue changes `--changes` times over real HTTP, alternately a
//! participant raising a hand (`POST /meetings/{id}/hand`) and the moderator calling the next
//! speaker (`POST /meetings/{id}/queue`). For each change the delay is measured from the
//! moment before the POST to each watcher's receipt of the event with the new version; the
//! next change waits until every watcher has it (or 10 s have passed: a missed delivery).
//!
//! With `--instances N` (PostgreSQL), N servers share the database as N deployed instances
//! would, each with its own store and fan-out; watchers are spread over them and every change
//! is posted to the first, so the others learn of it by polling the queue's version.
//!
//! Each watcher holds two file descriptors here (client and server side): 1,000 watchers need
//! `ulimit -n` above about 2,100.
//!
//! `cargo run --release -p agora-bench --bin queue-load -- --clients 1000 --changes 100`

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use agora_bench::{ScratchDatabase, ms, percentile};
use agora_core::meeting::{MeetingDraft, Participant, ParticipantDraft};
use agora_store::{NewUser, Store};
use anyhow::{Context, Result, anyhow, ensure};
use clap::Parser;

#[derive(Parser)]
struct Args {
    /// Watchers connected to the queue's events.
    #[arg(long, default_value_t = 1000)]
    clients: usize,
    /// Queue changes to measure.
    #[arg(long, default_value_t = 100)]
    changes: usize,
    /// Run on a fresh database created through this PostgreSQL URL instead of SQLite.
    #[arg(long)]
    postgres: Option<String>,
    /// Servers sharing the database (PostgreSQL only): changes go to the first.
    #[arg(long, default_value_t = 1)]
    instances: usize,
}

/// Participants who take turns raising their hands.
const SPEAKERS: usize = 10;
/// Any 43-character token does: the CSRF check compares the form's token with the cookie.
const CSRF: &str = "benchmarkbenchmarkbenchmarkbenchmarkbenchma";

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    ensure!(
        args.instances == 1 || args.postgres.is_some(),
        "several instances share a PostgreSQL database: add --postgres URL"
    );
    let dir = tempfile::tempdir()?;
    let scratch = match &args.postgres {
        None => None,
        Some(admin) => Some(ScratchDatabase::create(admin, "agora_queue").await?),
    };
    let (url, backend) = match &scratch {
        None => (
            format!("sqlite://{}/queue.db", dir.path().display()),
            "SQLite",
        ),
        Some(scratch) => (scratch.url.clone(), "PostgreSQL"),
    };
    let store = Store::open(&url).await?;
    let (meeting, moderator, speakers) = session(&store).await?;

    let mut bases = Vec::new();
    for _ in 0..args.instances {
        let store = Store::open(&url).await?;
        let app = agora_web::router(agora_web::AppState::new(store, Default::default()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        bases.push(format!("http://{}", listener.local_addr()?));
        tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .await
        });
    }

    // received[v]: how many watchers have the state of version v.
    let received: Arc<Vec<AtomicUsize>> =
        Arc::new((0..=args.changes).map(|_| AtomicUsize::new(0)).collect());
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let mut watchers = Vec::new();
    for i in 0..args.clients {
        let url = format!("{}/meetings/{meeting}/queue/events", bases[i % bases.len()]);
        let (http, received, last) = (http.clone(), received.clone(), args.changes);
        watchers.push(tokio::spawn(watch(http, url, received, last)));
    }
    let connected = wait_for(&received[0], args.clients, Duration::from_secs(60)).await;
    ensure!(
        connected == args.clients,
        "only {connected} of {} watchers received the first state",
        args.clients
    );
    eprintln!("{connected} watchers connected; {} changes…", args.changes);

    let mut posted = Vec::with_capacity(args.changes);
    let mut missed = 0;
    for change in 0..args.changes {
        let (path, cookie, body) = if change % 2 == 0 {
            let speaker = &speakers[(change / 2) % SPEAKERS];
            ("hand", speaker, "action=raise")
        } else {
            ("queue", &moderator, "command=call-next")
        };
        let started = Instant::now();
        let reply = http
            .post(format!("{}/meetings/{meeting}/{path}", bases[0]))
            .header(
                "Cookie",
                format!("agora_session={cookie}; agora_csrf={CSRF}"),
            )
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(format!("csrf={CSRF}&{body}"))
            .send()
            .await?;
        ensure!(
            reply.status() == reqwest::StatusCode::SEE_OTHER,
            "change {change}: {}",
            reply.status()
        );
        posted.push(started);
        let got = wait_for(&received[change + 1], args.clients, Duration::from_secs(10)).await;
        missed += args.clients - got;
    }
    ensure!(
        store.queue_version(meeting).await? == args.changes as i64,
        "every change is one version"
    );

    let mut delays = Vec::with_capacity(args.clients * args.changes);
    for watcher in watchers {
        // A watcher that missed the last state would wait for ever: its receipts are lost.
        let Ok(receipts) = tokio::time::timeout(Duration::from_secs(10), watcher).await else {
            continue;
        };
        let receipts = receipts??;
        for (version, at) in receipts {
            if let Some(started) = version.checked_sub(1).and_then(|v| posted.get(v)) {
                delays.push(at.duration_since(*started));
            }
        }
    }
    delays.sort();
    ensure!(!delays.is_empty(), "no deliveries measured");
    println!(
        "{backend}, {} instance(s): {} watchers connected, {} changes, {} deliveries ({} missed); \
         change to receipt p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        args.instances,
        args.clients,
        args.changes,
        delays.len(),
        missed,
        ms(percentile(&delays, 0.50)),
        ms(percentile(&delays, 0.95)),
        ms(percentile(&delays, 0.99)),
        ms(percentile(&delays, 1.0)),
    );
    store.close().await;
    if let Some(scratch) = scratch {
        scratch.drop().await?;
    }
    Ok(())
}

/// A process, its meeting, a moderator's session (a global secretariat) and the sessions of
/// [`SPEAKERS`] participants who joined the meeting.
async fn session(store: &Store) -> Result<(uuid::Uuid, String, Vec<String>)> {
    let invalid = |e: agora_core::ValidationErrors| anyhow!("{e}");
    let groups = store.stakeholder_groups().await?;
    let process = agora_bench::new_process(store, "Load").await?;
    let meeting = MeetingDraft {
        title: "Global Internet Governance Agenda".into(),
        starts_at: "2013-04-08T03:00:00Z".into(),
        ends_at: "2013-04-08T04:30:00Z".into(),
        ..Default::default()
    }
    .validate(&process)
    .map_err(invalid)?;
    store.create(None, &meeting).await?;
    let expires = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24);
    let sign_in = async |i: usize, role| -> Result<(uuid::Uuid, String)> {
        let email = format!("queue{i}@example.org");
        let new = NewUser {
            email: &email,
            display_name: "Speaker",
            password_hash: "unused",
        };
        let user = store.create_user(None, &new, Some(role)).await?;
        let token = agora_web::new_token();
        store
            .create_session(&agora_web::hash_token(&token), user.id, expires)
            .await?;
        Ok((user.id, token))
    };
    let (_, moderator) = sign_in(0, agora_core::auth::Role::Secretariat).await?;
    let mut speakers = Vec::new();
    for i in 1..=SPEAKERS {
        let (user, token) = sign_in(i, agora_core::auth::Role::Participant).await?;
        let participant = ParticipantDraft {
            name: format!("Speaker {i}"),
            stakeholder_group: groups.codes()[i % groups.codes().len()].clone(),
            remote: true,
            ..Default::default()
        }
        .validate(&meeting, &groups)
        .map_err(invalid)?;
        let participant = Participant {
            user_id: Some(user),
            ..participant
        };
        store.create(None, &participant).await?;
        speakers.push(token);
    }
    Ok((meeting.id, moderator, speakers))
}

/// Waits until `counter` reaches `target` or `limit` passes; returns the count.
async fn wait_for(counter: &AtomicUsize, target: usize, limit: Duration) -> usize {
    let deadline = Instant::now() + limit;
    loop {
        let count = counter.load(Ordering::Acquire);
        if count >= target || Instant::now() >= deadline {
            return count;
        }
        tokio::time::sleep(Duration::from_micros(200)).await;
    }
}

/// One watcher: reads the events, notes when each version arrived, and stops after `last`.
async fn watch(
    http: reqwest::Client,
    url: String,
    received: Arc<Vec<AtomicUsize>>,
    last: usize,
) -> Result<Vec<(usize, Instant)>> {
    let mut response = http.get(&url).send().await?;
    ensure!(
        response.status().is_success(),
        "{url}: {}",
        response.status()
    );
    let mut buffer: Vec<u8> = Vec::new();
    let mut receipts = Vec::new();
    loop {
        while let Some(end) = buffer.windows(2).position(|w| w == b"\n\n") {
            let block: Vec<u8> = buffer.drain(..end + 2).collect();
            let block = String::from_utf8_lossy(&block);
            let Some(version) = block
                .lines()
                .find_map(|l| l.strip_prefix("id:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
            else {
                continue; // a keep-alive comment
            };
            receipts.push((version, Instant::now()));
            if let Some(counter) = received.get(version) {
                counter.fetch_add(1, Ordering::AcqRel);
            }
            if version >= last {
                return Ok(receipts);
            }
        }
        let chunk = response
            .chunk()
            .await?
            .with_context(|| format!("{url}: the stream ended"))?;
        buffer.extend_from_slice(&chunk);
    }
}
