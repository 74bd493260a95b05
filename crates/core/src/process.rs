//! Processes: a mandate, a convenor, seats per stakeholder group and a timeline of phases.
//! A phase is open from its opening instant (included) to its closing instant (excluded),
//! to the second, whatever zone the organiser shows it in.

use jiff::{Timestamp, civil::DateTime, tz::TimeZone};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::directory::optional_uuid;
use crate::stakeholder::StakeholderGroups;
use crate::validate::{ErrorCode, ValidationErrors, is_slug, slugify};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Process {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub mandate: String,
    /// The convening organisation, when it is in the directory.
    pub convenor_id: Option<Uuid>,
    /// The IANA zone the organiser shows deadlines in, e.g. `Europe/Zurich`.
    pub display_zone: String,
    pub seats: Vec<Seats>,
}

/// How many members a stakeholder group has in a process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seats {
    pub stakeholder_group: String,
    pub seats: u32,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProcessDraft {
    pub title: String,
    /// Optional: made from the title when empty.
    pub slug: String,
    pub mandate: String,
    pub convenor_id: String,
    pub display_zone: String,
    pub seats: Vec<Seats>,
}

impl ProcessDraft {
    pub fn validate(&self, groups: &StakeholderGroups) -> Result<Process, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let id = crate::new_id();
        let title = errors.text("title", &self.title, 300);
        let slug = match (self.slug.trim(), slugify(&title)) {
            // A title in Arabic, Chinese or Russian has no ASCII to make a slug from: use the
            // random tail of the id instead.
            ("", made) if made.is_empty() => format!("process-{}", &id.simple().to_string()[20..]),
            ("", made) => made,
            (given, _) => given.to_owned(),
        };
        if !is_slug(&slug) {
            errors.push("slug", ErrorCode::InvalidSlug);
        }
        let mandate = errors.text("mandate", &self.mandate, 20_000);
        let convenor_id = optional_uuid(&mut errors, "convenor_id", &self.convenor_id);
        let display_zone = self.display_zone.trim().to_owned();
        if display_zone.is_empty() {
            errors.push("display_zone", ErrorCode::Required);
        } else if TimeZone::get(&display_zone).is_err() {
            errors.push("display_zone", ErrorCode::InvalidTimeZone);
        }
        let mut seats = Vec::new();
        for (i, seat) in self.seats.iter().enumerate() {
            let field = format!("seats[{i}].stakeholder_group");
            if !groups.contains(&seat.stakeholder_group) {
                errors.push(field, ErrorCode::UnknownStakeholderGroup);
            } else if seats
                .iter()
                .any(|s: &Seats| s.stakeholder_group == seat.stakeholder_group)
            {
                errors.push(field, ErrorCode::Duplicate);
            } else if seat.seats > 0 {
                seats.push(seat.clone());
            }
        }
        errors.finish(Process {
            id,
            slug,
            title,
            mandate,
            convenor_id,
            display_zone,
            seats,
        })
    }
}

impl ProcessDraft {
    /// Validates an edit of `current`: same id; an empty slug keeps the current one.
    pub fn revise(
        &self,
        groups: &StakeholderGroups,
        current: &Process,
    ) -> Result<Process, ValidationErrors> {
        let draft = if self.slug.trim().is_empty() {
            ProcessDraft {
                slug: current.slug.clone(),
                ..self.clone()
            }
        } else {
            self.clone()
        };
        draft.validate(groups).map(|revised| Process {
            id: current.id,
            ..revised
        })
    }
}

impl Process {
    pub fn total_seats(&self) -> u32 {
        self.seats.iter().map(|s| s.seats).sum()
    }
}

/// The kinds of phase a process goes through (DESIGN.md, vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum PhaseKind {
    Consultation,
    CallForProposals,
    ReviewAndSelection,
    Meeting,
    Drafting,
    Report,
}

impl PhaseKind {
    pub const ALL: [PhaseKind; 6] = [
        PhaseKind::Consultation,
        PhaseKind::CallForProposals,
        PhaseKind::ReviewAndSelection,
        PhaseKind::Meeting,
        PhaseKind::Drafting,
        PhaseKind::Report,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PhaseKind::Consultation => "consultation",
            PhaseKind::CallForProposals => "call-for-proposals",
            PhaseKind::ReviewAndSelection => "review-and-selection",
            PhaseKind::Meeting => "meeting",
            PhaseKind::Drafting => "drafting",
            PhaseKind::Report => "report",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    pub id: Uuid,
    pub process_id: Uuid,
    pub kind: PhaseKind,
    pub title: String,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
}

/// Where a phase stands at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhaseStatus {
    Upcoming,
    Open,
    Closed,
}

impl PhaseStatus {
    pub fn code(self) -> &'static str {
        match self {
            PhaseStatus::Upcoming => "upcoming",
            PhaseStatus::Open => "open",
            PhaseStatus::Closed => "closed",
        }
    }
}

impl Phase {
    /// Open on `[opens_at, closes_at)`: a contribution stamped at the closing second is late.
    pub fn status(&self, now: Timestamp) -> PhaseStatus {
        if now < self.opens_at {
            PhaseStatus::Upcoming
        } else if now < self.closes_at {
            PhaseStatus::Open
        } else {
            PhaseStatus::Closed
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PhaseDraft {
    pub kind: String,
    pub title: String,
    /// RFC 3339 with an offset, or a local date-time read in the process's display zone.
    pub opens_at: String,
    pub closes_at: String,
}

impl PhaseDraft {
    pub fn validate(&self, process: &Process) -> Result<Phase, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let kind = PhaseKind::from_code(self.kind.trim());
        if kind.is_none() {
            errors.push("kind", ErrorCode::InvalidChoice);
        }
        let title = errors
            .optional_text("title", &self.title, 200)
            .unwrap_or_default();
        let zone = TimeZone::get(&process.display_zone).unwrap_or(TimeZone::UTC);
        let opens_at = parse_instant(&mut errors, "opens_at", &self.opens_at, &zone);
        let closes_at = parse_instant(&mut errors, "closes_at", &self.closes_at, &zone);
        if let (Some(open), Some(close)) = (opens_at, closes_at)
            && close <= open
        {
            errors.push("closes_at", ErrorCode::EndBeforeStart);
        }
        match (kind, opens_at, closes_at) {
            (Some(kind), Some(opens_at), Some(closes_at)) if errors.is_empty() => Ok(Phase {
                id: crate::new_id(),
                process_id: process.id,
                kind,
                title,
                opens_at,
                closes_at,
            }),
            _ => Err(errors),
        }
    }
}

/// Reads an instant typed by a person: an RFC 3339 timestamp, or a civil date-time
/// (`2013-07-15T23:59`, seconds optional) in the organiser's zone. A civil time that a DST
/// change skips or repeats resolves as jiff's "compatible" rule does (later for gaps, earlier
/// for folds), the same as RFC 5545.
pub fn parse_instant_in(value: &str, zone: &TimeZone) -> Option<Timestamp> {
    let value = value.trim();
    if let Ok(ts) = value.parse::<Timestamp>() {
        return Some(ts);
    }
    let civil: DateTime = value.parse().ok()?;
    civil.to_zoned(zone.clone()).ok().map(|z| z.timestamp())
}

pub(crate) fn parse_instant(
    errors: &mut ValidationErrors,
    field: &str,
    value: &str,
    zone: &TimeZone,
) -> Option<Timestamp> {
    if value.trim().is_empty() {
        errors.push(field, ErrorCode::Required);
        return None;
    }
    let instant = parse_instant_in(value, zone);
    if instant.is_none() {
        errors.push(field, ErrorCode::InvalidInstant);
    }
    instant
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wgec() -> Process {
        ProcessDraft {
            title: "CSTD Working Group on Enhanced Cooperation".into(),
            mandate: "A/RES/67/195".into(),
            display_zone: "Europe/Zurich".into(),
            seats: vec![
                Seats {
                    stakeholder_group: "government".into(),
                    seats: 22,
                },
                Seats {
                    stakeholder_group: "civil-society".into(),
                    seats: 5,
                },
            ],
            ..Default::default()
        }
        .validate(&StakeholderGroups::default())
        .unwrap()
    }

    #[test]
    fn slug_and_seats() {
        let process = wgec();
        assert_eq!(process.slug, "cstd-working-group-on-enhanced-cooperation");
        assert_eq!(process.total_seats(), 27);
    }

    #[test]
    fn a_revision_keeps_the_id_and_the_slug() {
        let current = wgec();
        let draft = ProcessDraft {
            title: "WGEC (2013–2014)".into(),
            mandate: current.mandate.clone(),
            display_zone: "Europe/Zurich".into(),
            ..Default::default()
        };
        let revised = draft
            .revise(&StakeholderGroups::default(), &current)
            .unwrap();
        assert_eq!(
            (revised.id, revised.slug.as_str()),
            (current.id, current.slug.as_str())
        );
        assert_eq!(revised.title, "WGEC (2013–2014)");
        assert!(revised.seats.is_empty());
    }

    #[test]
    fn a_title_without_latin_letters_still_gets_a_slug() {
        let process = ProcessDraft {
            title: "مجموعة العمل".into(),
            mandate: "…".into(),
            display_zone: "UTC".into(),
            ..Default::default()
        }
        .validate(&StakeholderGroups::default())
        .unwrap();
        assert!(is_slug(&process.slug), "{}", process.slug);
        assert!(process.slug.starts_with("process-"));
    }

    #[test]
    fn a_deadline_is_exact_to_the_second_in_the_display_zone() {
        let process = wgec();
        let phase = PhaseDraft {
            kind: "consultation".into(),
            title: "Questionnaire".into(),
            opens_at: "2013-06-01T00:00".into(),
            closes_at: "2013-07-15T23:59:59".into(),
        }
        .validate(&process)
        .unwrap();
        // Geneva is UTC+2 in July.
        let close: Timestamp = "2013-07-15T21:59:59Z".parse().unwrap();
        assert_eq!(phase.closes_at, close);
        let second = jiff::SignedDuration::from_secs(1);
        assert_eq!(phase.status(close - second), PhaseStatus::Open);
        assert_eq!(phase.status(close), PhaseStatus::Closed);
        assert_eq!(phase.status(phase.opens_at), PhaseStatus::Open);
        assert_eq!(phase.status(phase.opens_at - second), PhaseStatus::Upcoming);
    }

    #[test]
    fn daylight_saving_changes_do_not_move_a_deadline() {
        let process = wgec();
        let zone = TimeZone::get("Europe/Zurich").unwrap();
        // Open across the autumn change (27 October 2013, 03:00 CEST -> 02:00 CET).
        let phase = PhaseDraft {
            kind: "consultation".into(),
            opens_at: "2013-10-20T12:00".into(),
            closes_at: "2013-11-03T12:00".into(),
            ..Default::default()
        }
        .validate(&process)
        .unwrap();
        // Noon in Geneva is 10:00 UTC in summer time and 11:00 UTC in winter time.
        assert_eq!(
            phase.opens_at,
            "2013-10-20T10:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            phase.closes_at,
            "2013-11-03T11:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            phase
                .closes_at
                .to_zoned(zone.clone())
                .datetime()
                .to_string(),
            "2013-11-03T12:00:00"
        );
        let second = jiff::SignedDuration::from_secs(1);
        assert_eq!(phase.status(phase.closes_at - second), PhaseStatus::Open);
        assert_eq!(phase.status(phase.closes_at), PhaseStatus::Closed);
        // A time the spring change skips (31 March 2013, 02:30) resolves forward, and one the
        // autumn change repeats (27 October 2013, 02:30) to the first, summer-time occurrence.
        let gap = parse_instant_in("2013-03-31T02:30", &zone).unwrap();
        assert_eq!(gap, "2013-03-31T01:30:00Z".parse::<Timestamp>().unwrap());
        let fold = parse_instant_in("2013-10-27T02:30", &zone).unwrap();
        assert_eq!(fold, "2013-10-27T00:30:00Z".parse::<Timestamp>().unwrap());
        // An instant with an offset means exactly that instant, whatever the zone.
        let exact = parse_instant_in("2013-10-27T02:30:00+01:00", &zone).unwrap();
        assert_eq!(exact, "2013-10-27T01:30:00Z".parse::<Timestamp>().unwrap());
    }

    #[test]
    fn rejected_phases_name_their_fields() {
        let process = wgec();
        let errors = PhaseDraft {
            kind: "party".into(),
            opens_at: "2013-07-15T00:00:00Z".into(),
            closes_at: "2013-07-14T00:00:00Z".into(),
            ..Default::default()
        }
        .validate(&process)
        .unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "closes_at"]);
    }

    #[test]
    fn bad_zone_and_duplicate_seats() {
        let errors = ProcessDraft {
            title: "X".into(),
            mandate: "Y".into(),
            display_zone: "Mars/Olympus".into(),
            seats: vec![
                Seats {
                    stakeholder_group: "government".into(),
                    seats: 1,
                },
                Seats {
                    stakeholder_group: "government".into(),
                    seats: 2,
                },
            ],
            ..Default::default()
        }
        .validate(&StakeholderGroups::default())
        .unwrap_err();
        assert_eq!(errors.0[0].code, ErrorCode::InvalidTimeZone);
        assert_eq!(errors.0[1].code, ErrorCode::Duplicate);
    }
}
