//! iCalendar feeds (RFC 5545). Written by hand rather than with the `icalendar` crate, which
//! needs chrono: the format is small, and the rules that matter are here and tested — CRLF line
//! ends, lines folded at 75 octets without splitting a character, TEXT escaping, and an
//! exclusive DTEND for all-day events.

use agora_core::calendar::Event;
use agora_core::meeting::Meeting;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Escapes a TEXT value: backslash, semicolon, comma and newlines.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded so that no line exceeds 75 octets.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// When a calendar entry takes place: whole days (a conference) or two instants (a meeting).
pub enum When {
    /// From the first day to the last, both included.
    Days(jiff::civil::Date, jiff::civil::Date),
    Instants(jiff::Timestamp, jiff::Timestamp),
}

/// One VEVENT: what the site's and the processes' feeds list, events and meetings alike.
pub struct Entry {
    /// Unique among the entries of every feed (the id, with its kind for meetings).
    pub uid: String,
    pub summary: String,
    pub when: When,
    pub location: Option<String>,
    pub organiser: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
}

impl From<&Event> for Entry {
    fn from(event: &Event) -> Self {
        Entry {
            uid: event.id.to_string(),
            summary: match &event.acronym {
                Some(acronym) => format!("{acronym} — {}", event.title),
                None => event.title.clone(),
            },
            when: When::Days(event.starts_on, event.ends_on),
            location: Some(event.place.clone()),
            organiser: Some(event.organiser.clone()),
            description: event.description.clone(),
            url: event.url.clone(),
        }
    }
}

impl From<&Meeting> for Entry {
    /// A meeting at its exact times; its agenda in the description, its link as the URL.
    fn from(meeting: &Meeting) -> Self {
        let agenda: Vec<String> = meeting
            .agenda
            .iter()
            .enumerate()
            .map(|(i, item)| match item.minutes {
                Some(minutes) => format!("{}. {} ({minutes} min)", i + 1, item.title),
                None => format!("{}. {}", i + 1, item.title),
            })
            .collect();
        let description = [meeting.description.trim(), &agenda.join("\n")]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        Entry {
            uid: format!("meeting-{}", meeting.id),
            summary: meeting.title.clone(),
            when: When::Instants(meeting.starts_at, meeting.ends_at),
            location: meeting.place.clone().or_else(|| meeting.online_url.clone()),
            organiser: None,
            description: (!description.is_empty()).then_some(description),
            url: meeting.online_url.clone(),
        }
    }
}

/// The calendar of `entries`, named `name`.
pub fn calendar(name: &str, entries: &[Entry], stamp: jiff::Timestamp) -> String {
    let mut out = String::new();
    let utc = |t: jiff::Timestamp| t.strftime("%Y%m%dT%H%M%SZ").to_string();
    let stamp = utc(stamp);
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Agora//Agora calendar//EN",
        "CALSCALE:GREGORIAN",
    ] {
        push_line(&mut out, line);
    }
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for entry in entries {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}@agora", entry.uid));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        match entry.when {
            When::Days(first, last) => {
                // DTEND of an all-day event is exclusive: the day after the last.
                let end = last.tomorrow().unwrap_or(last);
                push_line(
                    &mut out,
                    &format!("DTSTART;VALUE=DATE:{}", first.strftime("%Y%m%d")),
                );
                push_line(
                    &mut out,
                    &format!("DTEND;VALUE=DATE:{}", end.strftime("%Y%m%d")),
                );
            }
            When::Instants(start, end) => {
                push_line(&mut out, &format!("DTSTART:{}", utc(start)));
                push_line(&mut out, &format!("DTEND:{}", utc(end)));
            }
        }
        push_line(&mut out, &format!("SUMMARY:{}", escape(&entry.summary)));
        if let Some(location) = &entry.location {
            push_line(&mut out, &format!("LOCATION:{}", escape(location)));
        }
        if let Some(organiser) = &entry.organiser {
            push_line(
                &mut out,
                &format!(
                    "ORGANIZER;CN={}:mailto:noreply@agora.invalid",
                    escape_param(organiser)
                ),
            );
        }
        if let Some(description) = &entry.description {
            push_line(&mut out, &format!("DESCRIPTION:{}", escape(description)));
        }
        if let Some(url) = &entry.url {
            push_line(&mut out, &format!("URL:{url}"));
        }
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// A parameter value is quoted; RFC 5545 forbids DQUOTE inside, so it is dropped.
fn escape_param(value: &str) -> String {
    format!("\"{}\"", value.replace('"', ""))
}

/// The feed of `events` and `meetings`, the events first.
pub fn response(name: &str, events: &[Event], meetings: &[Meeting]) -> Response {
    let entries: Vec<Entry> = events
        .iter()
        .map(Entry::from)
        .chain(meetings.iter().map(Entry::from))
        .collect();
    feed(name, &entries)
}

/// A calendar of `entries` as an HTTP answer.
pub fn feed(name: &str, entries: &[Entry]) -> Response {
    (
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        calendar(name, entries, jiff::Timestamp::now()),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_core::calendar::EventDraft;

    #[test]
    fn all_day_events_end_the_next_day_and_lines_fold() {
        let event = EventDraft {
            title: "World Telecommunication/ICT Policy Forum; a very long title that needs folding, surely".into(),
            acronym: "WTPF-13".into(),
            organiser: "ITU".into(),
            place: "Genève, CICG".into(),
            starts_on: "2013-05-14".into(),
            ends_on: "2013-05-16".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        let ics = calendar("Agora", &[Entry::from(&event)], jiff::Timestamp::UNIX_EPOCH);
        assert!(ics.contains("DTSTART;VALUE=DATE:20130514\r\n"));
        assert!(ics.contains("DTEND;VALUE=DATE:20130517\r\n"));
        assert!(ics.contains("LOCATION:Genève\\, CICG\r\n"));
        assert!(ics.lines().all(|l| l.len() <= 75));
        assert!(ics.contains("\r\n "), "the long summary is folded");
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains(
                "SUMMARY:WTPF-13 — World Telecommunication/ICT Policy Forum\\; a very long"
            )
        );
    }

    #[test]
    fn meetings_take_their_exact_times_in_utc_and_their_agenda() {
        let process = agora_core::process::ProcessDraft {
            title: "ICANN 46".into(),
            mandate: "Public meeting".into(),
            display_zone: "Asia/Shanghai".into(),
            ..Default::default()
        }
        .validate(&agora_core::stakeholder::StakeholderGroups::default())
        .unwrap();
        let meeting = agora_core::meeting::MeetingDraft {
            title: "Global Internet Governance Agenda".into(),
            starts_at: "2013-04-08T11:00".into(),
            ends_at: "2013-04-08T12:30".into(),
            online_url: "https://beijing46.icann.org/".into(),
            agenda: "Opening | 5\nWGEC questionnaire".into(),
            ..Default::default()
        }
        .validate(&process)
        .unwrap();
        let ics = calendar(
            "Agora",
            &[Entry::from(&meeting)],
            jiff::Timestamp::UNIX_EPOCH,
        );
        assert!(ics.contains("DTSTART:20130408T030000Z\r\n"), "{ics}");
        assert!(ics.contains("DTEND:20130408T043000Z\r\n"));
        assert!(ics.contains(&format!("UID:meeting-{}@agora\r\n", meeting.id)));
        assert!(ics.contains("LOCATION:https://beijing46.icann.org/\r\n"));
        assert!(!ics.contains("ORGANIZER"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains("DESCRIPTION:1. Opening (5 min)\\n2. WGEC questionnaire\r\n"),
            "{unfolded}"
        );
    }
}
