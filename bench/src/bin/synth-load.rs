//! The synthesis engine at docket scale: `--answers` generated answers (default 1,000,000, of
//! about 300 characters, with planted campaigns and themes), read end to end (campaigns,
//! themes, quotes) by `agora_text::synthesize`, timed stage by stage, with the peak memory of
//! the process and the quality against the planted truth.
//!
//! `cargo run --release -p agora-bench --bin synth-load -- --answers 1000000`

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use agora_corpus::metrics::{campaign_scores, membership, theme_nmi};
use agora_text::{Answer, Options, Progress, Stage, Synthesis, synthesize};
use anyhow::Result;
use clap::Parser;

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 1_000_000)]
    answers: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Themes per question; chosen by the engine when not given.
    #[arg(long)]
    themes: Option<usize>,
    /// Also print the found campaigns that mix planted ones, with a text of each.
    #[arg(long)]
    diagnose: bool,
}

/// Records when each stage began.
struct Stages(Mutex<Vec<(Stage, Instant)>>);

impl Progress for Stages {
    fn begin(&self, stage: Stage, _: u64) {
        let mut stages = self.0.lock().expect("not poisoned");
        if stages.last().map(|(s, _)| *s) != Some(stage) {
            stages.push((stage, Instant::now()));
        }
    }

    fn advance(&self, _: u64) {}
}

fn main() -> Result<()> {
    let args = Args::parse();
    let generated = Instant::now();
    let rows = agora_corpus::generate(args.answers, args.seed);
    let answers: Vec<Answer> = rows
        .iter()
        .map(|r| Answer {
            id: r.id.clone(),
            text: r.text.clone(),
            question: r.question.to_owned(),
            group: Some(r.stakeholder_group.to_owned()),
            region: Some(r.region.to_owned()),
        })
        .collect();
    let characters: usize = answers.iter().map(|a| a.text.chars().count()).sum();
    println!(
        "generated {} answers (mean {} characters) in {:.1} s",
        answers.len(),
        characters / answers.len().max(1),
        generated.elapsed().as_secs_f64()
    );
    let stages = Stages(Mutex::new(Vec::new()));
    let started = Instant::now();
    let options = Options {
        themes: args.themes,
        seed: args.seed,
        ..Options::default()
    };
    let synthesis = synthesize(&answers, &options, &stages);
    let total = started.elapsed();
    let marks = stages.0.into_inner().expect("not poisoned");
    for (i, (stage, at)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map(|(_, t)| *t).unwrap_or(started + total);
        println!("  {stage:?}: {:.2} s", (end - *at).as_secs_f64());
    }
    println!(
        "synthesis: {:.2} s wall, peak memory {} MiB",
        total.as_secs_f64(),
        peak_mib()
    );
    report_quality(&rows, &synthesis);
    if args.diagnose {
        diagnose(&rows, &synthesis);
    }
    Ok(())
}

fn report_quality(rows: &[agora_corpus::Row], synthesis: &Synthesis) {
    let campaign_of = membership(
        synthesis
            .campaigns
            .iter()
            .map(|c| (c.id.as_str(), c.members.as_slice())),
    );
    let theme_of = membership(
        synthesis
            .themes
            .iter()
            .map(|t| (t.id.as_str(), t.members.as_slice())),
    );
    let scores = campaign_scores(rows, &campaign_of);
    let text_of: HashMap<&str, &str> = rows
        .iter()
        .map(|r| (r.id.as_str(), r.text.as_str()))
        .collect();
    let quotes: Vec<bool> = synthesis
        .themes
        .iter()
        .flat_map(|t| &t.quotes)
        .map(|q| text_of[q.submission.as_str()].contains(&q.text))
        .collect();
    println!(
        "campaigns: {} found, pairwise precision {:.4} recall {:.4} F1 {:.4}",
        synthesis.campaigns.len(),
        scores.precision,
        scores.recall,
        scores.f1
    );
    println!(
        "themes: {} found, NMI {:.4}",
        synthesis.themes.len(),
        theme_nmi(rows, &theme_of)
    );
    println!(
        "quotes: {} of {} verbatim in the answer they cite",
        quotes.iter().filter(|&&v| v).count(),
        quotes.len()
    );
}

/// The process's peak resident memory (VmHWM), in MiB.
fn peak_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kib| kib / 1024)
}

/// Found campaigns that mix planted campaigns (or organic answers), largest first.
fn diagnose(rows: &[agora_corpus::Row], synthesis: &Synthesis) {
    let row_of: HashMap<&str, &agora_corpus::Row> =
        rows.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut shown = 0;
    for campaign in &synthesis.campaigns {
        let mut planted: HashMap<&str, Vec<&str>> = HashMap::new();
        for member in &campaign.members {
            let row = row_of[member.as_str()];
            let key = if row.campaign.is_empty() {
                "(organic)"
            } else {
                row.campaign.as_str()
            };
            planted.entry(key).or_default().push(member);
        }
        if planted.len() < 2 {
            continue;
        }
        println!(
            "\n{} ({} members) mixes {} planted:",
            campaign.id,
            campaign.size,
            planted.len()
        );
        let mut parts: Vec<_> = planted.into_iter().collect();
        parts.sort_by_key(|(k, v)| (std::cmp::Reverse(v.len()), *k));
        for (planted, members) in parts.iter().take(4) {
            let row = row_of[members[0]];
            println!(
                "  {planted} ×{} [{:?}] {}",
                members.len(),
                row.edit,
                row.text.chars().take(160).collect::<String>()
            );
        }
        shown += 1;
        if shown == 6 {
            break;
        }
    }
    println!();
    for theme in &synthesis.themes {
        let mut planted: HashMap<(&str, &str), usize> = HashMap::new();
        for member in &theme.members {
            let row = row_of[member.as_str()];
            *planted.entry((row.theme, row.language)).or_insert(0) += 1;
        }
        let mut parts: Vec<_> = planted.into_iter().collect();
        parts.sort_by_key(|(k, v)| (std::cmp::Reverse(*v), *k));
        let top: Vec<String> = parts
            .iter()
            .take(5)
            .map(|((t, l), n)| format!("{t}/{l}:{n}"))
            .collect();
        println!(
            "{} {} ({}): {} | {}",
            theme.id,
            theme.weight,
            theme.distinct,
            top.join(" "),
            theme.label
        );
    }
}
