//! Writes a synthetic conversation as a Pol.is export, for side-by-side runs with other tools
//! (bench/opinion-compare.sh): `comments.csv`, `votes.csv`, and `planted.csv` (each
//! participant's planted group, the ground truth).
//!
//! `cargo run -p agora-opinion --example synthetic-csv --release -- OUT_DIR PARTICIPANTS
//! STATEMENTS VOTES_PER_PARTICIPANT [GROUPS] [SEED]`

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use agora_opinion::synthetic::{Shape, generate};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| {
        args.get(i)
            .map_or(default, |a| a.parse().expect("a whole number"))
    };
    let out = PathBuf::from(args.first().expect("an output folder"));
    let shape = Shape {
        participants: number(1, 10_000),
        statements: number(2, 500),
        votes_per_participant: number(3, 50),
        groups: number(4, 3),
        seed: number(5, 7) as u64,
    };
    std::fs::create_dir_all(&out)?;
    let conversation = generate(&shape);

    let mut comments = BufWriter::new(File::create(out.join("comments.csv"))?);
    writeln!(
        comments,
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body"
    )?;
    for s in 0..shape.statements {
        writeln!(comments, "0,,{s},0,0,0,1,statement {s}")?;
    }
    comments.flush()?;

    let mut votes = BufWriter::new(File::create(out.join("votes.csv"))?);
    writeln!(votes, "timestamp,datetime,comment-id,voter-id,vote")?;
    for v in &conversation.votes {
        writeln!(
            votes,
            "{},,{},{},{}",
            v.at,
            v.statement,
            v.participant,
            v.opinion.value()
        )?;
    }
    votes.flush()?;

    let mut planted = BufWriter::new(File::create(out.join("planted.csv"))?);
    writeln!(planted, "participant,group")?;
    for (p, g) in &conversation.planted {
        writeln!(planted, "{p},{g}")?;
    }
    planted.flush()?;
    eprintln!(
        "{} votes written to {}",
        conversation.votes.len(),
        out.display()
    );
    Ok(())
}
