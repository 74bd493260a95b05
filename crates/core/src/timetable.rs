//! The venue and the timetable of a call for proposals (issue 6, points 6–7). The secretariat
//! describes the venue (its time zone, days, slots and rooms, and the audience it expects per
//! session); `agora-programme` places the accepted proposals in it; the secretariat moves
//! sessions by hand and publishes. Every edit bumps the timetable's version, so a form read
//! before another edit cannot overwrite it; publication copies the venue and the placements,
//! so the public programme does not change under its readers until the next publication.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validate::{ErrorCode, ValidationErrors};

/// Room rows the venue form offers; empty rows are ignored, so no script is needed.
pub const ROOM_ROWS: usize = 12;
/// Days, slots and rooms a venue may have at most.
pub const MAX_DAYS: usize = 31;
pub const MAX_SLOTS: usize = 400;
pub const MAX_ROOMS: usize = 100;

/// A period when sessions start, on one day, in the venue's local time. Rooms share them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueSlot {
    pub date: Date,
    /// "HH:MM", venue time.
    pub start: String,
    pub minutes: u32,
}

impl VenueSlot {
    /// The slot's id: its date and start, "2013-10-22T09:00", unique in a venue.
    pub fn id(&self) -> String {
        format!("{}T{}", self.date, self.start)
    }
}

/// A room of the venue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueRoom {
    /// Unique in the venue; also the room's id in the timetable.
    pub name: String,
    pub capacity: u32,
    /// Step-free, with a hearing loop: fit for people with accessibility needs.
    pub accessible: bool,
    /// Ids of the slots when the room cannot be used.
    pub unavailable: Vec<String>,
}

/// Where and when a call's sessions take place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Venue {
    pub phase_id: Uuid,
    /// IANA time zone of the venue ("Asia/Makassar").
    pub time_zone: String,
    pub days: Vec<Date>,
    pub slots: Vec<VenueSlot>,
    pub rooms: Vec<VenueRoom>,
    /// The audience expected for a session of a format, by format name.
    pub format_audience: BTreeMap<String, u32>,
    /// The audience expected for one session (by proposal id), overriding its format's.
    pub audience: BTreeMap<Uuid, u32>,
}

impl Venue {
    pub fn slot(&self, id: &str) -> Option<&VenueSlot> {
        self.slots.iter().find(|s| s.id() == id)
    }

    fn zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.time_zone).unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// The instants a slot's session of `minutes` starts and ends.
    pub fn instants(&self, slot: &VenueSlot, minutes: u32) -> Option<(Timestamp, Timestamp)> {
        let (h, m) = slot.start.split_once(':')?;
        let time = jiff::civil::time(h.parse().ok()?, m.parse().ok()?, 0, 0);
        let start = slot.date.to_datetime(time).to_zoned(self.zone()).ok()?;
        let end = start
            .checked_add(jiff::SignedDuration::from_mins(i64::from(minutes)))
            .ok()?;
        Some((start.timestamp(), end.timestamp()))
    }

    /// The venue's offset from UTC in minutes, at noon of its first day (the timetable
    /// engine takes one offset; a venue's days rarely straddle a change of summer time).
    pub fn utc_offset_minutes(&self) -> i32 {
        let Some(first) = self.days.first() else {
            return 0;
        };
        first
            .to_datetime(jiff::civil::time(12, 0, 0, 0))
            .to_zoned(self.zone())
            .map_or(0, |z| z.offset().seconds() / 60)
    }

    /// The audience expected for a session: typed for it, else its format's, else none.
    pub fn audience_of(&self, proposal: Uuid, format: &str) -> u32 {
        self.audience
            .get(&proposal)
            .or_else(|| self.format_audience.get(format))
            .copied()
            .unwrap_or(0)
    }

    /// The venue as its form shows it, the inverse of [`VenueDraft::validate`].
    pub fn draft(&self) -> VenueDraft {
        let every_day: Vec<&VenueSlot> = self
            .slots
            .iter()
            .filter(|s| s.date == self.days[0])
            .collect();
        let same_each_day = self.slots.len() == every_day.len() * self.days.len()
            && self.days.iter().all(|d| {
                every_day.iter().all(|s| {
                    self.slots
                        .iter()
                        .any(|t| t.date == *d && t.start == s.start && t.minutes == s.minutes)
                })
            });
        let slots = if same_each_day {
            every_day
                .iter()
                .map(|s| format!("{} = {}", s.start, s.minutes))
                .collect::<Vec<_>>()
        } else {
            self.slots
                .iter()
                .map(|s| format!("{} {} = {}", s.date, s.start, s.minutes))
                .collect()
        };
        VenueDraft {
            time_zone: self.time_zone.clone(),
            days: self
                .days
                .iter()
                .map(Date::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            slots: slots.join("\n"),
            rooms: self
                .rooms
                .iter()
                .map(|r| RoomDraft {
                    name: r.name.clone(),
                    capacity: r.capacity.to_string(),
                    accessible: r.accessible,
                    closed: r
                        .unavailable
                        .iter()
                        .map(|s| s.replace('T', " "))
                        .collect::<Vec<_>>()
                        .join("; "),
                })
                .collect(),
            format_audience: self
                .format_audience
                .iter()
                .map(|(k, v)| (k.clone(), v.to_string()))
                .collect(),
            audience: self
                .audience
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }
}

/// A room as typed: a row of the form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RoomDraft {
    pub name: String,
    pub capacity: String,
    pub accessible: bool,
    /// Slots when the room is closed: "2013-10-22 09:00; 2013-10-23 14:30".
    pub closed: String,
}

/// The venue as typed: the time zone; one date a line; one slot a line, `09:00 = 90` for
/// every day or `2013-10-22 09:00 = 90` for one day; room rows; expected audiences as numbers
/// (empty: none known).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct VenueDraft {
    pub time_zone: String,
    pub days: String,
    pub slots: String,
    pub rooms: Vec<RoomDraft>,
    /// By format name.
    pub format_audience: BTreeMap<String, String>,
    /// By proposal id.
    pub audience: BTreeMap<String, String>,
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// "HH:MM" (or "H:MM"), normalised to "HH:MM".
fn time(text: &str) -> Option<String> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && m.to_string().len() <= 2).then(|| format!("{h:02}:{m:02}"))
}

/// A slot id as typed, "2013-10-22 09:00" or "2013-10-22T09:00", normalised.
fn slot_id(text: &str) -> Option<String> {
    let text = text.trim();
    let (date, start) = text.split_once([' ', 'T'])?;
    let date: Date = date.parse().ok()?;
    Some(format!("{date}T{}", time(start)?))
}

fn count(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

impl VenueDraft {
    /// Checks the venue of the call `phase_id`. Errors on a line or row name it:
    /// `days[1]`, `slots[2]`, `rooms[0].capacity`, `audience[<proposal>]`.
    pub fn validate(&self, phase_id: Uuid) -> Result<Venue, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let time_zone = self.time_zone.trim().to_owned();
        if time_zone.is_empty() {
            errors.push("time_zone", ErrorCode::Required);
        } else if jiff::tz::TimeZone::get(&time_zone).is_err() {
            errors.push("time_zone", ErrorCode::InvalidTimeZone);
        }
        let mut days: Vec<Date> = Vec::new();
        for (i, line) in lines(&self.days).enumerate() {
            match line.parse::<Date>() {
                Ok(d) if days.contains(&d) => {
                    errors.push(format!("days[{i}]"), ErrorCode::Duplicate)
                }
                Ok(d) => days.push(d),
                Err(_) => errors.push(format!("days[{i}]"), ErrorCode::InvalidDate),
            }
        }
        days.sort();
        if days.is_empty() {
            errors.push("days", ErrorCode::Required);
        } else if days.len() > MAX_DAYS {
            errors.push("days", ErrorCode::TooLong { max: MAX_DAYS });
        }
        let mut slots: Vec<VenueSlot> = Vec::new();
        for (i, line) in lines(&self.slots).enumerate() {
            let field = format!("slots[{i}]");
            let Some((when, minutes)) = line.rsplit_once('=') else {
                errors.push(field, ErrorCode::InvalidTime);
                continue;
            };
            let Some(minutes) = count(minutes).filter(|m| (1..=24 * 60).contains(m)) else {
                errors.push(field, ErrorCode::InvalidNumber);
                continue;
            };
            let when = when.trim();
            let (on, start) = match when.split_once(' ') {
                Some((date, start)) => match date.parse::<Date>() {
                    Ok(d) if days.contains(&d) => (vec![d], start),
                    Ok(_) => {
                        errors.push(field, ErrorCode::InvalidChoice);
                        continue;
                    }
                    Err(_) => {
                        errors.push(field, ErrorCode::InvalidDate);
                        continue;
                    }
                },
                None => (days.clone(), when),
            };
            let Some(start) = time(start) else {
                errors.push(field, ErrorCode::InvalidTime);
                continue;
            };
            for date in on {
                let slot = VenueSlot {
                    date,
                    start: start.clone(),
                    minutes,
                };
                if slots.iter().any(|s| s.id() == slot.id()) {
                    errors.push(field.clone(), ErrorCode::Duplicate);
                } else {
                    slots.push(slot);
                }
            }
        }
        slots.sort_by(|a, b| (a.date, &a.start).cmp(&(b.date, &b.start)));
        if slots.is_empty() {
            errors.push("slots", ErrorCode::Required);
        } else if slots.len() > MAX_SLOTS {
            errors.push("slots", ErrorCode::TooLong { max: MAX_SLOTS });
        }
        let mut rooms: Vec<VenueRoom> = Vec::new();
        for (i, row) in self.rooms.iter().enumerate() {
            if row.name.trim().is_empty() {
                continue;
            }
            let field = |name: &str| format!("rooms[{i}].{name}");
            let name = errors.text(&field("name"), &row.name, 200);
            if rooms.iter().any(|r| r.name == name) {
                errors.push(field("name"), ErrorCode::Duplicate);
            }
            let capacity = count(&row.capacity).unwrap_or_else(|| {
                errors.push(field("capacity"), ErrorCode::InvalidNumber);
                0
            });
            let mut unavailable = Vec::new();
            for part in row.closed.split(';').filter(|p| !p.trim().is_empty()) {
                match slot_id(part).filter(|id| slots.iter().any(|s| s.id() == *id)) {
                    Some(id) => unavailable.push(id),
                    None => errors.push(field("closed"), ErrorCode::InvalidChoice),
                }
            }
            rooms.push(VenueRoom {
                name,
                capacity,
                accessible: row.accessible,
                unavailable,
            });
        }
        if rooms.is_empty() {
            errors.push("rooms", ErrorCode::Required);
        } else if rooms.len() > MAX_ROOMS {
            errors.push("rooms", ErrorCode::TooLong { max: MAX_ROOMS });
        }
        let mut numbers = |prefix: &str, map: &BTreeMap<String, String>| {
            let mut out = BTreeMap::new();
            for (key, value) in map.iter().filter(|(_, v)| !v.trim().is_empty()) {
                match count(value) {
                    Some(n) => {
                        out.insert(key.clone(), n);
                    }
                    None => errors.push(format!("{prefix}[{key}]"), ErrorCode::InvalidNumber),
                }
            }
            out
        };
        let format_audience = numbers("format_audience", &self.format_audience);
        let typed = numbers("audience", &self.audience);
        let mut audience = BTreeMap::new();
        for (key, n) in typed {
            match key.parse::<Uuid>() {
                Ok(id) => {
                    audience.insert(id, n);
                }
                Err(_) => errors.push(format!("audience[{key}]"), ErrorCode::NotFound),
            }
        }
        errors.finish(Venue {
            phase_id,
            time_zone,
            days,
            slots,
            rooms,
            format_audience,
            audience,
        })
    }
}

/// A session (an accepted proposal) placed in a room at a slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub proposal_id: Uuid,
    /// The room's name.
    pub room: String,
    /// The slot's id ([`VenueSlot::id`]).
    pub slot: String,
}

/// What the public reads: the venue and placements as they were when published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The timetable's version that was published.
    pub version: i64,
    pub venue: Venue,
    pub placements: Vec<Placement>,
    pub published_at: Timestamp,
}

/// A call's timetable as the secretariat edits it, and its last publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timetable {
    pub phase_id: Uuid,
    /// Counts the edits; a move names the version it was made on.
    pub version: i64,
    pub placements: Vec<Placement>,
    pub published: Option<Published>,
}

impl Timetable {
    pub fn placement(&self, proposal: Uuid) -> Option<&Placement> {
        self.placements.iter().find(|p| p.proposal_id == proposal)
    }
}

/// The UTC offset (minutes, standard time) typical of a UN M49 region: the timetable's guess
/// at a remote speaker's hours when nothing better is known, since the proposal form asks for
/// a region and no time zone. Wide regions get the offset of their most populous part.
pub fn region_utc_offset(region: &str) -> Option<i32> {
    let hours: f64 = match region {
        "001" | "011" | "154" => 0.0,
        "002" | "015" | "202" | "017" | "150" | "039" | "155" => 1.0,
        "018" | "151" => 2.0,
        "014" | "145" => 3.0,
        "143" => 5.0,
        "034" => 5.5,
        "035" => 7.0,
        "142" | "030" => 8.0,
        "009" | "053" | "057" => 10.0,
        "054" => 11.0,
        "005" => -3.0,
        "029" => -4.0,
        "019" | "419" | "021" => -5.0,
        "013" => -6.0,
        _ => return None,
    };
    Some((hours * 60.0) as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bali() -> VenueDraft {
        VenueDraft {
            time_zone: "Asia/Makassar".into(),
            days: "2013-10-23\n2013-10-22".into(),
            slots: "09:00 = 90\n11:00 = 90\n2013-10-23 14:30 = 120".into(),
            rooms: vec![
                RoomDraft {
                    name: "Main Hall".into(),
                    capacity: "600".into(),
                    accessible: true,
                    closed: "2013-10-22 09:00".into(),
                },
                RoomDraft::default(),
                RoomDraft {
                    name: "Room 2".into(),
                    capacity: "80".into(),
                    ..Default::default()
                },
            ],
            format_audience: [
                ("Workshop".into(), "100".into()),
                ("Flash".into(), "".into()),
            ]
            .into(),
            audience: [(Uuid::from_u128(5).to_string(), "250".into())].into(),
        }
    }

    #[test]
    fn a_venue_reads_its_days_slots_and_rooms_and_writes_them_back() {
        let venue = bali().validate(Uuid::nil()).unwrap();
        assert_eq!(venue.days[0].to_string(), "2013-10-22");
        let ids: Vec<String> = venue.slots.iter().map(VenueSlot::id).collect();
        assert_eq!(
            ids,
            [
                "2013-10-22T09:00",
                "2013-10-22T11:00",
                "2013-10-23T09:00",
                "2013-10-23T11:00",
                "2013-10-23T14:30"
            ]
        );
        assert_eq!(venue.rooms.len(), 2);
        assert_eq!(venue.rooms[0].unavailable, ["2013-10-22T09:00"]);
        assert_eq!(venue.utc_offset_minutes(), 8 * 60);
        assert_eq!(venue.audience_of(Uuid::from_u128(5), "Workshop"), 250);
        assert_eq!(venue.audience_of(Uuid::from_u128(6), "Workshop"), 100);
        assert_eq!(venue.audience_of(Uuid::from_u128(6), "Flash"), 0);
        let (start, end) = venue.instants(&venue.slots[0], 90).unwrap();
        assert_eq!(start.to_string(), "2013-10-22T01:00:00Z");
        assert_eq!(end.to_string(), "2013-10-22T02:30:00Z");
        assert_eq!(venue.draft().validate(Uuid::nil()).unwrap(), venue);
    }

    #[test]
    fn every_bad_line_and_row_is_named() {
        let mut draft = bali();
        draft.time_zone = "Mars/Olympus".into();
        draft.days = "2013-10-22\n22/10/2013".into();
        draft.slots = "9h = 90\n2013-11-01 09:00 = 90\n10:00 = long".into();
        draft.rooms[0].capacity = "many".into();
        draft.rooms[0].closed = "2013-10-22 10:00".into();
        draft.rooms[2].name = "Main Hall".into();
        draft.audience.insert("nobody".into(), "5".into());
        let errors = draft.validate(Uuid::nil()).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "time_zone",
                "days[1]",
                "slots[0]",
                "slots[1]",
                "slots[2]",
                "slots",
                "rooms[0].capacity",
                "rooms[0].closed",
                "rooms[2].name",
                "audience[nobody]"
            ]
        );
    }

    #[test]
    fn regions_have_an_offset() {
        for region in crate::geo::REGIONS {
            assert!(region_utc_offset(region).is_some(), "{region}");
        }
        assert_eq!(region_utc_offset("034"), Some(330));
        assert_eq!(region_utc_offset("999"), None);
    }
}
