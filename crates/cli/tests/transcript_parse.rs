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

/// Runs `agora transcript parse` on `bytes` written to a file named `name`.
fn parse_file(name: &str, bytes: &[u8], args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .args(["transcript", "parse", path.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn damaged_bytes_are_parsed_with_a_warning_naming_the_byte() {
    // A UTF-16 mark followed by half a surrogate pair.
    let output = parse_file("binary.txt", &[0xff, 0xfe, 0x00, 0xd8], &[]);
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["turns"].as_array().unwrap().len(), 0);
    let warnings = json["warnings"].as_array().unwrap();
    assert_eq!(
        warnings[0],
        "line 1: invalid UTF-16 at byte 2, replaced by U+FFFD"
    );
    assert!(warnings[1].as_str().unwrap().contains("nothing was parsed"));
}

#[test]
fn captions_carry_their_times_and_the_format_can_be_chosen() {
    let srt = "1\n00:00:01,000 --> 00:00:04,500\nPETER MAJOR: Welcome.\n\n2\n00:00:04,500 --> 00:00:06,000\n- Joy Liddicoat: Thanks.\n";
    let output = parse_file("session.srt", srt.as_bytes(), &[]);
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["format"], "srt");
    let turns = json["turns"].as_array().unwrap();
    assert_eq!(turns[0]["speaker"], "PETER MAJOR");
    assert_eq!(turns[0]["kind"], "speech");
    assert_eq!(
        (turns[0]["start_ms"].as_u64(), turns[0]["end_ms"].as_u64()),
        (Some(1000), Some(4500))
    );
    assert_eq!(json["speakers"][1]["speaking_ms"], 1500);
    // Read as minutes, the timing lines are text and no turn has times.
    let output = parse_file("session.srt", srt.as_bytes(), &["--format", "minutes"]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["format"], "minutes");
    assert!(
        json["turns"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t.get("start_ms").is_none())
    );
}

#[test]
fn an_unknown_format_is_refused_with_the_list() {
    let output = parse_file("a.txt", b"x", &["--format", "docx"]);
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("\"docx\"") && error.contains("webvtt") && error.contains("auto"),
        "{error}"
    );
}
