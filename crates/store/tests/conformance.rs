//! The store conformance suite: one set of test bodies, run against every backend.
//!
//! Each body is an `async fn(store: Store, url: String)`: `store` is open on a fresh, migrated
//! database and `url` names that database, for the few bodies that need a second handle on it
//! (reopening, or raw SQL the store deliberately does not offer). [`conformance!`] turns a body
//! into a module with one test per backend, so `cargo test` names them `<body>::sqlite` and
//! `<body>::postgres`:
//!
//! - SQLite: a file in a fresh temporary directory.
//! - PostgreSQL: a fresh database `agora_conformance_<hex>` created next to the one named by
//!   `AGORA_TEST_POSTGRES_URL` (e.g. `postgres://postgres@127.0.0.1:5432/test`) and dropped
//!   afterwards, even when the body fails. Without the variable, the PostgreSQL tests pass
//!   without running and say so once on stderr.

use std::future::Future;
use std::sync::Once;

use agora_core::auth::{Action, Role};
use agora_core::calendar::{Event, EventDraft};
use agora_core::consultation::{
    AnswerFilter, AnswerValue, Author, ConsultationDraft, Moderation, Question, QuestionDraft,
    Submission, SubmissionState, Visibility, receipt_code,
};
use agora_core::directory::{Organisation, OrganisationDraft, Person, PersonDraft};
use agora_core::glossary::{Expansion, GlossaryDraft, GlossaryEntry};
use agora_core::meeting::{MeetingDraft, Participant, ParticipantDraft, Role as MeetingRole};
use agora_core::process::{Phase, PhaseKind, Process, ProcessDraft, Seats};
use agora_core::speaker_queue::{
    self, Command, Intervention, QueueError, QueueSettings, TurnState,
};
use agora_core::stakeholder::{DEFAULT_GROUPS, StakeholderGroups};
use agora_store::{
    AuditEntry, Backend, Cursor, Delivery, INTERRUPTED, JobState, Letter, MailKind, NewTranscript,
    NewUser, OutboxCounts, Outcome, Page, PageRequest, QueueWriteError, STAGED_UPLOAD_TTL,
    StagedUpload, Store, StoreError, StoredTranscript, StoredTurn, TranscriptUpload,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jiff::Timestamp;
use jiff::civil::date;
use serde::Serialize;
use sqlx::{AnyConnection, Connection, Executor, PgConnection};
use uuid::Uuid;

const POSTGRES_URL_VAR: &str = "AGORA_TEST_POSTGRES_URL";

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/// One test per backend for the body `$name`.
/// Attributes before a name (e.g. `#[ignore = "why"]`) apply to both of its tests.
macro_rules! conformance {
    ($($(#[$attr:meta])* $name:ident),* $(,)?) => {$(
        mod $name {
            $(#[$attr])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                crate::on_sqlite(super::$name).await;
            }

            $(#[$attr])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                crate::on_postgres(super::$name).await;
            }
        }
    )*};
}

conformance!(
    migrations_apply_and_open_is_idempotent,
    stakeholder_groups_are_the_six_defaults,
    a_deployment_adds_and_removes_groups,
    a_process_is_revised_with_its_seats,
    a_meeting_keeps_its_agenda_and_participants,
    a_conversation_numbers_its_statements_and_keeps_each_latest_vote,
    a_conversation_import_stores_everything_or_nothing,
    a_call_keeps_its_themes_and_its_proposals_in_submission_order,
    reviews_keep_their_assignments_and_reruns_keep_what_is_reviewed,
    a_timetable_refuses_stale_edits_and_publishes_a_copy,
    a_speaker_queue_takes_one_hand_each_and_times_every_group,
    a_queue_change_refused_by_the_rules_changes_nothing,
    a_consultation_takes_one_answer_sheet_per_person,
    an_idempotency_key_saves_once,
    a_submission_queues_its_receipt_in_the_same_transaction,
    the_outbox_leases_retries_and_records_outcomes,
    reminders_go_once_to_drafts_of_consultations_closing_soon,
    the_workspace_filters_counts_tags_and_moderates,
    a_report_is_decided_once_and_upholding_it_hides_the_sheet,
    search_finds_parts_of_words_in_any_script_and_every_term,
    search_changes_are_recorded_by_triggers_and_only_published_sheets_are_read,
    concurrent_saves_by_one_account_make_one_sheet_and_a_racing_retry_replays,
    an_import_stores_every_sheet_or_none,
    a_synthesis_runs_once_at_a_time_and_keeps_its_published_version,
    a_staged_upload_keeps_its_bytes_until_imported_or_expired,
    organisations_round_trip_and_page_by_name,
    people_round_trip_and_page_by_name,
    bad_cursors_are_refused,
    a_person_needs_an_existing_organisation,
    processes_seats_and_slugs,
    phases_are_chronological_and_close_exactly,
    events_overlap_whole_days_and_page_by_start,
    glossary_acronyms_are_unique_ignoring_case,
    accounts_and_grants,
    sessions_expire_exactly,
    every_write_is_audited,
    audit_log_is_append_only,
    audit_log_refuses_truncate,
    cursors_survive_any_name,
    demo_loads_once,
    concurrent_writes_all_succeed,
    a_transcript_is_stored_whole_with_the_participants_its_review_created,
    a_failing_turn_rolls_the_whole_transcript_back,
    transcript_uploads_expire,
);

/// Runs `body` on a fresh SQLite file.
async fn on_sqlite<F, Fut>(body: F)
where
    F: FnOnce(Store, String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("agora.db").display());
    let store = Store::open(&url).await.expect("open SQLite store");
    assert_eq!(store.backend(), Backend::Sqlite);
    let outcome = tokio::spawn(body(store.clone(), url)).await;
    store.close().await;
    drop(dir);
    rethrow(outcome);
}

/// Runs `body` on a fresh PostgreSQL database, or passes at once when none is configured.
async fn on_postgres<F, Fut>(body: F)
where
    F: FnOnce(Store, String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(admin_url) = std::env::var(POSTGRES_URL_VAR)
        .ok()
        .filter(|u| !u.trim().is_empty())
    else {
        static SKIPPED: Once = Once::new();
        SKIPPED.call_once(|| {
            eprintln!("PostgreSQL conformance is skipped because {POSTGRES_URL_VAR} is unset");
        });
        return;
    };
    let name = format!("agora_conformance_{}", Uuid::now_v7().simple());
    let mut admin = PgConnection::connect(&admin_url)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to {POSTGRES_URL_VAR}: {e}"));
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create the test database");
    let url = with_database(&admin_url, &name);
    let outcome = match Store::open(&url).await {
        Ok(store) => {
            assert_eq!(store.backend(), Backend::Postgres);
            let outcome = tokio::spawn(body(store.clone(), url)).await;
            store.close().await;
            Some(outcome)
        }
        Err(e) => {
            eprintln!("cannot open PostgreSQL store: {e}");
            None
        }
    };
    admin
        .execute(format!("DROP DATABASE {name} WITH (FORCE)").as_str())
        .await
        .expect("drop the test database");
    admin.close().await.ok();
    rethrow(outcome.expect("open PostgreSQL store"));
}

/// Re-raises a failed body once its database is cleaned up.
fn rethrow(outcome: Result<(), tokio::task::JoinError>) {
    if let Err(error) = outcome {
        match error.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(error) => panic!("test body did not finish: {error}"),
        }
    }
}

/// The URL of database `name` on the server of `url` (same credentials and parameters).
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority = base.find("://").map_or(0, |i| i + 3);
    let path = base[authority..]
        .find('/')
        .map_or(base.len(), |i| authority + i);
    let mut out = format!("{}/{name}", &base[..path]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// A second, raw connection to the store's database.
async fn raw_connection(url: &str) -> AnyConnection {
    sqlx::any::install_default_drivers();
    AnyConnection::connect(url)
        .await
        .expect("raw connection to the test database")
}

async fn count(conn: &mut AnyConnection, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn groups() -> StakeholderGroups {
    StakeholderGroups::default()
}

fn org(name: &str, group: &str) -> Organisation {
    OrganisationDraft {
        name: name.into(),
        stakeholder_group: group.into(),
        ..Default::default()
    }
    .validate(&groups())
    .expect("valid organisation")
}

fn person(name: &str, group: &str) -> Person {
    PersonDraft {
        name: name.into(),
        stakeholder_group: group.into(),
        ..Default::default()
    }
    .validate(&groups())
    .expect("valid person")
}

fn seats(list: &[(&str, u32)]) -> Vec<Seats> {
    list.iter()
        .map(|(group, seats)| Seats {
            stakeholder_group: (*group).into(),
            seats: *seats,
        })
        .collect()
}

fn process(title: &str, slug: &str, seat_list: &[(&str, u32)]) -> Process {
    ProcessDraft {
        title: title.into(),
        slug: slug.into(),
        mandate: "A/RES/67/195".into(),
        display_zone: "Europe/Zurich".into(),
        seats: seats(seat_list),
        ..Default::default()
    }
    .validate(&groups())
    .expect("valid process")
}

fn phase(process: &Process, kind: PhaseKind, opens_ms: i64, closes_ms: i64) -> Phase {
    Phase {
        id: agora_core::new_id(),
        process_id: process.id,
        kind,
        title: format!("{} phase", kind.code()),
        opens_at: Timestamp::from_millisecond(opens_ms).unwrap(),
        closes_at: Timestamp::from_millisecond(closes_ms).unwrap(),
    }
}

fn event(title: &str, starts_on: &str, ends_on: &str, process_id: Option<Uuid>) -> Event {
    EventDraft {
        title: title.into(),
        organiser: "ITU".into(),
        place: "Geneva".into(),
        starts_on: starts_on.into(),
        ends_on: ends_on.into(),
        process_id: process_id.map(|p| p.to_string()).unwrap_or_default(),
        ..Default::default()
    }
    .validate()
    .expect("valid event")
}

fn glossary(acronym: &str, expansions: &[(&str, &str)]) -> GlossaryEntry {
    GlossaryDraft {
        acronym: acronym.into(),
        expansions: expansions
            .iter()
            .map(|(lang, text)| Expansion {
                lang: (*lang).into(),
                text: (*text).into(),
            })
            .collect(),
    }
    .validate()
    .expect("valid glossary entry")
}

fn new_user<'a>(email: &'a str, name: &'a str) -> NewUser<'a> {
    NewUser {
        email,
        display_name: name,
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
    }
}

fn ms(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap()
}

/// Follows `next` from the first page of `limit` items to the end, passing each cursor through
/// its text form as a client would. Returns the items and the size of each page.
async fn all_pages<T, F, Fut>(limit: u32, mut fetch: F) -> (Vec<T>, Vec<usize>)
where
    F: FnMut(PageRequest) -> Fut,
    Fut: Future<Output = agora_store::Result<Page<T>>>,
{
    let mut request = PageRequest::first(limit);
    let mut items = Vec::new();
    let mut sizes = Vec::new();
    for _ in 0..1000 {
        let page = fetch(request.clone()).await.expect("a page");
        sizes.push(page.items.len());
        items.extend(page.items);
        match page.next {
            Some(cursor) => {
                let decoded = Cursor::decode(&cursor.encode()).expect("own cursor decodes");
                assert_eq!(decoded, cursor);
                request.after = Some(decoded);
            }
            None => return (items, sizes),
        }
    }
    panic!("pagination never ended")
}

async fn whole_audit_log(store: &Store) -> Vec<AuditEntry> {
    all_pages(agora_store::MAX_LIMIT, |r| {
        let store = store.clone();
        async move { store.audit_log(&r).await }
    })
    .await
    .0
}

/// What one audit entry should say.
struct Expected {
    action: &'static str,
    entity: &'static str,
    entity_id: String,
    actor_id: Option<Uuid>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
}

/// The entry of a write that added `after`.
fn added(
    action: &'static str,
    entity: &'static str,
    id: Uuid,
    actor_id: Option<Uuid>,
    after: serde_json::Value,
) -> Expected {
    Expected {
        action,
        entity,
        entity_id: id.to_string(),
        actor_id,
        before: None,
        after: Some(after),
    }
}

fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("serialisable")
}

// ---------------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------------

async fn migrations_apply_and_open_is_idempotent(store: Store, url: String) {
    let dir = match store.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let files = std::fs::read_dir(format!("{}/migrations/{dir}", env!("CARGO_MANIFEST_DIR")))
        .expect("migrations directory")
        .filter(|f| {
            f.as_ref()
                .is_ok_and(|f| f.file_name().to_string_lossy().ends_with(".sql"))
        })
        .count();
    assert!(files > 0);
    let mut raw = raw_connection(&url).await;
    assert_eq!(
        count(&mut raw, "SELECT COUNT(*) FROM _sqlx_migrations").await,
        files as i64,
        "every migration applied once"
    );

    let written = org("Internet Society", "technical-community");
    store.create(None, &written).await.unwrap();

    // Opening again (as a restart or a second instance does) neither fails nor re-applies.
    let again = Store::open(&url).await.expect("second open");
    assert_eq!(again.backend(), store.backend());
    assert_eq!(
        count(&mut raw, "SELECT COUNT(*) FROM _sqlx_migrations").await,
        files as i64,
        "no migration applied twice"
    );
    assert_eq!(
        again.stakeholder_groups().await.unwrap().codes(),
        DEFAULT_GROUPS
    );
    assert_eq!(
        again.organisation(written.id).await.unwrap(),
        Some(written.clone())
    );
    let other = org("APNIC", "technical-community");
    again.create(None, &other).await.unwrap();
    assert_eq!(store.organisation(other.id).await.unwrap(), Some(other));
    again.close().await;
    raw.close().await.ok();
}

async fn stakeholder_groups_are_the_six_defaults(store: Store, _url: String) {
    let groups = store.stakeholder_groups().await.unwrap();
    assert_eq!(
        groups.codes(),
        [
            "government",
            "private-sector",
            "civil-society",
            "technical-community",
            "academic-community",
            "intergovernmental-organisation",
        ]
    );
    assert_eq!(groups, StakeholderGroups::default());
}

async fn a_deployment_adds_and_removes_groups(store: Store, _url: String) {
    store.add_stakeholder_group(None, "media").await.unwrap();
    let groups = store.stakeholder_groups().await.unwrap();
    assert_eq!(groups.codes().last().map(String::as_str), Some("media"));
    assert!(matches!(
        store.add_stakeholder_group(None, "media").await,
        Err(StoreError::Conflict { field: "code" })
    ));
    let press = OrganisationDraft {
        name: "Press".into(),
        stakeholder_group: "media".into(),
        ..Default::default()
    }
    .validate(&groups)
    .unwrap();
    store.create(None, &press).await.unwrap();
    assert!(matches!(
        store.remove_stakeholder_group(None, "media").await,
        Err(StoreError::InUse)
    ));
    store
        .remove_stakeholder_group(None, "private-sector")
        .await
        .unwrap();
    assert!(
        !store
            .stakeholder_groups()
            .await
            .unwrap()
            .contains("private-sector")
    );
    assert!(matches!(
        store.remove_stakeholder_group(None, "private-sector").await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(&PageRequest::first(1)).await.unwrap().items;
    assert_eq!(
        (log[0].action.as_str(), log[0].entity_id.as_str()),
        ("delete", "private-sector")
    );
}

async fn a_process_is_revised_with_its_seats(store: Store, _url: String) {
    let groups = StakeholderGroups::default();
    let draft = ProcessDraft {
        title: "Working Group".into(),
        mandate: "First mandate".into(),
        display_zone: "UTC".into(),
        seats: vec![Seats {
            stakeholder_group: "government".into(),
            seats: 22,
        }],
        ..Default::default()
    };
    let process = draft.validate(&groups).unwrap();
    store.create(None, &process).await.unwrap();
    let other = ProcessDraft {
        title: "Other".into(),
        ..draft.clone()
    }
    .validate(&groups)
    .unwrap();
    store.create(None, &other).await.unwrap();
    let revision = ProcessDraft {
        mandate: "Second mandate".into(),
        seats: vec![Seats {
            stakeholder_group: "civil-society".into(),
            seats: 5,
        }],
        ..draft.clone()
    };
    let revised = revision.revise(&groups, &process).unwrap();
    store.update_process(None, &revised).await.unwrap();
    assert_eq!(store.process(process.id).await.unwrap().unwrap(), revised);
    let log = store.audit_log(&PageRequest::first(1)).await.unwrap().items;
    assert_eq!(log[0].action, "update");
    assert_eq!(log[0].before.as_ref().unwrap()["mandate"], "First mandate");
    assert_eq!(log[0].after.as_ref().unwrap()["mandate"], "Second mandate");
    let clash = ProcessDraft {
        slug: other.slug.clone(),
        ..revision
    }
    .revise(&groups, &process)
    .unwrap();
    assert!(matches!(
        store.update_process(None, &clash).await,
        Err(StoreError::Conflict { field: "slug" })
    ));
    assert_eq!(
        store.process(process.id).await.unwrap().unwrap(),
        revised,
        "a refused update changes nothing"
    );
}

async fn a_meeting_keeps_its_agenda_and_participants(store: Store, _url: String) {
    let groups = StakeholderGroups::default();
    let icann = process("ICANN 46", "icann-46", &[]);
    store.create(None, &icann).await.unwrap();
    let draft = MeetingDraft {
        title: "Global Internet Governance Agenda".into(),
        starts_at: "2013-04-08T03:00:00Z".into(),
        ends_at: "2013-04-08T04:30:00Z".into(),
        place: "Function Room 6".into(),
        languages: "en,fr,zh".into(),
        agenda: "Opening | 5\nWGEC questionnaire | 20\nIGF programme".into(),
        ..Default::default()
    };
    let meeting = draft.validate(&icann).unwrap();
    store.create(None, &meeting).await.unwrap();
    assert_eq!(store.meeting(meeting.id).await.unwrap().unwrap(), meeting);
    let later = MeetingDraft {
        title: "Follow-up".into(),
        starts_at: "2013-04-09T03:00:00Z".into(),
        ends_at: "2013-04-09T04:00:00Z".into(),
        ..Default::default()
    }
    .validate(&icann)
    .unwrap();
    store.create(None, &later).await.unwrap();
    let listed: Vec<Uuid> = store
        .meetings_of_process(icann.id)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(listed, [meeting.id, later.id], "earliest first");

    // Across processes, a page at a time by start: another process's meeting falls between.
    let wgec = process("WGEC", "wgec-meetings", &[]);
    store.create(None, &wgec).await.unwrap();
    let between = MeetingDraft {
        title: "WGEC first meeting".into(),
        starts_at: "2013-04-08T12:00:00Z".into(),
        ends_at: "2013-04-08T13:00:00Z".into(),
        ..Default::default()
    }
    .validate(&wgec)
    .unwrap();
    store.create(None, &between).await.unwrap();
    let first = store.meetings(&PageRequest::first(2)).await.unwrap();
    let ids: Vec<Uuid> = first.items.iter().map(|m| m.id).collect();
    assert_eq!(ids, [meeting.id, between.id]);
    let rest = store
        .meetings(&PageRequest {
            limit: 2,
            after: first.next.clone(),
        })
        .await
        .unwrap();
    assert_eq!(
        rest.items.iter().map(|m| m.id).collect::<Vec<_>>(),
        [later.id]
    );
    assert!(rest.next.is_none());
    let garbage = Cursor::decode(&URL_SAFE_NO_PAD.encode("soon\u{1f}x")).unwrap();
    assert!(matches!(
        store
            .meetings(&PageRequest {
                limit: 2,
                after: Some(garbage),
            })
            .await,
        Err(StoreError::BadCursor)
    ));

    let revised = MeetingDraft {
        agenda: "IGF programme | 30".into(),
        online_url: "https://beijing46.icann.org/".into(),
        ..draft
    }
    .revise(&icann, &meeting)
    .unwrap();
    store.update_meeting(None, &revised).await.unwrap();
    let stored = store.meeting(meeting.id).await.unwrap().unwrap();
    assert_eq!(stored, revised);
    assert_eq!(
        stored.agenda.len(),
        1,
        "the agenda is replaced, not appended to"
    );

    let user = store
        .create_user(None, &new_user("janis@example.org", "Janis Karklins"), None)
        .await
        .unwrap();
    let participant = |name: &str, group: &str, role: &str, remote: bool| {
        ParticipantDraft {
            name: name.into(),
            stakeholder_group: group.into(),
            role: role.into(),
            remote,
            ..Default::default()
        }
        .validate(&meeting, &groups)
        .unwrap()
    };
    let mut janis = participant("Janis Karklins", "government", "panellist", true);
    janis.user_id = Some(user.id);
    let kummer = participant("Markus Kummer", "civil-society", "moderator", false);
    let loeb = participant("Eric Loeb", "private-sector", "", false);
    for p in [&loeb, &janis, &kummer] {
        store.create(None, p).await.unwrap();
    }
    let names: Vec<String> = store
        .participants(meeting.id)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Markus Kummer", "Janis Karklins", "Eric Loeb"]);
    assert_eq!(
        store
            .participant_of_user(meeting.id, user.id)
            .await
            .unwrap(),
        Some(janis.clone())
    );
    let mut twice = participant("Janis again", "government", "", false);
    twice.user_id = Some(user.id);
    assert!(matches!(
        store.create(None, &twice).await,
        Err(StoreError::Conflict { field: "user_id" })
    ));

    let moved = agora_core::meeting::Participant {
        remote: false,
        role: MeetingRole::Attendee,
        ..janis.clone()
    };
    store.update_participant(None, &moved).await.unwrap();
    assert_eq!(store.participant(janis.id).await.unwrap(), Some(moved));
    store.remove_participant(None, loeb.id).await.unwrap();
    assert_eq!(store.participant(loeb.id).await.unwrap(), None);
    assert_eq!(store.participants(meeting.id).await.unwrap().len(), 2);
    let log = store.audit_log(&PageRequest::first(1)).await.unwrap().items;
    assert_eq!(
        (log[0].action.as_str(), log[0].entity.as_str()),
        ("delete", "participant")
    );
}

/// A meeting of a new process with three participants (government in the room, civil
/// society remote, private sector in the room), for the queue tests.
async fn meeting_with_three(store: &Store) -> (agora_core::meeting::Meeting, Vec<Participant>) {
    let groups = StakeholderGroups::default();
    let icann = process("ICANN 46", "icann-46-queue", &[]);
    store.create(None, &icann).await.unwrap();
    let meeting = MeetingDraft {
        title: "Global Internet Governance Agenda".into(),
        starts_at: "2013-04-08T03:00:00Z".into(),
        ends_at: "2013-04-08T04:30:00Z".into(),
        agenda: "Opening\nWGEC questionnaire".into(),
        ..Default::default()
    }
    .validate(&icann)
    .unwrap();
    store.create(None, &meeting).await.unwrap();
    let mut people = Vec::new();
    for (name, group, remote) in [
        ("Peter Major", "government", false),
        ("Janis Karklins", "civil-society", true),
        ("Eric Loeb", "private-sector", false),
    ] {
        let p = ParticipantDraft {
            name: name.into(),
            stakeholder_group: group.into(),
            remote,
            ..Default::default()
        }
        .validate(&meeting, &groups)
        .unwrap();
        store.create(None, &p).await.unwrap();
        people.push(p);
    }
    (meeting, people)
}

fn at_s(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_365_390_000 + seconds).unwrap()
}

async fn a_speaker_queue_takes_one_hand_each_and_times_every_group(store: Store, _url: String) {
    let (meeting, people) = meeting_with_three(&store).await;
    let [major, janis, loeb] = [&people[0], &people[1], &people[2]];
    assert_eq!(store.queue_version(meeting.id).await.unwrap(), 0);
    store
        .set_queue_settings(
            None,
            meeting.id,
            QueueSettings {
                turn_seconds: Some(120),
                agenda_item: Some(1),
            },
        )
        .await
        .unwrap();
    let (first, v) = store.raise_hand(None, major, at_s(0)).await.unwrap();
    assert_eq!(v, 2);
    assert_eq!(first.agenda_item, Some(1), "the item under discussion");
    assert!(matches!(
        store.raise_hand(None, major, at_s(1)).await,
        Err(QueueWriteError::Refused(QueueError::AlreadyRaised))
    ));
    let (second, _) = store.raise_hand(None, janis, at_s(2)).await.unwrap();
    let (third, _) = store.raise_hand(None, loeb, at_s(3)).await.unwrap();
    // Loeb moves ahead of Janis; then the first in line is called, and Loeb after him.
    store
        .change_queue(None, meeting.id, Command::MoveUp(third.id), at_s(4))
        .await
        .unwrap();
    store
        .change_queue(None, meeting.id, Command::CallNext, at_s(10))
        .await
        .unwrap();
    let v = store
        .change_queue(None, meeting.id, Command::CallNext, at_s(70))
        .await
        .unwrap();
    let state = store.queue(meeting.id).await.unwrap();
    assert_eq!(state.version, v);
    assert_eq!(state.settings.turn_seconds, Some(120));
    let by_id = |id| state.entries.iter().find(|e| e.id == id).unwrap().clone();
    assert_eq!(by_id(first.id).state, TurnState::Done);
    assert_eq!(by_id(third.id).state, TurnState::Speaking);
    assert_eq!(by_id(second.id).state, TurnState::Waiting);
    assert_eq!(
        speaker_queue::turn_ends_at(&state.entries, state.settings.turn_seconds),
        Some(at_s(190))
    );
    // Speaking time by the injected clock: Major 60 s done, Loeb 30 s so far at 100 s.
    let groups: Vec<String> = DEFAULT_GROUPS.iter().map(|g| g.to_string()).collect();
    let times = speaker_queue::speaking_time_by_group(&groups, &state.entries, at_s(100));
    let time = |group: &str| {
        times
            .iter()
            .find(|t| t.stakeholder_group == group)
            .unwrap()
            .spoken_ms
    };
    assert_eq!(
        (
            time("government"),
            time("private-sector"),
            time("civil-society")
        ),
        (60_000, 30_000, 0)
    );
    // Janis, remote and unheard, writes instead; the hand goes down, and may go up again.
    let written = Intervention::written(janis, "Can you hear me?", Some(1), at_s(80)).unwrap();
    store.write_intervention(None, &written).await.unwrap();
    store
        .change_queue(None, meeting.id, Command::Withdraw(second.id), at_s(81))
        .await
        .unwrap();
    store.raise_hand(None, janis, at_s(82)).await.unwrap();
    store
        .change_queue(None, meeting.id, Command::EndTurn, at_s(90))
        .await
        .unwrap();
    let state = store.queue(meeting.id).await.unwrap();
    assert_eq!(state.interventions, [written]);
    let states: Vec<(String, TurnState)> = state
        .entries
        .iter()
        .map(|e| (e.name.clone(), e.state))
        .collect();
    assert_eq!(
        states,
        [
            ("Peter Major".into(), TurnState::Done),
            ("Janis Karklins".into(), TurnState::Withdrawn),
            ("Eric Loeb".into(), TurnState::Done),
            ("Janis Karklins".into(), TurnState::Waiting),
        ]
    );
    // Removing a participant keeps what they said in the record, under the name they had.
    store.remove_participant(None, loeb.id).await.unwrap();
    let state = store.queue(meeting.id).await.unwrap();
    assert_eq!(state.entries[2].participant_id, None);
    assert_eq!(state.entries[2].name, "Eric Loeb");
    let log = store.audit_log(&PageRequest::first(4)).await.unwrap().items;
    let actions: Vec<(&str, &str)> = log
        .iter()
        .map(|e| (e.action.as_str(), e.entity.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("delete", "participant"),
            ("end-turn", "speaker_queue"),
            ("raise-hand", "speaker_queue"),
            ("withdraw", "speaker_queue"),
        ]
    );
}

async fn a_queue_change_refused_by_the_rules_changes_nothing(store: Store, _url: String) {
    let (meeting, people) = meeting_with_three(&store).await;
    let (first, _) = store.raise_hand(None, &people[0], at_s(0)).await.unwrap();
    let (second, version) = store.raise_hand(None, &people[1], at_s(1)).await.unwrap();
    let before = store.queue(meeting.id).await.unwrap();
    for (command, refusal) in [
        (Command::MoveUp(first.id), QueueError::AtEdge),
        (Command::MoveDown(second.id), QueueError::AtEdge),
        (Command::Call(agora_core::new_id()), QueueError::NotFound),
    ] {
        match store.change_queue(None, meeting.id, command, at_s(5)).await {
            Err(QueueWriteError::Refused(found)) => assert_eq!(found, refusal, "{command:?}"),
            other => panic!("{command:?}: {other:?}"),
        }
    }
    assert_eq!(store.queue(meeting.id).await.unwrap(), before);
    assert_eq!(store.queue_version(meeting.id).await.unwrap(), version);
    // Calling the second out of turn, then the first: one speaker at a time.
    store
        .change_queue(None, meeting.id, Command::Call(second.id), at_s(6))
        .await
        .unwrap();
    store
        .change_queue(None, meeting.id, Command::Call(first.id), at_s(7))
        .await
        .unwrap();
    let speaking: Vec<Uuid> = store
        .queue(meeting.id)
        .await
        .unwrap()
        .entries
        .iter()
        .filter(|e| e.state == TurnState::Speaking)
        .map(|e| e.id)
        .collect();
    assert_eq!(speaking, [first.id]);
    // A meeting that does not exist has no queue to change.
    assert!(matches!(
        store
            .change_queue(None, agora_core::new_id(), Command::CallNext, at_s(8))
            .await,
        Err(QueueWriteError::Store(StoreError::MissingReference {
            field: "meeting_id"
        }))
    ));
}

/// A WGEC-like consultation with a free-text and a choice question; returns it and them.
async fn questionnaire(store: &Store) -> (agora_core::process::Phase, Vec<Question>) {
    let groups = StakeholderGroups::default();
    let process = ProcessDraft {
        title: "WGEC".into(),
        mandate: "A/RES/67/195".into(),
        display_zone: "Europe/Zurich".into(),
        ..Default::default()
    }
    .validate(&groups)
    .unwrap();
    store.create(None, &process).await.unwrap();
    let phase = agora_core::process::PhaseDraft {
        kind: "consultation".into(),
        title: "Questionnaire".into(),
        opens_at: "2013-06-01T00:00".into(),
        closes_at: "2013-07-15T12:00".into(),
    }
    .validate(&process)
    .unwrap();
    let consultation = ConsultationDraft {
        languages: "en, fr".into(),
        public_by_default: true,
        ..Default::default()
    }
    .validate(&phase)
    .unwrap();
    store
        .create_consultation(None, &phase, &consultation)
        .await
        .unwrap();
    assert_eq!(
        store.consultation(phase.id).await.unwrap(),
        Some(consultation.clone())
    );
    assert_eq!(store.phase(phase.id).await.unwrap(), Some(phase.clone()));
    assert_eq!(
        store.consultations_of(process.id).await.unwrap(),
        [(phase.clone(), consultation)]
    );
    let drafts = [
        QuestionDraft {
            prompt: "What is enhanced cooperation?".into(),
            word_limit: "500".into(),
            required: true,
            ..Default::default()
        },
        QuestionDraft {
            prompt: "Is the IGF the place?".into(),
            kind: "single-choice".into(),
            choices: "Yes\nNo".into(),
            ..Default::default()
        },
    ];
    let mut questions = Vec::new();
    for (i, draft) in drafts.iter().enumerate() {
        let question = draft.validate(phase.id, i as u32 + 1).unwrap();
        store.create(None, &question).await.unwrap();
        questions.push(question);
    }
    assert_eq!(store.questions(phase.id).await.unwrap(), questions);
    (phase, questions)
}

fn sheet(
    phase: &agora_core::process::Phase,
    user: Uuid,
    questions: &[Question],
    text: &str,
    state: SubmissionState,
) -> Submission {
    let id = Uuid::now_v7();
    Submission {
        id,
        phase_id: phase.id,
        user_id: Some(user),
        imported: None,
        receipt: receipt_code(id),
        state,
        public: true,
        author: Author {
            stakeholder_group: "civil-society".into(),
            lang: "en".into(),
            ..Default::default()
        },
        answers: [
            (questions[0].id, AnswerValue::Text(text.into())),
            (questions[1].id, AnswerValue::Choices(vec!["Yes".into()])),
        ]
        .into(),
        updated_at: Timestamp::UNIX_EPOCH,
        submitted_at: None,
    }
}

async fn a_consultation_takes_one_answer_sheet_per_person(store: Store, _url: String) {
    let (phase, questions) = questionnaire(&store).await;
    let joy = store
        .create_user(None, &new_user("joy@example.org", "Joy"), None)
        .await
        .unwrap();
    let draft = store
        .save_submission(
            Some(joy.id),
            &sheet(
                &phase,
                joy.id,
                &questions,
                "First thoughts",
                SubmissionState::Draft,
            ),
            None,
            None,
        )
        .await
        .unwrap()
        .submission;
    assert_eq!(draft.state, SubmissionState::Draft);
    assert_eq!(draft.submitted_at, None);
    assert!(
        store
            .published_submissions(phase.id, &PageRequest::first(10))
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let submitted = store
        .save_submission(
            Some(joy.id),
            &sheet(
                &phase,
                joy.id,
                &questions,
                "Final answer",
                SubmissionState::Submitted,
            ),
            None,
            None,
        )
        .await
        .unwrap()
        .submission;
    assert_eq!(
        (submitted.id, &submitted.receipt),
        (draft.id, &draft.receipt),
        "one sheet, one receipt"
    );
    assert_eq!(
        submitted.answers[&questions[0].id],
        AnswerValue::Text("Final answer".into())
    );
    assert!(submitted.submitted_at.is_some());
    assert_eq!(
        store
            .submission_by_receipt(&draft.receipt.to_lowercase())
            .await
            .unwrap(),
        Some(submitted.clone())
    );
    let log = store.audit_log(&PageRequest::first(1)).await.unwrap().items;
    assert_eq!(log[0].action, "submit");
    assert_eq!(
        log[0].before.as_ref().unwrap()["answers"][questions[0].id.to_string()],
        "First thoughts"
    );

    let mut private = sheet(
        &phase,
        Uuid::nil(),
        &questions,
        "Confidential view",
        SubmissionState::Submitted,
    );
    let marilyn = store
        .create_user(None, &new_user("marilyn@example.org", "Marilyn"), None)
        .await
        .unwrap();
    private.user_id = Some(marilyn.id);
    private.public = false;
    store
        .save_submission(Some(marilyn.id), &private, None, None)
        .await
        .unwrap();
    let published = store
        .published_submissions(phase.id, &PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(published.items, [submitted]);

    assert_eq!(store.late_window(phase.id, joy.id).await.unwrap(), None);
    let until = phase.closes_at + jiff::SignedDuration::from_hours(48);
    store
        .grant_late_window(None, phase.id, joy.id, until)
        .await
        .unwrap();
    assert_eq!(
        store.late_window(phase.id, joy.id).await.unwrap(),
        Some(until)
    );
    let log = store.audit_log(&PageRequest::first(1)).await.unwrap().items;
    assert_eq!(
        (log[0].action.as_str(), log[0].entity.as_str()),
        ("grant", "late-window")
    );
}

async fn an_idempotency_key_saves_once(store: Store, _url: String) {
    let (phase, questions) = questionnaire(&store).await;
    let joy = store
        .create_user(None, &new_user("joy@example.org", "Joy"), None)
        .await
        .unwrap();
    let first = sheet(
        &phase,
        joy.id,
        &questions,
        "Answer",
        SubmissionState::Submitted,
    );
    let saved = store
        .save_submission(Some(joy.id), &first, Some(("key-1", "hash-a")), None)
        .await
        .unwrap();
    assert!(!saved.replayed);
    let retry = sheet(
        &phase,
        joy.id,
        &questions,
        "Answer",
        SubmissionState::Submitted,
    );
    let again = store
        .save_submission(Some(joy.id), &retry, Some(("key-1", "hash-a")), None)
        .await
        .unwrap();
    assert!(again.replayed);
    assert_eq!(again.submission, saved.submission);
    let other = store
        .save_submission(Some(joy.id), &retry, Some(("key-1", "hash-b")), None)
        .await;
    assert!(matches!(
        other,
        Err(StoreError::Conflict {
            field: "idempotency_key"
        })
    ));
    let audit_entries = store
        .audit_log(&PageRequest::first(200))
        .await
        .unwrap()
        .items;
    assert_eq!(
        audit_entries
            .iter()
            .filter(|e| e.entity == "submission")
            .count(),
        1,
        "saved once"
    );
}

/// The receipt a test "renders": the stored sheet's code and submission time, in French.
fn receipt_letter(sheet: &Submission) -> Letter {
    Letter {
        recipient: "joy@example.org".into(),
        subject: format!("Reçu {}", sheet.receipt),
        body: format!(
            "Code : {} ({:?})",
            sheet.receipt,
            sheet.submitted_at.map(|t| t.as_millisecond())
        ),
        lang: "fr".into(),
    }
}

/// Every message due at `now`, claimed for ten minutes.
async fn claim_all(store: &Store, now: Timestamp) -> Vec<agora_store::Outgoing> {
    let lease = now + jiff::SignedDuration::from_mins(10);
    store.claim_mail(now, lease, 100).await.unwrap()
}

async fn a_submission_queues_its_receipt_in_the_same_transaction(store: Store, _url: String) {
    let (phase, questions) = questionnaire(&store).await;
    let joy = store
        .create_user(None, &new_user("joy@example.org", "Joy"), None)
        .await
        .unwrap();
    let save = |state, text: &'static str, key: Option<&'static str>| {
        let store = store.clone();
        let sheet = sheet(&phase, joy.id, &questions, text, state);
        async move {
            let key = key.map(|k| (k, text));
            store
                .save_submission(Some(joy.id), &sheet, key, Some(&receipt_letter))
                .await
        }
    };
    let queued = |store: Store| async move { store.outbox_counts().await.unwrap().queued };

    let draft = save(SubmissionState::Draft, "First thoughts", None)
        .await
        .unwrap();
    assert_eq!(queued(store.clone()).await, 0, "a draft queues nothing");

    // A receipt that cannot be filed takes the submission down with it: one transaction.
    let doomed = sheet(
        &phase,
        joy.id,
        &questions,
        "Lost",
        SubmissionState::Submitted,
    );
    let panicked = tokio::spawn({
        let store = store.clone();
        async move {
            let render = |_: &Submission| -> Letter { panic!("the receipt cannot be rendered") };
            store
                .save_submission(Some(joy.id), &doomed, None, Some(&render))
                .await
        }
    })
    .await;
    assert!(panicked.unwrap_err().is_panic());
    let kept = store
        .submission_of(phase.id, joy.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        kept.state,
        SubmissionState::Draft,
        "the sheet was not submitted"
    );
    assert_eq!(queued(store.clone()).await, 0);

    let submitted = save(SubmissionState::Submitted, "Final answer", None)
        .await
        .unwrap()
        .submission;
    assert_eq!(queued(store.clone()).await, 1, "one receipt per submission");
    let now = Timestamp::now();
    let claimed = claim_all(&store, now).await;
    assert_eq!(claimed.len(), 1);
    let receipt = &claimed[0];
    assert_eq!(receipt.kind, MailKind::Receipt);
    assert_eq!(receipt.attempts, 1);
    assert_eq!(
        receipt.letter,
        receipt_letter(&submitted),
        "rendered from the sheet as stored"
    );
    assert_eq!(submitted.receipt, draft.submission.receipt);
    assert!(receipt.letter.body.contains(&draft.submission.receipt));

    // Handing in an edit is a new submission, with its own receipt.
    tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    save(SubmissionState::Submitted, "Edited answer", Some("k1"))
        .await
        .unwrap();
    assert_eq!(queued(store.clone()).await, 2);
    // A replay of the same request is not a submission: no receipt.
    let replay = save(SubmissionState::Submitted, "Edited answer", Some("k1"))
        .await
        .unwrap();
    assert!(replay.replayed);
    assert_eq!(queued(store.clone()).await, 2);
    // A refused submission queues nothing either.
    let mut refused = sheet(
        &phase,
        joy.id,
        &questions,
        "Refused",
        SubmissionState::Submitted,
    );
    refused.author.stakeholder_group = "nobody".into();
    assert!(
        store
            .save_submission(Some(joy.id), &refused, None, Some(&receipt_letter))
            .await
            .is_err()
    );
    assert_eq!(queued(store.clone()).await, 2);
    assert_eq!(
        claim_all(&store, now).await.len(),
        1,
        "the new receipt only"
    );
}

async fn the_outbox_leases_retries_and_records_outcomes(store: Store, _url: String) {
    let (phase, questions) = questionnaire(&store).await;
    let mut receipts = Vec::new();
    for name in ["ana", "ben", "cai", "dev"] {
        let user = store
            .create_user(None, &new_user(&format!("{name}@example.org"), name), None)
            .await
            .unwrap();
        let answer = sheet(
            &phase,
            user.id,
            &questions,
            name,
            SubmissionState::Submitted,
        );
        let saved = store
            .save_submission(Some(user.id), &answer, None, Some(&receipt_letter))
            .await
            .unwrap();
        receipts.push(saved.submission.receipt);
    }
    let t0 = ms(1_373_000_000_000);
    let minutes = |n: i64| t0 + jiff::SignedDuration::from_mins(n);
    let lease = minutes(10);

    // Oldest first, a batch at a time; a claimed message is nobody else's until its lease ends.
    let first = store.claim_mail(t0, lease, 2).await.unwrap();
    let subjects = |batch: &[agora_store::Outgoing]| -> Vec<String> {
        batch.iter().map(|m| m.letter.subject.clone()).collect()
    };
    assert_eq!(
        subjects(&first),
        [
            format!("Reçu {}", receipts[0]),
            format!("Reçu {}", receipts[1])
        ]
    );
    let rest = claim_all(&store, t0).await;
    assert_eq!(rest.len(), 2);
    assert!(claim_all(&store, minutes(9)).await.is_empty(), "all leased");

    // A failed try waits for its retry.
    store
        .record_outcomes(&[Outcome::Retry {
            id: first[0].id,
            error: "connection refused".into(),
            retry_at: minutes(1),
        }])
        .await
        .unwrap();
    assert!(store.claim_mail(t0, lease, 10).await.unwrap().is_empty());
    let retried = store.claim_mail(minutes(1), minutes(11), 10).await.unwrap();
    assert_eq!(retried.len(), 1);
    assert_eq!((retried[0].id, retried[0].attempts), (first[0].id, 2));

    store
        .record_outcomes(&[
            Outcome::Delivered {
                id: first[0].id,
                how: Delivery::Smtp,
                at: minutes(1),
            },
            Outcome::Delivered {
                id: first[1].id,
                how: Delivery::Log,
                at: minutes(1),
            },
            Outcome::GaveUp {
                id: rest[0].id,
                error: "550 no such user".into(),
            },
        ])
        .await
        .unwrap();
    // rest[1] was claimed by a worker that died: its lease ends and it is claimed again.
    let orphan = claim_all(&store, minutes(10)).await;
    assert_eq!(orphan.len(), 1);
    assert_eq!((orphan[0].id, orphan[0].attempts), (rest[1].id, 2));
    assert_eq!(
        store.outbox_counts().await.unwrap(),
        OutboxCounts {
            queued: 1,
            sent: 1,
            logged: 1,
            failed: 1,
            last_error: Some("550 no such user".into()),
        }
    );
    // Delivered and given-up messages are not claimed again, ever.
    assert_eq!(claim_all(&store, minutes(100)).await.len(), 1);

    let log = whole_audit_log(&store).await;
    let outcomes: Vec<(&str, String)> = log
        .iter()
        .filter(|e| e.entity == "mail")
        .map(|e| (e.action.as_str(), e.entity_id.clone()))
        .rev()
        .collect();
    assert_eq!(
        outcomes,
        [
            ("send", first[0].id.to_string()),
            ("log", first[1].id.to_string()),
            ("give-up", rest[0].id.to_string()),
        ]
    );
}

async fn reminders_go_once_to_drafts_of_consultations_closing_soon(store: Store, _url: String) {
    // The questionnaire closes on 2013-07-15 at 12:00 in Zurich, 10:00 UTC.
    let (phase, questions) = questionnaire(&store).await;
    let mut users = Vec::new();
    for (name, state, lang) in [
        ("joy", SubmissionState::Draft, "fr"),
        ("marilyn", SubmissionState::Submitted, "en"),
        ("franklin", SubmissionState::Draft, "en"),
    ] {
        let user = store
            .create_user(None, &new_user(&format!("{name}@example.org"), name), None)
            .await
            .unwrap();
        let mut answer = sheet(&phase, user.id, &questions, name, state);
        answer.author.lang = lang.into();
        store
            .save_submission(Some(user.id), &answer, None, None)
            .await
            .unwrap();
        users.push(user);
    }
    let (joy, franklin) = (&users[0], &users[2]);
    let label = "reminder-48h";
    let due = |now: &str| {
        let store = store.clone();
        let now: Timestamp = now.parse().unwrap();
        async move {
            let until = now + jiff::SignedDuration::from_hours(48);
            store.due_reminders(label, now, until, 100).await.unwrap()
        }
    };
    assert!(due("2013-07-10T10:00:00Z").await.is_empty(), "not yet");
    let soon = due("2013-07-13T10:00:00Z").await;
    let who: Vec<Uuid> = soon.iter().map(|d| d.user_id).collect();
    assert_eq!(who.len(), 2);
    assert!(
        who.contains(&joy.id) && who.contains(&franklin.id),
        "drafts only"
    );
    let to_joy = soon.iter().find(|d| d.user_id == joy.id).unwrap();
    assert_eq!(
        (
            to_joy.phase_id,
            to_joy.email.as_str(),
            to_joy.lang.as_str(),
            to_joy.title.as_str(),
            to_joy.process_title.as_str(),
            to_joy.display_zone.as_str(),
            to_joy.closes_at,
        ),
        (
            phase.id,
            "joy@example.org",
            "fr",
            "Questionnaire",
            "WGEC",
            "Europe/Zurich",
            phase.closes_at
        )
    );
    let letter = Letter {
        recipient: to_joy.email.clone(),
        subject: "Rappel".into(),
        body: "Votre brouillon".into(),
        lang: "fr".into(),
    };
    assert!(store.queue_reminder(label, to_joy, &letter).await.unwrap());
    assert!(
        !store.queue_reminder(label, to_joy, &letter).await.unwrap(),
        "never twice"
    );
    let left: Vec<Uuid> = due("2013-07-13T10:00:00Z")
        .await
        .iter()
        .map(|d| d.user_id)
        .collect();
    assert_eq!(left, [franklin.id]);
    assert_eq!(
        due("2013-07-15T09:00:00Z").await.len(),
        1,
        "still franklin's"
    );
    assert!(due("2013-07-15T10:00:00Z").await.is_empty(), "closed");
    // Another reminder (another label) is another message.
    let now: Timestamp = "2013-07-14T12:00:00Z".parse().unwrap();
    let day_before = store
        .due_reminders(
            "reminder-24h",
            now,
            now + jiff::SignedDuration::from_hours(24),
            100,
        )
        .await
        .unwrap();
    assert_eq!(day_before.len(), 2);

    // Franklin submits before the reminder is queued: there is nothing to remind him of.
    let to_franklin = soon.iter().find(|d| d.user_id == franklin.id).unwrap();
    let handed_in = sheet(
        &phase,
        franklin.id,
        &questions,
        "Done",
        SubmissionState::Submitted,
    );
    store
        .save_submission(Some(franklin.id), &handed_in, None, None)
        .await
        .unwrap();
    assert!(
        !store
            .queue_reminder(label, to_franklin, &letter)
            .await
            .unwrap()
    );

    let claimed = claim_all(&store, now).await;
    assert_eq!(claimed.len(), 1);
    assert_eq!(
        (claimed[0].kind, &claimed[0].letter),
        (MailKind::Reminder, &letter)
    );
    let log = store
        .audit_log(&PageRequest::first(10))
        .await
        .unwrap()
        .items;
    let queued = log
        .iter()
        .find(|e| e.entity == "mail")
        .expect("the reminder is audited");
    assert_eq!(
        (queued.action.as_str(), queued.entity_id.clone()),
        ("queue", claimed[0].id.to_string())
    );
    assert_eq!(
        queued.after.as_ref().unwrap()["dedup_key"],
        format!("{label}:{}:{}", phase.id, joy.id)
    );
}

async fn the_workspace_filters_counts_tags_and_moderates(store: Store, _url: String) {
    let (phase, questions) = questionnaire(&store).await;
    let mut ids = Vec::new();
    let people = [
        (
            "civil-society",
            Some("151"),
            "en",
            Some("APC"),
            "Enhanced cooperation needs 100% openness",
        ),
        (
            "government",
            Some("005"),
            "fr",
            Some("Itamaraty"),
            "La coopération renforcée",
        ),
        ("civil-society", None, "fr", None, "Multistakeholder_model"),
    ];
    for (i, (group, region, lang, org, text)) in people.into_iter().enumerate() {
        let user = store
            .create_user(None, &new_user(&format!("p{i}@example.org"), "P"), None)
            .await
            .unwrap();
        let mut answer = sheet(
            &phase,
            user.id,
            &questions,
            text,
            SubmissionState::Submitted,
        );
        answer.author = Author {
            stakeholder_group: group.into(),
            region: region.map(Into::into),
            lang: lang.into(),
            organisation: org.map(Into::into),
            ..Default::default()
        };
        if i == 2 {
            answer.answers.remove(&questions[1].id);
        }
        ids.push(
            store
                .save_submission(Some(user.id), &answer, None, None)
                .await
                .unwrap()
                .submission
                .id,
        );
    }
    let all = AnswerFilter::default();
    let counts = store.answer_counts(phase.id, &all).await.unwrap();
    assert_eq!(counts.total, 3);
    assert_eq!(
        counts.by_stakeholder_group,
        [
            ("civil-society".to_owned(), 2),
            ("government".to_owned(), 1)
        ]
    );
    assert_eq!(counts.by_lang, [("fr".to_owned(), 2), ("en".to_owned(), 1)]);
    let filtered = |filter: AnswerFilter| {
        let store = store.clone();
        async move {
            let page = store
                .workspace(phase.id, &filter, &PageRequest::first(10))
                .await
                .unwrap();
            page.items
                .into_iter()
                .map(|r| r.submission.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        filtered(AnswerFilter {
            lang: Some("fr".into()),
            ..Default::default()
        })
        .await,
        ids[1..]
    );
    assert_eq!(
        filtered(AnswerFilter {
            organisation: Some("itam".into()),
            ..Default::default()
        })
        .await,
        [ids[1]]
    );
    assert_eq!(
        filtered(AnswerFilter {
            text: Some("COOPÉRATION".to_lowercase()),
            ..Default::default()
        })
        .await,
        [ids[1]]
    );
    assert_eq!(
        filtered(AnswerFilter {
            text: Some("100%".into()),
            ..Default::default()
        })
        .await,
        [ids[0]]
    );
    assert_eq!(
        filtered(AnswerFilter {
            text: Some("r_model".into()),
            ..Default::default()
        })
        .await,
        [ids[2]],
        "_ is literal"
    );
    assert!(
        filtered(AnswerFilter {
            text: Some("%".into()),
            region: Some("005".into()),
            ..Default::default()
        })
        .await
        .is_empty()
    );
    assert_eq!(
        filtered(AnswerFilter {
            question: Some(questions[1].id),
            ..Default::default()
        })
        .await,
        ids[..2],
        "only the sheets that answered question 2"
    );
    let today = Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date();
    assert_eq!(
        filtered(AnswerFilter {
            from: Some(today),
            to: Some(today),
            ..Default::default()
        })
        .await
        .len(),
        3
    );
    assert!(
        filtered(AnswerFilter {
            to: Some(today.yesterday().unwrap()),
            ..Default::default()
        })
        .await
        .is_empty()
    );

    store
        .tag_submission(None, ids[0], "principles")
        .await
        .unwrap();
    store
        .tag_submission(None, ids[0], "principles")
        .await
        .unwrap();
    assert_eq!(
        filtered(AnswerFilter {
            tag: Some("principles".into()),
            ..Default::default()
        })
        .await,
        [ids[0]]
    );
    let rows = store
        .workspace(phase.id, &all, &PageRequest::first(10))
        .await
        .unwrap()
        .items;
    assert_eq!(rows[0].tags, ["principles"]);

    let hidden = Moderation {
        visibility: Visibility::Hidden,
        reason: "Falsely attributed".into(),
    };
    store.moderate(None, ids[1], Some(&hidden)).await.unwrap();
    let shown = AnswerFilter {
        exclude_hidden: true,
        ..Default::default()
    };
    let counted = store.answer_counts(phase.id, &shown).await.unwrap();
    assert_eq!(counted.total, 2, "hidden sheets leave the public counts");
    assert_eq!(
        counted.by_stakeholder_group,
        [("civil-society".to_owned(), 2)]
    );
    assert_eq!(store.answer_counts(phase.id, &all).await.unwrap().total, 3);
    let public: Vec<Uuid> = store
        .published_submissions(phase.id, &PageRequest::first(10))
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(public, [ids[0], ids[2]], "hidden from the public");
    let rows = store
        .workspace(phase.id, &all, &PageRequest::first(10))
        .await
        .unwrap()
        .items;
    assert_eq!(
        rows[1].moderation.as_ref(),
        Some(&hidden),
        "still there for the secretariat"
    );
    let log = store.audit_log(&PageRequest::first(1)).await.unwrap().items;
    assert_eq!(log[0].action, "moderate");
    assert_eq!(
        log[0].after.as_ref().unwrap()["reason"],
        "Falsely attributed"
    );
    store.moderate(None, ids[1], None).await.unwrap();
    assert_eq!(
        store
            .published_submissions(phase.id, &PageRequest::first(10))
            .await
            .unwrap()
            .items
            .len(),
        3
    );
    assert!(matches!(
        store.moderate(None, Uuid::now_v7(), Some(&hidden)).await,
        Err(StoreError::NotFound)
    ));
}

async fn an_import_stores_every_sheet_or_none(store: Store, _url: String) {
    let (phase, questions) = questionnaire(&store).await;
    let batch = Uuid::now_v7();
    let imported = |row: u64, text: &str| {
        let mut sheet = sheet(
            &phase,
            Uuid::nil(),
            &questions,
            text,
            SubmissionState::Submitted,
        );
        sheet.user_id = None;
        sheet.imported = Some(agora_core::consultation::ImportOrigin {
            batch,
            row,
            name: Some(format!("Respondent {row}")),
            email: None,
        });
        sheet.submitted_at = Some(phase.opens_at);
        sheet
    };
    let sheets: Vec<Submission> = (2..7)
        .map(|row| imported(row, "From a survey tool"))
        .collect();
    let counted = std::sync::Mutex::new(0);
    store
        .import_submissions(None, phase.id, &sheets, |n| *counted.lock().unwrap() = n)
        .await
        .unwrap();
    assert_eq!(*counted.lock().unwrap(), 5);
    let stored = store.submission(sheets[2].id).await.unwrap().unwrap();
    assert_eq!(stored.user_id, None);
    assert_eq!(stored.imported.as_ref().unwrap().row, 4);
    assert_eq!(stored.submitted_at, Some(phase.opens_at));
    assert_eq!(stored.answers, sheets[2].answers);
    assert_eq!(
        store
            .published_submissions(phase.id, &PageRequest::first(10))
            .await
            .unwrap()
            .items
            .len(),
        5
    );

    // A sheet that clashes (a receipt already taken) refuses the whole second import.
    let mut again: Vec<Submission> = (2..5).map(|row| imported(row, "Second file")).collect();
    again[2].receipt = sheets[0].receipt.clone();
    let refused = store
        .import_submissions(None, phase.id, &again, |_| {})
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict { field: "receipt" })),
        "{refused:?}"
    );
    assert_eq!(
        store
            .published_submissions(phase.id, &PageRequest::first(10))
            .await
            .unwrap()
            .items
            .len(),
        5
    );
    let log = store.audit_log(&PageRequest::first(1)).await.unwrap().items;
    assert_eq!(
        (log[0].action.as_str(), log[0].entity_id.as_str()),
        ("import", batch.to_string().as_str())
    );
    assert!(
        store
            .save_submission(None, &imported(9, "x"), None, None)
            .await
            .is_err(),
        "a web save needs an account"
    );
}

/// The web keeps an uploaded file between the steps of an import: every byte comes back (NUL,
/// 0xFF, a mark, a megabyte), a commit imports the sheets and drops the bytes at once (a second
/// commit imports nothing), and the purge removes what is past keeping.
async fn a_staged_upload_keeps_its_bytes_until_imported_or_expired(store: Store, _url: String) {
    let (phase, questions) = questionnaire(&store).await;
    let uploader = store
        .create_user(
            None,
            &new_user("sec@example.org", "Sec"),
            Some(Role::Secretariat),
        )
        .await
        .unwrap();
    let mut bytes: Vec<u8> = vec![0x00, 0xFF, 0xFE, b'\n', 0x80, 0x00];
    bytes.extend((0..1_000_000u32).map(|i| (i % 251) as u8));
    let staged_at = Timestamp::from_second(1_373_000_000).unwrap();
    let upload = StagedUpload {
        id: Uuid::now_v7(),
        phase_id: phase.id,
        uploader_id: uploader.id,
        filename: "réponses.csv".into(),
        encoding: "latin1".into(),
        sheet: None,
        bytes,
        map: None,
        created_at: staged_at,
        batch: None,
    };
    store
        .stage_upload(Some(uploader.id), &upload)
        .await
        .unwrap();
    let read = store.staged_upload(upload.id).await.unwrap().unwrap();
    assert_eq!(read, upload, "every byte and field comes back");
    let log = store.audit_log(&PageRequest::first(1)).await.unwrap().items;
    assert_eq!(
        (log[0].action.as_str(), log[0].entity.as_str()),
        ("create", "import-upload")
    );
    assert_eq!(log[0].after.as_ref().unwrap()["size"], 1_000_006);

    store
        .remember_import_map(Some(uploader.id), upload.id, "[author]\n")
        .await
        .unwrap();
    let read = store.staged_upload(upload.id).await.unwrap().unwrap();
    assert_eq!(read.map.as_deref(), Some("[author]\n"));
    assert!(matches!(
        store.remember_import_map(None, Uuid::now_v7(), "x").await,
        Err(StoreError::NotFound)
    ));
    assert!(!read.is_expired(staged_at));
    let keeping_ends = staged_at.checked_add(STAGED_UPLOAD_TTL).unwrap();
    assert!(!read.is_expired(keeping_ends - jiff::SignedDuration::from_secs(1)));
    assert!(read.is_expired(keeping_ends));

    // Committing imports the sheets and marks the upload in one transaction; a second commit
    // of the same upload is refused and stores nothing.
    let batch = Uuid::now_v7();
    let mut imported = sheet(
        &phase,
        Uuid::nil(),
        &questions,
        "From the file",
        SubmissionState::Submitted,
    );
    imported.user_id = None;
    imported.imported = Some(agora_core::consultation::ImportOrigin {
        batch,
        row: 2,
        name: None,
        email: None,
    });
    store
        .import_staged(Some(uploader.id), &upload, std::slice::from_ref(&imported))
        .await
        .unwrap();
    let committed = store.staged_upload(upload.id).await.unwrap().unwrap();
    assert_eq!(committed.batch, Some(batch));
    assert!(committed.bytes.is_empty(), "the file is dropped");
    assert_eq!(store.imported_count(phase.id, batch).await.unwrap(), 1);
    let log = store.audit_log(&PageRequest::first(1)).await.unwrap().items;
    assert_eq!(
        (log[0].action.as_str(), log[0].entity_id.as_str()),
        ("import", batch.to_string().as_str())
    );
    assert_eq!(log[0].after.as_ref().unwrap()["upload"], json(&upload.id));
    let mut again = imported.clone();
    again.id = Uuid::now_v7();
    again.receipt = receipt_code(again.id);
    assert!(matches!(
        store
            .import_staged(Some(uploader.id), &upload, std::slice::from_ref(&again))
            .await,
        Err(StoreError::Conflict { field: "batch" })
    ));
    assert_eq!(store.imported_count(phase.id, batch).await.unwrap(), 1);
    let never_staged = StagedUpload {
        id: Uuid::now_v7(),
        ..upload.clone()
    };
    assert!(matches!(
        store
            .import_staged(Some(uploader.id), &never_staged, &[again])
            .await,
        Err(StoreError::NotFound)
    ));

    // The purge removes what was staged at or before the instant it is given.
    let old = StagedUpload {
        id: Uuid::now_v7(),
        bytes: b"Name\nJoy\n".to_vec(),
        ..upload.clone()
    };
    let new = StagedUpload {
        id: Uuid::now_v7(),
        created_at: keeping_ends,
        ..old.clone()
    };
    store.stage_upload(None, &old).await.unwrap();
    store.stage_upload(None, &new).await.unwrap();
    assert_eq!(
        store.purge_staged_uploads(staged_at).await.unwrap(),
        2,
        "the old upload and the committed one"
    );
    assert_eq!(store.staged_upload(old.id).await.unwrap(), None);
    assert_eq!(store.staged_upload(upload.id).await.unwrap(), None);
    assert_eq!(store.staged_upload(new.id).await.unwrap(), Some(new));
    assert_eq!(store.purge_staged_uploads(staged_at).await.unwrap(), 0);
}

async fn organisations_round_trip_and_page_by_name(store: Store, _url: String) {
    let full = OrganisationDraft {
        name: "Internet Corporation for Assigned Names and Numbers".into(),
        acronym: "ICANN".into(),
        stakeholder_group: "technical-community".into(),
        country: "us".into(),
        website: "https://www.icann.org/".into(),
    }
    .validate(&groups())
    .unwrap();
    let bare = org("Zeta Forum", "civil-society");
    store.create(None, &full).await.unwrap();
    store.create(None, &bare).await.unwrap();

    let got = store.organisation(full.id).await.unwrap().expect("stored");
    assert_eq!(got.id, full.id);
    assert_eq!(
        got.name,
        "Internet Corporation for Assigned Names and Numbers"
    );
    assert_eq!(got.acronym.as_deref(), Some("ICANN"));
    assert_eq!(got.stakeholder_group, "technical-community");
    assert_eq!(got.country.as_deref(), Some("US"));
    assert_eq!(got.website.as_deref(), Some("https://www.icann.org/"));
    assert_eq!(got, full);
    let got = store.organisation(bare.id).await.unwrap().expect("stored");
    assert_eq!(got.acronym, None);
    assert_eq!(got.country, None);
    assert_eq!(got.website, None);
    assert_eq!(got, bare);
    assert_eq!(store.organisation(Uuid::now_v7()).await.unwrap(), None);

    // "apnic" and "APNIC" share a sort key: the id (creation order) decides between them.
    let mut all = vec![full, bare];
    for name in ["beta", "apnic", "Alpha", "APNIC", "itu"] {
        let o = org(name, "civil-society");
        store.create(None, &o).await.unwrap();
        all.push(o);
    }
    let (items, sizes) = all_pages(3, |r| {
        let store = store.clone();
        async move { store.organisations(&r).await }
    })
    .await;
    assert_eq!(sizes, [3, 3, 1]);
    let names: Vec<&str> = items.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Alpha",
            "apnic",
            "APNIC",
            "beta",
            "Internet Corporation for Assigned Names and Numbers",
            "itu",
            "Zeta Forum",
        ]
    );
    all.sort_by_key(|o| (o.name.to_lowercase(), o.id.to_string()));
    assert_eq!(items, all, "every organisation once, by name then id");
}

async fn people_round_trip_and_page_by_name(store: Store, _url: String) {
    let itu = org(
        "International Telecommunication Union",
        "intergovernmental-organisation",
    );
    store.create(None, &itu).await.unwrap();
    let full = PersonDraft {
        name: "Peter Major".into(),
        organisation_id: itu.id.to_string(),
        affiliation: "Chair, CSTD WGEC".into(),
        stakeholder_group: "government".into(),
        country: "hu".into(),
        region: "151".into(),
        languages: "hu, fr en zh-Hans".into(),
        gender: "man".into(),
    }
    .validate(&groups())
    .unwrap();
    let bare = person("Anriette Esterhuysen", "civil-society");
    store.create(None, &full).await.unwrap();
    store.create(None, &bare).await.unwrap();

    let got = store.person(full.id).await.unwrap().expect("stored");
    assert_eq!(got.id, full.id);
    assert_eq!(got.name, "Peter Major");
    assert_eq!(got.organisation_id, Some(itu.id));
    assert_eq!(got.affiliation.as_deref(), Some("Chair, CSTD WGEC"));
    assert_eq!(got.stakeholder_group, "government");
    assert_eq!(got.country.as_deref(), Some("HU"));
    assert_eq!(got.region.as_deref(), Some("151"));
    assert_eq!(got.languages, ["hu", "fr", "en", "zh-Hans"], "order kept");
    assert_eq!(got.gender.as_deref(), Some("man"));
    assert_eq!(got, full);
    let got = store.person(bare.id).await.unwrap().expect("stored");
    assert_eq!(got.organisation_id, None);
    assert_eq!(got.affiliation, None);
    assert_eq!(got.country, None);
    assert_eq!(got.region, None);
    assert!(got.languages.is_empty());
    assert_eq!(got.gender, None);
    assert_eq!(got, bare);
    assert_eq!(store.person(Uuid::now_v7()).await.unwrap(), None);
    assert_eq!(
        store.members_of(itu.id).await.unwrap(),
        std::slice::from_ref(&full)
    );

    let mut all = vec![full, bare];
    for name in [
        "markus Kummer",
        "Fadi Chehadé",
        "Markus Kummer",
        "Nnenna Nwakanma",
        "avri Doria",
    ] {
        let p = person(name, "civil-society");
        store.create(None, &p).await.unwrap();
        all.push(p);
    }
    let (items, sizes) = all_pages(3, |r| {
        let store = store.clone();
        async move { store.people(&r).await }
    })
    .await;
    assert_eq!(sizes, [3, 3, 1]);
    let names: Vec<&str> = items.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Anriette Esterhuysen",
            "avri Doria",
            "Fadi Chehadé",
            "markus Kummer",
            "Markus Kummer",
            "Nnenna Nwakanma",
            "Peter Major",
        ]
    );
    all.sort_by_key(|p| (p.name.to_lowercase(), p.id.to_string()));
    assert_eq!(items, all, "every person once, by name then id");
}

async fn bad_cursors_are_refused(store: Store, _url: String) {
    for garbage in [
        "%%%",
        "not a cursor!",
        "",
        &URL_SAFE_NO_PAD.encode("no separator"),
    ] {
        assert!(
            matches!(Cursor::decode(garbage), Err(StoreError::BadCursor)),
            "{garbage:?} decoded"
        );
    }
    // Well-formed but meaningless for the audit log, whose keys are sequence numbers.
    let cursor = Cursor::decode(&URL_SAFE_NO_PAD.encode("seven\u{1f}x")).unwrap();
    let request = PageRequest {
        limit: 3,
        after: Some(cursor),
    };
    assert!(matches!(
        store.audit_log(&request).await,
        Err(StoreError::BadCursor)
    ));
}

async fn a_person_needs_an_existing_organisation(store: Store, _url: String) {
    let itu = org("ITU", "intergovernmental-organisation");
    store.create(None, &itu).await.unwrap();
    let stray = PersonDraft {
        name: "Hamadoun Touré".into(),
        organisation_id: Uuid::now_v7().to_string(),
        stakeholder_group: "intergovernmental-organisation".into(),
        ..Default::default()
    }
    .validate(&groups())
    .unwrap();
    let error = store.create(None, &stray).await.unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::MissingReference {
                field: "organisation_id"
            }
        ),
        "got {error:?}"
    );
    assert_eq!(store.person(stray.id).await.unwrap(), None);
    let people = store.people(&PageRequest::first(50)).await.unwrap();
    assert!(people.items.is_empty() && people.next.is_none());
    let log = whole_audit_log(&store).await;
    assert_eq!(log.len(), 1, "only the organisation is audited: {log:?}");
    assert_eq!(log[0].entity, "organisation");
    assert!(log.iter().all(|e| e.entity_id != stray.id.to_string()));
}

async fn processes_seats_and_slugs(store: Store, _url: String) {
    let cstd = org(
        "Commission on Science and Technology for Development",
        "intergovernmental-organisation",
    );
    store.create(None, &cstd).await.unwrap();
    let mut wgec = process(
        "CSTD Working Group on Enhanced Cooperation",
        "wgec-2013",
        &[
            ("government", 22),
            ("private-sector", 5),
            ("civil-society", 5),
            ("technical-community", 5),
            ("intergovernmental-organisation", 5),
        ],
    );
    wgec.convenor_id = Some(cstd.id);
    store.create(None, &wgec).await.unwrap();

    let by_slug = store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .expect("by slug");
    let by_id = store.process(wgec.id).await.unwrap().expect("by id");
    assert_eq!(by_slug.id, wgec.id);
    assert_eq!(by_slug.slug, "wgec-2013");
    assert_eq!(by_slug.title, "CSTD Working Group on Enhanced Cooperation");
    assert_eq!(by_slug.mandate, "A/RES/67/195");
    assert_eq!(by_slug.convenor_id, Some(cstd.id));
    assert_eq!(by_slug.display_zone, "Europe/Zurich");
    assert_eq!(by_slug.seats, wgec.seats);
    assert_eq!(by_slug.total_seats(), 42);
    assert_eq!(by_slug, wgec);
    assert_eq!(by_id, wgec);
    assert_eq!(store.process_by_slug("wgec-2014").await.unwrap(), None);
    assert_eq!(store.process(Uuid::now_v7()).await.unwrap(), None);

    let clash = process("Another group", "wgec-2013", &[("government", 1)]);
    let error = store.create(None, &clash).await.unwrap_err();
    assert!(
        matches!(error, StoreError::Conflict { field: "slug" }),
        "got {error:?}"
    );
    assert_eq!(store.process(clash.id).await.unwrap(), None);

    let mut orphan = process("Orphan", "orphan", &[]);
    orphan.convenor_id = Some(Uuid::now_v7());
    let error = store.create(None, &orphan).await.unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::MissingReference {
                field: "convenor_id"
            }
        ),
        "got {error:?}"
    );

    let igf = process(
        "Internet Governance Forum 2013",
        "",
        &[("civil-society", 3)],
    );
    assert_eq!(igf.slug, "internet-governance-forum-2013");
    store.create(None, &igf).await.unwrap();
    let (items, _) = all_pages(1, |r| {
        let store = store.clone();
        async move { store.processes(&r).await }
    })
    .await;
    assert_eq!(items, [igf, wgec], "processes by slug");
}

async fn phases_are_chronological_and_close_exactly(store: Store, _url: String) {
    let p = process("WGEC", "wgec", &[("government", 22)]);
    store.create(None, &p).await.unwrap();
    let now: i64 = 1_373_925_599_000; // 2013-07-15T21:59:59Z
    let day = 86_400_000;
    let report = phase(&p, PhaseKind::Report, now + 10 * day, now + 20 * day);
    let closes_now = phase(&p, PhaseKind::Consultation, now - 30 * day, now);
    let closes_after = phase(&p, PhaseKind::Meeting, now - day, now + 1);
    let closed = phase(
        &p,
        PhaseKind::CallForProposals,
        now - 60 * day,
        now - 31 * day,
    );
    for ph in [&report, &closes_now, &closes_after, &closed] {
        store.create(None, ph).await.unwrap();
    }
    let phases = store.phases(p.id).await.unwrap();
    assert_eq!(
        phases,
        [
            closed.clone(),
            closes_now.clone(),
            closes_after.clone(),
            report.clone()
        ],
        "chronological"
    );
    assert_eq!(
        phases[1].closes_at.as_millisecond(),
        now,
        "milliseconds kept"
    );

    // Open on [opens_at, closes_at): a phase closing exactly now is closed.
    assert_eq!(
        store.phases_not_closed(ms(now)).await.unwrap(),
        [closes_after.clone(), report.clone()]
    );
    assert_eq!(
        store.phases_not_closed(ms(now - 1)).await.unwrap(),
        [closes_now, closes_after, report.clone()]
    );
    assert_eq!(
        store.phases_not_closed(ms(now + 1)).await.unwrap(),
        [report]
    );
    assert!(store.phases(Uuid::now_v7()).await.unwrap().is_empty());

    let stray = phase(
        &process("Ghost", "ghost", &[]),
        PhaseKind::Meeting,
        now,
        now + 1,
    );
    let error = store.create(None, &stray).await.unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::MissingReference {
                field: "process_id"
            }
        ),
        "got {error:?}"
    );
}

async fn events_overlap_whole_days_and_page_by_start(store: Store, _url: String) {
    let wtpf = process("WTPF-13", "wtpf-13", &[]);
    store.create(None, &wtpf).await.unwrap();
    let full = EventDraft {
        title: "World Telecommunication/ICT Policy Forum".into(),
        acronym: "WTPF-13".into(),
        organiser: "ITU".into(),
        place: "Geneva, Switzerland".into(),
        starts_on: "2013-05-14".into(),
        ends_on: "2013-05-16".into(),
        process_id: wtpf.id.to_string(),
        url: "https://www.itu.int/en/wtpf-13/".into(),
        description: "Fifth WTPF.".into(),
    }
    .validate()
    .unwrap();
    let beijing = event("ICANN 46", "2013-04-08", "2013-04-11", None);
    let wsis = event("WSIS Forum", "2013-05-13", "2013-05-17", None);
    let same_day_a = event("Side event A", "2013-05-16", "", Some(wtpf.id));
    let same_day_b = event("Side event B", "2013-05-16", "", None);
    let day_after = event("Day after", "2013-05-17", "", None);
    let igf = event("IGF Bali", "2013-10-22", "2013-10-25", None);
    let all = [
        &igf,
        &full,
        &day_after,
        &beijing,
        &same_day_b,
        &wsis,
        &same_day_a,
    ];
    for e in all {
        store.create(None, e).await.unwrap();
    }

    let got = store.event(full.id).await.unwrap().expect("stored");
    assert_eq!(got.acronym.as_deref(), Some("WTPF-13"));
    assert_eq!(got.starts_on, date(2013, 5, 14));
    assert_eq!(got.ends_on, date(2013, 5, 16));
    assert_eq!(got.process_id, Some(wtpf.id));
    assert_eq!(got.url.as_deref(), Some("https://www.itu.int/en/wtpf-13/"));
    assert_eq!(got.description.as_deref(), Some("Fifth WTPF."));
    assert_eq!(got, full);
    let got = store.event(day_after.id).await.unwrap().expect("stored");
    assert_eq!(got.acronym, None);
    assert_eq!(got.ends_on, got.starts_on);
    assert_eq!(
        (got.process_id, got.url.clone(), got.description.clone()),
        (None, None, None)
    );
    assert_eq!(got, day_after);
    assert_eq!(store.event(Uuid::now_v7()).await.unwrap(), None);

    let titles =
        |events: Vec<Event>| -> Vec<String> { events.into_iter().map(|e| e.title).collect() };
    // The last day of an event and the first day of a range both count.
    let (same_a, same_b) = if same_day_a.id < same_day_b.id {
        ("Side event A", "Side event B")
    } else {
        ("Side event B", "Side event A")
    };
    assert_eq!(
        titles(
            store
                .events_between(date(2013, 5, 16), date(2013, 5, 31))
                .await
                .unwrap()
        ),
        [
            "WSIS Forum",
            "World Telecommunication/ICT Policy Forum",
            same_a,
            same_b,
            "Day after"
        ]
    );
    assert_eq!(
        titles(
            store
                .events_between(date(2013, 5, 17), date(2013, 5, 17))
                .await
                .unwrap()
        ),
        ["WSIS Forum", "Day after"]
    );
    assert_eq!(
        titles(
            store
                .events_between(date(2013, 4, 11), date(2013, 5, 13))
                .await
                .unwrap()
        ),
        ["ICANN 46", "WSIS Forum"]
    );
    assert!(
        store
            .events_between(date(2013, 5, 18), date(2013, 10, 21))
            .await
            .unwrap()
            .is_empty()
    );
    let everything = store.all_events().await.unwrap();
    assert_eq!(everything.len(), all.len());

    let mut expected: Vec<Event> = all.iter().map(|e| (*e).clone()).collect();
    expected.sort_by_key(|e| (e.starts_on, e.id));
    assert_eq!(everything, expected);
    let (items, sizes) = all_pages(2, |r| {
        let store = store.clone();
        async move { store.events(&r).await }
    })
    .await;
    assert_eq!(sizes, [2, 2, 2, 1]);
    assert_eq!(items, expected, "every event once, by start date then id");
    // A page boundary between the two events of the same day loses neither.
    let (items, _) = all_pages(4, |r| {
        let store = store.clone();
        async move { store.events(&r).await }
    })
    .await;
    assert_eq!(items, expected);

    let of_process = store.events_of_process(wtpf.id).await.unwrap();
    assert_eq!(of_process, [full, same_day_a]);
    assert!(
        store
            .events_of_process(Uuid::now_v7())
            .await
            .unwrap()
            .is_empty()
    );

    let stray = event("Nowhere", "2013-01-01", "", Some(Uuid::now_v7()));
    let error = store.create(None, &stray).await.unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::MissingReference {
                field: "process_id"
            }
        ),
        "got {error:?}"
    );
}

async fn glossary_acronyms_are_unique_ignoring_case(store: Store, _url: String) {
    let igf = glossary(
        "IGF",
        &[
            ("fr", "Forum sur la gouvernance de l'Internet"),
            ("en", "Internet Governance Forum"),
            ("es", "Foro para la Gobernanza de Internet"),
        ],
    );
    let wsis = glossary(
        "WSIS",
        &[
            ("en", "World Summit on the Information Society"),
            ("fr", "Sommet mondial sur la société de l'information"),
        ],
    );
    let cstd = glossary(
        "cstd",
        &[("en", "Commission on Science and Technology for Development")],
    );
    for entry in [&wsis, &igf, &cstd] {
        store.create(None, entry).await.unwrap();
    }
    let clash = glossary("igf", &[("en", "Something else")]);
    let error = store.create(None, &clash).await.unwrap_err();
    assert!(
        matches!(error, StoreError::Conflict { field: "acronym" }),
        "got {error:?}"
    );

    let whole = store.whole_glossary().await.unwrap();
    assert_eq!(
        whole,
        [cstd, igf.clone(), wsis],
        "by acronym, ignoring case"
    );
    let langs: Vec<&str> = whole[1]
        .expansions
        .iter()
        .map(|e| e.lang.as_str())
        .collect();
    assert_eq!(langs, ["fr", "en", "es"], "expansions in the order given");
    assert_eq!(whole[1].expansions, igf.expansions);

    let (items, sizes) = all_pages(2, |r| {
        let store = store.clone();
        async move { store.glossary(&r).await }
    })
    .await;
    assert_eq!(sizes, [2, 1]);
    assert_eq!(items, whole);
}

async fn accounts_and_grants(store: Store, _url: String) {
    let admin = store
        .create_user(
            None,
            &new_user("admin@example.org", "Ada Admin"),
            Some(Role::Admin),
        )
        .await
        .unwrap();
    assert_eq!(admin.email, "admin@example.org");
    assert_eq!(admin.display_name, "Ada Admin");
    let (found, hash) = store
        .user_with_hash("admin@example.org")
        .await
        .unwrap()
        .expect("by email");
    assert_eq!(found, admin);
    assert_eq!(hash, new_user("", "").password_hash);
    assert_eq!(
        store.user_with_hash("nobody@example.org").await.unwrap(),
        None
    );
    assert_eq!(store.user(admin.id).await.unwrap(), Some(admin.clone()));

    let error = store
        .create_user(None, &new_user("admin@example.org", "Impostor"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(error, StoreError::Conflict { field: "email" }),
        "got {error:?}"
    );
    assert_eq!(store.users().await.unwrap(), std::slice::from_ref(&admin));

    let grants = store.grants_of(admin.id).await.unwrap();
    assert_eq!(grants.0.len(), 1);
    assert_eq!(grants.0[0].user_id, admin.id);
    assert_eq!(grants.0[0].role, Role::Admin);
    assert_eq!(grants.0[0].process_id, None);
    assert!(grants.permits(Action::Administer));
    assert!(grants.permits(Action::ManageDirectory));

    let wgec = process("WGEC", "wgec", &[("government", 22)]);
    let other = Uuid::now_v7();
    store.create(Some(admin.id), &wgec).await.unwrap();
    let member = store
        .create_user(Some(admin.id), &new_user("joy@example.org", "Joy"), None)
        .await
        .unwrap();
    assert!(store.grants_of(member.id).await.unwrap().0.is_empty());
    assert!(
        !store
            .grants_of(member.id)
            .await
            .unwrap()
            .permits(Action::ManageProcess(wgec.id))
    );

    let granted = store
        .grant_role(Some(admin.id), member.id, Role::Secretariat, Some(wgec.id))
        .await
        .unwrap();
    assert_eq!(granted.user_id, member.id);
    assert_eq!(granted.role, Role::Secretariat);
    assert_eq!(granted.process_id, Some(wgec.id));
    let grants = store.grants_of(member.id).await.unwrap();
    assert_eq!(grants.0, std::slice::from_ref(&granted));
    assert!(grants.permits(Action::ManageProcess(wgec.id)));
    assert!(!grants.permits(Action::ManageProcess(other)));
    assert!(!grants.permits(Action::CreateProcess));
    assert!(!grants.permits(Action::Administer));

    let error = store
        .grant_role(Some(admin.id), member.id, Role::Secretariat, Some(wgec.id))
        .await
        .unwrap_err();
    assert!(
        matches!(error, StoreError::Conflict { field: "role" }),
        "got {error:?}"
    );
    // The same role globally is a different grant.
    let global = store
        .grant_role(Some(admin.id), member.id, Role::Reviewer, None)
        .await
        .unwrap();
    assert_eq!(store.grants_of(member.id).await.unwrap().0.len(), 2);

    store
        .revoke_grant(Some(admin.id), granted.id)
        .await
        .unwrap();
    let grants = store.grants_of(member.id).await.unwrap();
    assert_eq!(grants.0, [global]);
    assert!(!grants.permits(Action::ManageProcess(wgec.id)));
    assert!(matches!(
        store.revoke_grant(Some(admin.id), granted.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.revoke_grant(Some(admin.id), Uuid::now_v7()).await,
        Err(StoreError::NotFound)
    ));
}

async fn sessions_expire_exactly(store: Store, _url: String) {
    let user = store
        .create_user(None, &new_user("joy@example.org", "Joy"), None)
        .await
        .unwrap();
    let expiry: i64 = 1_365_379_200_000; // 2013-04-08T00:00:00Z
    store
        .create_session("token-a", user.id, ms(expiry))
        .await
        .unwrap();
    assert_eq!(
        store.session_user("token-a", ms(expiry - 1)).await.unwrap(),
        Some(user.clone())
    );
    assert_eq!(
        store.session_user("token-a", ms(expiry)).await.unwrap(),
        None
    );
    assert_eq!(
        store.session_user("token-a", ms(expiry + 1)).await.unwrap(),
        None
    );
    assert_eq!(
        store.session_user("token-z", ms(expiry - 1)).await.unwrap(),
        None
    );

    store
        .create_session("token-b", user.id, ms(expiry + 1000))
        .await
        .unwrap();
    store.delete_session("token-b").await.unwrap();
    assert_eq!(
        store.session_user("token-b", ms(expiry)).await.unwrap(),
        None
    );
    let log = store.audit_log(&PageRequest::first(2)).await.unwrap().items;
    let actions: Vec<(&str, Option<Uuid>)> = log
        .iter()
        .map(|e| (e.action.as_str(), e.actor_id))
        .collect();
    assert_eq!(
        actions,
        [("sign-out", Some(user.id)), ("sign-in", Some(user.id))]
    );
    assert!(
        !log[1].after.as_ref().unwrap().to_string().contains("token"),
        "no token in the log"
    );
    store.delete_session("token-b").await.unwrap();
    let again = store.audit_log(&PageRequest::first(1)).await.unwrap().items;
    assert_eq!(
        again[0].seq, log[0].seq,
        "ending an unknown session writes nothing"
    );

    store
        .create_session("token-c", user.id, ms(expiry + 2000))
        .await
        .unwrap();
    store
        .create_session("token-d", user.id, ms(expiry + 3000))
        .await
        .unwrap();
    // Expired at or before `now`: token-a and token-c, not token-d.
    assert_eq!(store.purge_sessions(ms(expiry + 2000)).await.unwrap(), 2);
    assert_eq!(store.purge_sessions(ms(expiry + 2000)).await.unwrap(), 0);
    assert_eq!(
        store
            .session_user("token-d", ms(expiry + 2999))
            .await
            .unwrap(),
        Some(user)
    );
    assert_eq!(store.purge_sessions(ms(expiry + 3000)).await.unwrap(), 1);
    assert_eq!(
        store.session_user("token-d", ms(expiry)).await.unwrap(),
        None
    );
}

async fn every_write_is_audited(store: Store, _url: String) {
    let started = Timestamp::now();
    let admin = store
        .create_user(
            None,
            &new_user("admin@example.org", "Ada Admin"),
            Some(Role::Admin),
        )
        .await
        .unwrap();
    let admin_grant = store.grants_of(admin.id).await.unwrap().0.remove(0);
    let actor = Some(admin.id);
    let itu = org("ITU", "intergovernmental-organisation");
    store.create(actor, &itu).await.unwrap();
    let mut major = person("Peter Major", "government");
    major.organisation_id = Some(itu.id);
    major.languages = vec!["hu".into(), "en".into()];
    store.create(actor, &major).await.unwrap();
    let wgec = process("WGEC", "wgec", &[("government", 22), ("civil-society", 5)]);
    store.create(actor, &wgec).await.unwrap();
    let ph = phase(
        &wgec,
        PhaseKind::Consultation,
        1_370_037_600_000,
        1_373_925_599_000,
    );
    store.create(actor, &ph).await.unwrap();
    let ev = event("WTPF", "2013-05-14", "2013-05-16", Some(wgec.id));
    store.create(actor, &ev).await.unwrap();
    let entry = glossary("WSIS", &[("en", "World Summit on the Information Society")]);
    store.create(actor, &entry).await.unwrap();
    let joy = store
        .create_user(actor, &new_user("joy@example.org", "Joy"), None)
        .await
        .unwrap();
    let grant = store
        .grant_role(actor, joy.id, Role::Secretariat, Some(wgec.id))
        .await
        .unwrap();
    store.revoke_grant(actor, grant.id).await.unwrap();
    // An anonymous (system) write has no actor.
    let system = org("System Org", "civil-society");
    store.create(None, &system).await.unwrap();

    let expected = [
        added("create", "user", admin.id, Some(admin.id), json(&admin)),
        added(
            "grant",
            "grant",
            admin_grant.id,
            Some(admin.id),
            json(&admin_grant),
        ),
        added("create", "organisation", itu.id, actor, json(&itu)),
        added("create", "person", major.id, actor, json(&major)),
        added("create", "process", wgec.id, actor, json(&wgec)),
        added("create", "phase", ph.id, actor, json(&ph)),
        added("create", "event", ev.id, actor, json(&ev)),
        added("create", "glossary-entry", entry.id, actor, json(&entry)),
        added("create", "user", joy.id, actor, json(&joy)),
        added("grant", "grant", grant.id, actor, json(&grant)),
        Expected {
            action: "revoke",
            entity: "grant",
            entity_id: grant.id.to_string(),
            actor_id: actor,
            before: Some(json(&grant)),
            after: None,
        },
        added("create", "organisation", system.id, None, json(&system)),
    ];
    let mut log = whole_audit_log(&store).await;
    log.reverse();
    assert_eq!(log.len(), expected.len(), "one entry per write: {log:#?}");
    for (entry, want) in log.iter().zip(&expected) {
        let what = format!("{} {} {}", want.action, want.entity, want.entity_id);
        assert_eq!(entry.action, want.action, "{what}");
        assert_eq!(entry.entity, want.entity, "{what}");
        assert_eq!(entry.entity_id, want.entity_id, "{what}");
        assert_eq!(entry.actor_id, want.actor_id, "{what}");
        assert_eq!(
            entry.actor_name.as_deref(),
            want.actor_id.map(|_| "Ada Admin"),
            "{what}"
        );
        assert_eq!(entry.before, want.before, "{what}");
        assert_eq!(entry.after, want.after, "{what}");
        assert!(
            entry.at
                >= started
                    .checked_sub(jiff::SignedDuration::from_secs(1))
                    .unwrap()
        );
        assert!(entry.at <= Timestamp::now());
    }
    // The after JSON of a person carries its fields, languages in order.
    let person_after = log[3].after.as_ref().unwrap();
    assert_eq!(person_after["name"], "Peter Major");
    assert_eq!(person_after["organisation_id"], itu.id.to_string());
    assert_eq!(person_after["languages"], serde_json::json!(["hu", "en"]));
    assert_eq!(log[4].after.as_ref().unwrap()["seats"][0]["seats"], 22);
    let text = serde_json::to_string(
        &log.iter()
            .map(|e| (&e.before, &e.after))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert!(
        !text.contains("argon2"),
        "password hashes stay out of the log"
    );
    assert!(log.windows(2).all(|w| w[0].seq < w[1].seq));

    // Newest first, page after page, each entry once.
    let (pages, sizes) = all_pages(5, |r| {
        let store = store.clone();
        async move { store.audit_log(&r).await }
    })
    .await;
    assert_eq!(sizes, [5, 5, 2]);
    assert_eq!(pages[0].action, "create");
    assert_eq!(pages[0].entity_id, system.id.to_string());
    assert_eq!(pages[1].action, "revoke");
    let seqs: Vec<i64> = pages.iter().map(|e| e.seq).collect();
    let mut newest_first: Vec<i64> = log.iter().map(|e| e.seq).collect();
    newest_first.reverse();
    assert_eq!(seqs, newest_first);
}

async fn audit_log_is_append_only(store: Store, url: String) {
    // Row triggers only fire on rows: write some first.
    for name in ["ITU", "ISOC", "APNIC"] {
        store
            .create(None, &org(name, "technical-community"))
            .await
            .unwrap();
    }
    let before = whole_audit_log(&store).await;
    assert_eq!(before.len(), 3);

    let mut raw = raw_connection(&url).await;
    let update = sqlx::query("UPDATE audit_log SET action = 'x'")
        .execute(&mut raw)
        .await;
    assert!(update.is_err(), "UPDATE on audit_log succeeded: {update:?}");
    let update_one = sqlx::query("UPDATE audit_log SET after = NULL WHERE seq = $1")
        .bind(before[0].seq)
        .execute(&mut raw)
        .await;
    assert!(
        update_one.is_err(),
        "UPDATE of one row succeeded: {update_one:?}"
    );
    let delete = sqlx::query("DELETE FROM audit_log").execute(&mut raw).await;
    assert!(delete.is_err(), "DELETE on audit_log succeeded: {delete:?}");
    let delete_one = sqlx::query("DELETE FROM audit_log WHERE seq = $1")
        .bind(before[0].seq)
        .execute(&mut raw)
        .await;
    assert!(
        delete_one.is_err(),
        "DELETE of one row succeeded: {delete_one:?}"
    );
    assert_eq!(count(&mut raw, "SELECT COUNT(*) FROM audit_log").await, 3);
    assert_eq!(
        count(
            &mut raw,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'x'"
        )
        .await,
        0
    );
    raw.close().await.ok();

    let after = whole_audit_log(&store).await;
    assert_eq!(
        after
            .iter()
            .map(|e| (e.seq, &e.action, &e.after))
            .collect::<Vec<_>>(),
        before
            .iter()
            .map(|e| (e.seq, &e.action, &e.after))
            .collect::<Vec<_>>()
    );
    // Appending still works.
    store
        .create(None, &org("IETF", "technical-community"))
        .await
        .unwrap();
    assert_eq!(whole_audit_log(&store).await.len(), 4);
}

/// PostgreSQL's TRUNCATE skips row triggers; SQLite has no TRUNCATE (its `DELETE FROM t`
/// without WHERE is covered above, and triggers disable its truncate optimisation).
async fn audit_log_refuses_truncate(store: Store, url: String) {
    if store.backend() == Backend::Sqlite {
        return;
    }
    store
        .create(None, &org("ITU", "intergovernmental-organisation"))
        .await
        .unwrap();
    let mut raw = raw_connection(&url).await;
    let truncate = sqlx::query("TRUNCATE audit_log").execute(&mut raw).await;
    let left = count(&mut raw, "SELECT COUNT(*) FROM audit_log").await;
    raw.close().await.ok();
    assert!(truncate.is_err(), "TRUNCATE audit_log succeeded");
    assert_eq!(left, 1);
}

/// Names may hold any character validation lets through, U+001F (the cursor's separator)
/// included; following `next` must still visit each record once and end.
async fn cursors_survive_any_name(store: Store, _url: String) {
    let mut all = Vec::new();
    for name in ["x\u{1f}y", "x\u{1f}z", "x\u{1f}zz"] {
        let o = org(name, "government");
        store.create(None, &o).await.unwrap();
        all.push(o);
    }
    let mut request = PageRequest::first(1);
    let mut seen = Vec::new();
    for _ in 0..10 {
        let page = store.organisations(&request).await.unwrap();
        seen.extend(page.items);
        match page.next {
            Some(cursor) => request.after = Some(Cursor::decode(&cursor.encode()).unwrap()),
            None => break,
        }
    }
    assert_eq!(seen, all);
}

async fn demo_loads_once(store: Store, _url: String) {
    let first = store.load_demo().await.expect("demo loads");
    assert!(first.organisations > 0, "{first:?}");
    assert!(first.people > 0, "{first:?}");
    assert!(first.processes > 0, "{first:?}");
    assert!(first.events > 0, "{first:?}");
    assert!(first.glossary > 0, "{first:?}");
    assert_eq!((first.meetings, first.transcripts), (1, 1), "{first:?}");
    let log = whole_audit_log(&store).await;
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].action.as_str(), log[0].entity.as_str()),
        ("load", "demo")
    );
    assert_eq!(log[0].after.as_ref().unwrap()["events"], first.events);

    let second = store.load_demo().await.expect("demo loads again");
    assert_eq!(second, agora_store::DemoCounts::default());
    assert_eq!(
        whole_audit_log(&store).await.len(),
        1,
        "nothing new to audit"
    );

    let wgec = store
        .process_by_slug("wgec-2013")
        .await
        .unwrap()
        .expect("the WGEC process");
    let government: Vec<u32> = wgec
        .seats
        .iter()
        .filter(|s| s.stakeholder_group == "government")
        .map(|s| s.seats)
        .collect();
    assert_eq!(government, [22]);

    // IGF 2013's call: every proposal loaded, each from its own account, decided.
    let bali = store
        .process_by_slug("igf-2013-bali")
        .await
        .unwrap()
        .expect("the IGF 2013 process");
    let call = store
        .phases(bali.id)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.title.starts_with("Full workshop proposals"))
        .expect("the full-proposal call");
    let proposals = store.proposals_of_call(call.id).await.unwrap();
    assert!(first.proposals > 0);
    assert_eq!(proposals.len(), first.proposals);
    let authors: std::collections::BTreeSet<_> = proposals.iter().map(|p| p.author_id).collect();
    assert_eq!(authors.len(), proposals.len());
    let accepted = store
        .decided_proposals(call.id, agora_core::proposal::Decision::Accepted)
        .await
        .unwrap();
    assert!(!accepted.is_empty() && accepted.len() < proposals.len());
    assert!(proposals.iter().all(|p| p.decision.is_some()));

    // The seed meeting: its transcript attributed to its participants, Kummer's two
    // spellings to one, the three `>>` turns to nobody.
    let icann = store
        .process_by_slug("icann-46-beijing")
        .await
        .unwrap()
        .expect("the ICANN 46 process");
    let meeting = store.meetings_of_process(icann.id).await.unwrap().remove(0);
    let participants = store.participants(meeting.id).await.unwrap();
    assert_eq!(participants.len(), 16);
    let transcript = store
        .transcripts_of_meeting(meeting.id)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(transcript.language.as_deref(), Some("fr"));
    let turns = store.turns(transcript.id).await.unwrap();
    assert_eq!(turns.len(), 59);
    assert_eq!(
        turns.iter().filter(|t| t.participant_id.is_none()).count(),
        3
    );
    let kummer = participants
        .iter()
        .find(|p| p.name == "Markus Kummer")
        .unwrap();
    let spellings: std::collections::BTreeSet<&str> = turns
        .iter()
        .filter(|t| t.participant_id == Some(kummer.id))
        .filter_map(|t| t.label.as_deref())
        .collect();
    assert_eq!(
        spellings.into_iter().collect::<Vec<_>>(),
        ["MARCUS KUMMER", "MARKUS KUMMER"]
    );

    let events = store.all_events().await.unwrap();
    assert_eq!(events.len(), first.events);
    let wtpf = events
        .iter()
        .find(|e| e.acronym.as_deref() == Some("WTPF-13"))
        .expect("WTPF-13 among the events");
    assert_eq!(wtpf.starts_on, date(2013, 5, 14));

    let (orgs, _) = all_pages(agora_store::MAX_LIMIT, |r| {
        let store = store.clone();
        async move { store.organisations(&r).await }
    })
    .await;
    assert_eq!(orgs.len(), first.organisations);
    let (people, _) = all_pages(agora_store::MAX_LIMIT, |r| {
        let store = store.clone();
        async move { store.people(&r).await }
    })
    .await;
    assert_eq!(people.len(), first.people);
    assert_eq!(store.whole_glossary().await.unwrap().len(), first.glossary);
}

async fn concurrent_writes_all_succeed(store: Store, _url: String) {
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let o = org(&format!("Organisation {i:02}"), "civil-society");
                store.create(None, &o).await.map(|()| o)
            })
        })
        .collect();
    let mut created = Vec::new();
    for task in tasks {
        match task.await.expect("task finished") {
            Ok(o) => created.push(o),
            Err(e) => panic!("a concurrent write failed: {e:?}"),
        }
    }
    let page = store.organisations(&PageRequest::first(50)).await.unwrap();
    assert_eq!(page.items.len(), 20);
    assert!(page.next.is_none());
    created.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(page.items, created);
    assert_eq!(whole_audit_log(&store).await.len(), 20);
}

async fn a_report_is_decided_once_and_upholding_it_hides_the_sheet(store: Store, _url: String) {
    use agora_core::attribution::{ReportDraft, ReportState, ResolutionDraft};
    let (phase, questions) = questionnaire(&store).await;
    let mut sheets = Vec::new();
    for i in 0..2 {
        let user = store
            .create_user(None, &new_user(&format!("r{i}@example.org"), "R"), None)
            .await
            .unwrap();
        let mut answer = sheet(
            &phase,
            user.id,
            &questions,
            "Signed by Jane",
            SubmissionState::Submitted,
        );
        answer.submitted_at = Some(Timestamp::now());
        store
            .save_submission(Some(user.id), &answer, None, None)
            .await
            .unwrap();
        sheets.push(answer.id);
    }
    let draft = |statement: &str| ReportDraft {
        name: "Jane Doe".into(),
        email: "jane@example.org".into(),
        statement: statement.into(),
        confirm: true,
    };
    let upheld = draft("I never wrote this")
        .validate(sheets[0], None, Timestamp::now())
        .unwrap();
    let dismissed = draft("Not me either")
        .validate(sheets[1], None, Timestamp::now())
        .unwrap();
    for report in [&upheld, &dismissed] {
        store.report_attribution(None, report).await.unwrap();
    }
    let nowhere = draft("?")
        .validate(Uuid::now_v7(), None, Timestamp::now())
        .unwrap();
    assert!(matches!(
        store.report_attribution(None, &nowhere).await,
        Err(StoreError::NotFound)
    ));
    let open = store
        .attribution_reports(phase.id, Some(ReportState::Open))
        .await
        .unwrap();
    assert_eq!(open.len(), 2);
    assert_eq!(open[0].statement, "Not me either", "newest first");

    let yes = ResolutionDraft {
        decision: "upheld".into(),
        note: "Confirmed by phone".into(),
    }
    .validate()
    .unwrap();
    let decided = store.resolve_report(None, upheld.id, &yes).await.unwrap();
    assert_eq!(decided.state, ReportState::Upheld);
    assert!(matches!(
        store.resolve_report(None, upheld.id, &yes).await,
        Err(StoreError::Conflict { field: "state" })
    ));
    let no = ResolutionDraft {
        decision: "dismissed".into(),
        note: "Signed with the organisation's key".into(),
    }
    .validate()
    .unwrap();
    store.resolve_report(None, dismissed.id, &no).await.unwrap();

    let rows = store
        .workspace(phase.id, &AnswerFilter::default(), &PageRequest::first(10))
        .await
        .unwrap()
        .items;
    let moderation = |id: Uuid| {
        rows.iter()
            .find(|r| r.submission.id == id)
            .unwrap()
            .moderation
            .clone()
    };
    let hidden = moderation(sheets[0]).expect("an upheld report hides its sheet");
    assert_eq!(hidden.visibility, Visibility::Hidden);
    assert!(hidden.reason.contains("Jane Doe") && hidden.reason.contains("Confirmed by phone"));
    assert_eq!(
        moderation(sheets[1]),
        None,
        "a dismissed report changes nothing"
    );
    let all = store.attribution_reports(phase.id, None).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        store
            .attribution_report(upheld.id)
            .await
            .unwrap()
            .unwrap()
            .resolution,
        Some(yes)
    );
    let actions: Vec<String> = store
        .audit_log(&PageRequest::first(20))
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|e| e.entity == "attribution_report" || e.action == "moderate")
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        ["resolve", "moderate", "resolve", "report", "report"]
    );
}

async fn search_finds_parts_of_words_in_any_script_and_every_term(store: Store, _url: String) {
    let (phase, questions) = questionnaire(&store).await;
    let texts = [
        "Enhanced cooperation needs \"multistakeholder\" openness",
        "我们支持加强合作与多利益攸关方模式",
        "التعاون المعزز ضروري",
        "Cooperation, yes; openness, no",
    ];
    let mut ids = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let user = store
            .create_user(None, &new_user(&format!("s{i}@example.org"), "S"), None)
            .await
            .unwrap();
        let answer = sheet(
            &phase,
            user.id,
            &questions,
            text,
            SubmissionState::Submitted,
        );
        store
            .save_submission(Some(user.id), &answer, None, None)
            .await
            .unwrap();
        ids.push(answer.id);
    }
    let found = |text: &str| {
        let store = store.clone();
        let filter = AnswerFilter {
            text: Some(text.to_owned()),
            ..Default::default()
        };
        async move {
            let mut found: Vec<Uuid> = store
                .workspace(phase.id, &filter, &PageRequest::first(10))
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|r| r.submission.id)
                .collect();
            found.sort();
            let counted = store.answer_counts(phase.id, &filter).await.unwrap().total;
            assert_eq!(counted as usize, found.len(), "counts follow the search");
            found
        }
    };
    assert_eq!(found("COOPERATION").await, [ids[0], ids[3]], "any case");
    assert_eq!(found("operat").await, [ids[0], ids[3]], "part of a word");
    assert_eq!(
        found("cooperation multistake").await,
        [ids[0]],
        "every term"
    );
    assert_eq!(
        found("加强合作").await,
        [ids[1]],
        "Chinese, written without spaces"
    );
    assert_eq!(
        found("合作").await,
        [ids[1]],
        "two characters: found by scanning"
    );
    assert_eq!(found("المعزز").await, [ids[2]]);
    assert_eq!(
        found("\"multistakeholder\"").await,
        [ids[0]],
        "quotes are literal"
    );
    assert!(found("cooperation 合作").await.is_empty());
    // An edit replaces what the index holds.
    let user = store
        .user_with_hash("s1@example.org")
        .await
        .unwrap()
        .unwrap()
        .0;
    let mut edited = store
        .submission_of(phase.id, user.id)
        .await
        .unwrap()
        .unwrap();
    edited.answers.insert(
        questions[0].id,
        AnswerValue::Text("Rewritten entirely".into()),
    );
    store
        .save_submission(Some(user.id), &edited, None, None)
        .await
        .unwrap();
    assert!(found("加强合作").await.is_empty());
    assert_eq!(found("rewritten").await, [ids[1]]);
}

async fn concurrent_saves_by_one_account_make_one_sheet_and_a_racing_retry_replays(
    store: Store,
    _url: String,
) {
    let (phase, questions) = questionnaire(&store).await;
    for round in 0..6 {
        let user = store
            .create_user(
                None,
                &new_user(&format!("tabs{round}@example.org"), "T"),
                None,
            )
            .await
            .unwrap();
        // Two tabs hand in a first sheet at once, with different keys: both are saved, as one
        // sheet (the later edit wins), and neither fails.
        let one = sheet(
            &phase,
            user.id,
            &questions,
            "tab one",
            SubmissionState::Submitted,
        );
        let two = sheet(
            &phase,
            user.id,
            &questions,
            "tab two",
            SubmissionState::Submitted,
        );
        let (a, b) = tokio::join!(
            store.save_submission(Some(user.id), &one, Some(("key-a", "a")), None),
            store.save_submission(Some(user.id), &two, Some(("key-b", "b")), None),
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.submission.id, b.submission.id, "one sheet per person");
        assert_eq!(a.submission.receipt, b.submission.receipt);
        let stored = store
            .submission_of(phase.id, user.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.id, a.submission.id);
        assert_eq!(stored.answers.len(), 2);

        // A retry racing its original: one saves, the other answers with the same sheet.
        let edit = sheet(
            &phase,
            user.id,
            &questions,
            "edited",
            SubmissionState::Submitted,
        );
        let (first, retry) = tokio::join!(
            store.save_submission(Some(user.id), &edit, Some(("key-c", "c")), None),
            store.save_submission(Some(user.id), &edit, Some(("key-c", "c")), None),
        );
        let (first, retry) = (first.unwrap(), retry.unwrap());
        assert_eq!(
            [first.replayed, retry.replayed]
                .iter()
                .filter(|r| **r)
                .count(),
            1,
            "round {round}: exactly one replay"
        );
        assert_eq!(first.submission.id, stored.id);
        assert_eq!(retry.submission.id, stored.id);
    }
}

async fn a_synthesis_runs_once_at_a_time_and_keeps_its_published_version(
    store: Store,
    _url: String,
) {
    let (phase, questions) = questionnaire(&store).await;
    let secretariat = store
        .create_user(None, &new_user("sec@example.org", "Sec"), None)
        .await
        .unwrap();
    let actor = Some(secretariat.id);
    assert_eq!(store.synthesis(phase.id).await.unwrap(), None);
    assert!(matches!(
        store.start_synthesis(actor, Uuid::now_v7()).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.save_synthesis_draft(actor, phase.id, "{}").await,
        Err(StoreError::NotFound)
    ));

    let job = store.start_synthesis(actor, phase.id).await.unwrap();
    assert_eq!((job.state, job.started_by), (JobState::Queued, actor));
    assert!(matches!(
        store.start_synthesis(actor, phase.id).await,
        Err(StoreError::Conflict { field: "state" })
    ));
    assert!(matches!(
        store.save_synthesis_draft(actor, phase.id, "{}").await,
        Err(StoreError::Conflict { field: "state" })
    ));
    store
        .synthesis_progress(phase.id, "themes", 3, 10)
        .await
        .unwrap();
    let running = store.synthesis(phase.id).await.unwrap().unwrap();
    assert_eq!(
        (
            running.job.state,
            running.job.stage.as_str(),
            running.job.done,
            running.job.total
        ),
        (JobState::Running, "themes", 3, 10)
    );
    let done = store
        .finish_synthesis(phase.id, Ok((r#"{"themes":[1]}"#, r#"{"blocks":[]}"#)))
        .await
        .unwrap();
    assert_eq!(done.state, JobState::Done);
    // Progress after the end changes nothing.
    store
        .synthesis_progress(phase.id, "quotes", 1, 1)
        .await
        .unwrap();
    store
        .save_synthesis_draft(actor, phase.id, r#"{"blocks":[{"kind":"prose"}]}"#)
        .await
        .unwrap();
    let published = store
        .publish_synthesis(actor, phase.id, r#"{"snapshot":1}"#)
        .await
        .unwrap();
    let read = store.synthesis(phase.id).await.unwrap().unwrap();
    assert_eq!(read.job.state, JobState::Done);
    assert_eq!(read.output.as_deref(), Some(r#"{"themes":[1]}"#));
    assert_eq!(
        read.draft.as_deref(),
        Some(r#"{"blocks":[{"kind":"prose"}]}"#)
    );
    assert_eq!(read.published.as_ref(), Some(&published));
    assert_eq!(published.by, actor);

    // A new run drops the output and the draft, keeps the published version; a restart fails
    // it instead of leaving it running forever, and its late result is refused.
    store.start_synthesis(actor, phase.id).await.unwrap();
    let rerun = store.synthesis(phase.id).await.unwrap().unwrap();
    assert_eq!((rerun.output, rerun.draft), (None, None));
    assert_eq!(rerun.published, Some(published));
    assert_eq!(store.fail_interrupted_syntheses().await.unwrap(), 1);
    assert_eq!(store.fail_interrupted_syntheses().await.unwrap(), 0);
    let failed = store.synthesis(phase.id).await.unwrap().unwrap().job;
    assert_eq!(
        (failed.state, failed.error.as_deref()),
        (JobState::Failed, Some(INTERRUPTED))
    );
    assert!(failed.finished_at.is_some());
    assert!(matches!(
        store.finish_synthesis(phase.id, Ok(("{}", "{}"))).await,
        Err(StoreError::Conflict { field: "state" })
    ));
    store.start_synthesis(actor, phase.id).await.unwrap();
    let error = store
        .finish_synthesis(phase.id, Err("no answers"))
        .await
        .unwrap();
    assert_eq!(error.error.as_deref(), Some("no answers"));

    let actions: Vec<(String, String)> = whole_audit_log(&store)
        .await
        .into_iter()
        .filter(|e| e.entity.starts_with("synthesis"))
        .map(|e| (e.action, e.entity))
        .collect();
    let expected = [
        ("start", "synthesis"),
        ("finish", "synthesis"),
        ("edit", "synthesis_draft"),
        ("publish", "synthesis"),
        ("start", "synthesis"),
        ("interrupt", "synthesis"),
        ("start", "synthesis"),
        ("finish", "synthesis"),
    ];
    let mut actions = actions;
    actions.reverse();
    assert_eq!(actions, expected.map(|(a, e)| (a.to_owned(), e.to_owned())));

    // Quotes link to the sheets published now: submitted, public, not moderated.
    let authors: Vec<Uuid> = {
        let mut ids = Vec::new();
        for (i, public) in [true, false, true].into_iter().enumerate() {
            let user = store
                .create_user(None, &new_user(&format!("a{i}@example.org"), "A"), None)
                .await
                .unwrap();
            let mut sheet = sheet(
                &phase,
                user.id,
                &questions,
                "Text",
                SubmissionState::Submitted,
            );
            sheet.public = public;
            store
                .save_submission(Some(user.id), &sheet, None, None)
                .await
                .unwrap();
            ids.push(sheet.id);
        }
        ids
    };
    store
        .moderate(
            actor,
            authors[2],
            Some(&Moderation {
                visibility: Visibility::Confidential,
                reason: "asked".into(),
            }),
        )
        .await
        .unwrap();
    let mut asked = authors.clone();
    asked.push(Uuid::now_v7());
    assert_eq!(
        store.published_among(phase.id, &asked).await.unwrap(),
        [authors[0]].into()
    );
}

// ---------------------------------------------------------------------------------------------
// Meeting records (migration 0012)
// ---------------------------------------------------------------------------------------------

/// The Beijing session of ICANN 46, its process, and an account that imports its transcript.
async fn beijing_session(store: &Store) -> (agora_core::meeting::Meeting, Uuid) {
    let icann = process("ICANN 46", "icann-46", &[]);
    store.create(None, &icann).await.unwrap();
    let meeting = MeetingDraft {
        title: "Global Internet Governance Agenda".into(),
        starts_at: "2013-04-08T03:00:00Z".into(),
        ends_at: "2013-04-08T04:30:00Z".into(),
        ..Default::default()
    }
    .validate(&icann)
    .unwrap();
    store.create(None, &meeting).await.unwrap();
    let user = store
        .create_user(
            None,
            &new_user("secretariat@example.org", "Sam Secretariat"),
            None,
        )
        .await
        .unwrap();
    (meeting, user.id)
}

fn meeting_participant(
    meeting: &agora_core::meeting::Meeting,
    name: &str,
    group: &str,
) -> agora_core::meeting::Participant {
    ParticipantDraft {
        name: name.into(),
        stakeholder_group: group.into(),
        ..Default::default()
    }
    .validate(meeting, &StakeholderGroups::default())
    .unwrap()
}

fn stored_turn(
    position: u32,
    participant: Option<Uuid>,
    speaker: Option<&str>,
    text: &str,
) -> StoredTurn {
    StoredTurn {
        position,
        participant_id: participant,
        narrative: false,
        speaker: speaker.map(str::to_owned),
        label: speaker.map(str::to_owned),
        text: text.into(),
        line: 10 + position * 4,
        start_ms: None,
        end_ms: None,
        words: text.split_whitespace().count() as u32,
    }
}

fn stored_transcript(meeting: Uuid, by: Uuid) -> StoredTranscript {
    StoredTranscript {
        id: agora_core::new_id(),
        meeting_id: meeting,
        title: Some("BEIJING – l'Agenda global de la gouvernance d'internet".into()),
        date: Some("Lundi, Avril 08, 2013".into()),
        place: Some("Beijing, Chine".into()),
        language: Some("fr".into()),
        format: "icann".into(),
        filename: "beijing.txt".into(),
        disclaimers: vec!["Remarque : transcription d'un fichier audio.".into()],
        inaudible: 2,
        warnings: vec!["line 7: PETER MAJOR has no text".into()],
        imported_at: ms(1_365_400_000_000),
        imported_by: Some(by),
    }
}

fn transcript_upload(meeting: Uuid, by: Uuid, created_at: Timestamp) -> TranscriptUpload {
    TranscriptUpload {
        id: agora_core::new_id(),
        meeting_id: meeting,
        uploader_id: by,
        filename: "beijing.txt".into(),
        bytes: b"PETER MAJOR: Bonjour.".to_vec(),
        created_at,
        transcript_id: None,
    }
}

async fn a_transcript_is_stored_whole_with_the_participants_its_review_created(
    store: Store,
    _url: String,
) {
    let (meeting, by) = beijing_session(&store).await;
    let major = meeting_participant(&meeting, "Peter Major", "government");
    store.create(None, &major).await.unwrap();
    let kummer = meeting_participant(&meeting, "Markus Kummer", "technical-community");
    let upload = transcript_upload(meeting.id, by, ms(Timestamp::now().as_millisecond()));
    store.stage_transcript(Some(by), &upload).await.unwrap();
    assert_eq!(
        store.transcript_upload(upload.id).await.unwrap(),
        Some(upload.clone())
    );

    let transcript = stored_transcript(meeting.id, by);
    let mut turns = vec![
        stored_turn(0, Some(major.id), Some("PETER MAJOR"), "Bonjour à tous."),
        stored_turn(1, Some(kummer.id), Some("MARKUS KUMMER"), "Merci Peter."),
        stored_turn(2, None, None, "Une question de la salle xxx."),
        stored_turn(3, Some(kummer.id), Some("MARKUS KUMMER"), "Oui."),
    ];
    turns[3].label = Some("MARCUS KUMMER".into());
    // The scribe's note: nobody's speech, and never re-mapped with the `>>` turns.
    let mut note = stored_turn(4, None, None, "Pause café.");
    note.narrative = true;
    turns.push(note);
    turns[3].start_ms = Some(60_000);
    turns[3].end_ms = Some(61_500);
    let new = NewTranscript {
        participants: vec![kummer.clone()],
        transcript: transcript.clone(),
        turns: turns.clone(),
    };
    store
        .import_transcript(Some(by), Some(upload.id), &new)
        .await
        .unwrap();

    assert_eq!(
        store.transcript(transcript.id).await.unwrap(),
        Some(transcript.clone())
    );
    assert_eq!(store.turns(transcript.id).await.unwrap(), turns);
    assert_eq!(
        store.participant(kummer.id).await.unwrap(),
        Some(kummer.clone())
    );
    let committed = store.transcript_upload(upload.id).await.unwrap().unwrap();
    assert_eq!(committed.transcript_id, Some(transcript.id));
    assert!(
        committed.bytes.is_empty(),
        "the file is dropped once imported"
    );
    let log = store.audit_log(&PageRequest::first(2)).await.unwrap().items;
    assert_eq!(
        (
            log[0].action.as_str(),
            log[0].entity.as_str(),
            log[0].actor_id
        ),
        ("import", "transcript", Some(by))
    );
    assert_eq!(log[0].after.as_ref().unwrap()["turns"], 5);
    assert_eq!(log[0].after.as_ref().unwrap()["unidentified"], 1);
    assert_eq!(
        (log[1].action.as_str(), log[1].entity.as_str()),
        ("create", "participant"),
        "the new participant is audited in the same transaction"
    );

    let twice = NewTranscript {
        transcript: StoredTranscript {
            id: agora_core::new_id(),
            ..transcript.clone()
        },
        participants: Vec::new(),
        turns: Vec::new(),
    };
    assert!(matches!(
        store
            .import_transcript(Some(by), Some(upload.id), &twice)
            .await,
        Err(StoreError::Conflict {
            field: "transcript_id"
        })
    ));
    assert!(matches!(
        store
            .import_transcript(Some(by), Some(agora_core::new_id()), &twice)
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.transcript(twice.transcript.id).await.unwrap(), None);

    // A second transcript of the meeting, without a staged upload (the command line's way).
    let english = StoredTranscript {
        id: agora_core::new_id(),
        language: Some("en".into()),
        imported_at: ms(1_365_500_000_000),
        ..transcript.clone()
    };
    let english_turns = vec![stored_turn(
        0,
        Some(major.id),
        Some("PETER MAJOR"),
        "Hello.",
    )];
    store
        .import_transcript(
            None,
            None,
            &NewTranscript {
                participants: Vec::new(),
                transcript: english.clone(),
                turns: english_turns,
            },
        )
        .await
        .unwrap();
    let listed: Vec<Uuid> = store
        .transcripts_of_meeting(meeting.id)
        .await
        .unwrap()
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(listed, [transcript.id, english.id], "first imported first");
    let (all, sizes) = all_pages(1, |r| {
        let store = store.clone();
        async move { store.transcripts(&r).await }
    })
    .await;
    assert_eq!(all, [transcript.clone(), english.clone()]);
    assert_eq!(sizes, [1, 1]);

    // Re-mapping: the `>>` turn was Janis Karklins after all, then nobody again.
    let janis = meeting_participant(&meeting, "Janis Karklins", "intergovernmental-organisation");
    let changed = store
        .remap_speaker(Some(by), transcript.id, None, Some(janis.id), Some(&janis))
        .await
        .unwrap();
    assert_eq!(changed, 1);
    let remapped = store.turns(transcript.id).await.unwrap();
    assert_eq!(remapped[2].participant_id, Some(janis.id));
    assert_eq!(remapped[4].participant_id, None, "the note is nobody's");
    assert!(remapped[4].narrative);
    assert_eq!(
        remapped[0].participant_id,
        Some(major.id),
        "others unchanged"
    );
    let changed = store
        .remap_speaker(Some(by), transcript.id, Some("MARKUS KUMMER"), None, None)
        .await
        .unwrap();
    assert_eq!(changed, 2, "both spellings are one speaker");
    assert!(matches!(
        store
            .remap_speaker(Some(by), transcript.id, Some("NOBODY"), None, None)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .remap_speaker(
                Some(by),
                transcript.id,
                Some("PETER MAJOR"),
                Some(agora_core::new_id()),
                None
            )
            .await,
        Err(StoreError::MissingReference {
            field: "participant_id"
        })
    ));
    assert_eq!(
        store.turns(transcript.id).await.unwrap()[0].participant_id,
        Some(major.id)
    );

    // Removing a participant leaves their turns unidentified, not gone.
    store.remove_participant(None, major.id).await.unwrap();
    let turns = store.turns(english.id).await.unwrap();
    assert_eq!(turns.len(), 1);
    assert_eq!(turns[0].participant_id, None);
}

async fn a_failing_turn_rolls_the_whole_transcript_back(store: Store, _url: String) {
    let (meeting, by) = beijing_session(&store).await;
    let upload = transcript_upload(meeting.id, by, ms(Timestamp::now().as_millisecond()));
    store.stage_transcript(Some(by), &upload).await.unwrap();
    let audited = whole_audit_log(&store).await.len();
    let created = meeting_participant(&meeting, "Bill Graham", "technical-community");
    let new = NewTranscript {
        participants: vec![created.clone()],
        transcript: stored_transcript(meeting.id, by),
        turns: vec![
            stored_turn(0, Some(created.id), Some("BILL GRAHAM"), "Thank you."),
            stored_turn(1, None, None, "From the floor."),
            // Nobody: the third turn refers to a participant that does not exist.
            stored_turn(2, Some(agora_core::new_id()), Some("GHOST"), "Boo."),
        ],
    };
    assert!(matches!(
        store
            .import_transcript(Some(by), Some(upload.id), &new)
            .await,
        Err(StoreError::MissingReference {
            field: "participant_id"
        })
    ));
    assert_eq!(store.transcript(new.transcript.id).await.unwrap(), None);
    assert!(store.turns(new.transcript.id).await.unwrap().is_empty());
    assert_eq!(store.participant(created.id).await.unwrap(), None);
    assert!(store.participants(meeting.id).await.unwrap().is_empty());
    assert_eq!(
        store.transcript_upload(upload.id).await.unwrap(),
        Some(upload.clone()),
        "the upload is still there to commit again"
    );
    assert_eq!(
        whole_audit_log(&store).await.len(),
        audited,
        "nothing audited"
    );

    // A transcript of a meeting that does not exist is refused as such.
    let orphan = NewTranscript {
        participants: Vec::new(),
        transcript: stored_transcript(agora_core::new_id(), by),
        turns: Vec::new(),
    };
    assert!(matches!(
        store.import_transcript(Some(by), None, &orphan).await,
        Err(StoreError::MissingReference {
            field: "meeting_id"
        })
    ));
}

async fn transcript_uploads_expire(store: Store, _url: String) {
    let (meeting, by) = beijing_session(&store).await;
    let old = transcript_upload(meeting.id, by, ms(1_000_000));
    let fresh = transcript_upload(meeting.id, by, ms(1_000_000) + STAGED_UPLOAD_TTL);
    for upload in [&old, &fresh] {
        store.stage_transcript(Some(by), upload).await.unwrap();
    }
    assert!(old.is_expired(ms(1_000_000) + STAGED_UPLOAD_TTL));
    assert!(!fresh.is_expired(ms(1_000_000) + STAGED_UPLOAD_TTL));
    let purged = store.purge_transcript_uploads(ms(1_000_000)).await.unwrap();
    assert_eq!(purged, 1);
    assert_eq!(store.transcript_upload(old.id).await.unwrap(), None);
    assert!(store.transcript_upload(fresh.id).await.unwrap().is_some());
    let log = store.audit_log(&PageRequest::first(1)).await.unwrap().items;
    assert_eq!(
        (log[0].action.as_str(), log[0].entity.as_str()),
        ("purge", "transcript-upload")
    );
    assert!(matches!(
        store
            .stage_transcript(
                Some(by),
                &transcript_upload(agora_core::new_id(), by, ms(0))
            )
            .await,
        Err(StoreError::MissingReference {
            field: "meeting_id"
        })
    ));
}

/// The changes since `after` as `(source, key)`, in order.
async fn changes_after(store: &Store, after: i64) -> Vec<(String, String)> {
    store
        .search_changes(after, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.source, c.key))
        .collect()
}

async fn last_change(store: &Store) -> i64 {
    store
        .search_change_bounds()
        .await
        .unwrap()
        .map_or(0, |(_, last)| last)
}

async fn search_changes_are_recorded_by_triggers_and_only_published_sheets_are_read(
    store: Store,
    _url: String,
) {
    assert_eq!(store.search_change_bounds().await.unwrap(), None);
    let (phase, questions) = questionnaire(&store).await;
    let process = phase.process_id.to_string();
    assert_eq!(
        changes_after(&store, 0).await,
        [("process".to_owned(), process.clone())]
    );

    // A draft is nobody's business; a submitted public sheet is, and so is every later change
    // to it: an edit, moderation and its lifting, a switch to private.
    let mark = last_change(&store).await;
    let joy = store
        .create_user(None, &new_user("search@example.org", "Joy"), None)
        .await
        .unwrap();
    let mut draft = sheet(
        &phase,
        joy.id,
        &questions,
        "Openness",
        SubmissionState::Draft,
    );
    store
        .save_submission(Some(joy.id), &draft, None, None)
        .await
        .unwrap();
    assert!(changes_after(&store, mark).await.is_empty());
    assert_eq!(store.published_sheet(draft.id).await.unwrap(), None);
    draft.state = SubmissionState::Submitted;
    draft.submitted_at = Some(ms(1_373_000_000_000));
    let sheet_id = draft.id;
    store
        .save_submission(Some(joy.id), &draft, None, None)
        .await
        .unwrap();
    let key = sheet_id.to_string();
    let answer = |n: usize| vec![("answer".to_owned(), key.clone()); n];
    assert_eq!(changes_after(&store, mark).await, answer(1));
    let published = store.published_sheet(sheet_id).await.unwrap().unwrap();
    assert_eq!(
        published.answers.get(&questions[0].id),
        Some(&AnswerValue::Text("Openness".into()))
    );
    let all = store
        .published_sheets(&PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(
        all.items.iter().map(|s| s.id).collect::<Vec<_>>(),
        [sheet_id]
    );

    let mark = last_change(&store).await;
    let hidden = Moderation {
        visibility: Visibility::Hidden,
        reason: "falsely attributed".into(),
    };
    store.moderate(None, sheet_id, Some(&hidden)).await.unwrap();
    assert!(!changes_after(&store, mark).await.is_empty());
    assert!(
        changes_after(&store, mark)
            .await
            .iter()
            .all(|c| *c == answer(1)[0])
    );
    assert_eq!(store.published_sheet(sheet_id).await.unwrap(), None);
    assert!(
        store
            .published_sheets(&PageRequest::first(10))
            .await
            .unwrap()
            .items
            .is_empty()
    );
    store.moderate(None, sheet_id, None).await.unwrap();
    assert!(store.published_sheet(sheet_id).await.unwrap().is_some());

    let mark = last_change(&store).await;
    draft.public = false;
    store
        .save_submission(Some(joy.id), &draft, None, None)
        .await
        .unwrap();
    assert_eq!(changes_after(&store, mark).await, answer(1));
    assert_eq!(store.published_sheet(sheet_id).await.unwrap(), None);
    // Once private, its edits are nobody's business either.
    let mark = last_change(&store).await;
    store
        .save_submission(Some(joy.id), &draft, None, None)
        .await
        .unwrap();
    assert!(changes_after(&store, mark).await.is_empty());

    // A glossary entry: one change for the entry and one per expansion, all under its id.
    let mark = last_change(&store).await;
    let entry = glossary("WSIS", &[("en", "World Summit"), ("fr", "Sommet mondial")]);
    store.create(None, &entry).await.unwrap();
    assert_eq!(
        changes_after(&store, mark).await,
        vec![("glossary".to_owned(), entry.id.to_string()); 3]
    );
    assert_eq!(store.glossary_entry(entry.id).await.unwrap(), Some(entry));
    assert_eq!(store.glossary_entry(Uuid::now_v7()).await.unwrap(), None);

    // Changes are read in pages, and purged by age.
    let (first, last) = store.search_change_bounds().await.unwrap().unwrap();
    let page = store.search_changes(first, 2).await.unwrap();
    assert_eq!(page.len(), 2);
    assert!(page[0].seq > first && page[1].seq > page[0].seq);
    assert_eq!(store.purge_search_changes(ms(0)).await.unwrap(), 0);
    let tomorrow = Timestamp::now() + jiff::SignedDuration::from_hours(24);
    assert!(store.purge_search_changes(tomorrow).await.unwrap() > 0);
    assert_eq!(store.search_change_bounds().await.unwrap(), None);
    assert!(last > first);
}

async fn a_conversation_numbers_its_statements_and_keeps_each_latest_vote(
    store: Store,
    _url: String,
) {
    use agora_core::conversation::{ConversationDraft, Moderation, Opinion};
    let igf = process("IGF 2013", "igf-2013-conversation", &[]);
    store.create(None, &igf).await.unwrap();
    let now = Timestamp::from_second(1_373_443_200).unwrap();
    let (conversation, seeds) = ConversationDraft {
        topic: "Enhanced cooperation".into(),
        seeds: "One\nTwo".into(),
        ..Default::default()
    }
    .validate(&igf, now)
    .unwrap();
    let seeded = store
        .create_conversation(None, &conversation, &seeds)
        .await
        .unwrap();
    assert_eq!(
        store.conversation(conversation.id).await.unwrap().unwrap(),
        conversation
    );
    assert_eq!(seeded.iter().map(|s| s.number).collect::<Vec<_>>(), [1, 2]);

    let user = store
        .create_user(None, &new_user("voter@example.org", "Voter"), None)
        .await
        .unwrap();
    let voter = store
        .join_conversation(conversation.id, user.id, "government", Some("150"))
        .await
        .unwrap();
    assert_eq!(voter.number, 1);
    assert!(matches!(
        store
            .join_conversation(conversation.id, user.id, "government", None)
            .await,
        Err(StoreError::Conflict { field: "user_id" })
    ));
    assert_eq!(
        store
            .conversation_participant(conversation.id, user.id)
            .await
            .unwrap(),
        Some(voter.clone())
    );

    let written = store
        .add_statement(Some(user.id), &voter, "Three", now)
        .await
        .unwrap();
    assert_eq!(
        (written.number, written.moderation.clone()),
        (3, Moderation::Pending)
    );
    assert_eq!(
        store.vote_tallies(conversation.id).await.unwrap(),
        [(1, 0), (2, 0)],
        "only accepted statements are voted on"
    );
    let version = store.conversation_version(conversation.id).await.unwrap();
    store
        .vote(&voter, &seeded[0], Opinion::Agree, now)
        .await
        .unwrap();
    store
        .vote(
            &voter,
            &seeded[0],
            Opinion::Disagree,
            now + jiff::SignedDuration::from_secs(5),
        )
        .await
        .unwrap();
    store
        .moderate_statement(None, written.id, &Moderation::Rejected("Off topic".into()))
        .await
        .unwrap();
    assert_eq!(
        store
            .statement(written.id)
            .await
            .unwrap()
            .unwrap()
            .moderation,
        Moderation::Rejected("Off topic".into())
    );
    assert_eq!(
        store.conversation_version(conversation.id).await.unwrap(),
        version + 3,
        "every vote and decision bumps the version"
    );
    let votes = store.conversation_votes(conversation.id).await.unwrap();
    assert_eq!(votes.len(), 1, "a second vote replaces the first");
    assert_eq!(
        (votes[0].participant, votes[0].statement, votes[0].opinion),
        (1, 1, Opinion::Disagree)
    );
    assert_eq!(store.voted_by(voter.id).await.unwrap(), [1]);
    assert_eq!(
        store.vote_tallies(conversation.id).await.unwrap(),
        [(1, 1), (2, 0)]
    );

    // Maps: stale until saved at the current version; an older map never replaces a newer.
    let current = store.conversation_version(conversation.id).await.unwrap();
    assert_eq!(
        store.stale_maps().await.unwrap(),
        [(conversation.id, current)]
    );
    store
        .save_map(conversation.id, current, "{\"new\":1}")
        .await
        .unwrap();
    store
        .save_map(conversation.id, current - 1, "{\"old\":1}")
        .await
        .unwrap();
    assert_eq!(
        store
            .conversation_map(conversation.id)
            .await
            .unwrap()
            .unwrap()
            .map,
        "{\"new\":1}"
    );
    assert!(store.stale_maps().await.unwrap().is_empty());
    store
        .set_conversation_open(None, conversation.id, false)
        .await
        .unwrap();
    assert!(
        !store
            .conversation(conversation.id)
            .await
            .unwrap()
            .unwrap()
            .open
    );
    assert_eq!(
        store.conversations_of_process(igf.id).await.unwrap().len(),
        1
    );
}

async fn a_conversation_import_stores_everything_or_nothing(store: Store, _url: String) {
    use agora_core::conversation::{ConversationDraft, Opinion};
    use agora_store::{CastVote, ImportedConversation};
    let igf = process("IGF 2014", "igf-2014-conversation", &[]);
    store.create(None, &igf).await.unwrap();
    let now = Timestamp::from_second(1_373_443_200).unwrap();
    let draft = ConversationDraft {
        topic: "vTaiwan".into(),
        ..Default::default()
    };
    let cast = |participant, statement, opinion, at: i64| CastVote {
        participant,
        statement,
        opinion,
        at: Timestamp::from_second(at).unwrap(),
    };
    let mut imported = ImportedConversation {
        statements: vec![
            (0, "Uber should be legal".into(), true),
            (1, "Spam".into(), false),
        ],
        participants: vec![0, 7],
        votes: vec![
            cast(0, 0, Opinion::Agree, 10),
            cast(7, 0, Opinion::Disagree, 10),
            cast(7, 1, Opinion::Pass, 11),
        ],
    };
    imported.votes.push(cast(7, 9, Opinion::Agree, 12));
    let (broken, _) = draft.validate(&igf, now).unwrap();
    assert!(matches!(
        store.import_conversation(None, &broken, &imported).await,
        Err(StoreError::MissingReference { field: "votes" })
    ));
    assert!(
        store.conversation(broken.id).await.unwrap().is_none(),
        "nothing stored"
    );

    imported.votes.pop();
    let (whole, _) = draft.validate(&igf, now).unwrap();
    store
        .import_conversation(None, &whole, &imported)
        .await
        .unwrap();
    let statements = store.statements(whole.id).await.unwrap();
    assert_eq!(statements.len(), 2);
    assert_eq!(
        store
            .conversation_participants(whole.id)
            .await
            .unwrap()
            .len(),
        2
    );
    let mut votes = store.conversation_votes(whole.id).await.unwrap();
    votes.sort_by_key(|v| (v.participant, v.statement));
    assert_eq!(
        votes
            .iter()
            .map(|v| (v.participant, v.statement))
            .collect::<Vec<_>>(),
        [(0, 0), (7, 0), (7, 1)]
    );
}

async fn a_call_keeps_its_themes_and_its_proposals_in_submission_order(store: Store, _url: String) {
    use agora_core::proposal::{CallDraft, PersonDraft, ProposalDraft};
    let igf = process("IGF 2016", "igf-2016-call", &[]);
    store.create(None, &igf).await.unwrap();
    let cfp = phase(&igf, PhaseKind::CallForProposals, 1_000, 2_000_000);
    store.create(None, &cfp).await.unwrap();
    assert_eq!(store.call(cfp.id).await.unwrap(), None);
    let mut call = CallDraft {
        themes: "Access: Connectivity\nSecurity".into(),
        formats: "Workshop = 90".into(),
    }
    .validate(&cfp)
    .unwrap();
    store.save_call(None, &call).await.unwrap();
    call.formats = CallDraft {
        themes: "Access".into(),
        formats: "Workshop = 90\nOpen forum = 60".into(),
    }
    .validate(&cfp)
    .unwrap()
    .formats;
    store.save_call(None, &call).await.unwrap();
    assert_eq!(store.call(cfp.id).await.unwrap().unwrap(), call);

    let user = store
        .create_user(None, &new_user("proposer@example.org", "Proposer"), None)
        .await
        .unwrap();
    let draft = |title: &str| ProposalDraft {
        title: title.into(),
        description: "What and why".into(),
        policy_questions: "Who pays?".into(),
        format: "Open forum".into(),
        theme: "Access".into(),
        sub_theme: "Connectivity".into(),
        people: vec![PersonDraft {
            role: "organiser".into(),
            name: "Ana".into(),
            organisation: "APNIC".into(),
            stakeholder_group: "technical-community".into(),
            gender: "female".into(),
            confirmed: true,
            ..Default::default()
        }],
        ..Default::default()
    };
    let at = |s| Timestamp::from_second(s).unwrap();
    let groups = StakeholderGroups::default();
    let second = draft("Second")
        .validate(&call, &groups, user.id, at(20))
        .unwrap();
    let first = draft("First")
        .validate(&call, &groups, user.id, at(10))
        .unwrap();
    store.create_proposal(Some(user.id), &second).await.unwrap();
    store.create_proposal(Some(user.id), &first).await.unwrap();
    let titles = |ps: Vec<agora_core::proposal::Proposal>| {
        ps.into_iter().map(|p| p.title).collect::<Vec<_>>()
    };
    assert_eq!(
        titles(store.proposals_of_call(cfp.id).await.unwrap()),
        ["First", "Second"]
    );
    let mut edit = draft("Second, revised");
    edit.sub_theme = String::new();
    edit.people[0].remote = true;
    let revised = edit.revise(&call, &groups, &second, at(30)).unwrap();
    store
        .update_proposal(Some(user.id), &revised)
        .await
        .unwrap();
    let stored = store.proposal(second.id).await.unwrap().unwrap();
    assert_eq!(stored, revised);
    assert_eq!(stored.created_at, at(20));
    assert!(stored.people[0].remote);
    let ghost = agora_core::proposal::Proposal {
        id: Uuid::from_u128(9),
        ..revised.clone()
    };
    assert!(matches!(
        store.update_proposal(None, &ghost).await,
        Err(StoreError::NotFound)
    ));
    let elsewhere = agora_core::proposal::Proposal {
        id: agora_core::new_id(),
        phase_id: Uuid::from_u128(5),
        ..revised
    };
    assert!(matches!(
        store.create_proposal(None, &elsewhere).await,
        Err(StoreError::MissingReference { .. })
    ));

    use agora_core::proposal::Decision;
    let letter = |to: &str| agora_store::Letter {
        recipient: to.into(),
        subject: "Your proposal".into(),
        body: "Decided".into(),
        lang: "en".into(),
    };
    let decisions = [
        (first.id, Decision::Accepted, Some(letter("a@example.org"))),
        (second.id, Decision::Declined, Some(letter("b@example.org"))),
    ];
    let queued_mail = async |store: &Store| store.outbox_counts().await.unwrap().queued;
    let mail_before = queued_mail(&store).await;
    store
        .decide(None, cfp.id, &decisions, at(40))
        .await
        .unwrap();
    store
        .decide(None, cfp.id, &decisions, at(41))
        .await
        .unwrap();
    assert_eq!(
        queued_mail(&store).await,
        mail_before + 2,
        "the same decision twice tells its proposer once"
    );
    assert_eq!(
        titles(
            store
                .decided_proposals(cfp.id, Decision::Accepted)
                .await
                .unwrap()
        ),
        ["First"]
    );
    let unknown = [
        (second.id, Decision::Accepted, None),
        (Uuid::from_u128(9), Decision::Accepted, None),
    ];
    assert!(matches!(
        store.decide(None, cfp.id, &unknown, at(42)).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.proposal(second.id).await.unwrap().unwrap().decision,
        Some(Decision::Declined),
        "all or nothing"
    );
}

async fn a_timetable_refuses_stale_edits_and_publishes_a_copy(store: Store, _url: String) {
    use agora_core::proposal::CallDraft;
    use agora_core::timetable::{Placement, RoomDraft, VenueDraft};
    let igf = process("IGF 2013", "igf-2013-venue", &[]);
    store.create(None, &igf).await.unwrap();
    let cfp = phase(&igf, PhaseKind::CallForProposals, 1_000, 2_000_000);
    store.create(None, &cfp).await.unwrap();
    let call = CallDraft {
        themes: "Access".into(),
        formats: "Workshop = 90".into(),
    }
    .validate(&cfp)
    .unwrap();
    store.save_call(None, &call).await.unwrap();
    assert_eq!(store.venue(cfp.id).await.unwrap(), None);
    assert_eq!(store.timetable(cfp.id).await.unwrap(), None);
    let room = |name: &str| RoomDraft {
        name: name.into(),
        capacity: "100".into(),
        ..Default::default()
    };
    let venue = VenueDraft {
        time_zone: "Asia/Makassar".into(),
        days: "2013-10-22".into(),
        slots: "09:00 = 90\n11:00 = 90".into(),
        rooms: vec![room("Main Hall")],
        ..Default::default()
    }
    .validate(cfp.id)
    .unwrap();
    store.save_venue(None, &venue).await.unwrap();
    assert_eq!(store.venue(cfp.id).await.unwrap().unwrap(), venue);
    let at = |proposal: u128, room: &str, slot: &str| Placement {
        proposal_id: Uuid::from_u128(proposal),
        room: room.into(),
        slot: slot.into(),
    };
    let first = vec![at(1, "Main Hall", "2013-10-22T09:00")];
    assert_eq!(
        store
            .save_timetable(None, cfp.id, &first, None)
            .await
            .unwrap(),
        1
    );
    // A move on version 1 makes version 2; a second move still on version 1 is refused.
    let moved = at(1, "Main Hall", "2013-10-22T11:00");
    assert_eq!(
        store.move_session(None, cfp.id, &moved, 1).await.unwrap(),
        2
    );
    let added = at(2, "Main Hall", "2013-10-22T09:00");
    assert!(matches!(
        store.move_session(None, cfp.id, &added, 1).await,
        Err(StoreError::Conflict { field: "version" })
    ));
    assert_eq!(
        store.move_session(None, cfp.id, &added, 2).await.unwrap(),
        3
    );
    let stored = store.timetable(cfp.id).await.unwrap().unwrap();
    assert_eq!(stored.version, 3);
    assert_eq!(stored.placements, [moved.clone(), added.clone()]);
    assert_eq!(stored.published, None);
    assert!(store.published_timetables().await.unwrap().is_empty());
    assert!(matches!(
        store
            .publish_timetable(None, cfp.id, 2, Timestamp::from_second(9).unwrap())
            .await,
        Err(StoreError::Conflict { field: "version" })
    ));
    let published = store
        .publish_timetable(None, cfp.id, 3, Timestamp::from_second(9).unwrap())
        .await
        .unwrap();
    assert_eq!(published.venue.rooms[0].name, "Main Hall");
    // Later edits leave the published copy as it was.
    assert_eq!(
        store
            .save_timetable(None, cfp.id, &first, Some(3))
            .await
            .unwrap(),
        4
    );
    let all = store.published_timetables().await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].placements, first);
    assert_eq!(
        all[0].published.as_ref().unwrap().placements,
        [moved, added]
    );
    assert!(matches!(
        store.save_timetable(None, cfp.id, &first, Some(3)).await,
        Err(StoreError::Conflict { field: "version" })
    ));
}

async fn reviews_keep_their_assignments_and_reruns_keep_what_is_reviewed(
    store: Store,
    _url: String,
) {
    use agora_core::proposal::{CallDraft, PersonDraft, ProposalDraft};
    use agora_core::review::{CriterionDraft, ProfileDraft, ReviewDraft, ReviewSettingsDraft};
    let igf = process("IGF 2016", "igf-2016-review", &[]);
    store.create(None, &igf).await.unwrap();
    let cfp = phase(&igf, PhaseKind::CallForProposals, 1_000, 2_000_000);
    store.create(None, &cfp).await.unwrap();
    let call = CallDraft {
        themes: "Access".into(),
        formats: "Workshop = 90".into(),
    }
    .validate(&cfp)
    .unwrap();
    store.save_call(None, &call).await.unwrap();
    assert_eq!(store.review_settings(cfp.id).await.unwrap(), None);
    let settings = ReviewSettingsDraft {
        criteria: vec![CriterionDraft {
            name: "Relevance".into(),
            weight: "2".into(),
            low: "Off topic".into(),
            middle: "Related".into(),
            high: "Central".into(),
        }],
        per_proposal: "2".into(),
    }
    .validate(cfp.id)
    .unwrap();
    store.save_review_settings(None, &settings).await.unwrap();
    assert_eq!(
        store.review_settings(cfp.id).await.unwrap().as_ref(),
        Some(&settings)
    );

    let author = store
        .create_user(None, &new_user("author@example.org", "Author"), None)
        .await
        .unwrap();
    let proposals: Vec<_> = (0..2)
        .map(|i| {
            ProposalDraft {
                title: format!("Session {i}"),
                description: "What".into(),
                policy_questions: "Why".into(),
                format: "Workshop".into(),
                theme: "Access".into(),
                people: vec![PersonDraft {
                    role: "organiser".into(),
                    name: "Ana".into(),
                    organisation: "APNIC".into(),
                    stakeholder_group: "technical-community".into(),
                    ..Default::default()
                }],
                ..Default::default()
            }
            .validate(&call, &StakeholderGroups::default(), author.id, ms(10 + i))
            .unwrap()
        })
        .collect();
    for p in &proposals {
        store.create_proposal(None, p).await.unwrap();
    }
    let mut reviewers = Vec::new();
    for (email, scope) in [
        ("r1@example.org", Some(igf.id)),
        ("r2@example.org", None),
        ("r3@example.org", Some(Uuid::from_u128(7))),
    ] {
        let user = store
            .create_user(None, &new_user(email, email), None)
            .await
            .unwrap();
        if scope != Some(Uuid::from_u128(7)) {
            store
                .grant_role(None, user.id, Role::Reviewer, scope)
                .await
                .unwrap();
        }
        reviewers.push(user);
    }
    let panel: Vec<String> = store
        .panel(igf.id)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(panel, ["r1@example.org", "r2@example.org"]);

    let declared = ProfileDraft {
        organisation: "ISOC".into(),
        conflicts: "APNIC\nAna".into(),
    }
    .validate(cfp.id, reviewers[0].id)
    .unwrap();
    store
        .save_reviewer_profile(Some(reviewers[0].id), &declared)
        .await
        .unwrap();
    store
        .save_reviewer_profile(Some(reviewers[0].id), &declared)
        .await
        .unwrap();
    assert_eq!(store.reviewer_profiles(cfp.id).await.unwrap(), [declared]);

    let (p0, p1) = (proposals[0].id, proposals[1].id);
    let (r1, r2) = (reviewers[0].id, reviewers[1].id);
    store
        .replace_assignments(None, cfp.id, &[(p0, r1), (p1, r2)], ms(50))
        .await
        .unwrap();
    let review = ReviewDraft {
        scores: [("Relevance".to_owned(), "4".to_owned())].into(),
        comment: "Clear".into(),
    }
    .validate(&settings, p0, r1, ms(60))
    .unwrap();
    store.save_review(Some(r1), &review).await.unwrap();
    assert_eq!(store.review(p0, r1).await.unwrap().as_ref(), Some(&review));
    let unassigned = agora_core::review::Review {
        proposal_id: p1,
        reviewer_id: r1,
        ..review.clone()
    };
    assert!(matches!(
        store.save_review(Some(r1), &unassigned).await,
        Err(StoreError::MissingReference {
            field: "assignment"
        })
    ));

    // A rerun drops the unreviewed assignment and keeps the reviewed one.
    store
        .replace_assignments(None, cfp.id, &[(p1, r1)], ms(70))
        .await
        .unwrap();
    let pairs = |list: Vec<agora_core::review::Assignment>| {
        list.into_iter()
            .map(|a| (a.proposal_id, a.reviewer_id, a.reviewed))
            .collect::<Vec<_>>()
    };
    let mut expected = vec![(p0, r1, true), (p1, r1, false)];
    expected.sort();
    assert_eq!(
        pairs(store.assignments_of_call(cfp.id).await.unwrap()),
        expected
    );
    assert_eq!(
        pairs(store.assignments_of_reviewer(r1).await.unwrap()),
        [(p0, r1, true), (p1, r1, false)],
        "oldest assignment first"
    );
    assert!(store.assignments_of_reviewer(r2).await.unwrap().is_empty());
    assert_eq!(store.reviews_of_call(cfp.id).await.unwrap(), [review]);
    assert!(matches!(
        store
            .replace_assignments(None, cfp.id, &[(p1, r2), (Uuid::from_u128(9), r2)], ms(80))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.assignments_of_call(cfp.id).await.unwrap().len(),
        2,
        "all or nothing"
    );

    assert_eq!(store.last_selection_run(cfp.id).await.unwrap(), None);
    for (i, sessions) in [3, 1].into_iter().enumerate() {
        let run = agora_store::SelectionRun {
            id: agora_core::new_id(),
            phase_id: cfp.id,
            rules: serde_json::json!({ "sessions": sessions }),
            result: serde_json::json!({ "selected": [p0.to_string()] }),
            ran_at: ms(100 + i as i64),
            ran_by: Some(r1),
        };
        store.save_selection_run(Some(r1), &run).await.unwrap();
    }
    let last = store.last_selection_run(cfp.id).await.unwrap().unwrap();
    assert_eq!(last.rules["sessions"], 1);
    assert_eq!(last.ran_by, Some(r1));
}
