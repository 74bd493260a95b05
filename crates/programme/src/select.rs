//! Balanced selection: N sessions with the best normalised scores that the programme's
//! balance rules allow.
//!
//! Every rule is a *group* of candidates with a lower and an upper bound on how many of them
//! are chosen: a theme, a format, an organisation (upper bound only), first-time proposers
//! (lower bound: a share of N) and, for diversity, the sessions with a speaker of a given
//! stakeholder group, region or gender (lower bound). Pins are chosen first and excludes
//! never.
//!
//! The search is greedy then local: (1) while a lower bound is short, take the candidate that
//! shortens the most of them, best score first; (2) fill up to N by score; (3) swap a chosen
//! session for a better unchosen one when the swap breaks no bound and takes no group further
//! below its minimum. Each swap raises the total, so it ends. What still does not hold is
//! reported, constraint by constraint, with whether it is provably impossible (too few
//! candidates, minimums adding to more than N) or only not reached. Every candidate gets the reason it is in or out.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::aggregate::Score;
use crate::model::{Directory, Proposal};

/// A proposal as selection sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: String,
    pub theme: String,
    pub format: String,
    pub organisation: String,
    pub first_time: bool,
    /// The normalised score (higher is better).
    pub score: f64,
    /// (attribute, value) pairs its speakers cover, e.g. (Gender, "female").
    pub covers: BTreeSet<(Attribute, String)>,
}

/// A speaker attribute that diversity quotas count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    StakeholderGroup,
    Region,
    Gender,
}

/// Candidates for the proposals that have a score, their speakers' attributes looked up.
pub fn candidates(proposals: &[Proposal], people: &Directory, scores: &[Score]) -> Vec<Candidate> {
    let scores: BTreeMap<&str, f64> = scores
        .iter()
        .map(|s| (s.proposal.as_str(), s.normalised))
        .collect();
    proposals
        .iter()
        .filter_map(|p| {
            let score = *scores.get(p.id.as_str())?;
            let covers = p
                .speakers
                .iter()
                .filter_map(|s| people.get(&s.person))
                .flat_map(|person| {
                    [
                        (Attribute::StakeholderGroup, &person.stakeholder_group),
                        (Attribute::Region, &person.region),
                        (Attribute::Gender, &person.gender),
                    ]
                    .into_iter()
                    .filter_map(|(a, v)| Some((a, v.clone()?)))
                })
                .collect();
            Some(Candidate {
                id: p.id.clone(),
                theme: p.theme.clone(),
                format: p.format.clone(),
                organisation: p.organisation.clone(),
                first_time: p.first_time,
                score,
                covers,
            })
        })
        .collect()
}

/// How many of a group to choose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bounds {
    #[serde(default)]
    pub min: usize,
    #[serde(default)]
    pub max: Option<usize>,
}

/// A diversity quota: at least `min_sessions` chosen sessions with a speaker whose
/// `attribute` is `value`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quota {
    pub attribute: Attribute,
    pub value: String,
    pub min_sessions: usize,
}

/// What the programme must look like.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SelectionRules {
    pub sessions: usize,
    pub per_theme: BTreeMap<String, Bounds>,
    pub per_format: BTreeMap<String, Bounds>,
    pub max_per_organisation: Option<usize>,
    /// The least share of the N sessions (0–1) from first-time proposers.
    pub min_first_time_share: f64,
    pub diversity: Vec<Quota>,
    pub pins: Vec<String>,
    pub excludes: Vec<String>,
}

/// A balance rule, as reports name it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Constraint {
    Theme { theme: String },
    Format { format: String },
    Organisation { organisation: String },
    FirstTime,
    Diversity { attribute: Attribute, value: String },
}

/// A rule the selection does not meet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Unmet {
    /// Fewer chosen than the minimum.
    BelowMinimum {
        constraint: Constraint,
        min: usize,
        selected: usize,
        /// Candidates in the group, excludes left out.
        candidates: usize,
        /// Why no selection can meet it, when that is certain.
        impossible: Option<String>,
    },
    /// More chosen than the maximum: only pins can cause it.
    AboveMaximum {
        constraint: Constraint,
        max: usize,
        selected: usize,
    },
    /// Fewer than N sessions could be chosen within the maximums.
    TooFewSessions {
        selected: usize,
        requested: usize,
    },
    /// More pins than N.
    TooManyPins {
        pins: usize,
        requested: usize,
    },
    UnknownProposal {
        proposal: String,
        list: String,
    },
    PinnedAndExcluded {
        proposal: String,
    },
}

/// Why a candidate is in or out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    Pinned,
    /// In on score.
    Score {
        rank: usize,
    },
    /// In because a minimum needs it (removing it would break these).
    Quota {
        constraints: Vec<Constraint>,
    },
    Excluded,
    /// Out because adding it would break these maximums.
    AtMaximum {
        constraints: Vec<Constraint>,
    },
    /// Out: it scores above a chosen session, but every swap would break these minimums.
    ProtectedByQuota {
        constraints: Vec<Constraint>,
    },
    /// Out: its score is below the lowest one chosen on score.
    BelowCutoff {
        cutoff: f64,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub proposal: String,
    pub selected: bool,
    pub score: f64,
    #[serde(flatten)]
    pub reason: Reason,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Selection {
    /// Chosen proposal ids, best score first.
    pub selected: Vec<String>,
    /// One per candidate, in candidate order.
    pub decisions: Vec<Decision>,
    pub unmet: Vec<Unmet>,
    pub total_score: f64,
}

/// One rule over a group of candidates.
struct Group {
    constraint: Constraint,
    min: usize,
    max: Option<usize>,
    count: usize,
}

impl Group {
    fn deficit(&self) -> usize {
        self.min.saturating_sub(self.count)
    }
    fn full(&self) -> bool {
        self.max.is_some_and(|m| self.count >= m)
    }
}

/// The groups and each candidate's memberships.
struct Model {
    groups: Vec<Group>,
    member_of: Vec<Vec<usize>>,
}

impl Model {
    fn new(candidates: &[Candidate], rules: &SelectionRules) -> Model {
        let mut index: BTreeMap<Constraint, usize> = BTreeMap::new();
        let mut groups = Vec::new();
        let mut add = |c: Constraint, min: usize, max: Option<usize>| {
            *index.entry(c.clone()).or_insert_with(|| {
                groups.push(Group {
                    constraint: c,
                    min,
                    max,
                    count: 0,
                });
                groups.len() - 1
            })
        };
        for (theme, b) in &rules.per_theme {
            add(
                Constraint::Theme {
                    theme: theme.clone(),
                },
                b.min,
                b.max,
            );
        }
        for (format, b) in &rules.per_format {
            add(
                Constraint::Format {
                    format: format.clone(),
                },
                b.min,
                b.max,
            );
        }
        let first_time_min = (rules.min_first_time_share.clamp(0.0, 1.0) * rules.sessions as f64
            - 1e-9)
            .ceil() as usize;
        if first_time_min > 0 {
            add(Constraint::FirstTime, first_time_min, None);
        }
        for q in &rules.diversity {
            add(
                Constraint::Diversity {
                    attribute: q.attribute,
                    value: q.value.clone(),
                },
                q.min_sessions,
                None,
            );
        }
        if rules.max_per_organisation.is_some() {
            for c in candidates {
                add(
                    Constraint::Organisation {
                        organisation: c.organisation.clone(),
                    },
                    0,
                    rules.max_per_organisation,
                );
            }
        }
        let member_of = candidates
            .iter()
            .map(|c| {
                let mut of: Vec<usize> = [
                    Constraint::Theme {
                        theme: c.theme.clone(),
                    },
                    Constraint::Format {
                        format: c.format.clone(),
                    },
                    Constraint::Organisation {
                        organisation: c.organisation.clone(),
                    },
                ]
                .into_iter()
                .filter_map(|k| index.get(&k).copied())
                .collect();
                if c.first_time {
                    of.extend(index.get(&Constraint::FirstTime));
                }
                of.extend(c.covers.iter().filter_map(|(a, v)| {
                    index.get(&Constraint::Diversity {
                        attribute: *a,
                        value: v.clone(),
                    })
                }));
                of
            })
            .collect();
        Model { groups, member_of }
    }

    fn fits(&self, c: usize) -> bool {
        self.member_of[c].iter().all(|&g| !self.groups[g].full())
    }

    fn shortens(&self, c: usize) -> usize {
        self.member_of[c]
            .iter()
            .filter(|&&g| self.groups[g].deficit() > 0)
            .count()
    }

    fn add(&mut self, c: usize) {
        for &g in &self.member_of[c] {
            self.groups[g].count += 1;
        }
    }

    fn remove(&mut self, c: usize) {
        for &g in &self.member_of[c] {
            self.groups[g].count -= 1;
        }
    }

    /// The groups a swap (out `s`, in `u`) would push out of bounds or further out: maximums
    /// it would exceed, minimums it would lower a group below.
    fn swap_breaks(&self, s: usize, u: usize) -> Vec<usize> {
        let delta = |g: usize| {
            self.member_of[u].contains(&g) as isize - self.member_of[s].contains(&g) as isize
        };
        self.member_of[s]
            .iter()
            .chain(&self.member_of[u])
            .copied()
            .collect::<BTreeSet<usize>>()
            .into_iter()
            .filter(|&g| {
                let group = &self.groups[g];
                let after = group.count as isize + delta(g);
                (group
                    .max
                    .is_some_and(|m| after > m as isize && delta(g) > 0))
                    || (delta(g) < 0 && after < group.min as isize)
            })
            .collect()
    }
}

/// Chooses `rules.sessions` of `candidates`.
pub fn select(candidates: &[Candidate], rules: &SelectionRules) -> Selection {
    let mut model = Model::new(candidates, rules);
    let position: BTreeMap<&str, usize> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut unmet = Vec::new();
    let mut lookup = |ids: &[String], list: &str| -> BTreeSet<usize> {
        ids.iter()
            .filter_map(|id| {
                let found = position.get(id.as_str()).copied();
                if found.is_none() {
                    unmet.push(Unmet::UnknownProposal {
                        proposal: id.clone(),
                        list: list.into(),
                    });
                }
                found
            })
            .collect()
    };
    let pins = lookup(&rules.pins, "pins");
    let excludes = lookup(&rules.excludes, "excludes");
    for &p in pins.intersection(&excludes) {
        unmet.push(Unmet::PinnedAndExcluded {
            proposal: candidates[p].id.clone(),
        });
    }
    if pins.len() > rules.sessions {
        unmet.push(Unmet::TooManyPins {
            pins: pins.len(),
            requested: rules.sessions,
        });
    }
    let mut chosen = vec![false; candidates.len()];
    for &p in &pins {
        chosen[p] = true;
        model.add(p);
    }
    let by_score = best_first(
        candidates,
        (0..candidates.len()).filter(|i| !excludes.contains(i) && !pins.contains(i)),
    );
    let mut count = pins.len();

    // (1) Lower bounds first.
    while count < rules.sessions {
        let best = by_score
            .iter()
            .copied()
            .filter(|&c| !chosen[c] && model.fits(c))
            .map(|c| (model.shortens(c), c))
            .filter(|&(n, _)| n > 0)
            .max_by(|a, b| {
                a.0.cmp(&b.0)
                    .then(candidates[a.1].score.total_cmp(&candidates[b.1].score))
                    .then(b.1.cmp(&a.1))
            });
        let Some((_, c)) = best else { break };
        chosen[c] = true;
        model.add(c);
        count += 1;
    }
    // (2) Then by score.
    for &c in &by_score {
        if count >= rules.sessions {
            break;
        }
        if !chosen[c] && model.fits(c) {
            chosen[c] = true;
            model.add(c);
            count += 1;
        }
    }
    // (3) Better swaps while every bound that holds keeps holding.
    loop {
        let mut swapped = false;
        for &u in &by_score {
            if chosen[u] {
                continue;
            }
            let out = by_score
                .iter()
                .rev()
                .copied()
                .take_while(|&s| candidates[s].score < candidates[u].score)
                .find(|&s| chosen[s] && model.swap_breaks(s, u).is_empty());
            if let Some(s) = out {
                chosen[s] = false;
                model.remove(s);
                chosen[u] = true;
                model.add(u);
                swapped = true;
            }
        }
        if !swapped {
            break;
        }
    }
    if count < rules.sessions {
        unmet.push(Unmet::TooFewSessions {
            selected: count,
            requested: rules.sessions,
        });
    }
    unmet.extend(bound_problems(&model, candidates, &excludes, rules));
    let decisions = explain(&model, candidates, &chosen, &pins, &excludes);
    let selected = best_first(candidates, (0..candidates.len()).filter(|&c| chosen[c]));
    Selection {
        total_score: selected.iter().map(|&c| candidates[c].score).sum(),
        selected: selected.iter().map(|&c| candidates[c].id.clone()).collect(),
        decisions,
        unmet,
    }
}

/// The candidates `of`, best score first, ties in input order.
fn best_first(candidates: &[Candidate], of: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut list: Vec<usize> = of.collect();
    list.sort_by(|&a, &b| {
        candidates[b]
            .score
            .total_cmp(&candidates[a].score)
            .then(a.cmp(&b))
    });
    list
}

/// The bounds the final selection breaks, with a proof of impossibility where there is one.
fn bound_problems(
    model: &Model,
    candidates: &[Candidate],
    excludes: &BTreeSet<usize>,
    rules: &SelectionRules,
) -> Vec<Unmet> {
    let eligible = |g: usize| {
        (0..candidates.len())
            .filter(|c| !excludes.contains(c) && model.member_of[*c].contains(&g))
            .count()
    };
    let partition_min = |theme: bool| -> usize {
        model
            .groups
            .iter()
            .filter(|g| {
                matches!(
                    (&g.constraint, theme),
                    (Constraint::Theme { .. }, true) | (Constraint::Format { .. }, false)
                )
            })
            .map(|g| g.min)
            .sum()
    };
    let mut problems = Vec::new();
    for (g, group) in model.groups.iter().enumerate() {
        if group.count < group.min {
            let available = eligible(g);
            let family_min = match group.constraint {
                Constraint::Theme { .. } => Some(("themes", partition_min(true))),
                Constraint::Format { .. } => Some(("formats", partition_min(false))),
                _ => None,
            };
            let impossible = if available < group.min {
                Some(format!("only {available} candidates qualify"))
            } else if group.min > rules.sessions {
                Some(format!(
                    "the minimum exceeds the {} sessions",
                    rules.sessions
                ))
            } else {
                family_min
                    .filter(|&(_, sum)| sum > rules.sessions)
                    .map(|(family, sum)| {
                        format!(
                            "the minimums of all {family} add up to {sum}, more than {} sessions",
                            rules.sessions
                        )
                    })
            };
            problems.push(Unmet::BelowMinimum {
                constraint: group.constraint.clone(),
                min: group.min,
                selected: group.count,
                candidates: available,
                impossible,
            });
        }
        if let Some(max) = group.max.filter(|&m| group.count > m) {
            problems.push(Unmet::AboveMaximum {
                constraint: group.constraint.clone(),
                max,
                selected: group.count,
            });
        }
    }
    problems
}

/// The reason for every candidate's place.
fn explain(
    model: &Model,
    candidates: &[Candidate],
    chosen: &[bool],
    pins: &BTreeSet<usize>,
    excludes: &BTreeSet<usize>,
) -> Vec<Decision> {
    let named = |groups: Vec<usize>| {
        groups
            .into_iter()
            .map(|g| model.groups[g].constraint.clone())
            .collect::<Vec<_>>()
    };
    let on_score = best_first(
        candidates,
        (0..candidates.len()).filter(|&c| chosen[c] && !pins.contains(&c)),
    );
    let best_out = (0..candidates.len())
        .filter(|&c| !chosen[c] && !excludes.contains(&c))
        .map(|c| candidates[c].score)
        .fold(f64::NEG_INFINITY, f64::max);
    // The lowest score chosen on merit: anything scoring at or below it is simply out-scored.
    let cutoff = on_score
        .last()
        .map_or(f64::INFINITY, |&c| candidates[c].score);
    candidates
        .iter()
        .enumerate()
        .map(|(c, candidate)| {
            let reason = if pins.contains(&c) {
                Reason::Pinned
            } else if excludes.contains(&c) {
                Reason::Excluded
            } else if chosen[c] {
                let needed: Vec<usize> = model.member_of[c]
                    .iter()
                    .copied()
                    .filter(|&g| {
                        model.groups[g].count <= model.groups[g].min && model.groups[g].min > 0
                    })
                    .collect();
                if candidate.score < best_out && !needed.is_empty() {
                    Reason::Quota {
                        constraints: named(needed),
                    }
                } else {
                    Reason::Score {
                        rank: on_score.iter().position(|&x| x == c).unwrap_or(0) + 1,
                    }
                }
            } else {
                let full: Vec<usize> = model.member_of[c]
                    .iter()
                    .copied()
                    .filter(|&g| model.groups[g].full())
                    .collect();
                if !full.is_empty() {
                    Reason::AtMaximum {
                        constraints: named(full),
                    }
                } else if candidate.score > cutoff {
                    let protected: BTreeSet<usize> = on_score
                        .iter()
                        .filter(|&&s| candidates[s].score < candidate.score)
                        .flat_map(|&s| model.swap_breaks(s, c))
                        .collect();
                    Reason::ProtectedByQuota {
                        constraints: named(protected.into_iter().collect()),
                    }
                } else {
                    Reason::BelowCutoff { cutoff }
                }
            };
            Decision {
                proposal: candidate.id.clone(),
                selected: chosen[c],
                score: candidate.score,
                reason,
            }
        })
        .collect()
}
