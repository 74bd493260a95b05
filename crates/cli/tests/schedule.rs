//! `agora schedule` on the documented example: the output shape, the exports, `--check`, and
//! errors that name the field.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../programme/examples/igf-small.json"
);

fn agora(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .args(args)
        .output()
        .unwrap()
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_example_is_placed_without_hard_violations_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let xml = dir.path().join("schedule.xml");
    let sched = dir.path().join("schedule.json");
    let run = agora(&[
        "schedule",
        EXAMPLE,
        "--out",
        out.to_str().unwrap(),
        "--frab",
        xml.to_str().unwrap(),
        "--schedule-json",
        sched.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let result = json(&out);
    assert_eq!(result["placements"].as_array().unwrap().len(), 6);
    assert_eq!(result["hard"], Value::Array(vec![]));
    for kind in ["theme_spread", "theme_clash", "remote_hours", "total"] {
        assert!(result["costs"][kind].is_number(), "costs.{kind}");
    }
    assert!(
        std::fs::read_to_string(&xml)
            .unwrap()
            .contains("<title>Meaningful access in rural Africa</title>")
    );
    assert_eq!(
        json(&sched)["schedule"]["conference"]["time_zone_name"],
        "Europe/Oslo"
    );

    // The same input gives the same bytes; --check on the result agrees with the solver.
    let again = dir.path().join("again.json");
    assert!(
        agora(&["schedule", EXAMPLE, "--out", again.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
    let verdict = dir.path().join("verdict.json");
    let checked = agora(&[
        "schedule",
        EXAMPLE,
        "--check",
        out.to_str().unwrap(),
        "--out",
        verdict.to_str().unwrap(),
    ]);
    assert!(checked.status.success());
    assert_eq!(json(&verdict), result);
}

#[test]
fn a_hand_edited_clash_fails_the_check_and_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("edited.json");
    // ws-101 and ws-201 share Bruno; put them at the same time.
    std::fs::write(
        &edited,
        r#"[{"session": "ws-101", "room": "plenary", "slot": "d1-am"},
            {"session": "ws-201", "room": "ws1", "slot": "d1-am"}]"#,
    )
    .unwrap();
    let verdict = dir.path().join("verdict.json");
    let run = agora(&[
        "schedule",
        EXAMPLE,
        "--check",
        edited.to_str().unwrap(),
        "--out",
        verdict.to_str().unwrap(),
    ]);
    assert!(!run.status.success());
    let hard = json(&verdict)["hard"].clone();
    let kinds: Vec<&str> = hard
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"person_double_booked"), "{kinds:?}");
    assert!(kinds.contains(&"over_capacity"), "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "unscheduled").count(), 4);
}

#[test]
fn bad_input_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut instance = json(Path::new(EXAMPLE));
    instance["sessions"][2]["people"][0] = "ghost".into();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, instance.to_string()).unwrap();
    let out = dir.path().join("out.json");
    let run = agora(&[
        "schedule",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("sessions[2].people[0]: unknown person \"ghost\""),
        "{stderr}"
    );

    std::fs::write(
        &bad,
        "{\"days\": [\"2026-11-10\"],\n \"rooms\": [{\"id\": \"a\"}]}",
    )
    .unwrap();
    let run = agora(&[
        "schedule",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("missing field `capacity` at line 2"),
        "{stderr}"
    );
}
