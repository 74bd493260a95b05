//! iCalendar feeds (RFC 5545). Written by hand rather than with the `icalendar` crate, which
//! needs chrono: the format is small, and the rules that matter are here and tested — CRLF line
//! ends, lines folded at 75 octets without splitting a character, TEXT escaping, and an
//! exclusive DTEND for all-day events.

use agora_core::calendar::Event;
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

/// The calendar for `events`, named `name`.
pub fn calendar(name: &str, events: &[Event], stamp: jiff::Timestamp) -> String {
    let mut out = String::new();
    let stamp = stamp.strftime("%Y%m%dT%H%M%SZ").to_string();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Agora//Agora calendar//EN",
        "CALSCALE:GREGORIAN",
    ] {
        push_line(&mut out, line);
    }
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for event in events {
        let summary = match &event.acronym {
            Some(acronym) => format!("{acronym} — {}", event.title),
            None => event.title.clone(),
        };
        let end = event.ends_on.tomorrow().unwrap_or(event.ends_on);
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}@agora", event.id));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", event.starts_on.strftime("%Y%m%d")),
        );
        push_line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", end.strftime("%Y%m%d")),
        );
        push_line(&mut out, &format!("SUMMARY:{}", escape(&summary)));
        push_line(&mut out, &format!("LOCATION:{}", escape(&event.place)));
        push_line(
            &mut out,
            &format!(
                "ORGANIZER;CN={}:mailto:noreply@agora.invalid",
                escape_param(&event.organiser)
            ),
        );
        if let Some(description) = &event.description {
            push_line(&mut out, &format!("DESCRIPTION:{}", escape(description)));
        }
        if let Some(url) = &event.url {
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

pub fn response(name: &str, events: &[Event]) -> Response {
    (
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        calendar(name, events, jiff::Timestamp::now()),
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
        let ics = calendar("Agora", &[event], jiff::Timestamp::UNIX_EPOCH);
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
}
