//! `agora opinion`: reads a Pol.is export (comments and votes), runs the opinion-map engine
//! and writes its groups, consensus and representative statements as JSON.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use agora_opinion::polis::{ImportError, read_comments, read_votes};
use agora_opinion::{Analysis, Options, Start, VoteMatrix, analyse};
use anyhow::{Context, Result};
use clap::Args;
use serde_json::{Value, json};

#[derive(Args)]
pub struct OpinionArgs {
    /// The statements: a Pol.is `comments.csv` (comment-id, moderated[, is-meta]).
    #[arg(long)]
    comments: PathBuf,
    /// The votes: a Pol.is `votes.csv` (timestamp, comment-id, voter-id, vote; the latest vote
    /// counts) or a `participants-votes.csv` matrix.
    #[arg(long)]
    votes: PathBuf,
    /// Where to write the JSON result (replaced if it exists).
    #[arg(long)]
    out: PathBuf,
    /// Where the grouping starts: `polis` (Pol.is's own start, whose groups agree best with
    /// the ones Pol.is shows) or `spread` (points far apart, which escapes the poor groupings
    /// Pol.is's start can lead to).
    #[arg(long, value_enum, default_value = "polis")]
    start: StartArg,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StartArg {
    Polis,
    Spread,
}

pub fn run(args: OpinionArgs) -> Result<()> {
    let statements = read(&args.comments, read_comments)?;
    let votes = read(&args.votes, read_votes)?;
    let matrix = VoteMatrix::new(&votes, &statements);
    let options = Options {
        group_start: match args.start {
            StartArg::Polis => Start::Polis,
            StartArg::Spread => Start::Spread,
        },
        ..Options::default()
    };
    let analysis = analyse(&matrix, &options);
    let mut bytes = serde_json::to_vec(&report(&analysis))?;
    bytes.push(b'\n');
    crate::synth::write_replacing(&args.out, &bytes)?;
    eprintln!(
        "agora opinion: {} participants ({} clustered), {} statements, {} votes → {} groups, {}",
        analysis.participants,
        analysis.clustered.len(),
        analysis.statements,
        matrix.vote_count(),
        analysis.groups.len(),
        args.out.display()
    );
    Ok(())
}

/// Opens and parses one file; an error names the file, then the line and column.
fn read<T>(path: &Path, parse: fn(File) -> Result<T, ImportError>) -> Result<T> {
    let file = File::open(path).with_context(|| format!("{}", path.display()))?;
    parse(file).with_context(|| format!("{}", path.display()))
}

/// The result as issue 7 specifies it (participants, statements, groups, consensus,
/// representative), plus what the web map needs (positions, centres, scores).
fn report(a: &Analysis) -> Value {
    let representative: BTreeMap<String, Vec<u64>> = a
        .groups
        .iter()
        .map(|g| {
            (
                g.id.to_string(),
                g.representative.iter().map(|r| r.statement).collect(),
            )
        })
        .collect();
    json!({
        "participants": a.participants,
        "statements": a.statements,
        "groups": a.groups.iter().map(|g| json!({
            "id": g.id,
            "members": g.members,
            "center": g.center,
        })).collect::<Vec<_>>(),
        "consensus": a.consensus,
        "representative": representative,
        "clustered": a.clustered.len(),
        "representative_details": a.groups.iter().map(|g| &g.representative).collect::<Vec<_>>(),
        "majority_consensus": {"agree": a.majority_agree, "disagree": a.majority_disagree},
        "group_informed_consensus": a.group_informed_consensus,
        "silhouettes": a.silhouettes,
        "positions": a.positions,
    })
}
