//! A stored transcript's statistics: its turns counted by `agora_records::stats` against the
//! meeting's participants, for the statistics page and the API alike.

use agora_core::consultation::word_count;
use agora_core::meeting::Participant;
use agora_core::speaker_queue::Intervention;
use agora_records::stats::{Speaker, Spoken, Statistics, statistics};
use agora_store::StoredTurn;

/// Counts the speech of `turns` (narrative is nobody's) by the `participants` it is attributed
/// to; `people` rows of the result index into `participants`. A turn attributed to someone no
/// longer among them counts as unidentified.
pub fn of_turns(turns: &[StoredTurn], participants: &[Participant]) -> Statistics {
    let spoken: Vec<Spoken> = turns
        .iter()
        .filter(|t| !t.narrative)
        .map(|t| Spoken {
            speaker: t
                .participant_id
                .and_then(|id| participants.iter().position(|p| p.id == id)),
            words: u64::from(t.words),
            millis: match (t.start_ms, t.end_ms) {
                (Some(start), Some(end)) if end >= start => u64::try_from(end - start).ok(),
                _ => None,
            },
        })
        .collect();
    statistics(&speakers(participants), &spoken)
}

/// Counts the written interventions of a meeting (what people who could not be heard wrote
/// into the record) like speech, by the participants who wrote them: one turn each. An
/// intervention whose author is no longer a participant counts as unidentified.
pub fn of_interventions(written: &[Intervention], participants: &[Participant]) -> Statistics {
    let spoken: Vec<Spoken> = written
        .iter()
        .map(|w| Spoken {
            speaker: w
                .participant_id
                .and_then(|id| participants.iter().position(|p| p.id == id)),
            words: word_count(&w.text) as u64,
            millis: None,
        })
        .collect();
    statistics(&speakers(participants), &spoken)
}

fn speakers(participants: &[Participant]) -> Vec<Speaker<'_>> {
    participants
        .iter()
        .map(|p| Speaker {
            group: &p.stakeholder_group,
            gender: p.gender.as_deref(),
            remote: p.remote,
        })
        .collect()
}
