//! The shared calendar: dated events, Agora's own and other bodies' (WSIS Forum, WTPF…).
//! Events are whole days, as intergovernmental calendars list them; times belong to meetings.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::directory::optional_uuid;
use crate::validate::{ErrorCode, ValidationErrors};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub id: Uuid,
    pub title: String,
    pub acronym: Option<String>,
    pub organiser: String,
    pub place: String,
    /// First day, inclusive.
    pub starts_on: Date,
    /// Last day, inclusive.
    pub ends_on: Date,
    pub process_id: Option<Uuid>,
    pub url: Option<String>,
    pub description: Option<String>,
}

impl Event {
    /// True when the event takes place on any day of `[from, to]`.
    pub fn overlaps(&self, from: Date, to: Date) -> bool {
        self.starts_on <= to && self.ends_on >= from
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EventDraft {
    pub title: String,
    pub acronym: String,
    pub organiser: String,
    pub place: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    /// `YYYY-MM-DD`; the start day when empty.
    pub ends_on: String,
    pub process_id: String,
    pub url: String,
    pub description: String,
}

impl EventDraft {
    pub fn validate(&self) -> Result<Event, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let title = errors.text("title", &self.title, 300);
        let acronym = errors.optional_text("acronym", &self.acronym, 30);
        let organiser = errors.text("organiser", &self.organiser, 200);
        let place = errors.text("place", &self.place, 200);
        let starts_on = parse_date(&mut errors, "starts_on", &self.starts_on);
        let ends_on = if self.ends_on.trim().is_empty() {
            starts_on
        } else {
            parse_date(&mut errors, "ends_on", &self.ends_on)
        };
        if let (Some(start), Some(end)) = (starts_on, ends_on)
            && end < start
        {
            errors.push("ends_on", ErrorCode::EndBeforeStart);
        }
        let process_id = optional_uuid(&mut errors, "process_id", &self.process_id);
        let url = errors.optional_url("url", &self.url);
        let description = errors.optional_text("description", &self.description, 5000);
        match (starts_on, ends_on) {
            (Some(starts_on), Some(ends_on)) if errors.is_empty() => Ok(Event {
                id: crate::new_id(),
                title,
                acronym,
                organiser,
                place,
                starts_on,
                ends_on,
                process_id,
                url,
                description,
            }),
            _ => Err(errors),
        }
    }
}

fn parse_date(errors: &mut ValidationErrors, field: &str, value: &str) -> Option<Date> {
    let value = value.trim();
    if value.is_empty() {
        errors.push(field, ErrorCode::Required);
        return None;
    }
    let date = value.parse::<Date>().ok();
    if date.is_none() {
        errors.push(field, ErrorCode::InvalidDate);
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn draft() -> EventDraft {
        EventDraft {
            title: "World Telecommunication/ICT Policy Forum".into(),
            acronym: "WTPF-13".into(),
            organiser: "ITU".into(),
            place: "Geneva".into(),
            starts_on: "2013-05-14".into(),
            ends_on: "2013-05-16".into(),
            ..Default::default()
        }
    }

    #[test]
    fn events_span_whole_days() {
        let event = draft().validate().unwrap();
        assert!(event.overlaps(date(2013, 5, 16), date(2013, 5, 31)));
        assert!(!event.overlaps(date(2013, 5, 17), date(2013, 5, 31)));
        assert!(event.overlaps(date(2013, 5, 1), date(2013, 5, 14)));
    }

    #[test]
    fn a_one_day_event_needs_no_end() {
        let event = EventDraft {
            ends_on: String::new(),
            ..draft()
        }
        .validate()
        .unwrap();
        assert_eq!(event.ends_on, event.starts_on);
    }

    #[test]
    fn bad_dates_are_named() {
        let errors = EventDraft {
            starts_on: "2013-02-30".into(),
            ..draft()
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors.0[0].field, "starts_on");
        let errors = EventDraft {
            ends_on: "2013-05-01".into(),
            ..draft()
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors.0[0].code, ErrorCode::EndBeforeStart);
    }
}
