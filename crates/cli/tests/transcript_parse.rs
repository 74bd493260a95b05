//! `agora transcript parse` on the seed meeting: the documented JSON, printed by the binary.

use std::process::Command;

use serde_json::Value;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../records/tests/fixtures/icann-beijing-2013-04-08-fr.txt"
);

#[test]
fn the_seed_transcript_parses_to_the_documented_json() {
    let output = Command::new(env!("CARGO_BIN_EXE_agora"))
        .args(["transcript", "parse", SEED])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    for key in [
        "title",
        "date",
        "language",
        "speakers",
        "turns",
        "inaudible",
        "warnings",
    ] {
        assert!(json.get(key).is_some(), "no {key}");
    }
    assert_eq!(json["language"], "fr");
    let turns = json["turns"].as_array().unwrap();
    assert_eq!(turns.iter().filter(|t| t["speaker"].is_null()).count(), 3);
    let speakers = json["speakers"].as_array().unwrap();
    let turns_counted: u64 = speakers.iter().map(|s| s["turns"].as_u64().unwrap()).sum();
    assert_eq!(
        turns_counted as usize,
        turns.len() - 3,
        "every attributed turn counted once"
    );
    assert!(speakers.iter().all(|s| s["words"].as_u64().unwrap() > 0));
}

#[test]
fn a_file_that_is_not_text_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binary.txt");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0xd8]).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_agora"))
        .args(["transcript", "parse", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("binary.txt") && error.contains("not UTF-8"),
        "{error}"
    );
}
