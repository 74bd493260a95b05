//! Importing a transcript into a meeting: the parse (`agora_records`), the speakers it found,
//! who each one is (a participant of the meeting, a new participant, or nobody identified), and
//! the records the store writes. The review page, the API and `agora import transcript` all go
//! through here, so a file and a mapping get the same verdict everywhere.
//!
//! A speaker is proposed a participant of the meeting whose name is a spelling of theirs
//! (`agora_records::speakers::same_name`: MARCUS KUMMER is Markus Kummer), else a new
//! participant made from the person of the directory whose name is, else nothing: the
//! secretariat decides (the review page), or the caller's rule for unmatched names does
//! ([`Unmatched`], the API and the command line). Turns introduced by `>>` were spoken by
//! someone nobody identified and stay so.

pub mod stats;

use agora_core::directory::Person;
use agora_core::meeting::{Meeting, Participant, ParticipantDraft};
use agora_core::stakeholder::StakeholderGroups;
use agora_core::{ErrorCode, ValidationErrors};
use agora_records::speakers::same_name;
use agora_records::{Transcript, TurnKind};
use agora_store::{NewTranscript, Provenance, Store};
use uuid::Uuid;

/// Why a file is not a transcript Agora can import.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Neither UTF-8 nor UTF-16 text: the first byte that is not, and its line.
    #[error("the file is not UTF-8 or UTF-16 text (line {line}, byte {offset})")]
    NotText { line: usize, offset: usize },
    /// Text, but no speaker turn in it.
    #[error("no speaker turns found: speakers are labelled `NAME:` at the start of a paragraph")]
    NoTurns,
}

/// Reads an uploaded file as a transcript: UTF-8 or UTF-16 (`agora_records::decode`), in any
/// format `agora_records` recognises, with at least one turn of speech. Damaged bytes are
/// refused rather than replaced: nobody reviews an import through the API or the command line,
/// and a record must say what was said.
pub fn read(bytes: &[u8]) -> Result<Transcript, ReadError> {
    let (text, damage) = agora_records::decode::decode(bytes);
    if !damage.is_empty() {
        let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let offset = std::str::from_utf8(body)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let line = 1 + body[..offset].iter().filter(|&&b| b == b'\n').count();
        return Err(ReadError::NotText { line, offset });
    }
    let transcript = agora_records::parse(&text);
    if !transcript.turns.iter().any(|t| t.kind == TurnKind::Speech) {
        return Err(ReadError::NoTurns);
    }
    Ok(transcript)
}

/// Why a file was refused, in the user's language.
pub(crate) fn explain(ctx: &crate::ctx::Ctx, error: &ReadError) -> String {
    match error {
        ReadError::NotText { line, offset } => ctx.lang.t_args(
            "transcript-error-not-text",
            &[
                (
                    "line",
                    fluent_templates::fluent_bundle::FluentValue::from(*line as u64),
                ),
                (
                    "offset",
                    fluent_templates::fluent_bundle::FluentValue::from(*offset as u64),
                ),
            ],
        ),
        ReadError::NoTurns => ctx.t("transcript-error-no-turns"),
    }
}

/// One speaker of a parse, as the review lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerRow {
    /// The name the parse settled on (spellings merged).
    pub name: String,
    /// Every label written for them, the name first.
    pub spellings: Vec<String>,
    pub turns: usize,
    pub words: usize,
}

/// The named speakers of a parse, in the order they first speak.
pub fn speakers(transcript: &Transcript) -> Vec<SpeakerRow> {
    let mut rows: Vec<SpeakerRow> = Vec::new();
    for turn in &transcript.turns {
        let Some(name) = &turn.speaker else { continue };
        let index = match rows.iter().position(|r| &r.name == name) {
            Some(i) => i,
            None => {
                rows.push(SpeakerRow {
                    name: name.clone(),
                    spellings: vec![name.clone()],
                    turns: 0,
                    words: 0,
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[index];
        row.turns += 1;
        row.words += agora_core::consultation::word_count(&turn.text);
        if let Some(label) = &turn.label
            && !row.spellings.contains(label)
        {
            row.spellings.push(label.clone());
        }
    }
    rows
}

/// Turns of speech whose speaker nobody identified (`>>`).
pub fn unidentified_turns(transcript: &Transcript) -> usize {
    transcript
        .turns
        .iter()
        .filter(|t| t.kind == TurnKind::Speech && t.speaker.is_none())
        .count()
}

/// Who a speaker is proposed to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposal {
    /// A participant of the meeting.
    Participant(Uuid),
    /// Nobody of the meeting, but this person of the directory: a new participant from them.
    Person(Person),
    Unmatched,
}

/// The proposal for the speaker `name`.
pub fn propose(name: &str, participants: &[Participant], people: &[Person]) -> Proposal {
    if let Some(p) = participants.iter().find(|p| same_name(name, &p.name)) {
        return Proposal::Participant(p.id);
    }
    match people.iter().find(|p| same_name(name, &p.name)) {
        Some(person) => Proposal::Person(person.clone()),
        None => Proposal::Unmatched,
    }
}

/// What a speaker's turns are attributed to.
#[derive(Debug, Clone)]
pub enum Choice {
    Participant(Uuid),
    /// A participant to create with the transcript.
    New(ParticipantDraft),
    Unidentified,
}

impl Choice {
    /// The choice a proposal makes when nobody corrects it; `None` for an unmatched name.
    pub fn proposed(proposal: &Proposal) -> Option<Choice> {
        match proposal {
            Proposal::Participant(id) => Some(Choice::Participant(*id)),
            Proposal::Person(person) => Some(Choice::New(ParticipantDraft {
                name: person.name.clone(),
                person_id: person.id.to_string(),
                stakeholder_group: person.stakeholder_group.clone(),
                gender: person.gender.clone().unwrap_or_default(),
                ..Default::default()
            })),
            Proposal::Unmatched => None,
        }
    }
}

/// What to do with a speaker who matches nobody, when nobody reviews the mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmatched {
    /// Refuse the transcript, naming the unmatched speakers.
    Refuse,
    /// Attribute their turns to nobody.
    Unidentified,
    /// Make each a new participant of this stakeholder group.
    New { group: String },
}

/// The mapping nobody reviewed: every proposal taken, unmatched speakers handled by
/// `unmatched`; with [`Unmatched::Refuse`], the names of the unmatched speakers as the error.
pub fn automatic(
    speakers: &[SpeakerRow],
    proposals: &[Proposal],
    unmatched: &Unmatched,
) -> Result<Vec<Choice>, Vec<String>> {
    let mut missing = Vec::new();
    let choices = speakers
        .iter()
        .zip(proposals)
        .map(
            |(speaker, proposal)| match (Choice::proposed(proposal), unmatched) {
                (Some(choice), _) => choice,
                (None, Unmatched::Refuse) => {
                    missing.push(speaker.name.clone());
                    Choice::Unidentified
                }
                (None, Unmatched::Unidentified) => Choice::Unidentified,
                (None, Unmatched::New { group }) => Choice::New(ParticipantDraft {
                    name: display_name(&speaker.name),
                    stakeholder_group: group.clone(),
                    ..Default::default()
                }),
            },
        )
        .collect();
    if missing.is_empty() {
        Ok(choices)
    } else {
        Err(missing)
    }
}

/// A label as a person's name: transcripts write labels in capitals (PETER MAJOR), people
/// write names in mixed case (Peter Major). A label already in mixed case is kept.
pub fn display_name(label: &str) -> String {
    if label.chars().any(char::is_lowercase) {
        return label.to_owned();
    }
    let mut out = String::with_capacity(label.len());
    let mut start = true;
    for c in label.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// Who imports what, when, from which file.
pub struct Import<'a> {
    pub meeting: &'a Meeting,
    /// The meeting's participants now (a choice must name one of them).
    pub participants: &'a [Participant],
    pub groups: &'a StakeholderGroups,
    pub filename: &'a str,
    pub by: Option<Uuid>,
    pub at: jiff::Timestamp,
}

/// The records the store writes for `transcript` with one choice per speaker (in the order of
/// [`speakers`]). Errors name the speaker's fields: `speaker-{i}` for a participant that is
/// not one of the meeting's, `name-{i}`, `group-{i}`, `gender-{i}` for a new participant.
pub fn build(
    import: &Import<'_>,
    transcript: &Transcript,
    choices: &[Choice],
) -> Result<NewTranscript, ValidationErrors> {
    let rows = speakers(transcript);
    let mut errors = ValidationErrors::new();
    if choices.len() != rows.len() {
        errors.push("speakers", ErrorCode::InvalidChoice);
        return Err(errors);
    }
    let mut participants = Vec::new();
    let mut assigned: Vec<Option<Uuid>> = Vec::with_capacity(rows.len());
    for (i, choice) in choices.iter().enumerate() {
        assigned.push(match choice {
            Choice::Participant(id) => {
                if !import.participants.iter().any(|p| p.id == *id) {
                    errors.push(format!("speaker-{i}"), ErrorCode::InvalidChoice);
                }
                Some(*id)
            }
            Choice::New(draft) => match draft.validate(import.meeting, import.groups) {
                Ok(participant) => {
                    let id = participant.id;
                    participants.push(participant);
                    Some(id)
                }
                Err(refused) => {
                    for e in refused.0 {
                        let field = match e.field.as_str() {
                            "stakeholder_group" => "group",
                            "person_id" => "speaker",
                            other => other,
                        };
                        errors.push(format!("{field}-{i}"), e.code);
                    }
                    None
                }
            },
            Choice::Unidentified => None,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let from = Provenance {
        meeting_id: import.meeting.id,
        filename: import.filename,
        imported_at: import.at,
        imported_by: import.by,
    };
    Ok(NewTranscript::from_parse(
        transcript,
        &from,
        participants,
        |name| {
            rows.iter()
                .position(|r| r.name == name)
                .and_then(|i| assigned[i])
        },
    ))
}

/// Every person of the directory, to match speakers against.
pub async fn directory(store: &Store) -> agora_store::Result<Vec<Person>> {
    store
        .every(async |store, page| store.people(page).await)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting_participant(name: &str) -> Participant {
        Participant {
            id: agora_core::new_id(),
            meeting_id: Uuid::nil(),
            name: name.to_owned(),
            person_id: None,
            user_id: None,
            stakeholder_group: "government".into(),
            gender: None,
            role: agora_core::meeting::Role::Attendee,
            remote: false,
        }
    }

    #[test]
    fn labels_become_names() {
        assert_eq!(display_name("PETER MAJOR"), "Peter Major");
        assert_eq!(display_name("JEAN-JACQUES O'NEIL"), "Jean-Jacques O'Neil");
        assert_eq!(display_name("Audrey Tang"), "Audrey Tang");
        assert_eq!(display_name("唐鳳"), "唐鳳");
    }

    #[test]
    fn speakers_keep_their_spellings_and_counts() {
        let t = read(
            "MARKUS KUMMER: Un deux.\n\nPETER MAJOR: Trois.\n\n>> Quatre.\n\nMARCUS KUMMER: Cinq six sept.\n"
                .as_bytes(),
        )
        .unwrap();
        let rows = speakers(&t);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "MARKUS KUMMER");
        assert_eq!(rows[0].spellings, ["MARKUS KUMMER", "MARCUS KUMMER"]);
        assert_eq!((rows[0].turns, rows[0].words), (2, 5));
        assert_eq!(unidentified_turns(&t), 1);
    }

    #[test]
    fn unreadable_files_say_why() {
        assert_eq!(
            read(b"PETER MAJOR: Bonjour.\nPETER: caf\xe9").unwrap_err(),
            ReadError::NotText {
                line: 2,
                offset: 32
            }
        );
        let utf16: Vec<u8> = "\u{feff}PETER MAJOR: Bonjour."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(read(&utf16).unwrap().turns[0].text, "Bonjour.");
        assert_eq!(
            read(b"Just a paragraph of prose.").unwrap_err(),
            ReadError::NoTurns
        );
        assert!(read("\u{feff}PETER MAJOR: Hi.".as_bytes()).is_ok());
    }

    #[test]
    fn proposals_prefer_participants_then_the_directory() {
        let major = meeting_participant("Peter Major");
        let people = vec![Person {
            id: agora_core::new_id(),
            name: "Wolfgang Kleinwächter".into(),
            organisation_id: None,
            affiliation: None,
            stakeholder_group: "academic-community".into(),
            country: None,
            region: None,
            languages: Vec::new(),
            gender: None,
        }];
        let participants = [major.clone()];
        assert_eq!(
            propose("PETER MAJOR", &participants, &people),
            Proposal::Participant(major.id)
        );
        assert_eq!(
            propose("WOLFGANG KLEINWACHTER", &participants, &people),
            Proposal::Person(people[0].clone())
        );
        assert_eq!(
            propose("PAUL WILSON", &participants, &people),
            Proposal::Unmatched
        );
        let rows: Vec<SpeakerRow> = ["PETER MAJOR", "PAUL WILSON"]
            .iter()
            .map(|n| SpeakerRow {
                name: (*n).into(),
                spellings: vec![(*n).into()],
                turns: 1,
                words: 1,
            })
            .collect();
        let proposals = [Proposal::Participant(major.id), Proposal::Unmatched];
        assert_eq!(
            automatic(&rows, &proposals, &Unmatched::Refuse).unwrap_err(),
            ["PAUL WILSON"]
        );
        let made = automatic(
            &rows,
            &proposals,
            &Unmatched::New {
                group: "technical-community".into(),
            },
        )
        .unwrap();
        assert!(matches!(&made[1], Choice::New(d) if d.name == "Paul Wilson"));
        let dropped = automatic(&rows, &proposals, &Unmatched::Unidentified).unwrap();
        assert!(matches!(dropped[1], Choice::Unidentified));
    }
}
