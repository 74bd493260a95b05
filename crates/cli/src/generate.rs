//! `agora gen`: labelled synthetic data (see `agora_corpus`), written as CSV or JSONL.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum GenCommand {
    /// Answers to an Internet-governance consultation with ground-truth `campaign` and `theme`
    /// columns (and `edit`: how a campaign member differs from its template), plus
    /// stakeholder_group, region, language and organisation. The same N and seed give the same
    /// file.
    Consultation {
        /// Number of answers.
        #[arg(long)]
        responses: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The file to write: CSV, or JSON Lines when it ends in .jsonl.
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(command: GenCommand) -> Result<()> {
    match command {
        GenCommand::Consultation {
            responses,
            seed,
            out,
        } => consultation(responses, seed, &out),
    }
}

fn consultation(responses: usize, seed: u64, out: &Path) -> Result<()> {
    let jsonl = match out.extension().and_then(|e| e.to_str()) {
        Some("jsonl") => true,
        Some("csv") => false,
        _ => bail!(
            "--out {}: the file must end in .csv or .jsonl",
            out.display()
        ),
    };
    let rows = agora_corpus::generate(responses, seed);
    let file =
        std::fs::File::create(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut writer = BufWriter::new(file);
    let written = if jsonl {
        rows.iter().try_for_each(|row| -> Result<()> {
            serde_json::to_writer(&mut writer, row)?;
            writer.write_all(b"\n")?;
            Ok(())
        })
    } else {
        let mut csv = csv::Writer::from_writer(&mut writer);
        rows.iter()
            .try_for_each(|row| csv.serialize(row))
            .map_err(anyhow::Error::from)
            .and_then(|()| Ok(csv.flush()?))
    };
    written
        .and_then(|()| Ok(writer.flush()?))
        .with_context(|| format!("cannot write {}", out.display()))?;
    let members = rows.iter().filter(|r| !r.campaign.is_empty()).count();
    let campaigns: std::collections::BTreeSet<&str> = rows
        .iter()
        .filter(|r| !r.campaign.is_empty())
        .map(|r| r.campaign.as_str())
        .collect();
    eprintln!(
        "{}: {} answers, {members} of them in {} campaigns",
        out.display(),
        rows.len(),
        campaigns.len()
    );
    Ok(())
}
