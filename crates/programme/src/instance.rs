//! The timetabling input (rooms, days, slots, sessions, people) and its checked, indexed
//! form that the solver and `check` share.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::Person;

/// A room of the venue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Room {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub capacity: u32,
    /// Step-free access, hearing loop…: fit for people with accessibility needs.
    #[serde(default)]
    pub accessible: bool,
    /// Slot ids when the room cannot be used.
    #[serde(default)]
    pub unavailable: Vec<String>,
}

/// A period on one day, in the venue's local time. Rooms share the slots.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    pub id: String,
    /// Index into [`Instance::days`].
    pub day: usize,
    /// "HH:MM", venue time.
    pub start: String,
    pub minutes: u32,
}

/// A session to place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    #[serde(default)]
    pub title: String,
    pub theme: String,
    #[serde(default)]
    pub format: String,
    pub minutes: u32,
    /// Expected audience: the room must seat it.
    #[serde(default)]
    pub audience: u32,
    /// Speakers, moderator, organisers: ids in [`Instance::people`].
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub description: String,
}

/// Weights of the soft costs and the solver's knobs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    pub weight_theme_spread: f64,
    pub weight_theme_clash: f64,
    pub weight_remote_hours: f64,
    /// The local hours that suit a remote speaker, "HH:MM".
    pub remote_from: String,
    pub remote_until: String,
    pub seed: u64,
    /// Moves the local search tries.
    pub iterations: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            weight_theme_spread: 1.0,
            weight_theme_clash: 1.0,
            weight_remote_hours: 1.0,
            remote_from: "07:00".into(),
            remote_until: "22:00".into(),
            seed: 0,
            iterations: 200_000,
        }
    }
}

/// Everything the timetable needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    #[serde(default)]
    pub title: String,
    /// ISO dates, "2026-11-10".
    pub days: Vec<String>,
    /// The venue's offset from UTC, in minutes.
    #[serde(default)]
    pub utc_offset_minutes: i32,
    /// The venue's IANA time zone ("Europe/Berlin"), for the exports.
    #[serde(default)]
    pub time_zone: Option<String>,
    pub rooms: Vec<Room>,
    pub slots: Vec<Slot>,
    pub sessions: Vec<Session>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub options: Options,
}

/// A bad input, with the path to the field at fault ("sessions[3].people[1]").
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{path}: {problem}")]
pub struct InputError {
    pub path: String,
    pub problem: String,
}

fn error(path: String, problem: impl Into<String>) -> InputError {
    InputError {
        path,
        problem: problem.into(),
    }
}

/// "HH:MM" to minutes after midnight.
pub fn parse_time(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && text.len() == 5).then_some(h * 60 + m)
}

/// Minutes after midnight to "HH:MM" (wrapping past midnight).
pub fn format_time(minutes: i64) -> String {
    let m = minutes.rem_euclid(1440);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The checked instance, as indices.
pub struct Indexed<'a> {
    pub instance: &'a Instance,
    /// Per slot: start and end in minutes from the first day's midnight.
    pub span: Vec<(i64, i64)>,
    /// Per session: the people's indices in `instance.people`.
    pub people: Vec<Vec<usize>>,
    pub room_of: BTreeMap<&'a str, usize>,
    pub slot_of: BTreeMap<&'a str, usize>,
    pub session_of: BTreeMap<&'a str, usize>,
    /// Per room, per slot: usable.
    pub open: Vec<Vec<bool>>,
    /// Per session: needs an accessible room.
    pub needs_access: Vec<bool>,
    pub theme_of: Vec<usize>,
    pub themes: Vec<&'a str>,
    /// Suitable local hours of remote people, minutes after midnight.
    pub remote_window: (u32, u32),
}

fn unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    list: &str,
) -> Result<BTreeMap<&'a str, usize>, InputError> {
    let mut map = BTreeMap::new();
    for (i, id) in ids.enumerate() {
        if map.insert(id, i).is_some() {
            return Err(error(
                format!("{list}[{i}].id"),
                format!("duplicate id {id:?}"),
            ));
        }
    }
    Ok(map)
}

impl<'a> Indexed<'a> {
    /// Checks every reference and time in `instance`.
    pub fn new(instance: &'a Instance) -> Result<Indexed<'a>, InputError> {
        let room_of = unique(instance.rooms.iter().map(|r| r.id.as_str()), "rooms")?;
        let slot_of = unique(instance.slots.iter().map(|s| s.id.as_str()), "slots")?;
        let session_of = unique(instance.sessions.iter().map(|s| s.id.as_str()), "sessions")?;
        let person_of = unique(instance.people.iter().map(|p| p.id.as_str()), "people")?;
        if instance.days.is_empty() {
            return Err(error("days".into(), "at least one day is needed"));
        }
        let mut span = Vec::new();
        for (i, slot) in instance.slots.iter().enumerate() {
            if slot.day >= instance.days.len() {
                return Err(error(
                    format!("slots[{i}].day"),
                    format!(
                        "day {} but only {} days are listed",
                        slot.day,
                        instance.days.len()
                    ),
                ));
            }
            let start = parse_time(&slot.start).ok_or_else(|| {
                error(
                    format!("slots[{i}].start"),
                    format!("{:?} is not a time HH:MM", slot.start),
                )
            })?;
            if slot.minutes == 0 {
                return Err(error(
                    format!("slots[{i}].minutes"),
                    "a slot must last at least a minute",
                ));
            }
            let begin = slot.day as i64 * 1440 + start as i64;
            span.push((begin, begin + slot.minutes as i64));
        }
        let mut open = vec![vec![true; instance.slots.len()]; instance.rooms.len()];
        for (r, room) in instance.rooms.iter().enumerate() {
            for (k, id) in room.unavailable.iter().enumerate() {
                let s = slot_of.get(id.as_str()).ok_or_else(|| {
                    error(
                        format!("rooms[{r}].unavailable[{k}]"),
                        format!("unknown slot {id:?}"),
                    )
                })?;
                open[r][*s] = false;
            }
        }
        let mut people = Vec::new();
        let mut themes: Vec<&str> = Vec::new();
        let mut theme_of = Vec::new();
        for (i, session) in instance.sessions.iter().enumerate() {
            let mut ids = Vec::new();
            for (k, id) in session.people.iter().enumerate() {
                let p = person_of.get(id.as_str()).ok_or_else(|| {
                    error(
                        format!("sessions[{i}].people[{k}]"),
                        format!("unknown person {id:?}"),
                    )
                })?;
                if !ids.contains(p) {
                    ids.push(*p);
                }
            }
            people.push(ids);
            if session.minutes == 0 {
                return Err(error(
                    format!("sessions[{i}].minutes"),
                    "a session must last at least a minute",
                ));
            }
            theme_of.push(match themes.iter().position(|t| *t == session.theme) {
                Some(t) => t,
                None => {
                    themes.push(&session.theme);
                    themes.len() - 1
                }
            });
        }
        let window = |field: &str, text: &str| {
            parse_time(text).ok_or_else(|| {
                error(
                    format!("options.{field}"),
                    format!("{text:?} is not a time HH:MM"),
                )
            })
        };
        let remote_window = (
            window("remote_from", &instance.options.remote_from)?,
            window("remote_until", &instance.options.remote_until)?,
        );
        let needs_access = people
            .iter()
            .map(|ps| ps.iter().any(|&p| instance.people[p].accessibility_needs))
            .collect();
        Ok(Indexed {
            instance,
            span,
            people,
            room_of,
            slot_of,
            session_of,
            open,
            needs_access,
            theme_of,
            themes,
            remote_window,
        })
    }

    pub fn overlap(&self, a: usize, b: usize) -> bool {
        let (x, y) = (self.span[a], self.span[b]);
        x.0 < y.1 && y.0 < x.1
    }

    /// Whether session `x` may sit in room `r` at slot `s`, hard constraints of the room alone.
    pub fn fits(&self, x: usize, r: usize, s: usize) -> bool {
        let (session, room, slot) = (
            &self.instance.sessions[x],
            &self.instance.rooms[r],
            &self.instance.slots[s],
        );
        self.open[r][s]
            && session.minutes <= slot.minutes
            && session.audience <= room.capacity
            && (room.accessible || !self.needs_access[x])
    }

    /// Remote people of session `x` for whom slot `s` falls outside suitable hours.
    pub fn remote_misfits(&self, x: usize, s: usize) -> impl Iterator<Item = usize> + '_ {
        let venue = self.instance.utc_offset_minutes as i64;
        let (start, end) = self.span[s];
        self.people[x].iter().copied().filter(move |&p| {
            let person = &self.instance.people[p];
            if !person.remote {
                return false;
            }
            let shift = person.utc_offset_minutes as i64 - venue;
            let local = (start + shift).rem_euclid(1440);
            let local_end = local + (end - start);
            local < self.remote_window.0 as i64 || local_end > self.remote_window.1 as i64
        })
    }

    /// The theme-spread cap: a theme's sessions per day beyond ⌈sessions / days⌉ cost one each.
    pub fn day_cap(&self, sessions_of_theme: usize) -> usize {
        sessions_of_theme.div_ceil(self.instance.days.len())
    }
}
