//! Agora's side of bench/pretalx-compare.sh (issue 6, "Measure"): a call for proposals fed
//! 1,000 generated proposals over real HTTP, then its programme published.
//!
//! - **Import, over HTTP**: a fresh SQLite store, the server in this process on a loopback
//!   port, a process with an open call (the generated themes and formats) and `--proposers`
//!   signed-in accounts; `--clients` concurrent clients `POST /api/v1/calls/{id}/proposals`
//!   every proposal, each as one of the accounts.
//! - **Publish, in process**: [`publish`] reads the proposals back from the store, runs the
//!   programme pipeline (balanced reviewer assignment, aggregation of synthetic reviews,
//!   selection of 150 with the diversity quotas, timetable over 12 rooms × 4 days × 8 slots),
//!   records every decision with `Store::decide` and renders the frab XML. No web page does
//!   this yet; when one does, `publish` is the step to switch to it.
//!
//! `cargo run --release -p agora-bench --bin cfp-load -- --write target/pretalx-compare`
//! writes proposals.json (what pretalx is given), agora-programme.json (the accepted
//! proposals and where they are placed) and agora-schedule.xml.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use agora_bench::cfp::{self, Proposals};
use agora_bench::{CSRF, ms, percentile};
use agora_core::process::PhaseDraft;
use agora_core::proposal::{CallDraft, Decision, Proposal};
use agora_programme::export::{Meta, frab_xml};
use agora_programme::select::{Attribute, Bounds, Quota};
use agora_programme::{
    Indexed, Person, Reviewer, ScreeningRules, SelectionRules, Speaker, aggregate, assign,
    candidates, directory, screen, select, solve, synthetic,
};
use agora_store::Store;
use anyhow::{Context, Result, anyhow, ensure};
use clap::Parser;
use serde_json::json;
use tokio::sync::Mutex;
use uuid::Uuid;

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 7)]
    seed: u64,
    #[arg(long, default_value_t = 1000)]
    proposals: usize,
    /// Concurrent HTTP clients during the import.
    #[arg(long, default_value_t = 8)]
    clients: usize,
    /// Signed-in accounts the proposals are sent as (round robin).
    #[arg(long, default_value_t = 200)]
    proposers: usize,
    /// A folder to write proposals.json, agora-programme.json and agora-schedule.xml to.
    #[arg(long)]
    write: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let call = synthetic::call(args.seed, args.proposals, 60);
    let generated = cfp::generate(&call, args.seed);
    if let Some(dir) = &args.write {
        std::fs::create_dir_all(dir)?;
        std::fs::write(
            dir.join("proposals.json"),
            serde_json::to_string_pretty(&generated)?,
        )?;
    }

    let dir = tempfile::tempdir()?;
    let store = Store::open(&format!("sqlite://{}/cfp.db", dir.path().display())).await?;
    let phase = open_call(&store, &generated).await?;
    let sessions: Vec<String> = agora_bench::participants(&store, args.proposers)
        .await?
        .into_iter()
        .map(|p| p.session)
        .collect();
    // Each account sends several proposals in quick succession.
    let config = agora_web::Config {
        submissions_per_account_per_minute: 1_000_000,
        ..agora_bench::loopback_config()
    };
    let base = agora_bench::serve(&store, config).await?;

    let (started, cpu) = (Instant::now(), cpu_seconds()?);
    let (ids, mut latencies) = import(&base, phase, &generated, &sessions, args.clients).await?;
    let (importing, importing_cpu) = (started.elapsed(), cpu_seconds()? - cpu);
    latencies.sort();

    let (started, cpu) = (Instant::now(), cpu_seconds()?);
    let published = publish(&store, phase, &call, &ids, args.seed).await?;
    let (publishing, publishing_cpu) = (started.elapsed(), cpu_seconds()? - cpu);

    if let Some(dir) = &args.write {
        std::fs::write(
            dir.join("agora-programme.json"),
            serde_json::to_string_pretty(&published.programme)?,
        )?;
        std::fs::write(dir.join("agora-schedule.xml"), &published.frab)?;
    }
    let n = generated.proposals.len();
    println!(
        "Agora, SQLite, {} proposals from {} accounts (seed {})",
        n, args.proposers, args.seed
    );
    println!("{:<58} {:>10}", "step", "seconds");
    println!(
        "{:<58} {:>10.3}",
        format!(
            "import over HTTP ({} clients, {:.0} proposals/s)",
            args.clients,
            n as f64 / importing.as_secs_f64()
        ),
        importing.as_secs_f64()
    );
    println!(
        "{:<58} {:>10}",
        format!(
            "  POST latency p50 {:.1} ms, p99 {:.1} ms",
            ms(percentile(&latencies, 0.5)),
            ms(percentile(&latencies, 0.99))
        ),
        ""
    );
    for (step, took) in &published.steps {
        println!("{:<58} {:>10.3}", format!("  {step}"), took.as_secs_f64());
    }
    println!(
        "{:<58} {:>10.3}",
        format!(
            "publish in process ({} accepted, {} declined)",
            published.accepted, published.declined
        ),
        publishing.as_secs_f64()
    );
    println!(
        "selection constraints unmet {}, timetable hard violations {}, frab XML {} bytes",
        published.unmet,
        published.hard,
        published.frab.len()
    );
    // For bench/pretalx-compare.sh.
    println!(
        "CPU seconds of this process (server and clients): import {importing_cpu:.3}, \
         publish {publishing_cpu:.3}"
    );
    println!(
        "agora-seconds import {:.3} publish {:.3} cpu-import {importing_cpu:.3} \
         cpu-publish {publishing_cpu:.3}",
        importing.as_secs_f64(),
        publishing.as_secs_f64()
    );
    store.close().await;
    Ok(())
}

/// The CPU time this process has used (user and system, all threads), from /proc/self/stat:
/// on a shared machine it says what the work cost when the wall clock also counts waiting.
fn cpu_seconds() -> Result<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .context("/proc/self/stat")?
        .1
        .split_whitespace()
        .collect();
    // utime and stime (fields 14 and 15 of proc(5)), in clock ticks of 1/100 s on Linux.
    let ticks: f64 = fields[11].parse::<f64>()? + fields[12].parse::<f64>()?;
    Ok(ticks / 100.0)
}

/// A process with a call-for-proposals phase open from an hour ago for a day, offering the
/// generated themes and formats: the phase's id.
async fn open_call(store: &Store, generated: &Proposals) -> Result<Uuid> {
    let invalid = |e: agora_core::ValidationErrors| anyhow!("{e}");
    let process = agora_bench::new_process(store, "Synthetic IGF").await?;
    let now = jiff::Timestamp::now();
    let phase = PhaseDraft {
        kind: "call-for-proposals".into(),
        title: "Call for session proposals".into(),
        opens_at: (now - jiff::SignedDuration::from_hours(1)).to_string(),
        closes_at: (now + jiff::SignedDuration::from_hours(24)).to_string(),
    }
    .validate(&process)
    .map_err(invalid)?;
    store.create(None, &phase).await?;
    let call = CallDraft {
        themes: generated.themes.join("\n"),
        formats: generated
            .formats
            .iter()
            .map(|f| format!("{} = {}", f.name, f.minutes))
            .collect::<Vec<_>>()
            .join("\n"),
    }
    .validate(&phase)
    .map_err(invalid)?;
    store.save_call(None, &call).await?;
    Ok(phase.id)
}

/// POSTs every proposal, `clients` at a time, the `i`-th as the holder of `sessions[i % n]`:
/// the stored id of each generated key, and each request's latency.
async fn import(
    base: &str,
    phase: Uuid,
    generated: &Proposals,
    sessions: &[String],
    clients: usize,
) -> Result<(BTreeMap<Uuid, String>, Vec<Duration>)> {
    let target = format!("{base}/api/v1/calls/{phase}/proposals");
    let queue: Vec<(String, String, String)> = generated
        .proposals
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                e.key.clone(),
                e.body.to_string(),
                sessions[i % sessions.len()].clone(),
            )
        })
        .rev()
        .collect();
    let queue = Arc::new(Mutex::new(queue));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (queue, target) = (queue.clone(), target.clone());
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(1)
            .build()?;
        tasks.push(tokio::spawn(async move {
            let mut done = Vec::new();
            loop {
                // Bound first, so the lock is not held across the request.
                let next = queue.lock().await.pop();
                let Some((key, body, session)) = next else {
                    break;
                };
                let sent = Instant::now();
                let response = http
                    .post(&target)
                    .header(
                        "cookie",
                        format!("agora_csrf={CSRF}; agora_session={session}"),
                    )
                    .header("x-csrf-token", CSRF)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await?;
                let status = response.status();
                let text = response.text().await?;
                ensure!(status.is_success(), "{key}: {status}: {text}");
                let id: Uuid = serde_json::from_str::<serde_json::Value>(&text)?["id"]
                    .as_str()
                    .and_then(|s| s.parse().ok())
                    .with_context(|| format!("{key}: no id in {text}"))?;
                done.push((id, key, sent.elapsed()));
            }
            anyhow::Ok(done)
        }));
    }
    let (mut ids, mut latencies) = (BTreeMap::new(), Vec::new());
    for task in tasks {
        for (id, key, latency) in task.await?? {
            ids.insert(id, key);
            latencies.push(latency);
        }
    }
    Ok((ids, latencies))
}

/// What [`publish`] did.
struct Published {
    steps: Vec<(String, Duration)>,
    accepted: usize,
    declined: usize,
    unmet: usize,
    hard: usize,
    frab: String,
    /// The venue and each accepted proposal's generated key, room and slot.
    programme: serde_json::Value,
}

/// How screening and the pipeline name a person: the name, spacing and case folded (as the
/// web crate's screening does).
fn person_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The call's stored proposals as the programme pipeline reads them, keyed by their
/// generated key (`ids`), and the people they name.
fn pipeline_input(
    stored: &[Proposal],
    ids: &BTreeMap<Uuid, String>,
) -> Result<(Vec<agora_programme::Proposal>, Vec<Person>)> {
    let mut people = Vec::new();
    let mut proposals = Vec::new();
    for p in stored {
        for person in &p.people {
            let region = person.region.clone().unwrap_or_default();
            people.push(Person {
                id: person_key(&person.name),
                name: person.name.clone(),
                organisation: Some(person.organisation.clone()),
                stakeholder_group: Some(person.stakeholder_group.clone()),
                utc_offset_minutes: cfp::utc_offset(&region),
                region: Some(region),
                gender: person.gender.clone(),
                remote: person.remote,
                accessibility_needs: false,
            });
        }
        let lead = p.organisers().next().context("no organiser")?;
        proposals.push(agora_programme::Proposal {
            id: ids.get(&p.id).context("a proposal not imported")?.clone(),
            title: p.title.clone(),
            organiser: person_key(&lead.name),
            organisation: lead.organisation.clone(),
            theme: p.theme.clone(),
            format: p.format.clone(),
            speakers: p
                .speakers()
                .map(|s| Speaker {
                    person: person_key(&s.name),
                    confirmed: s.confirmed,
                })
                .collect(),
            moderator: p
                .speakers()
                .find(|s| s.moderator)
                .map(|s| person_key(&s.name)),
            first_time: p.first_time,
        });
    }
    Ok((proposals, people))
}

/// The balance the pipeline benchmark asks of 150 sessions ([`synthetic::rules`]), in the
/// call's names.
fn rules() -> SelectionRules {
    let synthetic = synthetic::rules();
    let renamed = |bounds: BTreeMap<String, Bounds>, name: fn(&str) -> &'static str| {
        bounds
            .into_iter()
            .map(|(code, b)| (name(&code).to_owned(), b))
            .collect()
    };
    SelectionRules {
        per_theme: renamed(synthetic.per_theme, cfp::theme_name),
        per_format: renamed(synthetic.per_format, cfp::format_name),
        diversity: synthetic
            .diversity
            .into_iter()
            .map(|q| Quota {
                value: match q.attribute {
                    Attribute::Region => cfp::m49(&q.value).to_owned(),
                    Attribute::StakeholderGroup => cfp::group(&q.value).to_owned(),
                    Attribute::Gender => q.value,
                },
                ..q
            })
            .collect(),
        ..synthetic
    }
}

/// Publishes the call's programme, in process: the proposals read back from the store and
/// screened with the IGF's rules, four reviewers each (balanced, no conflict of interest) from the synthetic panel, whose reviews
/// are simulated from `call`'s hidden quality; scores normalised per reviewer; 150 selected
/// from those passing screening under [`rules`]; every proposal decided in one transaction (no letters); the 150 timetabled
/// over 12 rooms × 4 days × 8 slots and exported as frab XML.
async fn publish(
    store: &Store,
    phase: Uuid,
    call: &synthetic::Call,
    ids: &BTreeMap<Uuid, String>,
    seed: u64,
) -> Result<Published> {
    let mut steps = Vec::new();
    let mut lap = Instant::now();
    let mut step = |name: &str, steps: &mut Vec<(String, Duration)>| {
        steps.push((name.to_string(), lap.elapsed()));
        lap = Instant::now();
    };
    let stored = store.proposals_of_call(phase).await?;
    let (proposals, people) = pipeline_input(&stored, ids)?;
    let reviewers: Vec<Reviewer> = call
        .reviewers
        .iter()
        .map(|r| Reviewer {
            id: r.id.clone(),
            organisation: r.organisation.as_deref().map(cfp::organisation_name),
            conflicts: r
                .conflicts
                .iter()
                .map(|c| cfp::organisation_name(c))
                .collect(),
        })
        .collect();
    let read = synthetic::Call {
        people: directory(people).into_values().collect(),
        proposals,
        reviewers,
        quality: call.quality.clone(),
    };
    let people = directory(read.people.clone());
    step("read the proposals from the store", &mut steps);

    let failures = screen(
        &read.proposals,
        &people,
        &BTreeSet::new(),
        &ScreeningRules::default(),
    );
    let failed: BTreeSet<&str> = failures.iter().map(|f| f.proposal.as_str()).collect();
    let eligible: Vec<_> = read
        .proposals
        .iter()
        .filter(|p| !failed.contains(p.id.as_str()))
        .cloned()
        .collect();
    let assignment = assign(&read.proposals, &read.reviewers, &people, 4, seed);
    let reviews = synthetic::reviews(&read, &assignment, seed);
    let scores = aggregate(&reviews, &synthetic::criteria())?;
    let selection = select(&candidates(&eligible, &people, &scores), &rules());
    step(
        &format!(
            "screen ({} pass), assign {} reviews, aggregate, select {}",
            eligible.len(),
            reviews.len(),
            selection.selected.len()
        ),
        &mut steps,
    );

    let by_key: BTreeMap<&str, Uuid> = ids.iter().map(|(id, key)| (key.as_str(), *id)).collect();
    let chosen: BTreeSet<&str> = selection.selected.iter().map(String::as_str).collect();
    let decisions: Vec<_> = read
        .proposals
        .iter()
        .map(|p| {
            let decision = if chosen.contains(p.id.as_str()) {
                Decision::Accepted
            } else {
                Decision::Declined
            };
            (by_key[p.id.as_str()], decision, None)
        })
        .collect();
    store
        .decide(None, phase, &decisions, jiff::Timestamp::now())
        .await?;
    step("record the decisions (Store::decide)", &mut steps);

    let instance = synthetic::instance(&read, &selection.selected, 12, 4, 8, seed);
    let timetable = solve(&instance)?;
    step("timetable 12 rooms × 4 days × 8 slots", &mut steps);

    let ix = Indexed::new(&instance)?;
    let frab = frab_xml(
        &ix,
        &timetable.placements,
        &Meta {
            acronym: "IGF2026",
            version: "1.0",
            base_url: "http://127.0.0.1/",
        },
    );
    step("render the frab XML", &mut steps);

    let accepted = selection.selected.len();
    let programme = json!({
        "days": instance.days,
        "utc_offset_minutes": instance.utc_offset_minutes,
        "rooms": instance.rooms,
        "slots": instance.slots,
        "placements": timetable.placements,
    });
    Ok(Published {
        steps,
        accepted,
        declined: decisions.len() - accepted,
        unmet: selection.unmet.len(),
        hard: timetable.report.hard.len(),
        frab,
        programme,
    })
}
