//! Agora's opinion groups against the groups Pol.is itself made, on the real conversations of
//! Pol.is's open data (`shared/data/polis`, or the folder given as the first argument).
//!
//! `cargo run -p agora-opinion --example compare-polis --release` prints one Markdown row per
//! conversation: the adjusted Rand index between the two groupings (over participants both
//! clustered), and how many of Agora's five group-informed consensus statements are among the
//! five that Pol.is's groups give; then the same ARI with the spread start (`Start::Spread`).

use std::fs::File;
use std::path::{Path, PathBuf};

use agora_opinion::agreement;
use agora_opinion::polis::{read_comments, read_polis_groups, read_votes};
use agora_opinion::{Options, Start, VoteMatrix, analyse, summarise};

fn open(path: &Path) -> File {
    File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    let root = std::env::args().nth(1).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/polis"),
        PathBuf::from,
    );
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|d| d.join("participants-votes.csv").exists())
        .collect();
    dirs.sort();
    println!(
        "| conversation | participants | statements | votes | clustered (Agora / Pol.is) | groups (Agora / Pol.is) | ARI | consensus overlap | ARI, spread start (groups) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut aris = Vec::new();
    let mut spread_aris = Vec::new();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let matrix_file = dir.join("participants-votes.csv");
        let statements = read_comments(open(&dir.join("comments.csv"))).expect("comments.csv");
        let votes = read_votes(open(&matrix_file)).expect("participants-votes.csv");
        let polis = read_polis_groups(open(&matrix_file)).expect("participants-votes.csv");
        let matrix = VoteMatrix::new(&votes, &statements);
        let analysis = analyse(&matrix, &Options::default());

        let (ari, _) = agreement::against(&analysis.groups, &polis);
        aris.push(ari);
        let spread = analyse(
            &matrix,
            &Options {
                group_start: Start::Spread,
                ..Options::default()
            },
        );
        let (spread_ari, _) = agreement::against(&spread.groups, &polis);
        spread_aris.push(spread_ari);

        let mut polis_ids: Vec<u64> = polis.values().copied().collect();
        polis_ids.sort_unstable();
        polis_ids.dedup();
        let polis_rows: Vec<Vec<usize>> = polis_ids
            .iter()
            .map(|g| {
                (0..matrix.participants().len())
                    .filter(|&i| polis.get(&matrix.participants()[i]) == Some(g))
                    .collect()
            })
            .collect();
        let theirs = summarise(&matrix, &polis_rows, 5).consensus;
        let overlap = analysis
            .consensus
            .iter()
            .filter(|s| theirs.contains(s))
            .count();
        println!(
            "| {name} | {} | {} | {} | {} / {} | {} / {} | {ari:.3} | {overlap}/{} | {spread_ari:.3} ({}) |",
            analysis.participants,
            analysis.statements,
            matrix.vote_count(),
            analysis.clustered.len(),
            polis.len(),
            analysis.groups.len(),
            polis_ids.len(),
            theirs.len(),
            spread.groups.len()
        );
    }
    println!(
        "\nmedian ARI {:.3} over {} conversations (spread start: {:.3})",
        median(aris.clone()),
        aris.len(),
        median(spread_aris)
    );
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}
