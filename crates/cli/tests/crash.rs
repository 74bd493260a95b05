//! Crash safety (issue 3): while 64 clients save answer sheets over HTTP, the real `agora serve`
//! is killed with SIGKILL and restarted on the same database, again and again; afterwards every
//! answer whose acknowledgement (with its receipt) reached a client must be stored, intact, and
//! none twice.
//!
//! Each client is one participant who keeps editing their own sheet (one sheet per person and
//! consultation, so every edit is a new acknowledged state). It sends each edit with a fresh
//! `Idempotency-Key` and, as a real client does, sends it again with the same key and body
//! until it is acknowledged: after a connection error (the server died before answering, having
//! committed or not) and after a 429. Clients stop only between edits, once the last server has
//! acknowledged their edit in flight. An edit committed but not acknowledged (the server died
//! between commit and answer) is therefore newer than the client's last acknowledgement only
//! until its retry is answered as replayed, and the expectations are exact:
//! - each account's stored sheet is its last acknowledged edit, with the receipt that every
//!   acknowledgement quoted, and that receipt finds it;
//! - the audit log holds exactly one save per acknowledged edit, with the answers sent: none
//!   lost, none saved twice by its retries; the idempotency keys stored are exactly the
//!   acknowledged ones;
//! - one sheet per account, and on SQLite `PRAGMA integrity_check` passes.
//!
//! On SQLite always, and on PostgreSQL too when `AGORA_TEST_POSTGRES_URL` is set (in a fresh
//! database next to the one it names, dropped afterwards). The figures are printed:
//! `cargo test -p agora --test crash -- --nocapture`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use agora_bench::{Participant, ScratchDatabase, SheetClient};
use agora_core::consultation::{AnswerValue, SubmissionState};
use agora_store::{MAX_LIMIT, PageRequest, Store};
use rand::Rng;
use sqlx::{AnyConnection, Connection};
use uuid::Uuid;

const CLIENTS: usize = 64;
const KILLS: usize = 10;
const POSTGRES_URL_VAR: &str = "AGORA_TEST_POSTGRES_URL";

/// One run at a time: two would share the 2 cores and the figures would mean less.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_answers_survive_sigkill_on_sqlite() {
    let _turn = SERIAL.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/crash.db", dir.path().display());
    let figures = crash_run(db.clone(), dir.path().to_owned()).await;
    let mut raw = AnyConnection::connect(&db).await.unwrap();
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut raw)
        .await
        .unwrap();
    assert_eq!(verdict, "ok");
    println!("SQLite: {figures}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_answers_survive_sigkill_on_postgres() {
    let Some(admin_url) = std::env::var(POSTGRES_URL_VAR)
        .ok()
        .filter(|u| !u.trim().is_empty())
    else {
        eprintln!("the PostgreSQL crash test is skipped because {POSTGRES_URL_VAR} is unset");
        return;
    };
    let _turn = SERIAL.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let scratch = ScratchDatabase::create(&admin_url, "agora_crash")
        .await
        .unwrap();
    let outcome = tokio::spawn(crash_run(scratch.url.clone(), dir.path().to_owned())).await;
    scratch.drop().await.unwrap();
    match outcome {
        Ok(figures) => println!("PostgreSQL: {figures}"),
        Err(failed) => std::panic::resume_unwind(failed.into_panic()),
    }
}

/// What a run did, for docs/BENCHMARKS.md.
struct Figures {
    acknowledged: usize,
    /// Acknowledgements of a retry whose first attempt had been committed unanswered.
    replayed: usize,
    /// Acknowledgements from each server process, in order.
    per_server: Vec<usize>,
    connection_errors: usize,
    rate_limited: usize,
    elapsed: Duration,
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{CLIENTS} clients, {KILLS} SIGKILLs, {} edits acknowledged ({} of them replayed) and all \
             found intact; {} connection errors and {} rate-limited requests retried; \
             acknowledgements per server process {:?}; {:.1} s",
            self.acknowledged,
            self.replayed,
            self.connection_errors,
            self.rate_limited,
            self.per_server,
            self.elapsed.as_secs_f64(),
        )
    }
}

/// Prepares the database at `db`, runs the clients against a server killed [`KILLS`] times,
/// and checks what the database holds afterwards.
async fn crash_run(db: String, logs: PathBuf) -> Figures {
    let started = Instant::now();
    let store = Store::open(&db).await.unwrap();
    let (consultation, questions) = agora_bench::two_question_consultation(&store)
        .await
        .unwrap();
    let people = agora_bench::participants(&store, CLIENTS).await.unwrap();
    store.close().await;

    let mut server = Server::start(&db, &logs).await;
    let base = format!("http://{}", server.addr);
    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Tally::default());
    let clients: Vec<_> = people
        .iter()
        .map(|who| {
            let client = SheetClient::new(&base, consultation).unwrap();
            let editor = Editor {
                who: who.clone(),
                questions,
                stop: stop.clone(),
                tally: tally.clone(),
            };
            tokio::spawn(editor.keep_editing(client))
        })
        .collect();
    // Edits acknowledged in all when each server process ended.
    let mut totals = vec![0];
    for _ in 0..KILLS {
        // Each server is killed while it serves: some time after its first acknowledgement.
        tally
            .first_acknowledgement_after(totals[totals.len() - 1])
            .await;
        let lifetime = rand::rng().random_range(300..=1500);
        tokio::time::sleep(Duration::from_millis(lifetime)).await;
        server.kill();
        totals.push(tally.acknowledged.load(Ordering::SeqCst));
        server.restart().await;
    }
    // The last server takes edits a while too; then every client stops after its next
    // acknowledgement.
    tally
        .first_acknowledgement_after(totals[totals.len() - 1])
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::SeqCst);
    let mut acknowledged = Vec::new();
    for client in clients {
        acknowledged.push(client.await.unwrap());
    }
    totals.push(tally.acknowledged.load(Ordering::SeqCst));
    server.kill();

    check(&db, consultation, questions, &people, &acknowledged).await;
    let connection_errors = tally.connection_errors.load(Ordering::SeqCst);
    assert!(connection_errors > 0, "no request was cut off by a kill");
    Figures {
        acknowledged: acknowledged.iter().map(Vec::len).sum(),
        replayed: acknowledged.iter().flatten().filter(|a| a.replayed).count(),
        per_server: totals.windows(2).map(|w| w[1] - w[0]).collect(),
        connection_errors,
        rate_limited: tally.rate_limited.load(Ordering::SeqCst),
        elapsed: started.elapsed(),
    }
}

/// The real `agora serve`, on one database and one loopback port across restarts.
struct Server {
    db: String,
    logs: PathBuf,
    addr: SocketAddr,
    child: Option<Child>,
    starts: usize,
}

impl Server {
    /// Starts the server on a free port.
    async fn start(db: &str, logs: &Path) -> Server {
        let mut server = Server {
            db: db.to_owned(),
            logs: logs.to_owned(),
            addr: "127.0.0.1:0".parse().unwrap(),
            child: None,
            starts: 0,
        };
        server.restart().await;
        server
    }

    /// Starts the binary on the same database and port, and waits until it listens.
    async fn restart(&mut self) {
        self.starts += 1;
        let out = self.logs.join(format!("serve-{}.out", self.starts));
        let err = self.logs.join(format!("serve-{}.err", self.starts));
        let mut child = Command::new(env!("CARGO_BIN_EXE_agora"))
            .args(["serve", "--db", &self.db, "--addr", &self.addr.to_string()])
            .stdout(File::create(&out).unwrap())
            .stderr(File::create(&err).unwrap())
            .spawn()
            .expect("agora serve starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        let listening = loop {
            let said = std::fs::read_to_string(&out).unwrap_or_default();
            if let Some(addr) = said
                .split("listening on http://")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
                .and_then(|addr| addr.parse().ok())
            {
                break addr;
            }
            let exited = child.try_wait().unwrap();
            if exited.is_some() || Instant::now() > deadline {
                let _ = child.kill();
                let log = std::fs::read_to_string(&err).unwrap_or_default();
                panic!("agora serve did not start ({exited:?}): {log}");
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        };
        self.addr = listening;
        self.child = Some(child);
    }

    /// SIGKILL: no graceful shutdown, no closing of the database.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Counts shared by the clients while they run.
#[derive(Default)]
struct Tally {
    acknowledged: AtomicUsize,
    connection_errors: AtomicUsize,
    rate_limited: AtomicUsize,
}

impl Tally {
    /// Waits until more than `before` edits were acknowledged in all.
    async fn first_acknowledgement_after(&self, before: usize) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.acknowledged.load(Ordering::SeqCst) <= before {
            assert!(
                Instant::now() < deadline,
                "the server acknowledged nothing in 30 s"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

/// An edit the server acknowledged, with what was sent.
struct Acked {
    key: String,
    text: String,
    choice: &'static str,
    submitted: bool,
    receipt: String,
    replayed: bool,
}

impl Acked {
    fn answers(&self, questions: [Uuid; 2]) -> BTreeMap<Uuid, AnswerValue> {
        [
            (questions[0], AnswerValue::Text(self.text.clone())),
            (
                questions[1],
                AnswerValue::Choices(vec![self.choice.to_owned()]),
            ),
        ]
        .into()
    }
}

/// One participant editing their sheet until told to stop.
struct Editor {
    who: Participant,
    questions: [Uuid; 2],
    stop: Arc<AtomicBool>,
    tally: Arc<Tally>,
}

impl Editor {
    /// Sends edit after edit, each until acknowledged; returns the acknowledgements in order.
    async fn keep_editing(self, client: SheetClient) -> Vec<Acked> {
        let mut acknowledged = Vec::new();
        for n in 1.. {
            if self.stop.load(Ordering::SeqCst) {
                break;
            }
            let edit = Acked {
                key: Uuid::now_v7().to_string(),
                text: format!(
                    "Edit {n} by {}: governments on an equal footing.",
                    self.who.id
                ),
                choice: if n % 2 == 0 { "Yes" } else { "No" },
                submitted: n % 4 != 1,
                receipt: String::new(),
                replayed: false,
            };
            let body =
                agora_bench::answer_sheet(&self.questions, &edit.text, edit.choice, edit.submitted);
            acknowledged.push(self.until_acknowledged(&client, edit, &body).await);
            self.tally.acknowledged.fetch_add(1, Ordering::SeqCst);
        }
        acknowledged
    }

    /// Sends `body` with the edit's key until a 200, retrying after connection errors (the
    /// server is down or died mid-request) and 429s; any other answer fails the test.
    async fn until_acknowledged(&self, client: &SheetClient, edit: Acked, body: &str) -> Acked {
        loop {
            let sent = client.save(&self.who.session, body, Some(&edit.key));
            let reply = match tokio::time::timeout(Duration::from_secs(30), sent).await {
                Err(_) => panic!("no answer within 30 s"),
                Ok(Err(_)) => {
                    self.tally.connection_errors.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
                Ok(Ok(reply)) => reply,
            };
            match reply.status.as_u16() {
                200 => {}
                429 => {
                    self.tally.rate_limited.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    continue;
                }
                status => panic!("{status}: {}", reply.body),
            }
            let saved: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
            let answers: BTreeMap<Uuid, AnswerValue> =
                serde_json::from_value(saved["answers"].clone()).unwrap();
            assert_eq!(
                answers,
                edit.answers(self.questions),
                "acknowledged other answers"
            );
            assert_eq!(saved["user_id"], self.who.id.to_string());
            return Acked {
                receipt: saved["receipt"].as_str().unwrap().to_owned(),
                replayed: reply.replayed,
                ..edit
            };
        }
    }
}

/// Checks the database at `db` against what each participant (`people[i]`) had acknowledged
/// (`acknowledged[i]`, in order).
async fn check(
    db: &str,
    consultation: Uuid,
    questions: [Uuid; 2],
    people: &[Participant],
    acknowledged: &[Vec<Acked>],
) {
    let store = Store::open(db).await.unwrap();
    let mut saves = saves_by_sheet(&store, questions[0]).await;
    for (who, acks) in people.iter().zip(acknowledged) {
        let last = acks
            .last()
            .expect("every client was acknowledged at least once");
        let sheet = store
            .submission_of(consultation, who.id)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{}: {} edits acknowledged, no sheet", who.id, acks.len()));
        assert!(
            acks.iter().all(|a| a.receipt == last.receipt),
            "the receipt changed"
        );
        assert_eq!(sheet.receipt, last.receipt);
        assert_eq!(sheet.answers, last.answers(questions), "{}", who.id);
        let state = match last.submitted {
            true => SubmissionState::Submitted,
            false => SubmissionState::Draft,
        };
        assert_eq!(sheet.state, state);
        let by_receipt = store.submission_by_receipt(&last.receipt).await.unwrap();
        assert_eq!(by_receipt.map(|s| s.id), Some(sheet.id));
        let mut saved = saves.remove(&sheet.id.to_string()).unwrap_or_default();
        saved.sort();
        let mut sent: Vec<&str> = acks.iter().map(|a| a.text.as_str()).collect();
        sent.sort();
        assert_eq!(saved, sent, "{}: saves against acknowledged edits", who.id);
    }
    assert!(saves.is_empty(), "saves of sheets no one was acknowledged");
    store.close().await;

    let mut raw = AnyConnection::connect(db).await.unwrap();
    let sheets: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM submissions WHERE phase_id = $1")
        .bind(consultation.to_string())
        .fetch_one(&mut raw)
        .await
        .unwrap();
    assert_eq!(sheets, people.len() as i64, "one sheet per account");
    let keys: Vec<(String, String)> = sqlx::query_as("SELECT user_id, key FROM idempotency_keys")
        .fetch_all(&mut raw)
        .await
        .unwrap();
    let stored: HashSet<(String, String)> = keys.into_iter().collect();
    let acked: HashSet<(String, String)> = people
        .iter()
        .zip(acknowledged)
        .flat_map(|(who, acks)| acks.iter().map(|a| (who.id.to_string(), a.key.clone())))
        .collect();
    assert_eq!(
        (
            stored.difference(&acked).count(),
            acked.difference(&stored).count()
        ),
        (0, 0),
        "idempotency keys stored but never acknowledged, and acknowledged but not stored"
    );
    raw.close().await.unwrap();
}

/// The first question's answer in every save the audit log records, by sheet id.
async fn saves_by_sheet(store: &Store, question: Uuid) -> HashMap<String, Vec<String>> {
    let mut saves: HashMap<String, Vec<String>> = HashMap::new();
    let mut request = PageRequest::first(MAX_LIMIT);
    loop {
        let page = store.audit_log(&request).await.unwrap();
        for entry in page.items.into_iter().filter(|e| e.entity == "submission") {
            let after = entry.after.expect("a save records the sheet after it");
            let text = after["answers"][question.to_string()].as_str().unwrap();
            saves
                .entry(entry.entity_id)
                .or_default()
                .push(text.to_owned());
        }
        match page.next {
            Some(next) => request.after = Some(next),
            None => return saves,
        }
    }
}
