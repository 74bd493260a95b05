//! `agora import responses` run as a user runs it: the real binary on a real database.

use std::process::Command;

use agora_store::{PageRequest, Store};

const MAP: &str = r#"
[respondent]
name = "Name"
submitted_at = "Date"
[author]
stakeholder_group = "Group"
country = "Country"
lang = { value = "en" }
[answers]
1 = "Understanding"
4 = "New mechanism"
[values.stakeholder_group]
"Civil Society" = "civil-society"
"Government" = "government"
"#;

fn agora(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .args(args)
        .output()
        .expect("agora runs")
}

#[tokio::test]
async fn an_export_is_imported_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/agora.db", dir.path().display());
    assert!(agora(&["demo", "--db", &db]).status.success());
    let store = Store::open(&db).await.unwrap();
    let wgec = store.process_by_slug("wgec-2013").await.unwrap().unwrap();
    let (phase, _) = store.consultations_of(wgec.id).await.unwrap().remove(0);
    let map = dir.path().join("map.toml");
    std::fs::write(&map, MAP).unwrap();
    let id = phase.id.to_string();

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Name,Date,Group,Country,Understanding,New mechanism\n\
         Joy,2013-07-01 10:00,Civil Society,NZ,Equal footing,Yes\n\
         Franklin,2013-07-02 10:00,Ministry,BR,Dialogue,Perhaps\n",
    )
    .unwrap();
    let refused = agora(&[
        "import",
        "responses",
        bad.to_str().unwrap(),
        "--consultation",
        &id,
        "--map",
        map.to_str().unwrap(),
        "--db",
        &db,
    ]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("row 3, column \"Group\""), "{said}");
    assert!(said.contains("row 3, column \"New mechanism\""), "{said}");
    assert!(said.contains("nothing was imported"), "{said}");
    assert!(
        store
            .published_submissions(phase.id, &PageRequest::first(10))
            .await
            .unwrap()
            .items
            .is_empty()
    );

    let good = dir.path().join("good.csv");
    let mut rows = String::from("Name,Date,Group,Country,Understanding,New mechanism\n");
    for i in 0..250 {
        rows.push_str(&format!(
            "Person {i},2013-07-01 10:00,Government,HU,Answer {i},No\n"
        ));
    }
    std::fs::write(&good, rows).unwrap();
    let imported = agora(&[
        "import",
        "responses",
        good.to_str().unwrap(),
        "--consultation",
        &id,
        "--map",
        map.to_str().unwrap(),
        "--db",
        &db,
    ]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    assert!(String::from_utf8_lossy(&imported.stdout).contains("Imported 250 answer sheets"));
    let page = store
        .published_submissions(phase.id, &PageRequest::first(200))
        .await
        .unwrap();
    assert_eq!(page.items.len(), 200);
    assert!(page.next.is_some());
    assert!(
        page.items
            .iter()
            .all(|s| s.user_id.is_none() && s.imported.is_some())
    );
}
