//! `agora import responses` at national scale: a generated CSV of `--rows` answers (default
//! 1,000,000) read, checked and stored in one transaction, timed phase by phase. The same code
//! path as the CLI (agora-import, then `Store::import_submissions`).
//!
//! `cargo run --release -p agora-bench --bin import-load -- --rows 1000000`

use std::fmt::Write as _;
use std::time::Instant;

use agora_core::consultation::QuestionDraft;
use agora_store::Store;
use anyhow::Result;
use clap::Parser;

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 1_000_000)]
    rows: usize,
}

const MAP: &str = r#"
[respondent]
name = "Name"
email = "Email"
submitted_at = "Submitted"
[author]
stakeholder_group = "Group"
country = "Country"
lang = "Language"
[answers]
1 = "Q1"
2 = "Q2"
3 = "Q3"
[values.stakeholder_group]
"Civil Society" = "civil-society"
"Government" = "government"
"#;

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let dir = tempfile::tempdir()?;
    let store = Store::open(&format!("sqlite://{}/import.db", dir.path().display())).await?;
    let groups = store.stakeholder_groups().await?;
    let drafts = [
        QuestionDraft {
            prompt: "Q1".into(),
            word_limit: "200".into(),
            ..Default::default()
        },
        QuestionDraft {
            prompt: "Q2".into(),
            kind: "multiple-choice".into(),
            choices: "Spam\nCybercrime\nHuman rights".into(),
            ..Default::default()
        },
        QuestionDraft {
            prompt: "Q3".into(),
            kind: "scale".into(),
            ..Default::default()
        },
    ];
    let (phase, consultation, questions) =
        agora_bench::open_consultation(&store, "2013-06-01T00:00", "2013-07-15T12:00", &drafts)
            .await?;

    let mut csv = String::from("Name,Email,Submitted,Group,Country,Language,Q1,Q2,Q3\n");
    for i in 0..args.rows {
        let group = if i % 3 == 0 {
            "Government"
        } else {
            "Civil Society"
        };
        let lang = if i % 2 == 0 { "en" } else { "fr" };
        writeln!(
            csv,
            "Person {i},p{i}@example.org,2013-07-0{} 10:{:02},{group},HU,{lang},\"Enhanced cooperation, answer {i}: equal footing for all stakeholders\",Spam;Human rights,{}",
            1 + i % 9,
            i % 60,
            1 + i % 5
        )?;
    }
    println!(
        "generated {} rows ({:.0} MB of CSV)",
        args.rows,
        csv.len() as f64 / 1e6
    );

    let total = Instant::now();
    let started = Instant::now();
    let map = agora_import::ColumnMap::parse(MAP)?;
    let table = agora_import::Table::read(csv.as_bytes(), agora_import::Encoding::Auto, None)?;
    let read = started.elapsed();
    let started = Instant::now();
    let sheets =
        agora_import::read_sheets(&table, &map, &phase, &consultation, &questions, &groups)?;
    let checked = started.elapsed();
    let started = Instant::now();
    let batch = agora_core::new_id();
    let now = jiff::Timestamp::now();
    let sheets: Vec<_> = sheets
        .into_iter()
        .map(|sheet| sheet.into_submission(phase.id, batch, true, now))
        .collect();
    store
        .import_submissions(None, phase.id, &sheets, |_| {})
        .await?;
    let stored = started.elapsed();
    println!(
        "{} rows: read {:.1} s, checked {:.1} s, stored {:.1} s; total {:.1} s ({:.0} rows/s)",
        args.rows,
        read.as_secs_f64(),
        checked.as_secs_f64(),
        stored.as_secs_f64(),
        total.elapsed().as_secs_f64(),
        args.rows as f64 / total.elapsed().as_secs_f64()
    );
    Ok(())
}
