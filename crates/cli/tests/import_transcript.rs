//! `agora import transcript`: the seed transcript imported into a meeting by the binary, read
//! back from the store; refused, with the names, when a speaker matches nobody; nothing stored
//! on a dry run or a refusal.

use std::process::{Command, Output};

use agora_core::meeting::{MeetingDraft, ParticipantDraft};
use agora_core::stakeholder::StakeholderGroups;
use agora_store::Store;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../records/tests/fixtures/icann-beijing-2013-04-08-fr.txt"
);

fn agora(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A database with the demo and a second session of ICANN 46 whose only participant is its
/// moderator; returns its URL and the meeting's id.
async fn database(dir: &std::path::Path) -> (String, String, Store) {
    let db = format!("sqlite://{}/agora.db", dir.display());
    let demo = agora(&["demo", "--db", &db]);
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    let store = Store::open(&db).await.unwrap();
    let icann = store
        .process_by_slug("icann-46-beijing")
        .await
        .unwrap()
        .unwrap();
    let meeting = MeetingDraft {
        title: "Global Internet Governance Agenda (rerun)".into(),
        starts_at: "2013-04-09T17:00".into(),
        ends_at: "2013-04-09T19:00".into(),
        ..Default::default()
    }
    .validate(&icann)
    .unwrap();
    store.create(None, &meeting).await.unwrap();
    let major = ParticipantDraft {
        name: "Peter Major".into(),
        stakeholder_group: "government".into(),
        role: "moderator".into(),
        ..Default::default()
    }
    .validate(&meeting, &StakeholderGroups::default())
    .unwrap();
    store.create(None, &major).await.unwrap();
    (db, meeting.id.to_string(), store)
}

#[tokio::test]
async fn the_seed_transcript_is_imported_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let (db, meeting, store) = database(dir.path()).await;
    let meeting_id: uuid::Uuid = meeting.parse().unwrap();

    let refused = agora(&[
        "import",
        "transcript",
        SEED,
        "--meeting",
        &meeting,
        "--db",
        &db,
    ]);
    assert!(!refused.status.success());
    let why = text(&refused.stderr);
    assert!(why.contains("JAOA CARLOS CARIBE"), "{why}");
    assert!(why.contains("nothing was imported"), "{why}");
    assert!(
        store
            .transcripts_of_meeting(meeting_id)
            .await
            .unwrap()
            .is_empty()
    );

    let no_group = agora(&[
        "import",
        "transcript",
        SEED,
        "--meeting",
        &meeting,
        "--db",
        &db,
        "--unmatched",
        "new",
    ]);
    assert!(!no_group.status.success());
    assert!(text(&no_group.stderr).contains("--group"));

    let dry = agora(&[
        "import",
        "transcript",
        SEED,
        "--meeting",
        &meeting,
        "--db",
        &db,
        "--unmatched",
        "unidentified",
        "--dry-run",
    ]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    let said = text(&dry.stdout);
    assert!(said.contains("PETER MAJOR: 27 turns"), "{said}");
    assert!(said.contains("JAOA CARLOS CARIBE: 1 turns, "), "{said}");
    assert!(said.contains("nothing was stored"), "{said}");
    assert!(
        store
            .transcripts_of_meeting(meeting_id)
            .await
            .unwrap()
            .is_empty()
    );

    let done = agora(&[
        "import",
        "transcript",
        SEED,
        "--meeting",
        &meeting,
        "--db",
        &db,
        "--unmatched",
        "new",
        "--group",
        "civil-society",
    ]);
    assert!(done.status.success(), "{}", text(&done.stderr));
    let summary = text(&done.stdout);
    assert!(
        summary.contains("59 turns (3 unidentified), 15 new participants"),
        "{summary}"
    );

    let transcript = store
        .transcripts_of_meeting(meeting_id)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(transcript.filename, "icann-beijing-2013-04-08-fr.txt");
    assert_eq!(transcript.language.as_deref(), Some("fr"));
    let turns = store.turns(transcript.id).await.unwrap();
    assert_eq!(turns.len(), 59);
    let participants = store.participants(meeting_id).await.unwrap();
    assert_eq!(participants.len(), 16);
    let named = |name: &str| participants.iter().find(|p| p.name == name).unwrap();
    let kummer = named("Markus Kummer");
    assert!(
        kummer.person_id.is_some(),
        "made from the directory's person"
    );
    assert_eq!(kummer.stakeholder_group, "technical-community");
    let kummer_turns: Vec<&str> = turns
        .iter()
        .filter(|t| t.participant_id == Some(kummer.id))
        .filter_map(|t| t.label.as_deref())
        .collect();
    assert_eq!(
        kummer_turns,
        ["MARKUS KUMMER", "MARKUS KUMMER", "MARCUS KUMMER"]
    );
    let major = named("Peter Major");
    assert_eq!(
        turns
            .iter()
            .filter(|t| t.participant_id == Some(major.id))
            .count(),
        27,
        "the meeting's own participant, not a new one"
    );
    let caribe = named("Jaoa Carlos Caribe");
    assert_eq!(caribe.stakeholder_group, "civil-society");
    assert_eq!(caribe.person_id, None);
    assert_eq!(
        turns.iter().filter(|t| t.participant_id.is_none()).count(),
        3
    );
}

#[tokio::test]
async fn a_file_that_is_not_a_transcript_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (db, meeting, _store) = database(dir.path()).await;
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"PETER MAJOR: caf\xe9").unwrap();
    let refused = agora(&[
        "import",
        "transcript",
        latin1.to_str().unwrap(),
        "--meeting",
        &meeting,
        "--db",
        &db,
    ]);
    assert!(!refused.status.success());
    let why = text(&refused.stderr);
    assert!(
        why.contains("latin1.txt") && why.contains("not UTF-8") && why.contains("byte 16"),
        "{why}"
    );
    let prose = dir.path().join("prose.txt");
    std::fs::write(&prose, "Minutes were not taken.").unwrap();
    let refused = agora(&[
        "import",
        "transcript",
        prose.to_str().unwrap(),
        "--meeting",
        &meeting,
        "--db",
        &db,
    ]);
    assert!(
        text(&refused.stderr).contains("no speaker turns"),
        "{}",
        text(&refused.stderr)
    );
    let nowhere = agora(&[
        "import",
        "transcript",
        SEED,
        "--meeting",
        &uuid::Uuid::nil().to_string(),
        "--db",
        &db,
    ]);
    assert!(
        text(&nowhere.stderr).contains("there is no meeting"),
        "{}",
        text(&nowhere.stderr)
    );
}
