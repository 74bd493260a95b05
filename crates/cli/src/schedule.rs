//! `agora schedule`: reads a timetabling instance (rooms, days, slots, sessions, people) as
//! JSON, places the sessions, and writes the placements with their hard violations and soft
//! costs; optionally the frab XML and JSON schedules. With `--check`, it judges a given
//! timetable instead of solving.

use std::path::{Path, PathBuf};
use std::time::Instant;

use agora_programme::export::{Meta, frab_xml, schedule_json};
use agora_programme::{Indexed, Instance, Placement, Report, check, solve};
use anyhow::{Context, Result, bail};
use clap::Args;
use serde::{Deserialize, Serialize};

#[derive(Args)]
pub struct ScheduleArgs {
    /// The instance, JSON (see docs/USER-GUIDE.md, "Timetabling").
    input: PathBuf,
    /// Where to write the placements, hard violations and soft costs (JSON).
    #[arg(long)]
    out: PathBuf,
    /// Judge this timetable (an earlier --out file, or {"placements": [...]}) instead of
    /// solving: the web editor's check, from the command line.
    #[arg(long)]
    check: Option<PathBuf>,
    /// Also write the timetable as frab schedule.xml.
    #[arg(long)]
    frab: Option<PathBuf>,
    /// Also write the timetable as schedule.json (c3voc schema, as pretalx publishes it).
    #[arg(long)]
    schedule_json: Option<PathBuf>,
    /// The conference's short name in the exports.
    #[arg(long, default_value = "AGORA")]
    acronym: String,
    /// The release named in the exports.
    #[arg(long, default_value = "1.0")]
    release: String,
    /// Where the exported schedule will be published.
    #[arg(long, default_value = "https://example.org/")]
    base_url: String,
    /// Override the instance's seed: the same input and seed give the same timetable.
    #[arg(long)]
    seed: Option<u64>,
    /// Override the number of local-search moves.
    #[arg(long)]
    iterations: Option<usize>,
}

/// What `--out` holds.
#[derive(Serialize)]
struct Output {
    placements: Vec<Placement>,
    #[serde(flatten)]
    report: Report,
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{}: not a valid file", path.display()))
}

pub fn run(args: ScheduleArgs) -> Result<()> {
    let mut instance: Instance = read_json(&args.input)?;
    if let Some(seed) = args.seed {
        instance.options.seed = seed;
    }
    if let Some(iterations) = args.iterations {
        instance.options.iterations = iterations;
    }
    let ix = Indexed::new(&instance).with_context(|| format!("{}", args.input.display()))?;
    let started = Instant::now();
    let (placements, report) = match &args.check {
        Some(path) => {
            let given = read_placements(path)?;
            let report = check(&ix, &given);
            (given, report)
        }
        None => {
            let t = solve(&instance).with_context(|| format!("{}", args.input.display()))?;
            (t.placements, t.report)
        }
    };
    let elapsed = started.elapsed();
    let meta = Meta {
        acronym: &args.acronym,
        version: &args.release,
        base_url: &args.base_url,
    };
    if let Some(path) = &args.frab {
        write(path, &frab_xml(&ix, &placements, &meta))?;
    }
    if let Some(path) = &args.schedule_json {
        write(path, &schedule_json(&ix, &placements, &meta))?;
    }
    let c = &report.costs;
    eprintln!(
        "{} of {} sessions placed in {:.1} ms; {} hard violations; soft cost {} (theme spread {}, theme clash {}, remote hours {})",
        placements.len(),
        instance.sessions.len(),
        elapsed.as_secs_f64() * 1e3,
        report.hard.len(),
        c.total,
        c.theme_spread,
        c.theme_clash,
        c.remote_hours
    );
    let hard = report.hard.len();
    let output = Output { placements, report };
    write(&args.out, &serde_json::to_string_pretty(&output)?)?;
    if hard > 0 {
        bail!(
            "{hard} hard violations: see \"hard\" in {}",
            args.out.display()
        );
    }
    Ok(())
}

/// The placements of a `--check` file: a list, or an object with a "placements" list (an
/// earlier `--out`).
fn read_placements(path: &Path) -> Result<Vec<Placement>> {
    let value: serde_json::Value = read_json(path)?;
    let list = match value {
        serde_json::Value::Object(mut object) => object
            .remove("placements")
            .with_context(|| format!("{}: no \"placements\" list", path.display()))?,
        other => other,
    };
    serde_json::from_value(list).with_context(|| {
        format!(
            "{}: placements: not a list of {{session, room, slot}}",
            path.display()
        )
    })
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}
