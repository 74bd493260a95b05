//! Reviewer assignment: each proposal gets a set number of reviewers, loads stay even, and no
//! reviewer reads a proposal they are in conflict with.
//!
//! Greedy, most-constrained first: proposals with the fewest eligible reviewers are served
//! first, each taking the eligible reviewers with the lowest load so far. Ties are broken by a
//! seeded hash of (proposal, reviewer), so two reviewers do not always land on the same
//! proposals and the result is the same for a given seed. When every proposal has enough
//! eligible reviewers, loads differ by at most one except where conflicts force otherwise.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Directory, Proposal};
use crate::rng::hash;

/// A member of the review panel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reviewer {
    pub id: String,
    /// Their organisation: its proposals are conflicts.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Declared conflicts: proposal ids, organisation names or person ids (a proposal naming
    /// that person as organiser, moderator or speaker is a conflict).
    #[serde(default)]
    pub conflicts: Vec<String>,
}

/// Who reviews what.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// Reviewer ids per proposal id.
    pub reviewers: BTreeMap<String, Vec<String>>,
    /// Proposals per reviewer id.
    pub load: BTreeMap<String, usize>,
    /// Proposals that could not get enough reviewers without a conflict.
    pub shortfalls: Vec<Shortfall>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortfall {
    pub proposal: String,
    pub eligible: usize,
    pub required: usize,
}

/// Whether `reviewer` may review `proposal`: not their organisation's, not one they declared,
/// not one with a person they declared.
pub fn in_conflict(reviewer: &Reviewer, proposal: &Proposal, people: &Directory) -> bool {
    let same_organisation = |org: &str| reviewer.organisation.as_deref() == Some(org);
    if same_organisation(&proposal.organisation) {
        return true;
    }
    let mut persons = proposal
        .speakers
        .iter()
        .map(|s| &s.person)
        .chain(&proposal.moderator)
        .chain([&proposal.organiser]);
    let declared = |name: &String| {
        name == &proposal.id || name == &proposal.organisation || name == &proposal.organiser
    };
    reviewer.conflicts.iter().any(declared)
        || persons.any(|id| {
            id == &reviewer.id
                || reviewer.conflicts.contains(id)
                || people
                    .get(id)
                    .and_then(|p| p.organisation.as_deref())
                    .is_some_and(same_organisation)
        })
}

/// Assigns `per_proposal` reviewers to every proposal.
pub fn assign(
    proposals: &[Proposal],
    reviewers: &[Reviewer],
    people: &Directory,
    per_proposal: usize,
    seed: u64,
) -> Assignment {
    let eligible: Vec<Vec<usize>> = proposals
        .iter()
        .map(|p| {
            (0..reviewers.len())
                .filter(|&r| !in_conflict(&reviewers[r], p, people))
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..proposals.len()).collect();
    order.sort_by_key(|&i| (eligible[i].len(), hash(seed, &proposals[i].id)));
    let mut load = vec![0usize; reviewers.len()];
    let mut result = Assignment::default();
    for i in order {
        let proposal = &proposals[i];
        let mut candidates = eligible[i].clone();
        candidates.sort_by_key(|&r| {
            let pair = format!("{}\u{1f}{}", proposal.id, reviewers[r].id);
            (load[r], hash(seed, &pair))
        });
        candidates.truncate(per_proposal);
        if candidates.len() < per_proposal {
            result.shortfalls.push(Shortfall {
                proposal: proposal.id.clone(),
                eligible: candidates.len(),
                required: per_proposal,
            });
        }
        for &r in &candidates {
            load[r] += 1;
        }
        let mut ids: Vec<String> = candidates
            .iter()
            .map(|&r| reviewers[r].id.clone())
            .collect();
        ids.sort();
        result.reviewers.insert(proposal.id.clone(), ids);
    }
    result
        .shortfalls
        .sort_by(|a, b| a.proposal.cmp(&b.proposal));
    result.load = reviewers
        .iter()
        .zip(load)
        .map(|(r, n)| (r.id.clone(), n))
        .collect();
    result
}
