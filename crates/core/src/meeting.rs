//! Meetings: a session of a process with a time, a place or an online link, an agenda, the
//! languages it is interpreted into, and the people who take part in it (a moderator,
//! panellists, attendees), each with a stakeholder group and in the room or remote, because
//! who spoke, from which group and from where is what a meeting's record is asked about.

use jiff::{Timestamp, tz::TimeZone};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::Action;
use crate::directory::optional_uuid;
use crate::process::{Process, parse_instant};
use crate::stakeholder::StakeholderGroups;
use crate::validate::{ErrorCode, ValidationErrors, is_language_tag};

/// The longest meeting Agora accepts: a multi-day forum is several meetings.
pub const MAX_HOURS: i64 = 24;
/// Agenda items beyond this are refused: an agenda is read by people, not machines.
pub const MAX_AGENDA_ITEMS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub id: Uuid,
    pub process_id: Uuid,
    pub title: String,
    pub description: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// The room and venue, for meetings held somewhere.
    pub place: Option<String>,
    /// Where remote participants join (a video-conference or stream address).
    pub online_url: Option<String>,
    /// BCP 47 tags of the languages interpreted, in the order given.
    pub languages: Vec<String>,
    pub agenda: Vec<AgendaItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub title: String,
    /// The time set aside for the item, when the agenda says.
    pub minutes: Option<u32>,
}

impl Meeting {
    /// A meeting is live from its start (included) to its end (excluded).
    pub fn is_live(&self, now: Timestamp) -> bool {
        self.starts_at <= now && now < self.ends_at
    }
}

/// A meeting as typed in a form or sent to the API.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeetingDraft {
    pub title: String,
    pub description: String,
    /// RFC 3339 with an offset, or a local date-time read in the process's display zone.
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub online_url: String,
    /// Comma- or space-separated BCP 47 tags.
    pub languages: String,
    /// One item per line; `Opening remarks | 10` sets aside ten minutes.
    pub agenda: String,
}

impl MeetingDraft {
    pub fn validate(&self, process: &Process) -> Result<Meeting, ValidationErrors> {
        self.validate_with_id(process, crate::new_id())
    }

    /// Validates an edit of `current`: same id and process.
    pub fn revise(
        &self,
        process: &Process,
        current: &Meeting,
    ) -> Result<Meeting, ValidationErrors> {
        self.validate_with_id(process, current.id)
    }

    fn validate_with_id(&self, process: &Process, id: Uuid) -> Result<Meeting, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let title = errors.text("title", &self.title, 300);
        let description = errors
            .optional_text("description", &self.description, 20_000)
            .unwrap_or_default();
        let zone = TimeZone::get(&process.display_zone).unwrap_or(TimeZone::UTC);
        let starts_at = parse_instant(&mut errors, "starts_at", &self.starts_at, &zone);
        let ends_at = parse_instant(&mut errors, "ends_at", &self.ends_at, &zone);
        if let (Some(start), Some(end)) = (starts_at, ends_at) {
            if end <= start {
                errors.push("ends_at", ErrorCode::EndBeforeStart);
            } else if end.duration_since(start).as_secs() > MAX_HOURS * 3600 {
                errors.push("ends_at", ErrorCode::OutsideWindow);
            }
        }
        let place = errors.optional_text("place", &self.place, 300);
        let online_url = errors.optional_url("online_url", &self.online_url);
        let languages = language_list(&mut errors, "languages", &self.languages);
        let agenda = agenda_items(&mut errors, &self.agenda);
        match (starts_at, ends_at) {
            (Some(starts_at), Some(ends_at)) if errors.is_empty() => Ok(Meeting {
                id,
                process_id: process.id,
                title,
                description,
                starts_at,
                ends_at,
                place,
                online_url,
                languages,
                agenda,
            }),
            _ => Err(errors),
        }
    }
}

fn language_list(errors: &mut ValidationErrors, field: &str, value: &str) -> Vec<String> {
    let mut languages: Vec<String> = Vec::new();
    for tag in value
        .split([',', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !is_language_tag(tag) {
            errors.push(field, ErrorCode::InvalidLanguage);
            break;
        }
        if !languages.iter().any(|l| l == tag) {
            languages.push(tag.to_owned());
        }
    }
    languages
}

/// Reads the agenda: one item per non-blank line, an optional `| minutes` at its end.
fn agenda_items(errors: &mut ValidationErrors, value: &str) -> Vec<AgendaItem> {
    let mut items = Vec::new();
    for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let field = format!("agenda[{}]", items.len());
        let (title, minutes) = match line.rsplit_once('|') {
            Some((title, minutes)) => match minutes.trim().parse::<u32>() {
                Ok(m) if (1..=MAX_HOURS as u32 * 60).contains(&m) => (title.trim(), Some(m)),
                _ => {
                    errors.push(field.clone(), ErrorCode::InvalidNumber);
                    (title.trim(), None)
                }
            },
            None => (line, None),
        };
        let title = errors.text(&field, title, 300);
        items.push(AgendaItem { title, minutes });
    }
    if items.len() > MAX_AGENDA_ITEMS {
        errors.push(
            "agenda",
            ErrorCode::TooLong {
                max: MAX_AGENDA_ITEMS,
            },
        );
    }
    items
}

/// What a participant does in a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Chairs the session and runs its speaker queue.
    Moderator,
    Panellist,
    /// Anyone else taking part, in the room or remote.
    Attendee,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Moderator, Role::Panellist, Role::Attendee];

    pub fn code(self) -> &'static str {
        match self {
            Role::Moderator => "moderator",
            Role::Panellist => "panellist",
            Role::Attendee => "attendee",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participant {
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub name: String,
    /// The person in the directory, when there is one.
    pub person_id: Option<Uuid>,
    /// The account that joined, when the participant joined themselves: it may raise a hand.
    pub user_id: Option<Uuid>,
    pub stakeholder_group: String,
    /// Self-declared, optional; counted only in aggregate statistics.
    pub gender: Option<String>,
    pub role: Role,
    pub remote: bool,
}

/// What the account making a request is in a meeting: the participant it joined as, if any.
/// The meeting's actions are asked of [`Grants::permits`](crate::auth::Grants::permits)
/// through the [`Action`]s this builds, so the rule stays in one place.
#[derive(Debug, Clone, Copy)]
pub struct Standing<'a> {
    pub meeting: &'a Meeting,
    pub participant: Option<&'a Participant>,
}

impl Standing<'_> {
    pub fn moderate(&self) -> Action {
        Action::ModerateMeeting {
            process: self.meeting.process_id,
            moderator: self.participant.is_some_and(|p| p.role == Role::Moderator),
        }
    }

    pub fn speak(&self) -> Action {
        Action::SpeakInMeeting {
            participant: self.participant.is_some(),
        }
    }

    pub fn write(&self) -> Action {
        Action::WriteInMeeting {
            remote_participant: self.participant.is_some_and(|p| p.remote),
        }
    }
}

/// A participant as typed by the secretariat, or by a person joining.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ParticipantDraft {
    pub name: String,
    pub person_id: String,
    pub stakeholder_group: String,
    pub gender: String,
    /// `moderator`, `panellist` or `attendee` (default).
    pub role: String,
    pub remote: bool,
}

impl ParticipantDraft {
    pub fn validate(
        &self,
        meeting: &Meeting,
        groups: &StakeholderGroups,
    ) -> Result<Participant, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.text("name", &self.name, 200);
        let person_id = optional_uuid(&mut errors, "person_id", &self.person_id);
        let stakeholder_group = self.stakeholder_group.trim().to_owned();
        if stakeholder_group.is_empty() {
            errors.push("stakeholder_group", ErrorCode::Required);
        } else if !groups.contains(&stakeholder_group) {
            errors.push("stakeholder_group", ErrorCode::UnknownStakeholderGroup);
        }
        let gender = errors.optional_text("gender", &self.gender, 60);
        let role = match self.role.trim() {
            "" => Some(Role::Attendee),
            code => Role::from_code(code),
        };
        if role.is_none() {
            errors.push("role", ErrorCode::InvalidChoice);
        }
        errors.finish(Participant {
            id: crate::new_id(),
            meeting_id: meeting.id,
            name,
            person_id,
            user_id: None,
            stakeholder_group,
            gender,
            role: role.unwrap_or(Role::Attendee),
            remote: self.remote,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::ProcessDraft;

    fn icann() -> Process {
        ProcessDraft {
            title: "ICANN 46 Beijing".into(),
            mandate: "Global Internet governance agenda".into(),
            display_zone: "Asia/Shanghai".into(),
            ..Default::default()
        }
        .validate(&StakeholderGroups::default())
        .unwrap()
    }

    fn draft() -> MeetingDraft {
        MeetingDraft {
            title: "Global Internet Governance Agenda".into(),
            starts_at: "2013-04-08T11:00".into(),
            ends_at: "2013-04-08T12:30".into(),
            place: "China World Hotel, Function Room 6".into(),
            online_url: "https://beijing46.icann.org/".into(),
            languages: "en, fr zh fr".into(),
            agenda: "Opening | 5\nWGEC questionnaire | 20\n\nIGF programme\n".into(),
            ..Default::default()
        }
    }

    #[test]
    fn local_times_are_read_in_the_process_zone() {
        let meeting = draft().validate(&icann()).unwrap();
        assert_eq!(meeting.starts_at.to_string(), "2013-04-08T03:00:00Z");
        assert_eq!(meeting.ends_at.to_string(), "2013-04-08T04:30:00Z");
        assert!(meeting.is_live("2013-04-08T03:00:00Z".parse().unwrap()));
        assert!(!meeting.is_live("2013-04-08T04:30:00Z".parse().unwrap()));
    }

    #[test]
    fn agenda_lines_and_languages() {
        let meeting = draft().validate(&icann()).unwrap();
        assert_eq!(meeting.languages, ["en", "fr", "zh"]);
        let agenda: Vec<(&str, Option<u32>)> = meeting
            .agenda
            .iter()
            .map(|i| (i.title.as_str(), i.minutes))
            .collect();
        assert_eq!(
            agenda,
            [
                ("Opening", Some(5)),
                ("WGEC questionnaire", Some(20)),
                ("IGF programme", None)
            ]
        );
    }

    #[test]
    fn errors_name_the_field() {
        let bad = MeetingDraft {
            ends_at: "2013-04-08T10:00".into(),
            online_url: "javascript:alert(1)".into(),
            languages: "en, not a tag!".into(),
            agenda: "Opening | soon".into(),
            ..draft()
        };
        let errors = bad.validate(&icann()).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["ends_at", "online_url", "languages", "agenda[0]"]);
        let long = MeetingDraft {
            ends_at: "2013-04-10T11:00".into(),
            ..draft()
        };
        let errors = long.validate(&icann()).unwrap_err();
        assert_eq!(errors.0[0].field, "ends_at");
        assert_eq!(errors.0[0].code, ErrorCode::OutsideWindow);
    }

    #[test]
    fn participants_need_a_known_group_and_role() {
        let meeting = draft().validate(&icann()).unwrap();
        let groups = StakeholderGroups::default();
        let janis = ParticipantDraft {
            name: "Janis Karklins".into(),
            stakeholder_group: "government".into(),
            role: "panellist".into(),
            remote: true,
            ..Default::default()
        }
        .validate(&meeting, &groups)
        .unwrap();
        assert_eq!(janis.role, Role::Panellist);
        assert!(janis.remote);
        assert_eq!(janis.meeting_id, meeting.id);
        let errors = ParticipantDraft {
            name: " ".into(),
            stakeholder_group: "aliens".into(),
            role: "king".into(),
            ..Default::default()
        }
        .validate(&meeting, &groups)
        .unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "stakeholder_group", "role"]);
    }
}
