//! Reports of answers submitted in someone's name without their consent.
//!
//! In the 2017 US net-neutrality docket millions of comments carried real people's names
//! without their knowledge; the Administrative Conference of the United States (ACUS,
//! Recommendation 2021-1) advises letting people flag comments falsely attributed to them. Here
//! anyone (an account is not needed: the person named may never have used Agora) reports a
//! published sheet; the process's secretariat upholds the report, which hides the sheet with
//! the report as its reason, or dismisses it with a note. Nothing is deleted, and both steps are
//! in the audit log.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::{is_email, normalise_email};
use crate::validate::{ErrorCode, ValidationErrors};

/// The longest statement a report may carry, in characters.
pub const STATEMENT_MAX: usize = 4000;

/// A report as typed into the form or sent to the API.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReportDraft {
    /// The name of the person the sheet was attributed to, as they give it.
    pub name: String,
    /// Where the secretariat can reach them about the report.
    pub email: String,
    /// What they want the secretariat to know.
    pub statement: String,
    /// They declare they are the person (or organisation) the sheet names.
    pub confirm: bool,
}

impl ReportDraft {
    pub fn validate(
        &self,
        submission_id: Uuid,
        reporter: Option<Uuid>,
        now: Timestamp,
    ) -> Result<Report, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.text("name", &self.name, 200);
        let email = normalise_email(&self.email);
        if email.is_empty() {
            errors.push("email", ErrorCode::Required);
        } else if !is_email(&email) {
            errors.push("email", ErrorCode::InvalidEmail);
        }
        let statement = errors.text("statement", &self.statement, STATEMENT_MAX);
        if !self.confirm {
            errors.push("confirm", ErrorCode::Required);
        }
        errors.finish(Report {
            id: crate::new_id(),
            submission_id,
            reporter,
            name,
            email,
            statement,
            created_at: now,
            state: ReportState::Open,
            resolution: None,
        })
    }
}

/// Where a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportState {
    /// Waiting for the secretariat.
    Open,
    /// The sheet was not the reporter's: it is hidden, with the report as its reason.
    Upheld,
    /// The secretariat found the sheet genuine; the note says why.
    Dismissed,
}

impl ReportState {
    pub fn code(self) -> &'static str {
        match self {
            ReportState::Open => "open",
            ReportState::Upheld => "upheld",
            ReportState::Dismissed => "dismissed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            ReportState::Open,
            ReportState::Upheld,
            ReportState::Dismissed,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// The secretariat's answer to a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution {
    /// [`ReportState::Upheld`] or [`ReportState::Dismissed`].
    pub decision: ReportState,
    pub note: String,
}

impl Resolution {
    /// The reason a sheet hidden by an upheld report carries.
    pub fn hiding_reason(&self, report: &Report) -> String {
        format!(
            "Reported by {} as submitted in their name without consent (report {}): {}",
            report.name, report.id, self.note
        )
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ResolutionDraft {
    /// `upheld` or `dismissed`.
    pub decision: String,
    pub note: String,
}

impl ResolutionDraft {
    /// A decision and its note, both required: the reporter and the audit log deserve a reason.
    pub fn validate(&self) -> Result<Resolution, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let decision = match ReportState::from_code(self.decision.trim()) {
            Some(decision @ (ReportState::Upheld | ReportState::Dismissed)) => Some(decision),
            _ if self.decision.trim().is_empty() => {
                errors.push("decision", ErrorCode::Required);
                None
            }
            _ => {
                errors.push("decision", ErrorCode::InvalidChoice);
                None
            }
        };
        let note = errors.text("note", &self.note, 2000);
        match decision {
            Some(decision) if errors.is_empty() => Ok(Resolution { decision, note }),
            _ => Err(errors),
        }
    }
}

/// A report with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub id: Uuid,
    /// The sheet reported.
    pub submission_id: Uuid,
    /// The account that reported, if the reporter was signed in.
    pub reporter: Option<Uuid>,
    pub name: String,
    pub email: String,
    pub statement: String,
    pub created_at: Timestamp,
    pub state: ReportState,
    /// Set once the secretariat decided.
    pub resolution: Option<Resolution>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: &ValidationErrors) -> Vec<(&str, ErrorCode)> {
        errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code.clone()))
            .collect()
    }

    #[test]
    fn a_report_needs_a_name_a_reachable_email_a_statement_and_the_declaration() {
        let sheet = crate::new_id();
        let report = ReportDraft {
            name: " Jane Doe ".into(),
            email: " Jane@Example.ORG".into(),
            statement: "I never wrote this.".into(),
            confirm: true,
        }
        .validate(sheet, None, Timestamp::UNIX_EPOCH)
        .unwrap();
        assert_eq!(report.name, "Jane Doe");
        assert_eq!(report.email, "jane@example.org");
        assert_eq!(report.state, ReportState::Open);
        assert_eq!(report.submission_id, sheet);

        let errors = ReportDraft {
            email: "not an address".into(),
            statement: "x".repeat(STATEMENT_MAX + 1),
            ..Default::default()
        }
        .validate(sheet, None, Timestamp::UNIX_EPOCH)
        .unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                ("name", ErrorCode::Required),
                ("email", ErrorCode::InvalidEmail),
                ("statement", ErrorCode::TooLong { max: STATEMENT_MAX }),
                ("confirm", ErrorCode::Required),
            ]
        );
    }

    #[test]
    fn a_resolution_is_upheld_or_dismissed_with_a_note() {
        let upheld = ResolutionDraft {
            decision: "upheld".into(),
            note: "Confirmed by phone".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(upheld.decision, ReportState::Upheld);
        for (decision, code) in [
            ("open", ErrorCode::InvalidChoice),
            ("", ErrorCode::Required),
            ("maybe", ErrorCode::InvalidChoice),
        ] {
            let errors = ResolutionDraft {
                decision: decision.into(),
                note: "n".into(),
            }
            .validate()
            .unwrap_err();
            assert_eq!(fields(&errors), [("decision", code)], "{decision}");
        }
        let no_note = ResolutionDraft {
            decision: "dismissed".into(),
            note: " ".into(),
        }
        .validate()
        .unwrap_err();
        assert_eq!(fields(&no_note), [("note", ErrorCode::Required)]);
    }
}
