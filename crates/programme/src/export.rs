//! The timetable in the two schedule formats conference apps read (Giggity, ConfClerk,
//! the c3voc tools, pretalx's own exports): frab's `schedule.xml` and its JSON twin
//! (`schedule.json`, c3voc schema). Both carry the same days, rooms and events; times are the
//! venue's, with its UTC offset on each event's `date`.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::{Value, json};

use crate::check::Placement;
use crate::instance::{Indexed, format_time};
use crate::rng::hash;

/// One placed event, resolved to what both formats print.
struct Event<'a> {
    id: usize,
    guid: String,
    day: usize,
    room: &'a str,
    start: i64,
    minutes: u32,
    session: &'a crate::instance::Session,
    persons: Vec<(usize, &'a str)>,
}

/// A stable UUID-shaped id (version 8, "custom") from the acronym and the session id, so a
/// re-published schedule keeps each event's guid.
fn guid(acronym: &str, session: &str) -> String {
    let a = hash(1, &format!("{acronym}/{session}"));
    let b = hash(2, &format!("{acronym}/{session}"));
    let a = (a & !0xF000) | 0x8000;
    let b = (b & !(0xC000 << 48)) | (0x8000 << 48);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFFF,
        b >> 48,
        b & 0xFFFF_FFFF_FFFF
    )
}

fn room_guid(acronym: &str, room: &crate::instance::Room) -> String {
    guid(acronym, &format!("room:{}", room.id))
}

fn hh_mm(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
}

fn slug(acronym: &str, id: usize, title: &str) -> String {
    let words: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let words: Vec<&str> = words.split('-').filter(|w| !w.is_empty()).collect();
    format!("{}-{id}-{}", acronym.to_lowercase(), words.join("-"))
}

/// The placed events by day, then room (in the instance's room order), then start.
fn events<'a>(ix: &'a Indexed<'a>, placements: &[Placement], acronym: &str) -> Vec<Event<'a>> {
    let inst = ix.instance;
    let mut events: Vec<Event> = placements
        .iter()
        .filter_map(|p| {
            let x = *ix.session_of.get(p.session.as_str())?;
            let r = *ix.room_of.get(p.room.as_str())?;
            let s = *ix.slot_of.get(p.slot.as_str())?;
            let session = &inst.sessions[x];
            let room = &inst.rooms[r];
            Some(Event {
                id: x + 1,
                guid: guid(acronym, &session.id),
                day: inst.slots[s].day,
                room: if room.name.is_empty() {
                    &room.id
                } else {
                    &room.name
                },
                start: ix.span[s].0 % 1440,
                minutes: session.minutes,
                session,
                persons: ix.people[x]
                    .iter()
                    .map(|&p| (p + 1, person_name(&inst.people[p])))
                    .collect(),
            })
        })
        .collect();
    let room_rank: BTreeMap<&str, usize> = inst
        .rooms
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                if r.name.is_empty() {
                    r.id.as_str()
                } else {
                    r.name.as_str()
                },
                i,
            )
        })
        .collect();
    events.sort_by_key(|e| (e.day, room_rank.get(e.room).copied(), e.start, e.id));
    events
}

fn person_name(p: &crate::model::Person) -> &str {
    if p.name.is_empty() { &p.id } else { &p.name }
}

/// The first start and last end of each day, "HH:MM".
fn day_bounds(ix: &Indexed, day: usize) -> (String, String) {
    let spans = ix
        .instance
        .slots
        .iter()
        .zip(&ix.span)
        .filter(|(s, _)| s.day == day)
        .map(|(_, sp)| *sp);
    let (start, end) = spans.fold((i64::MAX, i64::MIN), |(a, b), (s, e)| (a.min(s), b.max(e)));
    if start > end {
        return ("00:00".into(), "00:00".into());
    }
    (format_time(start), format_time(end))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// What the exports say about the release, beyond the timetable.
#[derive(Clone, Debug)]
pub struct Meta<'a> {
    /// The conference's short name ("IGF2026"); it also seeds the events' guids.
    pub acronym: &'a str,
    /// The release ("1.0"), so apps know when to refresh.
    pub version: &'a str,
    /// Where the schedule is published; relative links resolve against it.
    pub base_url: &'a str,
}

/// The IANA zone apps need: the instance's, else a fixed-offset `Etc/GMT` zone for a whole
/// hour (POSIX signs: `Etc/GMT-1` is UTC+1), else UTC.
fn zone_name(inst: &crate::instance::Instance) -> String {
    let offset = inst.utc_offset_minutes;
    match &inst.time_zone {
        Some(zone) => zone.clone(),
        None if offset == 0 || offset % 60 != 0 => "UTC".into(),
        None => format!("Etc/GMT{:+}", -offset / 60),
    }
}

/// The common `<conference>` facts.
struct Conference {
    acronym: String,
    title: String,
    start: String,
    end: String,
    slot: String,
}

fn conference(ix: &Indexed, acronym: &str) -> Conference {
    let inst = ix.instance;
    let shortest = inst.slots.iter().map(|s| s.minutes).min().unwrap_or(30) as i64;
    Conference {
        acronym: acronym.to_string(),
        title: if inst.title.is_empty() {
            acronym.to_string()
        } else {
            inst.title.clone()
        },
        start: inst.days.first().cloned().unwrap_or_default(),
        end: inst.days.last().cloned().unwrap_or_default(),
        slot: hh_mm(shortest),
    }
}

/// The frab `schedule.xml` of the timetable.
pub fn frab_xml(ix: &Indexed, placements: &[Placement], meta: &Meta) -> String {
    let (acronym, version) = (meta.acronym, meta.version);
    let inst = ix.instance;
    let c = conference(ix, acronym);
    let tz = offset(inst.utc_offset_minutes);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n");
    let _ = writeln!(
        xml,
        "  <generator name=\"agora\" version=\"{}\"/>",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(xml, "  <version>{}</version>", escape(version));
    let _ = writeln!(
        xml,
        "  <conference>\n    <acronym>{}</acronym>\n    <title>{}</title>\n    <start>{}</start>\n    <end>{}</end>\n    <days>{}</days>\n    <timeslot_duration>{}</timeslot_duration>\n    <base_url>{}</base_url>\n    <time_zone_name>{}</time_zone_name>\n  </conference>",
        escape(&c.acronym),
        escape(&c.title),
        escape(&c.start),
        escape(&c.end),
        inst.days.len(),
        c.slot,
        escape(meta.base_url),
        escape(&zone_name(inst))
    );
    let events = events(ix, placements, acronym);
    for (d, date) in inst.days.iter().enumerate() {
        let (start, end) = day_bounds(ix, d);
        let _ = writeln!(
            xml,
            "  <day index=\"{}\" date=\"{}\" start=\"{date}T{start}:00{tz}\" end=\"{date}T{end}:00{tz}\">",
            d + 1,
            escape(date)
        );
        let date = escape(date);
        for room in &inst.rooms {
            let name = if room.name.is_empty() {
                &room.id
            } else {
                &room.name
            };
            let _ = writeln!(
                xml,
                "    <room name=\"{}\" guid=\"{}\">",
                escape(name),
                room_guid(acronym, room)
            );
            for e in events.iter().filter(|e| e.day == d && e.room == name) {
                let s = e.session;
                let _ = writeln!(xml, "      <event guid=\"{}\" id=\"{}\">", e.guid, e.id);
                let _ = writeln!(xml, "        <date>{date}T{}:00{tz}</date>", hh_mm(e.start));
                for (tag, value) in [
                    ("start", hh_mm(e.start)),
                    ("duration", hh_mm(e.minutes as i64)),
                    ("room", name.clone()),
                    ("slug", slug(acronym, e.id, &s.title)),
                    ("title", s.title.clone()),
                    ("subtitle", String::new()),
                    ("track", s.theme.clone()),
                    ("type", s.format.clone()),
                    ("language", "en".into()),
                    ("abstract", String::new()),
                    ("description", s.description.clone()),
                ] {
                    let _ = writeln!(xml, "        <{tag}>{}</{tag}>", escape(&value));
                }
                xml.push_str("        <persons>\n");
                for (id, name) in &e.persons {
                    let _ = writeln!(
                        xml,
                        "          <person id=\"{id}\">{}</person>",
                        escape(name)
                    );
                }
                xml.push_str("        </persons>\n        <links/>\n        <attachments/>\n      </event>\n");
            }
            xml.push_str("    </room>\n");
        }
        xml.push_str("  </day>\n");
    }
    xml.push_str("</schedule>\n");
    xml
}

/// The JSON `schedule.json` (c3voc schema, as pretalx and frab publish it).
pub fn schedule_json(ix: &Indexed, placements: &[Placement], meta: &Meta) -> String {
    let (acronym, version) = (meta.acronym, meta.version);
    let inst = ix.instance;
    let c = conference(ix, acronym);
    let tz = offset(inst.utc_offset_minutes);
    let events = events(ix, placements, acronym);
    let days: Vec<Value> = inst
        .days
        .iter()
        .enumerate()
        .map(|(d, date)| {
            let (start, end) = day_bounds(ix, d);
            let rooms: serde_json::Map<String, Value> = inst
                .rooms
                .iter()
                .map(|room| {
                    let name = if room.name.is_empty() { &room.id } else { &room.name };
                    let list: Vec<Value> = events
                        .iter()
                        .filter(|e| e.day == d && e.room == name)
                        .map(|e| {
                            let s = e.session;
                            json!({
                                "id": e.id, "guid": e.guid,
                                "date": format!("{date}T{}:00{tz}", hh_mm(e.start)),
                                "start": hh_mm(e.start), "duration": hh_mm(e.minutes as i64),
                                "room": name, "slug": slug(acronym, e.id, &s.title),
                                "url": "", "title": s.title, "subtitle": "", "track": s.theme,
                                "type": s.format, "language": "en", "abstract": "",
                                "description": s.description, "recording_license": "", "do_not_record": false,
                                "persons": e.persons.iter().map(|(id, n)| json!({"id": id, "public_name": n})).collect::<Vec<_>>(),
                                "links": [], "attachments": [],
                            })
                        })
                        .collect();
                    (name.clone(), Value::Array(list))
                })
                .collect();
            json!({
                "index": d + 1, "date": date,
                "day_start": format!("{date}T{start}:00{tz}"), "day_end": format!("{date}T{end}:00{tz}"),
                "rooms": rooms,
            })
        })
        .collect();
    let rooms: Vec<Value> = inst
        .rooms
        .iter()
        .map(|r| json!({"name": if r.name.is_empty() { &r.id } else { &r.name }, "guid": room_guid(acronym, r)}))
        .collect();
    let doc = json!({
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "agora", "version": env!("CARGO_PKG_VERSION")},
        "schedule": {
            "version": version,
            "base_url": meta.base_url,
            "conference": {
                "acronym": c.acronym, "title": c.title, "start": c.start, "end": c.end,
                "daysCount": inst.days.len(), "timeslot_duration": c.slot,
                "time_zone_name": zone_name(inst), "rooms": rooms, "days": days,
            }
        }
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
