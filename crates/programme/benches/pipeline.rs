//! The whole programme pipeline on a synthetic IGF: 1,000 proposals, 60 reviewers, 4 reviews
//! each; assignment, aggregation, selection of 150 sessions, and their timetable over 12
//! rooms × 4 days × 8 slots. Prints each stage's time and the hard violations (must be 0).
//!
//! `cargo bench -p agora-programme --bench pipeline [-- --seed N --write-instance PATH]`:
//! with `--write-instance`, the timetabling instance is also written as the JSON that
//! `agora schedule` reads, for bench/schedule-compare.sh.

use std::collections::BTreeSet;
use std::time::Instant;

use agora_programme::synthetic;
use agora_programme::{Indexed, aggregate, assign, candidates, directory, screen, select, solve};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    let seed: u64 = value("--seed").map_or(Ok(7), |s| s.parse())?;
    let call = synthetic::call(seed, 1000, 60);
    let people = directory(call.people.clone());

    let t = Instant::now();
    let failures = screen(
        &call.proposals,
        &people,
        &BTreeSet::new(),
        &Default::default(),
    );
    let screening = t.elapsed();
    let failed: BTreeSet<&str> = failures.iter().map(|f| f.proposal.as_str()).collect();
    let mut by_rule: std::collections::BTreeMap<String, usize> = Default::default();
    for f in &failures {
        let rule = serde_json::to_value(&f.rule)?["rule"]
            .as_str()
            .unwrap_or("?")
            .to_string();
        *by_rule.entry(rule).or_default() += 1;
    }

    let t = Instant::now();
    let assignment = assign(&call.proposals, &call.reviewers, &people, 4, seed);
    let assigning = t.elapsed();
    let reviews = synthetic::reviews(&call, &assignment, seed);

    let t = Instant::now();
    let scores = aggregate(&reviews, &synthetic::criteria())?;
    let aggregating = t.elapsed();

    let t = Instant::now();
    let eligible: Vec<_> = call
        .proposals
        .iter()
        .filter(|p| !failed.contains(p.id.as_str()))
        .cloned()
        .collect();
    let selection = select(
        &candidates(&eligible, &people, &scores),
        &synthetic::rules(),
    );
    let selecting = t.elapsed();

    let instance = synthetic::instance(&call, &selection.selected, 12, 4, 8, seed);
    let t = Instant::now();
    let timetable = solve(&instance)?;
    let scheduling = t.elapsed();
    let all = assigning + aggregating + selecting + scheduling;

    let loads: Vec<usize> = assignment.load.values().copied().collect();
    println!(
        "proposals 1000, reviewers 60, reviews {} (load {}–{}), shortfalls {}",
        reviews.len(),
        loads.iter().min().unwrap_or(&0),
        loads.iter().max().unwrap_or(&0),
        assignment.shortfalls.len()
    );
    println!(
        "screening      {:>8.1} ms ({} proposals fail, {} pass)",
        screening.as_secs_f64() * 1e3,
        failed.len(),
        eligible.len()
    );
    println!("assignment     {:>8.1} ms", assigning.as_secs_f64() * 1e3);
    println!("aggregation    {:>8.1} ms", aggregating.as_secs_f64() * 1e3);
    println!(
        "selection      {:>8.1} ms ({} chosen, {} constraints unmet)",
        selecting.as_secs_f64() * 1e3,
        selection.selected.len(),
        selection.unmet.len()
    );
    println!(
        "timetable      {:>8.1} ms ({} sessions, 12 rooms × 4 days × 8 slots)",
        scheduling.as_secs_f64() * 1e3,
        instance.sessions.len()
    );
    println!(
        "together       {:>8.1} ms (assignment, aggregation, selection, timetable)",
        all.as_secs_f64() * 1e3
    );
    println!("screening failures by rule: {by_rule:?}");
    let c = &timetable.report.costs;
    println!(
        "hard violations {}; soft costs: theme spread {}, theme clash {}, remote hours {}, total {}",
        timetable.report.hard.len(),
        c.theme_spread,
        c.theme_clash,
        c.remote_hours,
        c.total
    );
    // A lower bound on the remote-hours cost: each session's best slot for its remote people.
    let ix = Indexed::new(&instance)?;
    let floor: usize = (0..instance.sessions.len())
        .map(|x| {
            (0..instance.slots.len())
                .filter(|&s| (0..instance.rooms.len()).any(|r| ix.fits(x, r, s)))
                .map(|s| ix.remote_misfits(x, s).count())
                .min()
                .unwrap_or(0)
        })
        .sum();
    println!("remote hours no timetable can avoid: {floor}");
    for u in &selection.unmet {
        println!("unmet: {}", serde_json::to_string(u)?);
    }
    if let Some(path) = value("--write-instance") {
        std::fs::write(path, serde_json::to_string_pretty(&instance)?)?;
    }
    Ok(())
}
