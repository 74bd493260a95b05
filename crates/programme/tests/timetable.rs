//! Timetables: no produced timetable breaks a hard constraint (checked here independently
//! of `check`), `check` finds every kind of conflict, and the solver lowers soft costs.

use agora_programme::{
    Hard, Indexed, Instance, Options, Person, Placement, Room, Session, Slot, Soft, check, solve,
    synthetic,
};
use proptest::prelude::*;

/// The hard constraints, written out again without the crate's index.
fn hard_violations(inst: &Instance, placements: &[Placement]) -> Vec<String> {
    let mut found = Vec::new();
    let time = |s: &Slot| {
        let (h, m) = s.start.split_once(':').unwrap();
        let start =
            s.day as i64 * 1440 + h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap();
        (start, start + s.minutes as i64)
    };
    let resolved: Vec<(&Session, &Room, &Slot)> = placements
        .iter()
        .map(|p| {
            (
                inst.sessions.iter().find(|s| s.id == p.session).unwrap(),
                inst.rooms.iter().find(|r| r.id == p.room).unwrap(),
                inst.slots.iter().find(|s| s.id == p.slot).unwrap(),
            )
        })
        .collect();
    for (i, (session, room, slot)) in resolved.iter().enumerate() {
        if session.minutes > slot.minutes {
            found.push(format!("{} too long for {}", session.id, slot.id));
        }
        if session.audience > room.capacity {
            found.push(format!("{} too big for {}", session.id, room.id));
        }
        if room.unavailable.contains(&slot.id) {
            found.push(format!("{} unavailable at {}", room.id, slot.id));
        }
        let needs = session.people.iter().any(|p| {
            inst.people
                .iter()
                .any(|x| &x.id == p && x.accessibility_needs)
        });
        if needs && !room.accessible {
            found.push(format!("{} not accessible for {}", room.id, session.id));
        }
        for (other, room2, slot2) in &resolved[i + 1..] {
            let ((a0, a1), (b0, b1)) = (time(slot), time(slot2));
            let overlap = a0 < b1 && b0 < a1;
            if room.id == room2.id && overlap {
                found.push(format!("{} and {} share {}", session.id, other.id, room.id));
            }
            if overlap && session.people.iter().any(|p| other.people.contains(p)) {
                found.push(format!("{} and {} share a person", session.id, other.id));
            }
            if session.id == other.id {
                found.push(format!("{} placed twice", session.id));
            }
        }
    }
    found
}

fn arb_instance() -> impl Strategy<Value = Instance> {
    (
        0u64..1000,
        1usize..40,
        1usize..6,
        1usize..3,
        1usize..6,
        prop::collection::vec((0usize..6, 0usize..12), 0..10),
    )
        .prop_map(|(seed, sessions, rooms, days, slots, closed)| {
            let call = synthetic::call(seed, 60, 1);
            let ids: Vec<String> = call
                .proposals
                .iter()
                .take(sessions)
                .map(|p| p.id.clone())
                .collect();
            let mut inst = synthetic::instance(&call, &ids, rooms, days, slots, seed);
            for (r, s) in closed {
                let slot = inst.slots[s % inst.slots.len()].id.clone();
                inst.rooms[r % rooms].unavailable.push(slot);
            }
            inst.options.iterations = 3_000;
            inst
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]
    #[test]
    fn no_produced_timetable_breaks_a_hard_constraint(inst in arb_instance()) {
        let t = solve(&inst).unwrap();
        prop_assert_eq!(hard_violations(&inst, &t.placements), Vec::<String>::new());
        // Only sessions with no place at all are left out, and check says which.
        let placed = t.placements.len();
        let unscheduled = t.report.hard.iter().filter(|h| matches!(h, Hard::Unscheduled { .. })).count();
        prop_assert_eq!(placed + unscheduled, inst.sessions.len());
        prop_assert_eq!(t.report.hard.len(), unscheduled);
        if inst.sessions.len() * 3 <= inst.rooms.len() * inst.slots.len() {
            // Plenty of room: a session is left out only when no room can hold it at all.
            let ix = Indexed::new(&inst).unwrap();
            for h in &t.report.hard {
                let Hard::Unscheduled { session } = h else { unreachable!() };
                let x = ix.session_of[session.as_str()];
                let anywhere = (0..inst.rooms.len()).any(|r| (0..inst.slots.len()).any(|s| ix.fits(x, r, s)));
                prop_assert!(!anywhere || !ix.people[x].is_empty(), "{} left out with free usable rooms", session);
            }
        }
    }
}

fn person(id: &str) -> Person {
    Person {
        id: id.into(),
        ..Person::default()
    }
}

fn session(id: &str, theme: &str, minutes: u32, audience: u32, people: &[&str]) -> Session {
    Session {
        id: id.into(),
        title: format!("Session {id}"),
        theme: theme.into(),
        format: "workshop".into(),
        minutes,
        audience,
        people: people.iter().map(|p| p.to_string()).collect(),
        description: String::new(),
    }
}

/// Two rooms (one small and not accessible), one day, three slots.
fn small() -> Instance {
    Instance {
        title: "Test".into(),
        days: vec!["2026-11-10".into()],
        utc_offset_minutes: 60,
        time_zone: None,
        rooms: vec![
            Room {
                id: "big".into(),
                name: "Big & Main".into(),
                capacity: 300,
                accessible: true,
                unavailable: vec!["s3".into()],
            },
            Room {
                id: "small".into(),
                name: String::new(),
                capacity: 40,
                accessible: false,
                unavailable: vec![],
            },
        ],
        slots: vec![
            Slot {
                id: "s1".into(),
                day: 0,
                start: "09:00".into(),
                minutes: 90,
            },
            Slot {
                id: "s2".into(),
                day: 0,
                start: "11:00".into(),
                minutes: 60,
            },
            Slot {
                id: "s3".into(),
                day: 0,
                start: "15:00".into(),
                minutes: 90,
            },
        ],
        sessions: vec![
            session("a", "security", 90, 200, &["ana", "bo"]),
            session("b", "security", 60, 30, &["bo"]),
            session("c", "access", 60, 30, &["cy"]),
        ],
        people: vec![person("ana"), person("bo"), person("cy")],
        options: Options::default(),
    }
}

fn at(session: &str, room: &str, slot: &str) -> Placement {
    Placement {
        session: session.into(),
        room: room.into(),
        slot: slot.into(),
    }
}

#[test]
fn check_names_every_hard_conflict() {
    let mut inst = small();
    inst.people[2].accessibility_needs = true;
    let ix = Indexed::new(&inst).unwrap();
    let report = check(
        &ix,
        &[
            at("a", "small", "s2"),
            at("b", "small", "s2"),
            at("c", "small", "s1"),
            at("c", "big", "s1"),
            at("x", "big", "s9"),
        ],
    );
    let has = |h: Hard| {
        assert!(
            report.hard.contains(&h),
            "missing {h:?} in {:#?}",
            report.hard
        )
    };
    has(Hard::TooLong {
        session: "a".into(),
        slot: "s2".into(),
        minutes: 90,
        slot_minutes: 60,
    });
    has(Hard::OverCapacity {
        session: "a".into(),
        room: "small".into(),
        audience: 200,
        capacity: 40,
    });
    has(Hard::RoomDoubleBooked {
        room: "small".into(),
        slot: "s2".into(),
        sessions: vec!["a".into(), "b".into()],
    });
    has(Hard::PersonDoubleBooked {
        person: "bo".into(),
        sessions: vec!["a".into(), "b".into()],
    });
    has(Hard::NotAccessible {
        session: "c".into(),
        room: "small".into(),
    });
    has(Hard::PlacedTwice {
        session: "c".into(),
    });
    has(Hard::UnknownSession {
        index: 4,
        session: "x".into(),
    });
    has(Hard::UnknownSlot {
        index: 4,
        slot: "s9".into(),
    });
    let report = check(&ix, &[at("a", "big", "s3")]);
    assert!(report.hard.contains(&Hard::RoomUnavailable {
        session: "a".into(),
        room: "big".into(),
        slot: "s3".into()
    }));
    assert!(report.hard.contains(&Hard::Unscheduled {
        session: "b".into()
    }));
}

#[test]
fn check_prices_soft_conflicts() {
    let mut inst = small();
    inst.sessions[1].people = vec!["cy".into()];
    inst.sessions[2].people = vec!["ana".into()];
    inst.people[1] = Person {
        id: "bo".into(),
        remote: true,
        utc_offset_minutes: -300,
        ..Person::default()
    };
    let ix = Indexed::new(&inst).unwrap();
    // a (security, with remote bo at 03:00 his time) and b (security) at once.
    let report = check(
        &ix,
        &[
            at("a", "big", "s1"),
            at("b", "small", "s1"),
            at("c", "small", "s2"),
        ],
    );
    assert!(report.hard.is_empty(), "{:?}", report.hard);
    assert!(report.soft.contains(&Soft::ThemeClash {
        theme: "security".into(),
        sessions: vec!["a".into(), "b".into()]
    }));
    assert!(report.soft.contains(&Soft::RemoteHour {
        person: "bo".into(),
        session: "a".into(),
        local_start: "03:00".into()
    }));
    assert_eq!(
        (
            report.costs.theme_clash,
            report.costs.remote_hours,
            report.costs.theme_spread
        ),
        (1, 1, 0)
    );
    assert_eq!(report.costs.total, 2.0);
}

#[test]
fn theme_spread_counts_sessions_beyond_a_fair_share_per_day() {
    let mut inst = small();
    inst.days.push("2026-11-11".into());
    inst.sessions[2].theme = "security".into();
    inst.sessions[2].people = vec!["cy".into()];
    let ix = Indexed::new(&inst).unwrap();
    // Three security sessions on one of two days: the fair share is two.
    let report = check(
        &ix,
        &[
            at("a", "big", "s1"),
            at("b", "small", "s2"),
            at("c", "big", "s2"),
        ],
    );
    assert!(report.soft.contains(&Soft::ThemeCrowded {
        theme: "security".into(),
        day: "2026-11-10".into(),
        sessions: 3,
        cap: 2
    }));
    assert_eq!(report.costs.theme_spread, 1);
}

#[test]
fn the_solver_places_everything_it_can_and_avoids_soft_costs() {
    let mut inst = small();
    inst.people[1] = Person {
        id: "bo".into(),
        remote: true,
        utc_offset_minutes: 540,
        ..Person::default()
    };
    // bo is in Tokyo: 09:00 in the venue (UTC+1) is 17:00 for him, 15:00 is 23:00.
    let t = solve(&inst).unwrap();
    assert!(t.report.hard.is_empty(), "{:?}", t.report.hard);
    assert_eq!(t.report.costs.total, 0.0, "{:?}", t.report.soft);
    let slot_of = |s: &str| {
        t.placements
            .iter()
            .find(|p| p.session == s)
            .unwrap()
            .slot
            .clone()
    };
    assert_eq!(slot_of("a"), "s1");
    assert_ne!(slot_of("b"), "s1");
}

#[test]
fn a_session_no_room_can_hold_is_reported_unscheduled() {
    let mut inst = small();
    inst.sessions[2].audience = 1000;
    let t = solve(&inst).unwrap();
    assert_eq!(
        t.report.hard,
        vec![Hard::Unscheduled {
            session: "c".into()
        }]
    );
}

#[test]
fn bad_input_names_the_field() {
    let mut inst = small();
    inst.sessions[1].people.push("ghost".into());
    assert_eq!(
        solve(&inst).unwrap_err().to_string(),
        "sessions[1].people[1]: unknown person \"ghost\""
    );
    let mut inst = small();
    inst.slots[2].start = "25:00".into();
    assert_eq!(
        solve(&inst).unwrap_err().to_string(),
        "slots[2].start: \"25:00\" is not a time HH:MM"
    );
    let mut inst = small();
    inst.rooms[1].id = "big".into();
    assert_eq!(
        solve(&inst).unwrap_err().to_string(),
        "rooms[1].id: duplicate id \"big\""
    );
    let mut inst = small();
    inst.slots[0].day = 3;
    assert_eq!(
        solve(&inst).unwrap_err().to_string(),
        "slots[0].day: day 3 but only 1 days are listed"
    );
}

#[test]
fn the_same_seed_gives_the_same_timetable() {
    let call = synthetic::call(4, 100, 5);
    let ids: Vec<String> = call
        .proposals
        .iter()
        .take(40)
        .map(|p| p.id.clone())
        .collect();
    let mut inst = synthetic::instance(&call, &ids, 4, 2, 6, 4);
    inst.options.iterations = 5_000;
    assert_eq!(solve(&inst).unwrap(), solve(&inst).unwrap());
}

#[test]
fn an_instance_without_sessions_or_rooms_gives_an_empty_or_unscheduled_timetable() {
    let mut inst = small();
    inst.sessions.clear();
    let t = solve(&inst).unwrap();
    assert!(t.placements.is_empty() && t.report.hard.is_empty());
    let mut inst = small();
    inst.rooms.clear();
    let t = solve(&inst).unwrap();
    assert_eq!(t.report.hard.len(), 3);
    assert!(
        t.report
            .hard
            .iter()
            .all(|h| matches!(h, Hard::Unscheduled { .. }))
    );
}
