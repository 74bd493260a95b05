//! Screening: the IGF secretariat's checks before any reviewer reads a proposal.
//!
//! Each rule that fails gives one [`Failure`] naming the rule, the proposal and, where one is
//! to blame, the person, so the proposer knows what to fix. The rules are those of the MAG
//! workshop process (2015–2017): three confirmed speakers, more than one gender among them, a
//! moderator on site, last year's report filed, at most three proposals per organiser (person
//! or institution) and three sessions per speaker.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{Directory, Proposal};

/// The thresholds; [`Default`] gives the IGF's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScreeningRules {
    pub min_confirmed_speakers: usize,
    /// Distinct declared genders among the confirmed speakers.
    pub min_genders: usize,
    pub max_proposals_per_organiser: usize,
    pub max_sessions_per_speaker: usize,
}

impl Default for ScreeningRules {
    fn default() -> Self {
        ScreeningRules {
            min_confirmed_speakers: 3,
            min_genders: 2,
            max_proposals_per_organiser: 3,
            max_sessions_per_speaker: 3,
        }
    }
}

/// One rule a proposal breaks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    TooFewConfirmedSpeakers {
        confirmed: usize,
        required: usize,
    },
    TooFewGenders {
        genders: usize,
        required: usize,
    },
    NoModerator,
    ModeratorNotOnSite {
        person: String,
    },
    ReportNotFiled {
        organiser: String,
    },
    TooManyProposals {
        organiser: String,
        count: usize,
        max: usize,
    },
    SpeakerInTooManySessions {
        person: String,
        count: usize,
        max: usize,
    },
    UnknownPerson {
        person: String,
    },
}

/// A proposal that fails a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub proposal: String,
    #[serde(flatten)]
    pub rule: Rule,
}

/// Every failure of every proposal, in proposal order. The caps count proposals in the order
/// given (the order of submission): the fourth proposal of an organiser fails, not the first.
/// `missing_reports` holds the organisers (person ids or organisation names) who ran a session
/// last year and have not filed its report.
pub fn screen(
    proposals: &[Proposal],
    people: &Directory,
    missing_reports: &BTreeSet<String>,
    rules: &ScreeningRules,
) -> Vec<Failure> {
    let mut per_organiser: BTreeMap<(&str, &String), usize> = BTreeMap::new();
    let mut per_speaker: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for proposal in proposals {
        let mut fail = |rule| {
            failures.push(Failure {
                proposal: proposal.id.clone(),
                rule,
            })
        };
        for person in proposal
            .speakers
            .iter()
            .map(|s| &s.person)
            .chain(&proposal.moderator)
            .chain([&proposal.organiser])
        {
            if !people.contains_key(person) {
                fail(Rule::UnknownPerson {
                    person: person.clone(),
                });
            }
        }
        let confirmed = proposal.confirmed_speakers().count();
        if confirmed < rules.min_confirmed_speakers {
            fail(Rule::TooFewConfirmedSpeakers {
                confirmed,
                required: rules.min_confirmed_speakers,
            });
        }
        let genders: BTreeSet<&str> = proposal
            .confirmed_speakers()
            .filter_map(|id| people.get(id)?.gender.as_deref())
            .collect();
        if genders.len() < rules.min_genders {
            fail(Rule::TooFewGenders {
                genders: genders.len(),
                required: rules.min_genders,
            });
        }
        match &proposal.moderator {
            None => fail(Rule::NoModerator),
            Some(id) if people.get(id).is_some_and(|p| p.remote) => {
                fail(Rule::ModeratorNotOnSite { person: id.clone() })
            }
            Some(_) => {}
        }
        if let Some(owed) = [&proposal.organiser, &proposal.organisation]
            .into_iter()
            .find(|o| missing_reports.contains(*o))
        {
            fail(Rule::ReportNotFiled {
                organiser: owed.clone(),
            });
        }
        // The cap holds for the person and for the institution (IGF 2015–2016).
        for (kind, organiser) in [
            ("person", &proposal.organiser),
            ("organisation", &proposal.organisation),
        ] {
            let count = per_organiser.entry((kind, organiser)).or_default();
            *count += 1;
            if *count > rules.max_proposals_per_organiser {
                fail(Rule::TooManyProposals {
                    organiser: organiser.clone(),
                    count: *count,
                    max: rules.max_proposals_per_organiser,
                });
            }
        }
        let speakers: BTreeSet<&str> = proposal
            .speakers
            .iter()
            .map(|s| s.person.as_str())
            .collect();
        for person in speakers {
            let count = per_speaker.entry(person).or_default();
            *count += 1;
            if *count > rules.max_sessions_per_speaker {
                fail(Rule::SpeakerInTooManySessions {
                    person: person.to_string(),
                    count: *count,
                    max: rules.max_sessions_per_speaker,
                });
            }
        }
    }
    failures
}
