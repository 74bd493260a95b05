//! `check`: every conflict of a timetable, hard and soft, as the secretariat's editor shows
//! them after a session is moved. The solver reports its result through the same function,
//! so "zero hard violations" means the same thing everywhere.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::instance::{Indexed, format_time};

/// A session placed in a room at a slot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub session: String,
    pub room: String,
    pub slot: String,
}

/// A broken hard constraint: the timetable cannot be published with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Hard {
    UnknownSession {
        index: usize,
        session: String,
    },
    UnknownRoom {
        index: usize,
        room: String,
    },
    UnknownSlot {
        index: usize,
        slot: String,
    },
    PlacedTwice {
        session: String,
    },
    Unscheduled {
        session: String,
    },
    RoomDoubleBooked {
        room: String,
        slot: String,
        sessions: Vec<String>,
    },
    PersonDoubleBooked {
        person: String,
        sessions: Vec<String>,
    },
    TooLong {
        session: String,
        slot: String,
        minutes: u32,
        slot_minutes: u32,
    },
    OverCapacity {
        session: String,
        room: String,
        audience: u32,
        capacity: u32,
    },
    NotAccessible {
        session: String,
        room: String,
    },
    RoomUnavailable {
        session: String,
        room: String,
        slot: String,
    },
}

/// A soft-constraint cost: allowed, but the solver avoids it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Soft {
    /// Two sessions of one theme at once: the audience must choose.
    ThemeClash {
        theme: String,
        sessions: Vec<String>,
    },
    /// More sessions of a theme on a day than its fair share (⌈sessions / days⌉).
    ThemeCrowded {
        theme: String,
        day: String,
        sessions: usize,
        cap: usize,
    },
    /// A remote person speaking outside suitable local hours.
    RemoteHour {
        person: String,
        session: String,
        local_start: String,
    },
}

/// Soft costs by kind, and their weighted total.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SoftCosts {
    pub theme_spread: usize,
    pub theme_clash: usize,
    pub remote_hours: usize,
    pub total: f64,
}

/// The verdict on a timetable.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub hard: Vec<Hard>,
    pub soft: Vec<Soft>,
    pub costs: SoftCosts,
}

/// Every conflict of `placements` over the instance.
pub fn check(ix: &Indexed, placements: &[Placement]) -> Report {
    let inst = ix.instance;
    let mut report = Report::default();
    let mut at: Vec<Option<(usize, usize)>> = vec![None; inst.sessions.len()];
    for (i, p) in placements.iter().enumerate() {
        let (Some(&x), Some(&r), Some(&s)) = (
            ix.session_of.get(p.session.as_str()),
            ix.room_of.get(p.room.as_str()),
            ix.slot_of.get(p.slot.as_str()),
        ) else {
            report.hard.extend(unknown(ix, i, p));
            continue;
        };
        if at[x].is_some() {
            report.hard.push(Hard::PlacedTwice {
                session: p.session.clone(),
            });
            continue;
        }
        at[x] = Some((r, s));
        report.hard.extend(room_problems(ix, x, r, s));
    }
    let placed: Vec<(usize, usize, usize)> = at
        .iter()
        .enumerate()
        .filter_map(|(x, c)| c.map(|(r, s)| (x, r, s)))
        .collect();
    for (x, c) in at.iter().enumerate() {
        if c.is_none() {
            report.hard.push(Hard::Unscheduled {
                session: inst.sessions[x].id.clone(),
            });
        }
    }
    let mut cells: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    for &(x, r, s) in &placed {
        cells
            .entry((r, s))
            .or_default()
            .push(inst.sessions[x].id.clone());
    }
    for ((r, s), sessions) in cells.into_iter().filter(|(_, v)| v.len() > 1) {
        report.hard.push(Hard::RoomDoubleBooked {
            room: inst.rooms[r].id.clone(),
            slot: inst.slots[s].id.clone(),
            sessions,
        });
    }
    for (a, &(x, _, s)) in placed.iter().enumerate() {
        for &(y, _, t) in &placed[a + 1..] {
            if !ix.overlap(s, t) {
                continue;
            }
            for p in ix.people[x].iter().filter(|p| ix.people[y].contains(p)) {
                report.hard.push(Hard::PersonDoubleBooked {
                    person: inst.people[*p].id.clone(),
                    sessions: vec![inst.sessions[x].id.clone(), inst.sessions[y].id.clone()],
                });
            }
            if ix.theme_of[x] == ix.theme_of[y] {
                report.soft.push(Soft::ThemeClash {
                    theme: inst.sessions[x].theme.clone(),
                    sessions: vec![inst.sessions[x].id.clone(), inst.sessions[y].id.clone()],
                });
                report.costs.theme_clash += 1;
            }
        }
    }
    let mut per_day: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut per_theme = vec![0usize; ix.themes.len()];
    for x in 0..inst.sessions.len() {
        per_theme[ix.theme_of[x]] += 1;
    }
    for &(x, _, s) in &placed {
        *per_day
            .entry((ix.theme_of[x], inst.slots[s].day))
            .or_default() += 1;
        for p in ix.remote_misfits(x, s) {
            let shift = inst.people[p].utc_offset_minutes as i64 - inst.utc_offset_minutes as i64;
            report.soft.push(Soft::RemoteHour {
                person: inst.people[p].id.clone(),
                session: inst.sessions[x].id.clone(),
                local_start: format_time(ix.span[s].0 + shift),
            });
            report.costs.remote_hours += 1;
        }
    }
    for ((theme, day), sessions) in per_day {
        let cap = ix.day_cap(per_theme[theme]);
        if sessions > cap {
            report.soft.push(Soft::ThemeCrowded {
                theme: ix.themes[theme].to_string(),
                day: inst.days[day].clone(),
                sessions,
                cap,
            });
            report.costs.theme_spread += sessions - cap;
        }
    }
    let o = &inst.options;
    report.costs.total = o.weight_theme_spread * report.costs.theme_spread as f64
        + o.weight_theme_clash * report.costs.theme_clash as f64
        + o.weight_remote_hours * report.costs.remote_hours as f64;
    report
}

/// The unknown ids of one placement.
fn unknown(ix: &Indexed, index: usize, p: &Placement) -> Vec<Hard> {
    let mut found = Vec::new();
    if !ix.session_of.contains_key(p.session.as_str()) {
        found.push(Hard::UnknownSession {
            index,
            session: p.session.clone(),
        });
    }
    if !ix.room_of.contains_key(p.room.as_str()) {
        found.push(Hard::UnknownRoom {
            index,
            room: p.room.clone(),
        });
    }
    if !ix.slot_of.contains_key(p.slot.as_str()) {
        found.push(Hard::UnknownSlot {
            index,
            slot: p.slot.clone(),
        });
    }
    found
}

/// What is wrong with session `x` in room `r` at slot `s`, the room and slot alone.
fn room_problems(ix: &Indexed, x: usize, r: usize, s: usize) -> Vec<Hard> {
    let (session, room, slot) = (
        &ix.instance.sessions[x],
        &ix.instance.rooms[r],
        &ix.instance.slots[s],
    );
    let (sid, rid) = (session.id.clone(), room.id.clone());
    let mut found = Vec::new();
    if !ix.open[r][s] {
        found.push(Hard::RoomUnavailable {
            session: sid.clone(),
            room: rid.clone(),
            slot: slot.id.clone(),
        });
    }
    if session.minutes > slot.minutes {
        found.push(Hard::TooLong {
            session: sid.clone(),
            slot: slot.id.clone(),
            minutes: session.minutes,
            slot_minutes: slot.minutes,
        });
    }
    if session.audience > room.capacity {
        found.push(Hard::OverCapacity {
            session: sid.clone(),
            room: rid.clone(),
            audience: session.audience,
            capacity: room.capacity,
        });
    }
    if ix.needs_access[x] && !room.accessible {
        found.push(Hard::NotAccessible {
            session: sid,
            room: rid,
        });
    }
    found
}
