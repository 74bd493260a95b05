//! Calls for proposals (issue 6): a phase of kind call-for-proposals, with the themes and
//! session formats the secretariat offers, and the session proposals accounts send to it. A
//! proposal can be edited until the phase closes (`Phase::status`, closing instant excluded)
//! and is read-only after. The eligibility rules are `agora-programme`'s screening, which the
//! web crate runs on every save; this module only checks what a form can check alone.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::process::{Phase, PhaseKind, PhaseStatus};
use crate::stakeholder::StakeholderGroups;
use crate::validate::{ErrorCode, ValidationErrors};

/// Themes and formats a call may list at most; people a proposal may name at most.
pub const MAX_THEMES: usize = 50;
pub const MAX_FORMATS: usize = 20;
pub const MAX_PEOPLE: usize = 30;

/// A theme and the sub-themes proposals may pick within it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub name: String,
    pub sub_themes: Vec<String>,
}

/// A session format (workshop, open forum, lightning talk…) and how long its slot is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFormat {
    pub name: String,
    pub minutes: u32,
}

/// What a call offers: the phase it runs in, its themes and its formats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Call {
    pub phase_id: Uuid,
    pub themes: Vec<Theme>,
    pub formats: Vec<SessionFormat>,
}

impl Call {
    fn format(&self, name: &str) -> Option<&SessionFormat> {
        self.formats.iter().find(|f| f.name == name)
    }

    fn theme(&self, name: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.name == name)
    }
}

/// A call as typed: one theme a line, `Theme: sub-theme; sub-theme`, and one format a line,
/// `Workshop = 90` (minutes).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CallDraft {
    pub themes: String,
    pub formats: String,
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

impl CallDraft {
    /// Checks the call of `phase`, which must be a call-for-proposals phase. A format line
    /// whose minutes are not a number is reported as such, the rest as [`Call::validate`] does.
    pub fn validate(&self, phase: &Phase) -> Result<Call, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let themes = lines(&self.themes)
            .map(|line| {
                let (name, subs) = line.split_once(':').unwrap_or((line, ""));
                Theme {
                    name: name.trim().to_owned(),
                    sub_themes: subs
                        .split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                }
            })
            .collect();
        let mut formats = Vec::new();
        for line in lines(&self.formats) {
            let parsed = line.rsplit_once('=').and_then(|(name, minutes)| {
                Some(SessionFormat {
                    name: name.trim().to_owned(),
                    minutes: minutes.trim().parse().ok()?,
                })
            });
            match parsed {
                Some(format) => formats.push(format),
                None => errors.push("formats", ErrorCode::InvalidNumber),
            }
        }
        // The form's order: the call's own errors (phase, themes, formats), then unreadable
        // format lines.
        match Call::validate(phase, themes, formats) {
            Ok(call) if errors.0.is_empty() => Ok(call),
            Ok(_) => Err(errors),
            Err(mut checked) => {
                checked.0.extend(errors.0);
                Err(checked)
            }
        }
    }
}

impl Call {
    /// Checks a call of `phase` given as lists (the API's shape): the phase is a call for
    /// proposals; themes are named, distinct, at least one and at most [`MAX_THEMES`]; formats
    /// likewise, each lasting from one minute to a day.
    pub fn validate(
        phase: &Phase,
        themes: Vec<Theme>,
        formats: Vec<SessionFormat>,
    ) -> Result<Call, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if phase.kind != PhaseKind::CallForProposals {
            errors.push("phase", ErrorCode::InvalidChoice);
        }
        let themes: Vec<Theme> = themes
            .into_iter()
            .map(|t| Theme {
                name: t.name.trim().to_owned(),
                sub_themes: t
                    .sub_themes
                    .iter()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect(),
            })
            .collect();
        for (i, theme) in themes.iter().enumerate() {
            if theme.name.is_empty() || themes[..i].iter().any(|t| t.name == theme.name) {
                errors.push("themes", ErrorCode::Duplicate);
            }
        }
        let formats: Vec<SessionFormat> = formats
            .into_iter()
            .map(|f| SessionFormat {
                name: f.name.trim().to_owned(),
                ..f
            })
            .collect();
        for (i, format) in formats.iter().enumerate() {
            if format.minutes == 0 || format.minutes > 24 * 60 {
                errors.push("formats", ErrorCode::InvalidNumber);
            } else if format.name.is_empty() || formats[..i].iter().any(|f| f.name == format.name) {
                errors.push("formats", ErrorCode::Duplicate);
            }
        }
        if themes.is_empty() {
            errors.push("themes", ErrorCode::Required);
        } else if themes.len() > MAX_THEMES {
            errors.push("themes", ErrorCode::TooLong { max: MAX_THEMES });
        }
        if formats.is_empty() {
            errors.push("formats", ErrorCode::Required);
        } else if formats.len() > MAX_FORMATS {
            errors.push("formats", ErrorCode::TooLong { max: MAX_FORMATS });
        }
        errors.finish(Call {
            phase_id: phase.id,
            themes,
            formats,
        })
    }
}

impl Call {
    /// The call as its form shows it, the inverse of [`CallDraft::validate`].
    pub fn draft(&self) -> CallDraft {
        CallDraft {
            themes: self
                .themes
                .iter()
                .map(|t| {
                    if t.sub_themes.is_empty() {
                        t.name.clone()
                    } else {
                        format!("{}: {}", t.name, t.sub_themes.join("; "))
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
            formats: self
                .formats
                .iter()
                .map(|f| format!("{} = {}", f.name, f.minutes))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// What a person named on a proposal does in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonRole {
    Organiser,
    Speaker,
}

/// An organiser or speaker, as the proposer declares them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalPerson {
    pub role: PersonRole,
    pub name: String,
    pub organisation: String,
    pub stakeholder_group: String,
    /// UN M49 region code.
    pub region: Option<String>,
    /// Self-declared, optional.
    pub gender: Option<String>,
    pub remote: bool,
    pub confirmed: bool,
    /// A speaker who moderates the session.
    pub moderator: bool,
    /// Needs a step-free, accessible room: the timetable honours it. Shown to the author and
    /// the secretariat only. (Absent from proposals stored before it was asked.)
    #[serde(default)]
    pub accessibility_needs: bool,
}

/// A session proposal sent to a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    pub id: Uuid,
    pub phase_id: Uuid,
    /// The account that sent it, the only one (with the secretariat) who may edit it.
    pub author_id: Uuid,
    pub title: String,
    pub description: String,
    pub policy_questions: String,
    pub format: String,
    pub theme: String,
    pub sub_theme: Option<String>,
    pub people: Vec<ProposalPerson>,
    /// The organisers have never proposed a session before.
    pub first_time: bool,
    /// The organisers filed the report of last year's session (or ran none).
    pub report_filed: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// The programme committee's decision, once taken.
    pub decision: Option<Decision>,
}

/// Whether a proposal is in the programme. Set by the secretariat (usually from a balanced
/// selection); the proposer is told by mail either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Accepted,
    Declined,
}

impl Decision {
    pub const ALL: [Decision; 2] = [Decision::Accepted, Decision::Declined];

    pub fn code(self) -> &'static str {
        match self {
            Decision::Accepted => "accepted",
            Decision::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<Decision> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }
}

impl Proposal {
    pub fn organisers(&self) -> impl Iterator<Item = &ProposalPerson> {
        self.people
            .iter()
            .filter(|p| p.role == PersonRole::Organiser)
    }

    pub fn speakers(&self) -> impl Iterator<Item = &ProposalPerson> {
        self.people.iter().filter(|p| p.role == PersonRole::Speaker)
    }
}

/// One person as typed; a row whose name is empty is ignored, so a form can offer a fixed
/// number of rows.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PersonDraft {
    pub role: String,
    pub name: String,
    pub organisation: String,
    pub stakeholder_group: String,
    pub region: String,
    pub gender: String,
    pub remote: bool,
    pub confirmed: bool,
    pub moderator: bool,
    pub accessibility_needs: bool,
}

/// A proposal as typed in the form or sent to the API.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProposalDraft {
    pub title: String,
    pub description: String,
    pub policy_questions: String,
    pub format: String,
    pub theme: String,
    pub sub_theme: String,
    pub first_time: bool,
    pub report_filed: bool,
    pub people: Vec<PersonDraft>,
}

/// Whether a proposal to `phase` may be written at `now`: only while the phase is open.
pub fn accepts_proposals(phase: &Phase, now: Timestamp) -> bool {
    phase.status(now) == PhaseStatus::Open
}

impl ProposalDraft {
    /// Checks a new proposal by `author`; errors name `people[i].field` for a person's row.
    pub fn validate(
        &self,
        call: &Call,
        groups: &StakeholderGroups,
        author_id: Uuid,
        now: Timestamp,
    ) -> Result<Proposal, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let title = errors.text("title", &self.title, 300);
        let description = errors.text("description", &self.description, 20_000);
        let policy_questions = errors.text("policy_questions", &self.policy_questions, 5_000);
        let format = self.format.trim().to_owned();
        if call.format(&format).is_none() {
            errors.push("format", ErrorCode::InvalidChoice);
        }
        let theme = self.theme.trim().to_owned();
        let sub_theme = Some(self.sub_theme.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        match call.theme(&theme) {
            None => errors.push("theme", ErrorCode::InvalidChoice),
            Some(t)
                if sub_theme
                    .as_ref()
                    .is_some_and(|s| !t.sub_themes.contains(s)) =>
            {
                errors.push("sub_theme", ErrorCode::InvalidChoice)
            }
            Some(_) => {}
        }
        let people: Vec<ProposalPerson> = self
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.name.trim().is_empty())
            .map(|(i, p)| p.validate(&mut errors, groups, i))
            .collect();
        if !people.iter().any(|p| p.role == PersonRole::Organiser) {
            errors.push("people", ErrorCode::Required);
        }
        if people.len() > MAX_PEOPLE {
            errors.push("people", ErrorCode::TooLong { max: MAX_PEOPLE });
        }
        errors.finish(Proposal {
            id: crate::new_id(),
            phase_id: call.phase_id,
            author_id,
            title,
            description,
            policy_questions,
            format,
            theme,
            sub_theme,
            people,
            first_time: self.first_time,
            report_filed: self.report_filed,
            created_at: now,
            updated_at: now,
            decision: None,
        })
    }

    /// Checks an edit of `current`: same id, author and creation instant.
    pub fn revise(
        &self,
        call: &Call,
        groups: &StakeholderGroups,
        current: &Proposal,
        now: Timestamp,
    ) -> Result<Proposal, ValidationErrors> {
        self.validate(call, groups, current.author_id, now)
            .map(|revised| Proposal {
                id: current.id,
                created_at: current.created_at,
                decision: current.decision,
                ..revised
            })
    }
}

impl Proposal {
    /// The proposal as its form shows it.
    pub fn draft(&self) -> ProposalDraft {
        ProposalDraft {
            title: self.title.clone(),
            description: self.description.clone(),
            policy_questions: self.policy_questions.clone(),
            format: self.format.clone(),
            theme: self.theme.clone(),
            sub_theme: self.sub_theme.clone().unwrap_or_default(),
            first_time: self.first_time,
            report_filed: self.report_filed,
            people: self
                .people
                .iter()
                .map(|p| PersonDraft {
                    role: role_code(p.role).to_owned(),
                    name: p.name.clone(),
                    organisation: p.organisation.clone(),
                    stakeholder_group: p.stakeholder_group.clone(),
                    region: p.region.clone().unwrap_or_default(),
                    gender: p.gender.clone().unwrap_or_default(),
                    remote: p.remote,
                    confirmed: p.confirmed,
                    moderator: p.moderator,
                    accessibility_needs: p.accessibility_needs,
                })
                .collect(),
        }
    }
}

pub fn role_code(role: PersonRole) -> &'static str {
    match role {
        PersonRole::Organiser => "organiser",
        PersonRole::Speaker => "speaker",
    }
}

impl PersonDraft {
    fn validate(
        &self,
        errors: &mut ValidationErrors,
        groups: &StakeholderGroups,
        i: usize,
    ) -> ProposalPerson {
        let field = |name: &str| format!("people[{i}].{name}");
        let role = match self.role.trim() {
            "organiser" => PersonRole::Organiser,
            "speaker" | "" => PersonRole::Speaker,
            _ => {
                errors.push(field("role"), ErrorCode::InvalidChoice);
                PersonRole::Speaker
            }
        };
        let name = errors.text(&field("name"), &self.name, 200);
        let organisation = errors.text(&field("organisation"), &self.organisation, 300);
        let stakeholder_group = self.stakeholder_group.trim().to_owned();
        if stakeholder_group.is_empty() {
            errors.push(field("stakeholder_group"), ErrorCode::Required);
        } else if !groups.contains(&stakeholder_group) {
            errors.push(
                field("stakeholder_group"),
                ErrorCode::UnknownStakeholderGroup,
            );
        }
        let region = errors.optional_text(&field("region"), &self.region, 3);
        if region.as_deref().is_some_and(|r| !crate::geo::is_region(r)) {
            errors.push(field("region"), ErrorCode::InvalidRegion);
        }
        let gender = errors.optional_text(&field("gender"), &self.gender, 100);
        if self.moderator && role != PersonRole::Speaker {
            errors.push(field("moderator"), ErrorCode::InvalidChoice);
        }
        ProposalPerson {
            role,
            name,
            organisation,
            stakeholder_group,
            region,
            gender,
            remote: self.remote,
            confirmed: self.confirmed,
            moderator: self.moderator,
            accessibility_needs: self.accessibility_needs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(kind: PhaseKind) -> Phase {
        Phase {
            id: Uuid::from_u128(7),
            process_id: Uuid::from_u128(1),
            kind,
            title: "Call".into(),
            opens_at: Timestamp::from_second(100).unwrap(),
            closes_at: Timestamp::from_second(200).unwrap(),
        }
    }

    fn call() -> Call {
        CallDraft {
            themes: "Access: Connectivity; Affordability\nSecurity\n".into(),
            formats: "Workshop = 90\nLightning talk = 20".into(),
        }
        .validate(&phase(PhaseKind::CallForProposals))
        .unwrap()
    }

    fn fields(errors: &ValidationErrors) -> Vec<&str> {
        errors.0.iter().map(|e| e.field.as_str()).collect()
    }

    fn person(role: &str, name: &str) -> PersonDraft {
        PersonDraft {
            role: role.into(),
            name: name.into(),
            organisation: "APNIC".into(),
            stakeholder_group: "technical-community".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_call_reads_its_themes_and_formats_and_writes_them_back() {
        let call = call();
        assert_eq!(call.themes[0].sub_themes, ["Connectivity", "Affordability"]);
        assert_eq!(call.formats[1].minutes, 20);
        let again = call
            .draft()
            .validate(&phase(PhaseKind::CallForProposals))
            .unwrap();
        assert_eq!(again, call);
        let bad = CallDraft {
            themes: "A\nA".into(),
            formats: "Workshop = ninety".into(),
        };
        let errors = bad.validate(&phase(PhaseKind::Meeting)).unwrap_err();
        assert_eq!(fields(&errors), ["phase", "themes", "formats", "formats"]);
    }

    #[test]
    fn a_proposal_ignores_empty_rows_and_checks_choices() {
        let groups = StakeholderGroups::default();
        let mut draft = ProposalDraft {
            title: "Community networks".into(),
            description: "How".into(),
            policy_questions: "Who pays?".into(),
            format: "Workshop".into(),
            theme: "Access".into(),
            sub_theme: "Connectivity".into(),
            people: vec![
                person("organiser", "Ana"),
                PersonDraft::default(),
                person("speaker", "Bo"),
            ],
            ..Default::default()
        };
        let now = Timestamp::from_second(150).unwrap();
        let p = draft.validate(&call(), &groups, Uuid::nil(), now).unwrap();
        assert_eq!(p.people.len(), 2);
        assert_eq!(p.organisers().count(), 1);
        assert_eq!(p.speakers().next().unwrap().name, "Bo");
        assert_eq!(p.draft().people.len(), 2);
        draft.format = "Panel".into();
        draft.sub_theme = "Encryption".into();
        draft.people[2].stakeholder_group = "lobby".into();
        draft.people[0].moderator = true;
        draft.people.remove(1);
        let errors = draft
            .validate(&call(), &groups, Uuid::nil(), now)
            .unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                "format",
                "sub_theme",
                "people[0].moderator",
                "people[1].stakeholder_group"
            ]
        );
    }

    #[test]
    fn proposals_are_taken_while_the_phase_is_open() {
        let p = phase(PhaseKind::CallForProposals);
        assert!(!accepts_proposals(&p, Timestamp::from_second(99).unwrap()));
        assert!(accepts_proposals(&p, Timestamp::from_second(100).unwrap()));
        assert!(accepts_proposals(&p, Timestamp::from_second(199).unwrap()));
        assert!(!accepts_proposals(&p, Timestamp::from_second(200).unwrap()));
    }
}
