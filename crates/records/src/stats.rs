//! Meeting statistics: who had the floor, and how much, counted by person, stakeholder group,
//! gender and place (in the room or remote). A meeting's record is asked these questions
//! (did the panel speak over the floor? did remote participants get heard?), so the answer
//! must add up: speech nobody identified is a row of its own in every table, never dropped,
//! and every table's rows sum to the same totals.
//!
//! Gender is counted only in aggregate: the per-person table does not carry it. A speaker
//! without a declared gender counts as "not declared", never as a guess.

use serde::Serialize;

/// Who a speaker is, as far as the statistics need to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker<'a> {
    pub group: &'a str,
    /// Self-declared; `None` when not declared.
    pub gender: Option<&'a str>,
    pub remote: bool,
}

/// One turn: its speaker (an index into the speakers given to [`statistics`]; `None` when
/// nobody identified them), its words, and how long it lasted when the transcript says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spoken {
    pub speaker: Option<usize>,
    pub words: u64,
    pub millis: Option<u64>,
}

/// Whom a row counts: someone (a speaker's index, a group, a gender, a place) or the speakers
/// nobody identified.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum Who<K> {
    Known(K),
    Unidentified,
}

/// One row of a table: turns, words and milliseconds of speech.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Share<K> {
    pub who: Who<K>,
    pub turns: u64,
    pub words: u64,
    pub millis: u64,
}

/// Every table of a meeting's statistics. Rows are ordered by words, most first (then by
/// key), with the unidentified row last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Statistics {
    pub turns: u64,
    pub words: u64,
    pub millis: u64,
    /// Whether every turn has a duration, so that time can be shown beside words.
    pub timed: bool,
    /// By speaker index.
    pub people: Vec<Share<usize>>,
    /// By stakeholder group code.
    pub groups: Vec<Share<String>>,
    /// By declared gender; `None` is "not declared".
    pub genders: Vec<Share<Option<String>>>,
    /// By place: `true` for remote, `false` for in the room.
    pub remote: Vec<Share<bool>>,
}

/// Counts `turns` by the `speakers` they name. A turn naming an index outside `speakers`
/// counts as unidentified (the caller's mapping lost it; it is still speech).
pub fn statistics(speakers: &[Speaker<'_>], turns: &[Spoken]) -> Statistics {
    let mut people = Table::default();
    let mut groups = Table::default();
    let mut genders = Table::default();
    let mut remote = Table::default();
    for turn in turns {
        let speaker = turn.speaker.and_then(|i| speakers.get(i).map(|s| (i, s)));
        match speaker {
            Some((index, s)) => {
                people.add(Who::Known(index), turn);
                groups.add(Who::Known(s.group.to_owned()), turn);
                genders.add(Who::Known(s.gender.map(str::to_owned)), turn);
                remote.add(Who::Known(s.remote), turn);
            }
            None => {
                people.add(Who::Unidentified, turn);
                groups.add(Who::Unidentified, turn);
                genders.add(Who::Unidentified, turn);
                remote.add(Who::Unidentified, turn);
            }
        }
    }
    Statistics {
        turns: turns.len() as u64,
        words: turns.iter().map(|t| t.words).sum(),
        millis: turns.iter().filter_map(|t| t.millis).sum(),
        timed: !turns.is_empty() && turns.iter().all(|t| t.millis.is_some()),
        people: people.rows(),
        groups: groups.rows(),
        genders: genders.rows(),
        remote: remote.rows(),
    }
}

/// Rows being summed, in order of first appearance until [`Table::rows`] sorts them.
struct Table<K>(Vec<Share<K>>);

impl<K> Default for Table<K> {
    fn default() -> Self {
        Table(Vec::new())
    }
}

impl<K: Ord + Clone> Table<K> {
    fn add(&mut self, who: Who<K>, turn: &Spoken) {
        let row = match self.0.iter().position(|r| r.who == who) {
            Some(i) => &mut self.0[i],
            None => {
                self.0.push(Share {
                    who,
                    turns: 0,
                    words: 0,
                    millis: 0,
                });
                self.0.last_mut().expect("just pushed")
            }
        };
        row.turns += 1;
        row.words += turn.words;
        row.millis += turn.millis.unwrap_or(0);
    }

    fn rows(mut self) -> Vec<Share<K>> {
        self.0.sort_by(|a, b| {
            let unidentified = |r: &Share<K>| r.who == Who::Unidentified;
            unidentified(a)
                .cmp(&unidentified(b))
                .then(b.words.cmp(&a.words))
                .then(a.who.cmp(&b.who))
        });
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spoken(speaker: Option<usize>, words: u64, millis: Option<u64>) -> Spoken {
        Spoken {
            speaker,
            words,
            millis,
        }
    }

    fn speakers() -> Vec<Speaker<'static>> {
        vec![
            // Peter Major, the moderator.
            Speaker {
                group: "government",
                gender: None,
                remote: false,
            },
            // Joy Liddicoat.
            Speaker {
                group: "civil-society",
                gender: Some("woman"),
                remote: false,
            },
            // Janis Karklins, remote.
            Speaker {
                group: "government",
                gender: Some("man"),
                remote: true,
            },
        ]
    }

    #[test]
    fn every_table_adds_up_and_unidentified_speech_is_its_own_last_row() {
        let turns = [
            spoken(Some(0), 100, None),
            spoken(Some(1), 300, None),
            spoken(None, 50, None),
            spoken(Some(0), 20, None),
            spoken(Some(2), 10, None),
            spoken(None, 500, None),
        ];
        let s = statistics(&speakers(), &turns);
        assert_eq!((s.turns, s.words, s.timed), (6, 980, false));
        let people: Vec<(Who<usize>, u64, u64)> = s
            .people
            .iter()
            .map(|r| (r.who.clone(), r.turns, r.words))
            .collect();
        assert_eq!(
            people,
            [
                (Who::Known(1), 1, 300),
                (Who::Known(0), 2, 120),
                (Who::Known(2), 1, 10),
                (Who::Unidentified, 2, 550),
            ],
            "by words, most first; the unidentified last however much they said"
        );
        let groups: Vec<(Who<String>, u64)> =
            s.groups.iter().map(|r| (r.who.clone(), r.words)).collect();
        assert_eq!(
            groups,
            [
                (Who::Known("civil-society".to_owned()), 300),
                (Who::Known("government".to_owned()), 130),
                (Who::Unidentified, 550),
            ]
        );
        let genders: Vec<(Who<Option<String>>, u64)> =
            s.genders.iter().map(|r| (r.who.clone(), r.words)).collect();
        assert_eq!(
            genders,
            [
                (Who::Known(Some("woman".to_owned())), 300),
                (Who::Known(None), 120),
                (Who::Known(Some("man".to_owned())), 10),
                (Who::Unidentified, 550),
            ]
        );
        let remote: Vec<(Who<bool>, u64, u64)> = s
            .remote
            .iter()
            .map(|r| (r.who.clone(), r.turns, r.words))
            .collect();
        assert_eq!(
            remote,
            [
                (Who::Known(false), 3, 420),
                (Who::Known(true), 1, 10),
                (Who::Unidentified, 2, 550)
            ]
        );
        for table in [
            s.people
                .iter()
                .map(|r| (r.turns, r.words))
                .collect::<Vec<_>>(),
            s.groups.iter().map(|r| (r.turns, r.words)).collect(),
            s.genders.iter().map(|r| (r.turns, r.words)).collect(),
            s.remote.iter().map(|r| (r.turns, r.words)).collect(),
        ] {
            let sum = table
                .iter()
                .fold((0, 0), |(t, w), (rt, rw)| (t + rt, w + rw));
            assert_eq!(sum, (s.turns, s.words));
        }
    }

    #[test]
    fn time_counts_only_when_every_turn_has_it() {
        let timed = [
            spoken(Some(0), 10, Some(4_000)),
            spoken(None, 5, Some(1_500)),
        ];
        let s = statistics(&speakers(), &timed);
        assert!(s.timed);
        assert_eq!(s.millis, 5_500);
        assert_eq!(s.people[0].millis, 4_000);
        assert_eq!(s.people[1].who, Who::Unidentified);
        assert_eq!(s.people[1].millis, 1_500);
        let partly = [spoken(Some(0), 10, Some(4_000)), spoken(Some(1), 5, None)];
        assert!(!statistics(&speakers(), &partly).timed);
    }

    #[test]
    fn nothing_to_count_and_lost_speakers() {
        let s = statistics(&speakers(), &[]);
        assert_eq!((s.turns, s.words, s.timed), (0, 0, false));
        assert!(s.people.is_empty() && s.groups.is_empty());
        let lost = statistics(&[], &[spoken(Some(7), 12, None)]);
        assert_eq!(lost.people[0].who, Who::Unidentified);
        assert_eq!(lost.people[0].words, 12);
    }
}
