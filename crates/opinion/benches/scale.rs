//! A full recomputation at scale: 100,000 participants × 2,000 statements, 5,000,000 votes
//! (issue 7: under 2 s on 2 cores). `cargo bench -p agora-opinion --bench scale`.
//! Arguments (optional): participants statements votes-per-participant runs.

use std::time::Instant;

use agora_opinion::synthetic::{Shape, generate};
use agora_opinion::{Options, VoteMatrix, analyse};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let arg = |i: usize, default: usize| args.get(i).copied().unwrap_or(default);
    let shape = Shape {
        participants: arg(0, 100_000),
        statements: arg(1, 2_000),
        votes_per_participant: arg(2, 50),
        groups: 3,
        seed: 7,
    };
    let runs = arg(3, 5);
    let synthetic = generate(&shape);
    println!(
        "{} participants × {} statements, {} votes, {} threads",
        shape.participants,
        shape.statements,
        synthetic.votes.len(),
        rayon::current_num_threads()
    );
    for run in 1..=runs {
        let start = Instant::now();
        let matrix = VoteMatrix::new(&synthetic.votes, &[]);
        let built = start.elapsed();
        let analysis = analyse(&matrix, &Options::default());
        let total = start.elapsed();
        println!(
            "run {run}: matrix {:.3} s, analysis {:.3} s, total {:.3} s; {} groups",
            built.as_secs_f64(),
            (total - built).as_secs_f64(),
            total.as_secs_f64(),
            analysis.groups.len()
        );
    }
}
