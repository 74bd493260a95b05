//! Review of session proposals (issue 6): the criteria the secretariat publishes for a call,
//! with a weight and a rubric each, and the number of reviews every proposal gets; what a
//! reviewer declares about themself (their organisation, their conflicts of interest); and a
//! review, one 1–5 score per criterion and a comment. Who reviews what is decided by
//! `agora-programme`'s assignment, run by the web crate; this module checks what is typed.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validate::{ErrorCode, ValidationErrors};

/// Criterion rows the settings form offers; empty rows are ignored, so no script is needed.
pub const CRITERION_ROWS: usize = 6;
/// The most reviews a proposal may be set to get.
pub const MAX_REVIEWS_PER_PROPOSAL: u32 = 10;
/// The most conflicts one reviewer may declare.
pub const MAX_CONFLICTS: usize = 200;

/// What a score of 1, 3 and 5 means on one criterion (2 and 4 lie between).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rubric {
    pub low: String,
    pub middle: String,
    pub high: String,
}

/// A scoring criterion: its name (which reviews' scores are keyed by), its weight in a
/// review's weighted mean, and its rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub name: String,
    pub weight: u32,
    pub rubric: Rubric,
}

/// The review settings of a call: its criteria, in order, and the reviews each proposal gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewSettings {
    pub phase_id: Uuid,
    pub criteria: Vec<Criterion>,
    pub per_proposal: u32,
}

/// One criterion row as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CriterionDraft {
    pub name: String,
    pub weight: String,
    pub low: String,
    pub middle: String,
    pub high: String,
}

/// The settings as typed: criterion rows (those without a name are ignored) and the number
/// of reviews per proposal.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ReviewSettingsDraft {
    pub criteria: Vec<CriterionDraft>,
    pub per_proposal: String,
}

impl ReviewSettingsDraft {
    /// Checks the settings of the call `phase_id`; a row's errors name `criteria[i].field`.
    pub fn validate(&self, phase_id: Uuid) -> Result<ReviewSettings, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut criteria: Vec<Criterion> = Vec::new();
        for (i, row) in self.criteria.iter().enumerate() {
            if row.name.trim().is_empty() {
                continue;
            }
            let field = |name: &str| format!("criteria[{i}].{name}");
            let name = errors.text(&field("name"), &row.name, 120);
            if criteria.iter().any(|c| c.name == name) {
                errors.push(field("name"), ErrorCode::Duplicate);
            }
            let weight = match row.weight.trim().parse::<u32>() {
                Ok(w) if (1..=100).contains(&w) => w,
                _ => {
                    errors.push(field("weight"), ErrorCode::InvalidNumber);
                    1
                }
            };
            let rubric = Rubric {
                low: errors.text(&field("low"), &row.low, 500),
                middle: errors.text(&field("middle"), &row.middle, 500),
                high: errors.text(&field("high"), &row.high, 500),
            };
            criteria.push(Criterion {
                name,
                weight,
                rubric,
            });
        }
        if criteria.is_empty() {
            errors.push("criteria", ErrorCode::Required);
        }
        let per_proposal = match self.per_proposal.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_REVIEWS_PER_PROPOSAL).contains(&n) => n,
            _ => {
                errors.push("per_proposal", ErrorCode::InvalidNumber);
                1
            }
        };
        errors.finish(ReviewSettings {
            phase_id,
            criteria,
            per_proposal,
        })
    }
}

impl ReviewSettings {
    /// The settings as their form shows them, the inverse of [`ReviewSettingsDraft::validate`].
    pub fn draft(&self) -> ReviewSettingsDraft {
        ReviewSettingsDraft {
            criteria: self
                .criteria
                .iter()
                .map(|c| CriterionDraft {
                    name: c.name.clone(),
                    weight: c.weight.to_string(),
                    low: c.rubric.low.clone(),
                    middle: c.rubric.middle.clone(),
                    high: c.rubric.high.clone(),
                })
                .collect(),
            per_proposal: self.per_proposal.to_string(),
        }
    }

    /// Whether reviews scored under `self` still fit `next`: the same criteria by name, in
    /// any order. Once reviews are in, criteria may be reworded (weights, rubrics) but not
    /// added, removed or renamed, or those reviews would no longer score every criterion.
    pub fn same_criteria(&self, next: &ReviewSettings) -> bool {
        fn names(s: &ReviewSettings) -> Vec<&str> {
            let mut n: Vec<&str> = s.criteria.iter().map(|c| c.name.as_str()).collect();
            n.sort_unstable();
            n
        }
        names(self) == names(next)
    }
}

/// What a reviewer of a call declares: their organisation (its proposals are conflicts) and
/// other conflicts of interest, one a line: an organisation, a person's name, or a
/// proposal's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewerProfile {
    pub phase_id: Uuid,
    pub user_id: Uuid,
    pub organisation: Option<String>,
    pub conflicts: Vec<String>,
}

/// The declaration as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProfileDraft {
    pub organisation: String,
    pub conflicts: String,
}

impl ProfileDraft {
    pub fn validate(
        &self,
        phase_id: Uuid,
        user_id: Uuid,
    ) -> Result<ReviewerProfile, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let organisation = errors.optional_text("organisation", &self.organisation, 200);
        let mut conflicts: Vec<String> = Vec::new();
        for line in self
            .conflicts
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            if line.chars().count() > 300 {
                errors.push("conflicts", ErrorCode::TooLong { max: 300 });
            } else if !conflicts.iter().any(|c| c == line) {
                conflicts.push(line.to_owned());
            }
        }
        if conflicts.len() > MAX_CONFLICTS {
            errors.push("conflicts", ErrorCode::TooLong { max: MAX_CONFLICTS });
        }
        errors.finish(ReviewerProfile {
            phase_id,
            user_id,
            organisation,
            conflicts,
        })
    }
}

impl ReviewerProfile {
    pub fn draft(&self) -> ProfileDraft {
        ProfileDraft {
            organisation: self.organisation.clone().unwrap_or_default(),
            conflicts: self.conflicts.join("\n"),
        }
    }
}

/// A reviewer assigned to a proposal, and whether their review is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignment {
    pub phase_id: Uuid,
    pub proposal_id: Uuid,
    pub reviewer_id: Uuid,
    pub reviewed: bool,
}

/// One reviewer's scores (1–5, by criterion name) and comment on one proposal. Seen only by
/// the reviewer and the secretariat, never by proposers or the public.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub proposal_id: Uuid,
    pub reviewer_id: Uuid,
    pub scores: BTreeMap<String, u8>,
    pub comment: String,
    pub updated_at: Timestamp,
}

/// A review as typed: a score per criterion name, as text, and a comment.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ReviewDraft {
    pub scores: BTreeMap<String, String>,
    pub comment: String,
}

impl ReviewDraft {
    /// Checks a review under `settings`: every criterion scored 1–5 (the error names
    /// `score{i}`, the criterion's position), no other score, a comment of at most 5,000
    /// characters (optional).
    pub fn validate(
        &self,
        settings: &ReviewSettings,
        proposal_id: Uuid,
        reviewer_id: Uuid,
        now: Timestamp,
    ) -> Result<Review, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let mut scores = BTreeMap::new();
        for (i, c) in settings.criteria.iter().enumerate() {
            match self.scores.get(&c.name).map(|s| s.trim()) {
                None | Some("") => errors.push(format!("score{i}"), ErrorCode::Required),
                Some(s) => match s.parse::<u8>() {
                    Ok(n) if (1..=5).contains(&n) => {
                        scores.insert(c.name.clone(), n);
                    }
                    _ => errors.push(format!("score{i}"), ErrorCode::InvalidChoice),
                },
            }
        }
        if let Some(unknown) = self
            .scores
            .keys()
            .find(|k| !settings.criteria.iter().any(|c| &c.name == *k))
        {
            errors.push(format!("scores.{unknown}"), ErrorCode::NotFound);
        }
        let comment = errors
            .optional_text("comment", &self.comment, 5_000)
            .unwrap_or_default();
        errors.finish(Review {
            proposal_id,
            reviewer_id,
            scores,
            comment,
            updated_at: now,
        })
    }
}

impl Review {
    /// The review as its form shows it.
    pub fn draft(&self) -> ReviewDraft {
        ReviewDraft {
            scores: self
                .scores
                .iter()
                .map(|(k, v)| (k.clone(), v.to_string()))
                .collect(),
            comment: self.comment.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, weight: &str) -> CriterionDraft {
        CriterionDraft {
            name: name.into(),
            weight: weight.into(),
            low: "Off topic".into(),
            middle: "Related".into(),
            high: "Central".into(),
        }
    }

    fn settings() -> ReviewSettings {
        ReviewSettingsDraft {
            criteria: vec![row("Relevance", "2"), row("", ""), row("Clarity", "1")],
            per_proposal: "3".into(),
        }
        .validate(Uuid::nil())
        .unwrap()
    }

    #[test]
    fn settings_skip_empty_rows_and_name_each_fault() {
        let s = settings();
        assert_eq!(s.criteria.len(), 2);
        assert_eq!(s.criteria[0].weight, 2);
        assert_eq!(s.draft().criteria[1].name, "Clarity");
        let mut bad = row("Relevance", "0");
        bad.high = " ".into();
        let errors = ReviewSettingsDraft {
            criteria: vec![row("Relevance", "1"), bad],
            per_proposal: "11".into(),
        }
        .validate(Uuid::nil())
        .unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "criteria[1].name",
                "criteria[1].weight",
                "criteria[1].high",
                "per_proposal"
            ]
        );
        let none = ReviewSettingsDraft::default().validate(Uuid::nil());
        assert!(none.unwrap_err().0.iter().any(|e| e.field == "criteria"));
    }

    #[test]
    fn criteria_may_be_reworded_but_not_renamed() {
        let s = settings();
        let mut reworded = s.clone();
        reworded.criteria.reverse();
        reworded.criteria[0].weight = 5;
        assert!(s.same_criteria(&reworded));
        reworded.criteria[0].name = "Interactivity".into();
        assert!(!s.same_criteria(&reworded));
    }

    #[test]
    fn a_review_scores_every_criterion_from_one_to_five() {
        let s = settings();
        let draft = |scores: &[(&str, &str)]| ReviewDraft {
            scores: scores
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect(),
            comment: " Good ".into(),
        };
        let now = Timestamp::UNIX_EPOCH;
        let ok = draft(&[("Relevance", "5"), ("Clarity", "1")])
            .validate(&s, Uuid::nil(), Uuid::nil(), now)
            .unwrap();
        assert_eq!(ok.scores["Relevance"], 5);
        assert_eq!(ok.comment, "Good");
        assert_eq!(ok.draft().scores["Clarity"], "1");
        let errors = draft(&[("Relevance", "6"), ("Humour", "3")])
            .validate(&s, Uuid::nil(), Uuid::nil(), now)
            .unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["score0", "score1", "scores.Humour"]);
    }

    #[test]
    fn conflicts_are_one_a_line_without_repeats() {
        let p = ProfileDraft {
            organisation: " APNIC ".into(),
            conflicts: "ISOC\n\n Ana Souza \nISOC".into(),
        }
        .validate(Uuid::nil(), Uuid::nil())
        .unwrap();
        assert_eq!(p.organisation.as_deref(), Some("APNIC"));
        assert_eq!(p.conflicts, ["ISOC", "Ana Souza"]);
        assert_eq!(p.draft().conflicts, "ISOC\nAna Souza");
    }
}
