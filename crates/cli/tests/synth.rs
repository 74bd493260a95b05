//! `agora synth` run as a user runs it: a generated consultation written as CSV and JSONL, the
//! real binary, its JSON, Markdown and HTML, and its errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn agora(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .args(args)
        .output()
        .expect("agora runs")
}

fn text(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// A labelled consultation of `n` answers as CSV, with the columns `agora gen` writes.
fn write_csv(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("answers.csv");
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer
        .write_record(["id", "question", "text", "stakeholder_group", "region"])
        .unwrap();
    for row in agora_corpus::generate(n, 3) {
        writer
            .write_record([
                row.id.as_str(),
                row.question,
                row.text.as_str(),
                row.stakeholder_group,
                row.region,
            ])
            .unwrap();
    }
    writer.flush().unwrap();
    path
}

fn synth(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["synth", text(input), "--out", text(out)];
    args.extend_from_slice(extra);
    agora(&args)
}

#[test]
fn json_has_the_documented_shape_and_is_byte_identical_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_csv(dir.path(), 600);
    let (first, second) = (dir.path().join("a.json"), dir.path().join("b.json"));
    for out in [&first, &second] {
        let run = synth(&input, out, &["--seed", "4"]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let bytes = std::fs::read(&first).unwrap();
    assert_eq!(bytes, std::fs::read(&second).unwrap());
    let json: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["documents"], 600);
    assert!(
        json["distinct"].as_u64().unwrap() < 600,
        "campaigns count once"
    );
    let campaign = &json["campaigns"][0];
    for key in ["id", "size", "template", "members"] {
        assert!(!campaign[key].is_null(), "campaigns[0].{key}");
    }
    let mut members = 0;
    for theme in json["themes"].as_array().unwrap() {
        for key in [
            "id",
            "label",
            "keyphrases",
            "weight",
            "members",
            "by_group",
            "quotes",
        ] {
            assert!(!theme[key].is_null(), "themes[].{key}");
        }
        members += theme["members"].as_array().unwrap().len();
    }
    assert_eq!(members, 600, "every answer in exactly one theme");
}

#[test]
fn themes_flag_sets_the_number_of_themes_per_question() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_csv(dir.path(), 400);
    let out = dir.path().join("s.json");
    assert!(synth(&input, &out, &["--themes", "2"]).status.success());
    let json: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let themed = json["themes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["other"] == false)
        .count();
    assert_eq!(themed, 2 * 3, "two themes for each of the three questions");
}

#[test]
fn jsonl_input_gives_the_same_synthesis_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv_input = write_csv(dir.path(), 300);
    let jsonl_input = dir.path().join("answers.jsonl");
    let mut lines = String::new();
    let mut reader = csv::Reader::from_path(&csv_input).unwrap();
    for record in reader.records() {
        let r = record.unwrap();
        let object = serde_json::json!({"id": &r[0], "question": &r[1], "text": &r[2], "stakeholder_group": &r[3], "region": &r[4]});
        lines.push_str(&format!("{object}\n"));
    }
    std::fs::write(&jsonl_input, lines).unwrap();
    let (a, b) = (dir.path().join("csv.json"), dir.path().join("jsonl.json"));
    assert!(synth(&csv_input, &a, &[]).status.success());
    assert!(synth(&jsonl_input, &b, &[]).status.success());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn an_xlsx_workbook_gives_the_same_synthesis_as_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv_input = write_csv(dir.path(), 300);
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(&csv_input)
        .unwrap();
    for (r, record) in reader.records().enumerate() {
        for (c, cell) in record.unwrap().iter().enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let xlsx_input = dir.path().join("answers.xlsx");
    workbook.save(&xlsx_input).unwrap();
    let (a, b) = (dir.path().join("csv.json"), dir.path().join("xlsx.json"));
    assert!(synth(&csv_input, &a, &[]).status.success());
    let run = synth(&xlsx_input, &b, &[]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn markdown_and_html_quote_the_same_sentences_as_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_csv(dir.path(), 300);
    let (json, md, html) = (
        dir.path().join("s.json"),
        dir.path().join("s.md"),
        dir.path().join("s.html"),
    );
    for out in [&json, &md, &html] {
        let run = synth(&input, out, &[]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let parsed: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let markdown = std::fs::read_to_string(&md).unwrap();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"));
    let mut checked = 0;
    for quote in parsed["themes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["quotes"].as_array().unwrap())
    {
        let sentence = quote["text"].as_str().unwrap();
        assert!(markdown.contains(sentence), "Markdown lacks {sentence}");
        // HTML escapes quotes and ampersands; compare a stretch without them.
        let plain: String = sentence
            .chars()
            .take_while(|c| !"&<>\"'".contains(*c))
            .collect();
        assert!(page.contains(&plain), "HTML lacks {plain}");
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn bad_input_is_refused_with_what_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.json");
    let no_text = dir.path().join("no-text.csv");
    std::fs::write(&no_text, "id,body\n1,hello\n").unwrap();
    let run = synth(&no_text, &out, &[]);
    let error = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success());
    assert!(
        error.contains("no column \"text\"") && error.contains("id, body"),
        "{error}"
    );

    let twice = dir.path().join("twice.csv");
    std::fs::write(&twice, "id,text\n7,one answer\n7,another answer\n").unwrap();
    let error = String::from_utf8_lossy(&synth(&twice, &out, &[]).stderr).into_owned();
    assert!(
        error.contains("\"7\" is given twice") && error.contains("answers 1 and 2"),
        "{error}"
    );

    let broken = dir.path().join("broken.jsonl");
    std::fs::write(&broken, "{\"id\": \"1\", \"text\": \"fine\"}\n[1, 2]\n").unwrap();
    let error = String::from_utf8_lossy(&synth(&broken, &out, &[]).stderr).into_owned();
    assert!(
        error.contains("broken.jsonl line 2") && error.contains("not a JSON object"),
        "{error}"
    );

    let named = dir.path().join("named.csv");
    std::fs::write(&named, "id,text\n1,hello\n").unwrap();
    let error = String::from_utf8_lossy(&synth(&named, &out, &["--group-column", "sector"]).stderr)
        .into_owned();
    assert!(error.contains("no column \"sector\""), "{error}");

    let error =
        String::from_utf8_lossy(&synth(&named, &dir.path().join("s.txt"), &[]).stderr).into_owned();
    assert!(error.contains(".json, .md or .html"), "{error}");
    assert!(!out.exists(), "nothing written after an error");
}
