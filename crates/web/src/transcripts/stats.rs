//! A stored transcript's statistics: its turns counted by `agora_records::stats` against the
//! meeting's participants, for the statistics page and the API alike.

use agora_core::meeting::Participant;
use agora_records::stats::{Speaker, Spoken, Statistics, statistics};
use agora_store::StoredTurn;

/// Counts the speech of `turns` (narrative is nobody's) by the `participants` it is attributed
/// to; `people` rows of the result index into `participants`. A turn attributed to someone no
/// longer among them counts as unidentified.
pub fn of_turns(turns: &[StoredTurn], participants: &[Participant]) -> Statistics {
    let speakers: Vec<Speaker<'_>> = participants
        .iter()
        .map(|p| Speaker {
            group: &p.stakeholder_group,
            gender: p.gender.as_deref(),
            remote: p.remote,
        })
        .collect();
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
    statistics(&speakers, &spoken)
}
