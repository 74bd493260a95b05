//! `agora export responses` run as a user runs it: the real binary on a real database, and its
//! export imported again with `agora import responses` and the map it wrote.

use std::process::Command;

use agora_core::consultation::{ConsultationDraft, Question};
use agora_core::process::PhaseDraft;
use agora_store::Store;

const MAP: &str = r#"
[respondent]
name = "Name"
email = "Email"
submitted_at = "Date"
[author]
stakeholder_group = "Group"
country = "Country"
organisation = "Organisation"
on_behalf = "On behalf"
lang = "Language"
[answers]
1 = "Understanding"
2 = "Issues"
4 = "New mechanism"
5 = "Equal footing"
"#;

const ANSWERS: &str = "Name,Email,Date,Group,Country,Organisation,On behalf,Language,Understanding,Issues,New mechanism,Equal footing\n\
Joy,joy@example.org,2013-07-01 10:00,civil-society,NZ,APC,no,en,\"Equal footing, \"\"para. 69\"\"\nand more\",\"Security, spam and cybercrime;Multilingualism\",Yes,2\n\
Nabil,,2013-07-02 11:30,government,EG,\"Ministry of Communications, Egypt\",yes,ar,التعاون المعزز,,No,\n\
Li,,2013-07-03 09:15,academic-community,CN,,,zh,加强合作，平等参与,Development and access,,5\n";

fn agora(args: &[&str]) -> std::process::Output {
    let output = Command::new(env!("CARGO_BIN_EXE_agora"))
        .args(args)
        .output()
        .expect("agora runs");
    assert!(
        output.status.success(),
        "agora {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Every cell of a CSV export but those that name this copy (id, receipt, import origin).
fn comparable(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let kept: Vec<usize> = (0..headers.len())
        .filter(|i| !["id", "receipt", "import_batch", "import_row"].contains(&&headers[*i]))
        .collect();
    let mut rows = vec![kept.iter().map(|i| headers[*i].to_owned()).collect()];
    for record in reader.records() {
        let record = record.unwrap();
        rows.push(kept.iter().map(|i| record[*i].to_owned()).collect());
    }
    rows
}

#[tokio::test]
async fn an_export_imports_into_another_consultation_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let db = format!("sqlite://{}", path("agora.db"));
    agora(&["demo", "--db", &db]);
    let store = Store::open(&db).await.unwrap();
    let wgec = store.process_by_slug("wgec-2013").await.unwrap().unwrap();
    let (source, _) = store.consultations_of(wgec.id).await.unwrap().remove(0);
    let source_id = source.id.to_string();
    std::fs::write(path("map.toml"), MAP).unwrap();
    std::fs::write(path("answers.csv"), ANSWERS).unwrap();
    agora(&[
        "import",
        "responses",
        &path("answers.csv"),
        "--consultation",
        &source_id,
        "--map",
        &path("map.toml"),
        "--db",
        &db,
    ]);

    // Another consultation with the same questions and hours.
    let phase = PhaseDraft {
        kind: "consultation".into(),
        title: "Questionnaire, second round".into(),
        opens_at: "2013-06-01T00:00".into(),
        closes_at: "2013-07-15T23:59:59".into(),
    }
    .validate(&wgec)
    .unwrap();
    let settings = ConsultationDraft {
        on_behalf_allowed: true,
        ..Default::default()
    }
    .validate(&phase)
    .unwrap();
    store
        .create_consultation(None, &phase, &settings)
        .await
        .unwrap();
    for question in store.questions(source.id).await.unwrap() {
        let copy = Question {
            id: agora_core::new_id(),
            phase_id: phase.id,
            ..question
        };
        store.create(None, &copy).await.unwrap();
    }
    let target_id = phase.id.to_string();

    let export = |id: &str, format: &str, out: &str| {
        let said = agora(&[
            "export",
            "responses",
            "--consultation",
            id,
            "--format",
            format,
            "--scope",
            "all",
            "--out",
            &path(out),
            "--db",
            &db,
        ]);
        assert!(String::from_utf8_lossy(&said.stdout).contains(&path(out)));
    };
    export(&source_id, "csv", "export.csv");
    export(&source_id, "xlsx", "export.xlsx");
    export(&source_id, "map", "export.map.toml");
    export(&source_id, "json", "export.json");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path("export.json")).unwrap()).unwrap();
    assert_eq!(json["answers"].as_array().unwrap().len(), 3);
    assert!(
        std::fs::read(path("export.xlsx"))
            .unwrap()
            .starts_with(b"PK")
    );

    agora(&[
        "import",
        "responses",
        &path("export.xlsx"),
        "--consultation",
        &target_id,
        "--map",
        &path("export.map.toml"),
        "--db",
        &db,
    ]);
    export(&target_id, "csv", "again.csv");
    let before = comparable(&dir.path().join("export.csv"));
    assert_eq!(before.len(), 4, "a header and three sheets");
    assert!(
        before[1]
            .iter()
            .any(|c| c == "Equal footing, \"para. 69\"\nand more")
    );
    assert!(before[2].iter().any(|c| c == "التعاون المعزز"));
    assert_eq!(comparable(&dir.path().join("again.csv")), before);

    let refused = Command::new(env!("CARGO_BIN_EXE_agora"))
        .args(["export", "responses", "--consultation", &source_id])
        .args(["--format", "pdf", "--out", &path("x.pdf"), "--db", &db])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("use csv, xlsx, json or map"));
}
