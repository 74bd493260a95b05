//! `agora reindex` and `agora search` on the demo database, through the binary: the index
//! beside the SQLite file, its absence explained, results as text and as the API's JSON,
//! refused flags named, and `serve` keeping the index current by itself.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn agora(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .current_dir(dir)
        .env_remove("AGORA_DB")
        .env_remove("AGORA_SEARCH_DIR")
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn reindex_then_search_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let db = ["--db", "sqlite://demo.db"];
    assert!(agora(dir.path(), &["demo", db[0], db[1]]).status.success());

    let missing = agora(dir.path(), &["search", "gouvernance", db[0], db[1]]);
    assert!(!missing.status.success());
    assert!(
        text(&missing.stderr).contains("no search index at demo.db.search: run `agora reindex`"),
        "{}",
        text(&missing.stderr)
    );

    let built = agora(dir.path(), &["reindex", db[0], db[1]]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    // 85 glossary entries, 14 processes and the 59 turns of the Beijing transcript; the demo
    // has no published answers.
    assert!(
        text(&built.stdout).starts_with("Indexed 158 records into demo.db.search"),
        "{}",
        text(&built.stdout)
    );
    assert!(dir.path().join("demo.db.search/meta.json").exists());

    let found = agora(dir.path(), &["search", "gouvernance", db[0], db[1]]);
    assert!(found.status.success(), "{}", text(&found.stderr));
    let out = text(&found.stdout);
    assert!(out.contains("[glossary] IGF"), "{out}");
    assert!(
        out.contains("Forum sur la **gouvernance** de l'Internet"),
        "{out}"
    );

    let json = agora(
        dir.path(),
        &[
            "search",
            "internet governance",
            "--kind",
            "glossary",
            "--language",
            "en",
            "--json",
            db[0],
            db[1],
        ],
    );
    assert!(json.status.success(), "{}", text(&json.stderr));
    let document: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(document["query"], "internet governance");
    let results = document["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["kind"] == "glossary"));
    assert!(results.iter().any(|r| r["title"] == "IGF"));
    let total = document["total"].as_u64().unwrap();
    assert_eq!(total as usize, results.len());

    let refused = agora(
        dir.path(),
        &[
            "search",
            "x",
            "--kind",
            "poem",
            "--from",
            "yesterday",
            db[0],
            db[1],
        ],
    );
    assert!(!refused.status.success());
    assert_eq!(
        text(&refused.stderr).trim(),
        "agora: cannot search: --kind is invalid-choice, --from is invalid-date"
    );
}

#[test]
fn postgres_needs_a_search_dir() {
    let dir = tempfile::tempdir().unwrap();
    let refused = agora(
        dir.path(),
        &["reindex", "--db", "postgres://nobody@127.0.0.1:1/none"],
    );
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("give --search-dir"),
        "{}",
        text(&refused.stderr)
    );
}

/// GETs `path` from `addr` (`127.0.0.1:port`) and returns the body.
fn get(addr: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default()
}

/// Asks until `found` holds of the search's JSON, for up to ten seconds.
fn eventually(addr: &str, query: &str, found: impl Fn(&Value) -> bool) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let body = get(addr, &format!("/api/v1/search?{query}"));
        let document: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        if found(&document) || std::time::Instant::now() > deadline {
            return document;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_builds_the_index_and_keeps_it_current() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/agora.db", dir.path().display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_agora"))
        .args(["serve", "--demo", "--addr", "127.0.0.1:0", "--db", &db])
        .env_remove("AGORA_SEARCH_DIR")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = first
        .trim()
        .trim_start_matches("Agora listening on http://")
        .trim_end_matches('/')
        .to_owned();

    // Never built: the server builds it from the database at start.
    let built = eventually(&addr, "q=gouvernance", |d| d["total"].as_u64() > Some(0));
    assert!(built["total"].as_u64() > Some(0), "{built}");
    assert!(dir.path().join("agora.db.search/meta.json").exists());

    // A write by another process (a second server, a script) reaches it through the feed.
    let store = agora_store::Store::open(&db).await.unwrap();
    let entry = agora_core::glossary::GlossaryDraft {
        acronym: "QWERTZ".into(),
        expansions: vec![agora_core::glossary::Expansion {
            lang: "fr".into(),
            text: "Quelques wombats explorent la toile".into(),
        }],
    }
    .validate()
    .unwrap();
    store.create(None, &entry).await.unwrap();
    store.close().await;
    let current = eventually(&addr, "q=wombat", |d| d["total"] == 1);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(current["total"], 1, "{current}");
    assert_eq!(current["results"][0]["title"], "QWERTZ");
}
