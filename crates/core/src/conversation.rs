//! Conversations: the opinion map of a process. The secretariat opens one on a topic with seed
//! statements; participants add short statements of their own, which the secretariat accepts
//! or rejects with a reason, and vote agree, disagree or pass on the accepted ones, one at a
//! time. `agora-opinion` turns the votes into opinion groups and the statements every group
//! supports; this module holds the rules a conversation keeps whatever the analysis says.
//!
//! Each participant and each statement also has a number, dense within its conversation: the
//! ids the analysis works with (Pol.is's `pid` and `tid`), and what an imported Pol.is export
//! already numbers.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::process::Process;
use crate::stakeholder::StakeholderGroups;
use crate::validate::{ErrorCode, ValidationErrors};

/// Pol.is keeps statements to 140 characters so that they are read and voted on quickly;
/// Agora allows a little more for languages that need more characters for the same thing.
pub const MAX_STATEMENT_CHARS: usize = 280;
/// Seed statements given at once, one per line.
pub const MAX_SEED_STATEMENTS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conversation {
    pub id: Uuid,
    pub process_id: Uuid,
    pub topic: String,
    pub description: String,
    /// Whether it takes statements and votes; a closed conversation keeps its map.
    pub open: bool,
    pub created_at: Timestamp,
}

/// A conversation as typed in a form or sent to the API; seed statements one per line.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ConversationDraft {
    pub topic: String,
    pub description: String,
    pub seeds: String,
}

impl ConversationDraft {
    /// The conversation and its seed statements (accepted at once: the secretariat wrote them).
    pub fn validate(
        &self,
        process: &Process,
        now: Timestamp,
    ) -> Result<(Conversation, Vec<String>), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let topic = errors.text("topic", &self.topic, 300);
        let description = errors
            .optional_text("description", &self.description, 20_000)
            .unwrap_or_default();
        let seeds: Vec<String> = self
            .seeds
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect();
        if seeds.len() > MAX_SEED_STATEMENTS {
            errors.push(
                "seeds",
                ErrorCode::TooLong {
                    max: MAX_SEED_STATEMENTS,
                },
            );
        }
        if seeds
            .iter()
            .any(|s| s.chars().count() > MAX_STATEMENT_CHARS)
        {
            errors.push(
                "seeds",
                ErrorCode::TooLong {
                    max: MAX_STATEMENT_CHARS,
                },
            );
        }
        errors.finish((
            Conversation {
                id: crate::new_id(),
                process_id: process.id,
                topic,
                description,
                open: true,
                created_at: now,
            },
            seeds,
        ))
    }
}

/// Where a statement stands in moderation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "status", content = "reason")]
pub enum Moderation {
    /// Waiting for the secretariat; shown to its author only.
    Pending,
    /// Shown for voting and counted in the map.
    Accepted,
    /// Not shown; its author sees why.
    Rejected(String),
}

impl Moderation {
    pub fn code(&self) -> &'static str {
        match self {
            Moderation::Pending => "pending",
            Moderation::Accepted => "accepted",
            Moderation::Rejected(_) => "rejected",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub id: Uuid,
    pub conversation_id: Uuid,
    /// 1, 2, 3… within the conversation, in the order written.
    pub number: u64,
    pub text: String,
    /// The participant who wrote it; `None` for the secretariat's seeds.
    pub author: Option<Uuid>,
    pub moderation: Moderation,
    pub created_at: Timestamp,
}

/// Checks a participant's statement: required, at most [`MAX_STATEMENT_CHARS`].
pub fn statement_text(text: &str) -> Result<String, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let text = errors.text("text", text, MAX_STATEMENT_CHARS);
    errors.finish(text)
}

/// The reason the secretariat gives for rejecting a statement: required, so that its author
/// learns why.
pub fn rejection_reason(reason: &str) -> Result<String, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let reason = errors.text("reason", reason, 500);
    errors.finish(reason)
}

/// Someone taking part in a conversation, with the stakeholder group and region they declared
/// when they joined: what the map's multistakeholder tables count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participant {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub number: u64,
    /// `None` for participants of an imported conversation.
    pub user_id: Option<Uuid>,
    /// `None` where nobody declared one (imported participants).
    pub stakeholder_group: Option<String>,
    /// UN M49 region code.
    pub region: Option<String>,
}

/// The join form: a stakeholder group (required) and a region.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct JoinDraft {
    pub stakeholder_group: String,
    pub region: String,
}

impl JoinDraft {
    /// The stakeholder group and region, checked; numbering is the store's.
    pub fn validate(
        &self,
        groups: &StakeholderGroups,
    ) -> Result<(String, Option<String>), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let group = crate::directory::check_group(&mut errors, groups, &self.stakeholder_group);
        let region = errors.optional_text("region", &self.region, 3);
        if region.as_deref().is_some_and(|r| !crate::geo::is_region(r)) {
            errors.push("region", ErrorCode::InvalidRegion);
        }
        errors.finish((group, region))
    }
}

/// A vote on a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Opinion {
    Agree,
    Disagree,
    Pass,
}

impl Opinion {
    /// Pol.is's open-data coding: agree 1, disagree −1, pass 0.
    pub fn value(self) -> i8 {
        match self {
            Opinion::Agree => 1,
            Opinion::Disagree => -1,
            Opinion::Pass => 0,
        }
    }

    pub fn from_value(value: i64) -> Option<Opinion> {
        match value {
            1 => Some(Opinion::Agree),
            -1 => Some(Opinion::Disagree),
            0 => Some(Opinion::Pass),
            _ => None,
        }
    }

    /// Reads a form's or the API's `agree`, `disagree` or `pass`.
    pub fn from_code(code: &str) -> Option<Opinion> {
        match code {
            "agree" => Some(Opinion::Agree),
            "disagree" => Some(Opinion::Disagree),
            "pass" => Some(Opinion::Pass),
            _ => None,
        }
    }
}

/// The next statement to show a participant: the accepted statement they have not voted on
/// that fewest people have voted on (so that new statements get votes), the oldest first among
/// equals. `voted` holds the numbers the participant voted on; `tallies` each accepted
/// statement's number and vote count.
pub fn next_statement(tallies: &[(u64, u64)], voted: &[u64]) -> Option<u64> {
    tallies
        .iter()
        .filter(|(number, _)| !voted.contains(number))
        .min_by_key(|&&(number, votes)| (votes, number))
        .map(|&(number, _)| number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: &ValidationErrors) -> Vec<&str> {
        errors.0.iter().map(|e| e.field.as_str()).collect()
    }

    fn process() -> Process {
        crate::process::ProcessDraft {
            title: "IGF 2013".into(),
            mandate: "Tunis Agenda".into(),
            display_zone: "UTC".into(),
            ..Default::default()
        }
        .validate(&StakeholderGroups::default())
        .unwrap()
    }

    #[test]
    fn seeds_are_one_per_line_and_each_is_short() {
        let draft = ConversationDraft {
            topic: "Enhanced cooperation".into(),
            seeds: "Governments alone should set Internet policy.\n\n  Every stakeholder group should have a seat.  \n".into(),
            ..Default::default()
        };
        let (conversation, seeds) = draft.validate(&process(), Timestamp::UNIX_EPOCH).unwrap();
        assert!(conversation.open);
        assert_eq!(
            seeds,
            [
                "Governments alone should set Internet policy.",
                "Every stakeholder group should have a seat."
            ]
        );
        let long = ConversationDraft {
            topic: "T".into(),
            seeds: "x".repeat(MAX_STATEMENT_CHARS + 1),
            ..Default::default()
        };
        let errors = long
            .validate(&process(), Timestamp::UNIX_EPOCH)
            .unwrap_err();
        assert_eq!(fields(&errors), ["seeds"]);
        let untitled = ConversationDraft::default();
        let errors = untitled
            .validate(&process(), Timestamp::UNIX_EPOCH)
            .unwrap_err();
        assert_eq!(fields(&errors), ["topic"]);
    }

    #[test]
    fn a_statement_and_a_rejection_need_text() {
        assert!(statement_text("  ").is_err());
        assert!(statement_text(&"é".repeat(MAX_STATEMENT_CHARS)).is_ok());
        assert!(statement_text(&"é".repeat(MAX_STATEMENT_CHARS + 1)).is_err());
        assert!(rejection_reason("").is_err());
        assert_eq!(rejection_reason(" Off topic ").unwrap(), "Off topic");
    }

    #[test]
    fn joining_takes_a_known_group_and_a_region() {
        let groups = StakeholderGroups::default();
        let ok = JoinDraft {
            stakeholder_group: "civil-society".into(),
            region: "002".into(),
        };
        assert_eq!(
            ok.validate(&groups).unwrap(),
            ("civil-society".to_owned(), Some("002".to_owned()))
        );
        let bad = JoinDraft {
            stakeholder_group: "lobbyists".into(),
            region: "999".into(),
        };
        let errors = bad.validate(&groups).unwrap_err();
        assert_eq!(fields(&errors), ["stakeholder_group", "region"]);
    }

    #[test]
    fn the_least_voted_unvoted_statement_comes_next() {
        let tallies = [(1, 5), (2, 1), (3, 1), (4, 0)];
        assert_eq!(next_statement(&tallies, &[]), Some(4));
        assert_eq!(next_statement(&tallies, &[4]), Some(2));
        assert_eq!(next_statement(&tallies, &[4, 2]), Some(3));
        assert_eq!(next_statement(&tallies, &[1, 2, 3, 4]), None);
    }

    #[test]
    fn opinions_read_their_codes_and_values() {
        for opinion in [Opinion::Agree, Opinion::Disagree, Opinion::Pass] {
            assert_eq!(
                Opinion::from_value(i64::from(opinion.value())),
                Some(opinion)
            );
        }
        assert_eq!(Opinion::from_code("agree"), Some(Opinion::Agree));
        assert_eq!(Opinion::from_code("maybe"), None);
        assert_eq!(Opinion::from_value(2), None);
    }
}
