//! The records search shows, read from the store as their public pages show them. One source
//! per kind of record, named as the `search_changes` feed names it. Adding one is a variant
//! here, its two functions, and a trigger in a migration.

use std::collections::HashMap;

use agora_core::consultation::{AnswerValue, Submission};
use agora_core::glossary::GlossaryEntry;
use agora_core::meeting::{Meeting, Participant};
use agora_core::process::{Phase, Process};
use agora_core::search::SearchKind;
use agora_search::{Record, Text};
use agora_store::{PageRequest, Store, StoreError, StoredTranscript, StoredTurn};
use uuid::Uuid;

/// Records read per page when every record is read.
const PAGE: u32 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A published answer sheet (kind `answer`).
    Answer,
    /// A glossary entry (kind `glossary`).
    Glossary,
    /// A process's title and mandate (kind `document`).
    Process,
    /// A turn of a meeting's transcript (kind `transcript`), keyed `<transcript id>/<position>`.
    Transcript,
}

impl Source {
    pub const ALL: [Source; 4] = [
        Source::Answer,
        Source::Glossary,
        Source::Process,
        Source::Transcript,
    ];

    /// The name in `search_changes.source`, and the first part of the record's key.
    pub fn name(self) -> &'static str {
        match self {
            Source::Answer => "answer",
            Source::Glossary => "glossary",
            Source::Process => "process",
            Source::Transcript => "transcript",
        }
    }

    pub fn from_name(name: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The key of this source's record `id` in the index.
    pub fn key(self, id: &str) -> String {
        format!("{}:{id}", self.name())
    }

    /// The record `id` as search shows it, `None` when it is gone or not public (any more).
    pub async fn read(self, store: &Store, id: &str) -> Result<Option<Record>, StoreError> {
        // A turn's key is `<transcript id>/<position>`; every other record's is a UUID.
        Ok(match (self, Uuid::parse_str(id).ok()) {
            (Source::Transcript, _) => return read_turn(store, id).await,
            (_, None) => None,
            (Source::Answer, Some(id)) => match store.published_sheet(id).await? {
                Some(sheet) => {
                    let mut phases = Phases::default();
                    answer(&sheet, phases.get(store, sheet.phase_id).await?)
                }
                None => None,
            },
            (Source::Glossary, Some(id)) => store.glossary_entry(id).await?.map(|e| glossary(&e)),
            (Source::Process, Some(id)) => store.process(id).await?.map(|p| process(&p)),
        })
    }

    /// Calls `each` with every record of this source, a page at a time.
    pub async fn read_all(
        self,
        store: &Store,
        mut each: impl FnMut(Record),
    ) -> Result<(), StoreError> {
        let mut request = PageRequest::first(PAGE);
        let mut phases = Phases::default();
        loop {
            let next = match self {
                Source::Answer => {
                    let page = store.published_sheets(&request).await?;
                    for sheet in &page.items {
                        if let Some(record) =
                            answer(sheet, phases.get(store, sheet.phase_id).await?)
                        {
                            each(record);
                        }
                    }
                    page.next
                }
                Source::Glossary => {
                    let page = store.glossary(&request).await?;
                    page.items.iter().map(glossary).for_each(&mut each);
                    page.next
                }
                Source::Process => {
                    let page = store.processes(&request).await?;
                    page.items.iter().map(process).for_each(&mut each);
                    page.next
                }
                Source::Transcript => {
                    let page = store.transcripts(&request).await?;
                    for transcript in &page.items {
                        let Some(meeting) = store.meeting(transcript.meeting_id).await? else {
                            continue;
                        };
                        let speakers = store.participants(meeting.id).await?;
                        for turn in store.turns(transcript.id).await? {
                            let speaker = find_speaker(&speakers, &turn);
                            each(transcript_turn(&meeting, transcript, &turn, speaker));
                        }
                    }
                    page.next
                }
            };
            match next {
                Some(next) => request.after = Some(next),
                None => return Ok(()),
            }
        }
    }
}

/// Phases read once each (a rebuild reads thousands of sheets of a few consultations).
#[derive(Default)]
struct Phases(HashMap<Uuid, Option<Phase>>);

impl Phases {
    async fn get(&mut self, store: &Store, id: Uuid) -> Result<Option<&Phase>, StoreError> {
        let phase = match self.0.entry(id) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(slot) => slot.insert(store.phase(id).await?),
        };
        Ok(phase.as_ref())
    }
}

/// A published sheet: its free-text answers in its author's language, under the title of its
/// consultation, dated when it was handed in. Choices and scales are not text to search.
fn answer(sheet: &Submission, phase: Option<&Phase>) -> Option<Record> {
    let phase = phase?;
    let texts = sheet
        .answers
        .values()
        .filter_map(|value| match value {
            AnswerValue::Text(text) => Some(Text::new(Some(&sheet.author.lang), text.as_str())),
            _ => None,
        })
        .collect();
    Some(Record {
        key: Source::Answer.key(&sheet.id.to_string()),
        kind: SearchKind::Answer,
        title: phase.title.clone(),
        url: format!("/consultations/{}/answers/{}", phase.id, sheet.id),
        texts,
        process: Some(phase.process_id.to_string()),
        meeting: None,
        speaker: None,
        group: Some(sheet.author.stakeholder_group.clone()),
        date: sheet.submitted_at.map(|t| t.as_millisecond()),
    })
}

/// An entry: its acronym as the title, each expansion in its language; it links to its row.
fn glossary(entry: &GlossaryEntry) -> Record {
    Record {
        key: Source::Glossary.key(&entry.id.to_string()),
        kind: SearchKind::Glossary,
        title: entry.acronym.clone(),
        url: format!("/glossary#g-{}", entry.id),
        texts: entry
            .expansions
            .iter()
            .map(|e| Text::new(Some(&e.lang), e.text.as_str()))
            .collect(),
        process: None,
        meeting: None,
        speaker: None,
        group: None,
        date: None,
    }
}

/// A process: its title and mandate, as its page shows them.
fn process(process: &Process) -> Record {
    Record {
        key: Source::Process.key(&process.id.to_string()),
        kind: SearchKind::Document,
        title: process.title.clone(),
        url: format!("/processes/{}", process.slug),
        texts: vec![Text::new(None, process.mandate.as_str())],
        process: Some(process.id.to_string()),
        meeting: None,
        speaker: None,
        group: None,
        date: None,
    }
}

/// The turn `key` (`<transcript id>/<position>`) with its transcript, meeting and speaker.
async fn read_turn(store: &Store, key: &str) -> Result<Option<Record>, StoreError> {
    let Some((transcript, position)) = key.split_once('/') else {
        return Ok(None);
    };
    let (Ok(transcript), Ok(position)) = (Uuid::parse_str(transcript), position.parse::<u32>())
    else {
        return Ok(None);
    };
    let (Some(transcript), Some(turn)) = (
        store.transcript(transcript).await?,
        store.turn(transcript, position).await?,
    ) else {
        return Ok(None);
    };
    let Some(meeting) = store.meeting(transcript.meeting_id).await? else {
        return Ok(None);
    };
    let speaker = match turn.participant_id {
        Some(id) => store.participant(id).await?,
        None => None,
    };
    Ok(Some(transcript_turn(
        &meeting,
        &transcript,
        &turn,
        speaker.as_ref(),
    )))
}

fn find_speaker<'a>(speakers: &'a [Participant], turn: &StoredTurn) -> Option<&'a Participant> {
    let id = turn.participant_id?;
    speakers.iter().find(|p| p.id == id)
}

/// A turn: its text in the transcript's language, under its meeting's title, filed under the
/// speaker the secretariat mapped it to (or the label as written, for a speaker nobody mapped)
/// and their stakeholder group, dated when it was said when captions tell, else at the
/// meeting's start. It links to the turn's anchor on the transcript's page.
fn transcript_turn(
    meeting: &Meeting,
    transcript: &StoredTranscript,
    turn: &StoredTurn,
    speaker: Option<&Participant>,
) -> Record {
    let said_at = meeting.starts_at.as_millisecond() + turn.start_ms.unwrap_or(0);
    Record {
        key: Source::Transcript.key(&format!("{}/{}", transcript.id, turn.position)),
        kind: SearchKind::Transcript,
        title: meeting.title.clone(),
        url: format!(
            "/meetings/{}/transcripts/{}#t{}",
            meeting.id,
            transcript.id,
            turn.position + 1
        ),
        texts: vec![Text::new(
            transcript.language.as_deref(),
            turn.text.as_str(),
        )],
        process: Some(meeting.process_id.to_string()),
        meeting: Some(meeting.id.to_string()),
        speaker: speaker
            .map(|p| p.name.clone())
            .or_else(|| turn.speaker.clone()),
        group: speaker.map(|p| p.stakeholder_group.clone()),
        date: Some(said_at),
    }
}
