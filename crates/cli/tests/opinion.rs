//! `agora opinion` run as a user runs it, on a real Pol.is conversation (Seattle's $15/hour
//! minimum wage, from Pol.is's open data), and on broken input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn agora(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .args(args)
        .output()
        .expect("agora runs")
}

fn conversation() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../opinion/tests/fixtures/polis/15-per-hour-seattle")
}

fn text(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// `agora opinion` on the conversation's comments and the given votes file.
fn opinion(votes: &Path, out: &Path) -> Output {
    agora(&[
        "opinion",
        "--comments",
        text(&conversation().join("comments.csv")),
        "--votes",
        text(votes),
        "--out",
        text(out),
    ])
}

#[test]
fn a_real_conversation_becomes_an_opinion_map() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.json");
    let votes = conversation().join("votes.csv");
    let run = opinion(&votes, &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let map: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();

    assert_eq!(map["participants"], 339);
    assert_eq!(map["statements"], 54);
    let groups = map["groups"].as_array().unwrap();
    assert!((2..=5).contains(&groups.len()), "{} groups", groups.len());
    let mut members: Vec<u64> = groups
        .iter()
        .flat_map(|g| {
            g["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_u64().unwrap())
        })
        .collect();
    let count = members.len();
    members.sort_unstable();
    members.dedup();
    assert_eq!(members.len(), count, "a participant is in two groups");
    assert_eq!(count as u64, map["clustered"].as_u64().unwrap());

    let consensus = map["consensus"].as_array().unwrap();
    assert_eq!(consensus.len(), 5);
    for g in groups {
        let reps = &map["representative"][g["id"].as_u64().unwrap().to_string()];
        assert!(!reps.as_array().unwrap().is_empty());
    }

    // The same input gives the same bytes.
    let again = dir.path().join("again.json");
    assert!(opinion(&votes, &again).status.success());
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn a_bad_vote_is_named_by_file_line_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let votes = dir.path().join("votes.csv");
    std::fs::write(
        &votes,
        "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,1,1\n2,x,0,2,yes\n",
    )
    .unwrap();
    let out = dir.path().join("map.json");
    let run = opinion(&votes, &out);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("votes.csv"), "{stderr}");
    assert!(stderr.contains("line 3, column 5 (vote)"), "{stderr}");
    assert!(!out.exists());
}
