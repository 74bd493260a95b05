//! A seeded generator of calls for proposals, reviews and timetabling instances, for the
//! benchmark and the property tests. The same seed gives the same data.

use std::collections::BTreeMap;

use crate::aggregate::{Criterion, Review};
use crate::assign::{Assignment, Reviewer};
use crate::instance::{Instance, Options, Room, Session, Slot};
use crate::model::{Person, Proposal, Speaker};
use crate::rng::Rng;
use crate::select::{Attribute, Bounds, Quota, SelectionRules};

pub const THEMES: [&str; 8] = [
    "access",
    "human-rights",
    "security",
    "enhanced-cooperation",
    "principles",
    "multilingualism",
    "emerging-tech",
    "sustainability",
];
pub const FORMATS: [&str; 3] = ["workshop", "open-forum", "lightning"];
pub const GROUPS: [&str; 6] = [
    "government",
    "private-sector",
    "civil-society",
    "technical",
    "academic",
    "igo",
];
pub const REGIONS: [&str; 5] = ["africa", "americas", "asia", "europe", "oceania"];
const OFFSETS: [i32; 5] = [60, -300, 480, 60, 600];

/// A call for proposals: its people, proposals and review panel.
pub struct Call {
    pub people: Vec<Person>,
    pub proposals: Vec<Proposal>,
    pub reviewers: Vec<Reviewer>,
    /// Each proposal's true quality, which the reviews observe with noise.
    pub quality: BTreeMap<String, f64>,
}

/// `proposals` proposals from `proposals / 3` organisations and `proposals * 2` people, and
/// `reviewers` reviewers, some from those organisations.
pub fn call(seed: u64, proposals: usize, reviewers: usize) -> Call {
    let mut rng = Rng::new(seed);
    let organisations = (proposals / 3).max(1);
    let people: Vec<Person> = (0..proposals * 2)
        .map(|i| {
            let region = rng.below(REGIONS.len());
            Person {
                id: format!("p{i}"),
                name: format!("Person {i}"),
                organisation: Some(format!("org{}", rng.below(organisations))),
                stakeholder_group: Some(GROUPS[rng.below(GROUPS.len())].into()),
                region: Some(REGIONS[region].into()),
                gender: Some(
                    ["female", "male", "non-binary"][[0, 1, 0, 1, 0, 1, 0, 1, 2][rng.below(9)]]
                        .into(),
                ),
                remote: rng.below(5) == 0,
                utc_offset_minutes: OFFSETS[region],
                accessibility_needs: rng.below(40) == 0,
            }
        })
        .collect();
    let mut quality = BTreeMap::new();
    let proposals: Vec<Proposal> = (0..proposals)
        .map(|i| {
            let speakers = (0..3 + rng.below(3))
                .map(|_| Speaker {
                    person: people[rng.below(people.len())].id.clone(),
                    confirmed: rng.below(10) > 0,
                })
                .collect();
            let id = format!("w{i}");
            quality.insert(id.clone(), rng.unit() * 4.0 - 2.0);
            Proposal {
                id,
                title: format!("Workshop {i}"),
                organiser: people[rng.below(people.len())].id.clone(),
                organisation: format!("org{}", rng.below(organisations)),
                theme: THEMES[rng.below(THEMES.len())].into(),
                format: FORMATS[[0, 0, 0, 1, 2][rng.below(5)]].into(),
                speakers,
                moderator: Some(people[rng.below(people.len())].id.clone()),
                first_time: rng.below(5) == 0,
            }
        })
        .collect();
    let reviewers = (0..reviewers)
        .map(|i| Reviewer {
            id: format!("r{i}"),
            organisation: Some(format!("org{}", rng.below(organisations))),
            conflicts: if rng.below(4) == 0 {
                vec![format!("org{}", rng.below(organisations))]
            } else {
                Vec::new()
            },
        })
        .collect();
    Call {
        people,
        proposals,
        reviewers,
        quality,
    }
}

/// The IGF's criteria, weighted.
pub fn criteria() -> Vec<Criterion> {
    [
        ("relevance", 2.0),
        ("diversity", 1.0),
        ("format", 1.0),
        ("speakers", 1.0),
    ]
    .into_iter()
    .map(|(id, weight)| Criterion {
        id: id.into(),
        weight,
    })
    .collect()
}

/// Reviews for every assigned pair: the proposal's quality, the reviewer's leniency and
/// noise, rounded to 1–5.
pub fn reviews(call: &Call, assignment: &Assignment, seed: u64) -> Vec<Review> {
    let mut rng = Rng::new(seed ^ 0x5EED);
    let leniency: BTreeMap<&str, (f64, f64)> = call
        .reviewers
        .iter()
        .map(|r| (r.id.as_str(), (rng.unit() * 2.0 - 1.0, 0.5 + rng.unit())))
        .collect();
    let criteria = criteria();
    let mut out = Vec::new();
    for (proposal, reviewers) in &assignment.reviewers {
        for reviewer in reviewers {
            let (shift, spread) = leniency[reviewer.as_str()];
            let scores = criteria
                .iter()
                .map(|c| {
                    let noise = rng.unit() - 0.5;
                    let v = 3.0 + shift + spread * (call.quality[proposal] + noise);
                    (c.id.clone(), v.round().clamp(1.0, 5.0) as u8)
                })
                .collect();
            out.push(Review {
                proposal: proposal.clone(),
                reviewer: reviewer.clone(),
                scores,
            });
        }
    }
    out
}

/// A venue of `rooms` rooms over `days` days of `slots_per_day` slots (alternately 90 and
/// 60 minutes from 09:00), with `sessions` of the call's proposals to place.
pub fn instance(
    call: &Call,
    sessions: &[String],
    rooms: usize,
    days: usize,
    slots_per_day: usize,
    seed: u64,
) -> Instance {
    let mut rng = Rng::new(seed ^ 0x7AB1E);
    let rooms: Vec<Room> = (0..rooms)
        .map(|i| Room {
            id: format!("room{i}"),
            name: format!("Room {}", i + 1),
            capacity: [400, 200, 150, 100, 80, 60][i % 6],
            accessible: i % 3 != 2,
            unavailable: Vec::new(),
        })
        .collect();
    let mut slots = Vec::new();
    for day in 0..days {
        let mut start = 9 * 60;
        for k in 0..slots_per_day {
            let minutes = if k % 2 == 0 { 90 } else { 60 };
            slots.push(Slot {
                id: format!("d{day}s{k}"),
                day,
                start: format!("{:02}:{:02}", start / 60, start % 60),
                minutes,
            });
            start += minutes;
        }
    }
    let by_id: BTreeMap<&str, &Proposal> =
        call.proposals.iter().map(|p| (p.id.as_str(), p)).collect();
    let sessions: Vec<Session> = sessions
        .iter()
        .filter_map(|id| by_id.get(id.as_str()))
        .map(|p| {
            let mut people: Vec<String> = p
                .speakers
                .iter()
                .map(|s| s.person.clone())
                .chain(p.moderator.clone())
                .collect();
            people.sort();
            people.dedup();
            Session {
                id: p.id.clone(),
                title: p.title.clone(),
                theme: p.theme.clone(),
                format: p.format.clone(),
                minutes: if p.format == "workshop" { 90 } else { 60 },
                audience: 30 + rng.below(150) as u32,
                people,
                description: String::new(),
            }
        })
        .collect();
    Instance {
        title: "Synthetic IGF".into(),
        days: (0..days)
            .map(|d| format!("2026-11-{:02}", 10 + d))
            .collect(),
        utc_offset_minutes: 60,
        time_zone: None,
        rooms,
        slots,
        sessions,
        people: call.people.clone(),
        options: Options {
            seed,
            ..Options::default()
        },
    }
}

/// The balance the benchmarks ask of 150 sessions from a [`call`]: 12–25 per theme, 20–40
/// open forums, at most 30 lightning sessions, 2 per organisation, 15 % first-time proposers,
/// and sessions with speakers from every region (40), every stakeholder group (30) and women
/// (120).
pub fn rules() -> SelectionRules {
    let bounds = |min, max| Bounds {
        min,
        max: Some(max),
    };
    let quota = |attribute, value: &str, min_sessions| Quota {
        attribute,
        value: value.into(),
        min_sessions,
    };
    let mut diversity: Vec<Quota> = REGIONS
        .iter()
        .map(|r| quota(Attribute::Region, r, 40))
        .collect();
    diversity.extend(
        GROUPS
            .iter()
            .map(|g| quota(Attribute::StakeholderGroup, g, 30)),
    );
    diversity.push(quota(Attribute::Gender, "female", 120));
    SelectionRules {
        sessions: 150,
        per_theme: THEMES
            .iter()
            .map(|t| (t.to_string(), bounds(12, 25)))
            .collect(),
        per_format: [
            (FORMATS[1].to_string(), bounds(20, 40)),
            (FORMATS[2].to_string(), bounds(0, 30)),
        ]
        .into(),
        max_per_organisation: Some(2),
        min_first_time_share: 0.15,
        diversity,
        pins: Vec::new(),
        excludes: Vec::new(),
    }
}
