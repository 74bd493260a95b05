//! `agora gen consultation`: the file is what the generator made, in the format the name asks
//! for, and the same seed gives the same bytes.

use std::process::Command;

fn generate(out: &std::path::Path, seed: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .args([
            "gen",
            "consultation",
            "--responses",
            "500",
            "--seed",
            seed,
            "--out",
        ])
        .arg(out)
        .output()
        .expect("the agora binary runs")
}

#[test]
fn csv_and_jsonl_carry_the_ground_truth() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("c.csv");
    assert!(generate(&csv_path, "3").status.success());
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "question",
            "text",
            "stakeholder_group",
            "region",
            "language",
            "organisation",
            "campaign",
            "theme",
            "edit"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let expected = agora_corpus::generate(500, 3);
    assert_eq!(records.len(), expected.len());
    for (record, row) in records.iter().zip(&expected) {
        assert_eq!(&record[0], row.id);
        assert_eq!(&record[2], row.text, "texts survive CSV quoting");
        assert_eq!(&record[7], row.campaign);
        assert_eq!(&record[8], row.theme);
    }

    let jsonl_path = dir.path().join("c.jsonl");
    assert!(generate(&jsonl_path, "3").status.success());
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&jsonl_path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 500);
    assert_eq!(lines[7]["text"], expected[7].text.as_str());
    assert_eq!(lines[7]["edit"], expected[7].edit.as_str());

    let again = dir.path().join("again.csv");
    assert!(generate(&again, "3").status.success());
    assert_eq!(
        std::fs::read(&csv_path).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

#[test]
fn an_unknown_extension_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(&dir.path().join("c.txt"), "1");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("c.txt") && stderr.contains(".csv or .jsonl"),
        "{stderr}"
    );
}
