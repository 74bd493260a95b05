//! How long a conversation's opinion map takes to follow the votes on a real store: a
//! synthetic conversation (`agora_opinion::synthetic`, planted groups) is imported whole, then
//! the background mapper's work (read the votes, analyse, store the map) is timed, first whole,
//! then after one more vote, when it reads only what changed; on SQLite (a temporary file) or
//! on PostgreSQL (`--db postgres://…`, into a fresh conversation of a fresh process).
//!
//! `cargo run --release -p agora-bench --bin map-load -- --participants 10000 --statements 500 --votes 30`

use std::time::Instant;

use agora_core::conversation::{ConversationDraft, Opinion};
use agora_core::process::ProcessDraft;
use agora_opinion::synthetic::{Shape, generate};
use agora_store::{CastVote, ImportedConversation, Store};
use anyhow::Result;
use clap::Parser;

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 10_000)]
    participants: usize,
    #[arg(long, default_value_t = 500)]
    statements: usize,
    /// Votes per participant.
    #[arg(long, default_value_t = 30)]
    votes: usize,
    #[arg(long, default_value_t = 3)]
    groups: usize,
    /// A PostgreSQL URL; a temporary SQLite file otherwise.
    #[arg(long)]
    db: Option<String>,
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let url = args
        .db
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}/map-load.db", dir.path().display()));
    let store = Store::open(&url).await?;
    let synthetic = generate(&Shape {
        participants: args.participants,
        statements: args.statements,
        votes_per_participant: args.votes,
        groups: args.groups,
        seed: 7,
    });
    let process = ProcessDraft {
        title: format!("map-load {}", agora_core::new_id()),
        mandate: "Benchmark".into(),
        display_zone: "UTC".into(),
        ..Default::default()
    }
    .validate(&store.stakeholder_groups().await?)
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    store.create(None, &process).await?;
    let (conversation, _) = ConversationDraft {
        topic: "Synthetic".into(),
        ..Default::default()
    }
    .validate(&process, jiff::Timestamp::now())
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let imported = ImportedConversation {
        statements: (0..args.statements as u64)
            .map(|n| (n, format!("Statement {n}"), true))
            .collect(),
        participants: (0..args.participants as u64).collect(),
        votes: synthetic
            .votes
            .iter()
            .map(|v| CastVote {
                participant: v.participant,
                statement: v.statement,
                opinion: Opinion::from_value(i64::from(v.opinion.value())).expect("a vote"),
                at: jiff::Timestamp::from_millisecond(v.at).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
            })
            .collect(),
    };
    let started = Instant::now();
    store
        .import_conversation(None, &conversation, &imported)
        .await?;
    let import = started.elapsed();

    let started = Instant::now();
    let statements = store.statements(conversation.id).await?;
    let participants = store.conversation_participants(conversation.id).await?;
    let votes = store.conversation_votes(conversation.id).await?;
    let read = started.elapsed();
    let started = Instant::now();
    let map = agora_web::opinion::map_of(&statements, &participants, &votes);
    let analyse = started.elapsed();
    let mut mapper = agora_web::opinion::Mapper::default();
    let started = Instant::now();
    let version = store.conversation_version(conversation.id).await?;
    mapper.refresh(&store, conversation.id, version).await?;
    let first = started.elapsed();

    // One more vote, as the server's mapper then sees it: only what changed is read.
    let voter = participants.first().expect("a participant");
    store
        .vote(
            voter,
            &statements[0],
            Opinion::Agree,
            jiff::Timestamp::now(),
        )
        .await?;
    let started = Instant::now();
    let version = store.conversation_version(conversation.id).await?;
    mapper.refresh(&store, conversation.id, version).await?;
    let next = started.elapsed();

    println!(
        "{} participants × {} statements, {} votes ({}):",
        args.participants,
        args.statements,
        votes.len(),
        if args.db.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    println!(
        "  import (one transaction)   {:>8.2} s",
        import.as_secs_f64()
    );
    println!("  read the votes             {:>8.2} s", read.as_secs_f64());
    println!(
        "  analyse                    {:>8.2} s",
        analyse.as_secs_f64()
    );
    println!(
        "  the mapper's first map     {:>8.2} s (read everything, analyse, store the map)",
        first.as_secs_f64()
    );
    println!(
        "  the map after one vote     {:>8.2} s (read what changed, analyse, store the map)",
        next.as_secs_f64()
    );
    println!("  {} opinion groups", map.groups.len());
    store.close().await;
    Ok(())
}
