//! The records search shows, read from the store as their public pages show them. One source
//! per kind of record, named as the `search_changes` feed names it. Adding one (a meeting's
//! transcript turns) is a variant here, its two functions, and a trigger in a migration.

use std::collections::HashMap;

use agora_core::consultation::{AnswerValue, Submission};
use agora_core::glossary::GlossaryEntry;
use agora_core::process::{Phase, Process};
use agora_core::search::SearchKind;
use agora_search::{Record, Text};
use agora_store::{PageRequest, Store, StoreError};
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
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Answer, Source::Glossary, Source::Process];

    /// The name in `search_changes.source`, and the first part of the record's key.
    pub fn name(self) -> &'static str {
        match self {
            Source::Answer => "answer",
            Source::Glossary => "glossary",
            Source::Process => "process",
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
        let Ok(id) = Uuid::parse_str(id) else {
            return Ok(None);
        };
        let mut phases = Phases::default();
        Ok(match self {
            Source::Answer => match store.published_sheet(id).await? {
                Some(sheet) => answer(&sheet, phases.get(store, sheet.phase_id).await?),
                None => None,
            },
            Source::Glossary => store.glossary_entry(id).await?.map(|e| glossary(&e)),
            Source::Process => store.process(id).await?.map(|p| process(&p)),
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
