//! The people and proposals every stage reads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A person named in a proposal: a speaker, a moderator or an organiser.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// The organisation they belong to; reviewers from it are in conflict.
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub stakeholder_group: Option<String>,
    /// UN M49 region.
    #[serde(default)]
    pub region: Option<String>,
    /// Self-declared; `None` when not given, which counts towards no gender.
    #[serde(default)]
    pub gender: Option<String>,
    /// Takes part from elsewhere, so the hour of a session in their time zone matters.
    #[serde(default)]
    pub remote: bool,
    /// Their time zone as an offset from UTC, in minutes.
    #[serde(default)]
    pub utc_offset_minutes: i32,
    /// Needs a step-free, accessible room.
    #[serde(default)]
    pub accessibility_needs: bool,
}

/// People by id. A `BTreeMap` so that every walk over it is in one order.
pub type Directory = BTreeMap<String, Person>;

/// Builds a [`Directory`] from a list; a later entry with the same id replaces an earlier one.
pub fn directory(people: impl IntoIterator<Item = Person>) -> Directory {
    people.into_iter().map(|p| (p.id.clone(), p)).collect()
}

/// A speaker listed on a proposal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub person: String,
    /// Has confirmed they will speak (the IGF counts only these).
    #[serde(default)]
    pub confirmed: bool,
}

/// A session proposal as the call for proposals receives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// The person who submitted it.
    pub organiser: String,
    /// The organisation that submits it.
    pub organisation: String,
    pub theme: String,
    /// Workshop, open forum, lightning talk…
    pub format: String,
    pub speakers: Vec<Speaker>,
    #[serde(default)]
    pub moderator: Option<String>,
    /// The organisation has never proposed a session before.
    #[serde(default)]
    pub first_time: bool,
}

impl Proposal {
    /// The ids of the confirmed speakers.
    pub fn confirmed_speakers(&self) -> impl Iterator<Item = &str> {
        self.speakers
            .iter()
            .filter(|s| s.confirmed)
            .map(|s| s.person.as_str())
    }
}
