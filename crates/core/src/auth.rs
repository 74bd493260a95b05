//! Accounts, roles and the one function that decides what a role may do. Every route asks
//! [`Grants::permits`]; the role-by-route test in `agora-web` checks that it does.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validate::{ErrorCode, ValidationErrors};

/// Roles, from least to most powerful. A role granted globally applies to every process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Participant,
    Reviewer,
    Secretariat,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Participant,
        Role::Reviewer,
        Role::Secretariat,
        Role::Admin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Participant => "participant",
            Role::Reviewer => "reviewer",
            Role::Secretariat => "secretariat",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A role held by an account, everywhere (`process_id: None`) or in one process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grant {
    pub id: Uuid,
    pub user_id: Uuid,
    pub role: Role,
    pub process_id: Option<Uuid>,
}

/// What can be done. Reads of public data need no permission and are not listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Create a process (global secretariat).
    CreateProcess,
    /// Edit a process, its phases and seats.
    ManageProcess(Uuid),
    /// Add or change calendar events, glossary entries, organisations and people.
    ManageDirectory,
    /// See accounts, grant and revoke roles, read the audit log.
    Administer,
    /// Join a meeting as an attendee, in the room or remote: any account.
    JoinMeeting,
    /// Raise or lower one's hand in a meeting's speaker queue: `participant` says whether the
    /// account takes part in the meeting (see `meeting::Standing`).
    SpeakInMeeting { participant: bool },
    /// Post a written intervention: only a remote participant, whose voice may not carry.
    WriteInMeeting { remote_participant: bool },
    /// Run a meeting's speaker queue (call, reorder, time, lower a hand): the meeting's
    /// moderator (`moderator`: the account is a participant with that role), or the secretariat
    /// of its process.
    ModerateMeeting { process: Uuid, moderator: bool },
    /// Join a conversation, write statements and vote on them: any account.
    TakePartInConversation,
    /// Send a session proposal to a call for proposals: any account.
    ProposeSession,
    /// Edit a proposal: its author (`author`: the account sent it), or the secretariat of its
    /// process.
    EditProposal { process: Uuid, author: bool },
    /// Sit on a process's review panel (declare one's conflicts, be assigned proposals):
    /// accounts holding the reviewer role itself in the process or globally. A secretariat
    /// account is not a reviewer unless it is also granted the role.
    ServeAsReviewer(Uuid),
    /// Score a proposal and read it for review: a reviewer of its process, `assigned` to it.
    ReviewProposal { process: Uuid, assigned: bool },
}

/// The grants of the account making a request (empty for visitors).
#[derive(Debug, Clone, Default)]
pub struct Grants(pub Vec<Grant>);

impl Grants {
    fn has(&self, role: Role, process: Option<Uuid>) -> bool {
        self.0.iter().any(|g| {
            g.role >= role
                && (g.process_id.is_none() || (process.is_some() && g.process_id == process))
        })
    }

    /// The single authorization rule. Admins may do everything; the secretariat runs
    /// processes and the directory; a process-scoped secretariat runs only its process.
    pub fn permits(&self, action: Action) -> bool {
        match action {
            Action::CreateProcess | Action::ManageDirectory => self.has(Role::Secretariat, None),
            Action::ManageProcess(process) => self.has(Role::Secretariat, Some(process)),
            Action::Administer => self.has(Role::Admin, None),
            Action::JoinMeeting | Action::TakePartInConversation | Action::ProposeSession => {
                self.has(Role::Participant, None)
            }
            Action::SpeakInMeeting { participant } => participant,
            Action::WriteInMeeting { remote_participant } => remote_participant,
            Action::ModerateMeeting { process, moderator } => {
                moderator || self.has(Role::Secretariat, Some(process))
            }
            Action::EditProposal { process, author } => {
                (author && self.has(Role::Participant, None))
                    || self.has(Role::Secretariat, Some(process))
            }
            Action::ServeAsReviewer(process) => self
                .0
                .iter()
                .any(|g| g.role == Role::Reviewer && g.process_id.is_none_or(|p| p == process)),
            Action::ReviewProposal { process, assigned } => {
                assigned && self.permits(Action::ServeAsReviewer(process))
            }
        }
    }

    /// A member of a process holds a role in it, or a global secretariat or admin role.
    pub fn is_member_of(&self, process: Uuid) -> bool {
        self.0.iter().any(|g| g.process_id == Some(process)) || self.has(Role::Secretariat, None)
    }

    pub fn is_admin(&self) -> bool {
        self.permits(Action::Administer)
    }
}

/// A sign-up as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SignupDraft {
    pub email: String,
    pub display_name: String,
    pub password: String,
}

/// A validated sign-up; the password is still clear text and must be hashed by the caller.
#[derive(Debug, Clone)]
pub struct Signup {
    pub email: String,
    pub display_name: String,
    pub password: String,
}

pub const MIN_PASSWORD_CHARS: usize = 10;

impl SignupDraft {
    pub fn validate(&self) -> Result<Signup, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let email = normalise_email(&self.email);
        if email.is_empty() {
            errors.push("email", ErrorCode::Required);
        } else if !is_email(&email) {
            errors.push("email", ErrorCode::InvalidEmail);
        }
        let display_name = errors.text("display_name", &self.display_name, 120);
        let chars = self.password.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            errors.push(
                "password",
                ErrorCode::TooShort {
                    min: MIN_PASSWORD_CHARS,
                },
            );
        } else if chars > 1000 {
            errors.push("password", ErrorCode::TooLong { max: 1000 });
        }
        errors.finish(Signup {
            email,
            display_name,
            password: self.password.clone(),
        })
    }
}

/// Emails are compared case-insensitively: stored lower case, trimmed.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A deliberately loose check (one `@`, a dot in the domain, no spaces): the real proof of an
/// address is mail reaching it.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grants(role: Role, process: Option<Uuid>) -> Grants {
        Grants(vec![Grant {
            id: Uuid::nil(),
            user_id: Uuid::nil(),
            role,
            process_id: process,
        }])
    }

    #[test]
    fn role_matrix() {
        let p = Uuid::from_u128(1);
        let q = Uuid::from_u128(2);
        let visitor = Grants::default();
        assert!(!visitor.permits(Action::ManageDirectory));
        assert!(!grants(Role::Participant, None).permits(Action::CreateProcess));
        assert!(!grants(Role::Reviewer, None).permits(Action::ManageProcess(p)));
        assert!(grants(Role::Secretariat, None).permits(Action::ManageProcess(p)));
        assert!(grants(Role::Secretariat, None).permits(Action::CreateProcess));
        assert!(!grants(Role::Secretariat, None).permits(Action::Administer));
        assert!(grants(Role::Secretariat, Some(p)).permits(Action::ManageProcess(p)));
        assert!(!grants(Role::Secretariat, Some(p)).permits(Action::ManageProcess(q)));
        assert!(!grants(Role::Secretariat, Some(p)).permits(Action::CreateProcess));
        assert!(grants(Role::Admin, None).permits(Action::Administer));
        assert!(grants(Role::Admin, None).permits(Action::ManageProcess(q)));
    }

    #[test]
    fn meetings_are_run_by_their_moderator_or_the_process_secretariat() {
        let p = Uuid::from_u128(1);
        let q = Uuid::from_u128(2);
        let moderate = |moderator| Action::ModerateMeeting {
            process: p,
            moderator,
        };
        let attendee = grants(Role::Participant, None);
        assert!(!attendee.permits(moderate(false)));
        assert!(attendee.permits(moderate(true)));
        assert!(grants(Role::Secretariat, Some(p)).permits(moderate(false)));
        assert!(!grants(Role::Secretariat, Some(q)).permits(moderate(false)));
        assert!(attendee.permits(Action::JoinMeeting));
        assert!(!Grants::default().permits(Action::JoinMeeting));
        let speak = |participant| Action::SpeakInMeeting { participant };
        assert!(attendee.permits(speak(true)));
        assert!(!grants(Role::Admin, None).permits(speak(false)));
        let write = |remote_participant| Action::WriteInMeeting { remote_participant };
        assert!(attendee.permits(write(true)));
        assert!(!grants(Role::Secretariat, Some(p)).permits(write(false)));
    }

    #[test]
    fn proposals_are_edited_by_their_author_or_the_process_secretariat() {
        let p = Uuid::from_u128(1);
        let edit = |author| Action::EditProposal { process: p, author };
        let proposer = grants(Role::Participant, None);
        assert!(proposer.permits(Action::ProposeSession));
        assert!(!Grants::default().permits(Action::ProposeSession));
        assert!(proposer.permits(edit(true)));
        assert!(!proposer.permits(edit(false)));
        assert!(!grants(Role::Reviewer, None).permits(edit(false)));
        assert!(grants(Role::Secretariat, Some(p)).permits(edit(false)));
        assert!(!grants(Role::Secretariat, Some(Uuid::from_u128(2))).permits(edit(false)));
    }

    #[test]
    fn only_an_assigned_reviewer_of_the_process_reviews() {
        let p = Uuid::from_u128(1);
        let q = Uuid::from_u128(2);
        let review = |assigned| Action::ReviewProposal {
            process: p,
            assigned,
        };
        let scoped = grants(Role::Reviewer, Some(p));
        assert!(scoped.permits(Action::ServeAsReviewer(p)));
        assert!(!scoped.permits(Action::ServeAsReviewer(q)));
        assert!(scoped.permits(review(true)));
        assert!(!scoped.permits(review(false)));
        assert!(grants(Role::Reviewer, None).permits(review(true)));
        assert!(!grants(Role::Reviewer, Some(q)).permits(review(true)));
        for role in [Role::Participant, Role::Secretariat, Role::Admin] {
            assert!(!grants(role, None).permits(review(true)), "{role:?}");
            assert!(!grants(role, None).permits(Action::ServeAsReviewer(p)));
        }
    }

    #[test]
    fn membership_is_a_role_in_the_process() {
        let p = Uuid::from_u128(1);
        assert!(grants(Role::Participant, Some(p)).is_member_of(p));
        assert!(!grants(Role::Participant, None).is_member_of(p));
        assert!(!grants(Role::Reviewer, Some(Uuid::from_u128(2))).is_member_of(p));
        assert!(grants(Role::Secretariat, None).is_member_of(p));
    }

    #[test]
    fn signup_validation() {
        let ok = SignupDraft {
            email: " Joy@Example.org ".into(),
            display_name: "Joy".into(),
            password: "correct horse".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(ok.email, "joy@example.org");
        let errors = SignupDraft {
            email: "joy".into(),
            display_name: "".into(),
            password: "short".into(),
        }
        .validate()
        .unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "display_name", "password"]);
    }
}
