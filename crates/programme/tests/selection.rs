//! Balanced selection: every constraint is met or reported, pins and excludes are obeyed,
//! and every candidate gets a reason.

use std::collections::{BTreeMap, BTreeSet};

use agora_programme::select::{Attribute, Bounds, Constraint, Quota, Reason, Unmet};
use agora_programme::{Candidate, SelectionRules, select};
use proptest::prelude::*;

fn candidate(
    i: usize,
    theme: usize,
    format: usize,
    org: usize,
    first: bool,
    score: f64,
    genders: &[&str],
) -> Candidate {
    Candidate {
        id: format!("c{i}"),
        theme: format!("t{theme}"),
        format: format!("f{format}"),
        organisation: format!("o{org}"),
        first_time: first,
        score,
        covers: genders
            .iter()
            .map(|g| (Attribute::Gender, g.to_string()))
            .collect(),
    }
}

fn arb_candidates() -> impl Strategy<Value = Vec<Candidate>> {
    prop::collection::vec(
        (
            0usize..4,
            0usize..3,
            0usize..8,
            any::<bool>(),
            -3.0f64..3.0,
            0usize..3,
        ),
        0..40,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (t, f, o, first, s, g))| {
                candidate(i, t, f, o, first, s, &[["female"], ["male"], ["nb"]][g])
            })
            .collect()
    })
}

fn arb_rules() -> impl Strategy<Value = (SelectionRules, Vec<usize>, Vec<usize>)> {
    let bounds =
        (0usize..6, prop::option::of(0usize..10)).prop_map(|(min, max)| Bounds { min, max });
    (
        0usize..20,
        prop::collection::vec(bounds.clone(), 4),
        prop::collection::vec(bounds, 3),
        prop::option::of(1usize..4),
        0.0f64..0.6,
        0usize..8,
        prop::collection::vec(0usize..40, 0..4),
        prop::collection::vec(0usize..40, 0..4),
    )
        .prop_map(|(n, themes, formats, org, share, female, pins, excludes)| {
            let rules = SelectionRules {
                sessions: n,
                per_theme: themes
                    .into_iter()
                    .enumerate()
                    .map(|(i, b)| (format!("t{i}"), b))
                    .collect(),
                per_format: formats
                    .into_iter()
                    .enumerate()
                    .map(|(i, b)| (format!("f{i}"), b))
                    .collect(),
                max_per_organisation: org,
                min_first_time_share: share,
                diversity: vec![Quota {
                    attribute: Attribute::Gender,
                    value: "female".into(),
                    min_sessions: female,
                }],
                pins: Vec::new(),
                excludes: Vec::new(),
            };
            (rules, pins, excludes)
        })
}

/// How many chosen candidates each constraint counts.
fn counts(candidates: &[Candidate], chosen: &BTreeSet<&str>) -> BTreeMap<Constraint, usize> {
    let mut counts = BTreeMap::new();
    for c in candidates.iter().filter(|c| chosen.contains(c.id.as_str())) {
        let mut of = vec![
            Constraint::Theme {
                theme: c.theme.clone(),
            },
            Constraint::Format {
                format: c.format.clone(),
            },
            Constraint::Organisation {
                organisation: c.organisation.clone(),
            },
        ];
        if c.first_time {
            of.push(Constraint::FirstTime);
        }
        of.extend(c.covers.iter().map(|(a, v)| Constraint::Diversity {
            attribute: *a,
            value: v.clone(),
        }));
        for k in of {
            *counts.entry(k).or_default() += 1;
        }
    }
    counts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn every_constraint_is_met_or_reported(candidates in arb_candidates(), (mut rules, pins, excludes) in arb_rules()) {
        let id = |i: &usize| candidates.get(*i).map_or(format!("missing{i}"), |c| c.id.clone());
        rules.pins = pins.iter().map(id).collect();
        rules.excludes = excludes.iter().map(id).filter(|e| !rules.pins.contains(e)).collect();
        let s = select(&candidates, &rules);
        let chosen: BTreeSet<&str> = s.selected.iter().map(String::as_str).collect();
        let counts = counts(&candidates, &chosen);
        let below: BTreeSet<&Constraint> = s.unmet.iter().filter_map(|u| match u { Unmet::BelowMinimum { constraint, .. } => Some(constraint), _ => None }).collect();
        let above: BTreeSet<&Constraint> = s.unmet.iter().filter_map(|u| match u { Unmet::AboveMaximum { constraint, .. } => Some(constraint), _ => None }).collect();
        let known_pins: BTreeSet<&str> = rules.pins.iter().map(String::as_str).filter(|p| candidates.iter().any(|c| c.id == *p)).collect();

        // The number of sessions.
        if chosen.len() != rules.sessions {
            let reported = s.unmet.iter().any(|u| matches!(u, Unmet::TooFewSessions { .. } | Unmet::TooManyPins { .. }));
            prop_assert!(reported, "{} chosen of {} unreported", chosen.len(), rules.sessions);
        }
        // Pins in, excludes out, unknown ids reported.
        prop_assert!(known_pins.iter().all(|p| chosen.contains(p)));
        prop_assert!(rules.excludes.iter().all(|e| !chosen.contains(e.as_str())));
        for p in rules.pins.iter().chain(&rules.excludes).filter(|p| !candidates.iter().any(|c| &c.id == *p)) {
            let unknown_reported = s.unmet.iter().any(|u| matches!(u, Unmet::UnknownProposal { proposal, .. } if proposal == p));
            prop_assert!(unknown_reported);
        }
        // Every bound, met or reported; a maximum broken only by pins.
        let mut bounds: Vec<(Constraint, usize, Option<usize>)> = Vec::new();
        bounds.extend(rules.per_theme.iter().map(|(t, b)| (Constraint::Theme { theme: t.clone() }, b.min, b.max)));
        bounds.extend(rules.per_format.iter().map(|(f, b)| (Constraint::Format { format: f.clone() }, b.min, b.max)));
        bounds.extend(rules.diversity.iter().map(|q| (Constraint::Diversity { attribute: q.attribute, value: q.value.clone() }, q.min_sessions, None)));
        bounds.push((Constraint::FirstTime, (rules.min_first_time_share * rules.sessions as f64 - 1e-9).ceil() as usize, None));
        for c in &candidates {
            bounds.push((Constraint::Organisation { organisation: c.organisation.clone() }, 0, rules.max_per_organisation));
        }
        for (constraint, min, max) in bounds {
            let n = counts.get(&constraint).copied().unwrap_or(0);
            prop_assert!(n >= min || below.contains(&constraint), "{constraint:?}: {n} < {min} unreported");
            if let Some(max) = max.filter(|&m| n > m) {
                prop_assert!(above.contains(&constraint), "{constraint:?}: {n} > {max} unreported");
                let pinned = candidates.iter().filter(|c| known_pins.contains(c.id.as_str())).filter(|c| counts_for(c, &constraint)).count();
                prop_assert!(pinned > max, "{constraint:?} exceeded without pins forcing it");
            }
        }
        // Reasons for all, consistent with the choice.
        prop_assert_eq!(s.decisions.len(), candidates.len());
        for d in &s.decisions {
            prop_assert_eq!(d.selected, chosen.contains(d.proposal.as_str()));
            let in_reason = matches!(d.reason, Reason::Pinned | Reason::Score { .. } | Reason::Quota { .. });
            prop_assert_eq!(in_reason, d.selected);
        }
    }
}

fn counts_for(c: &Candidate, constraint: &Constraint) -> bool {
    match constraint {
        Constraint::Theme { theme } => &c.theme == theme,
        Constraint::Format { format } => &c.format == format,
        Constraint::Organisation { organisation } => &c.organisation == organisation,
        Constraint::FirstTime => c.first_time,
        Constraint::Diversity { attribute, value } => {
            c.covers.contains(&(*attribute, value.clone()))
        }
    }
}

#[test]
fn without_rules_the_best_scores_win() {
    let candidates: Vec<Candidate> = (0..10)
        .map(|i| candidate(i, 0, 0, i, false, i as f64, &["female"]))
        .collect();
    let s = select(
        &candidates,
        &SelectionRules {
            sessions: 3,
            ..Default::default()
        },
    );
    assert_eq!(s.selected, ["c9", "c8", "c7"]);
    assert!(s.unmet.is_empty());
    assert_eq!(s.decisions[6].reason, Reason::BelowCutoff { cutoff: 7.0 });
    assert_eq!(s.decisions[9].reason, Reason::Score { rank: 1 });
}

#[test]
fn a_theme_minimum_brings_in_a_lower_score_and_says_so() {
    let mut candidates: Vec<Candidate> = (0..6)
        .map(|i| candidate(i, 0, 0, i, false, 10.0 + i as f64, &["female"]))
        .collect();
    candidates.push(candidate(6, 1, 0, 6, false, 0.0, &["female"]));
    let rules = SelectionRules {
        sessions: 3,
        per_theme: BTreeMap::from([("t1".into(), Bounds { min: 1, max: None })]),
        ..Default::default()
    };
    let s = select(&candidates, &rules);
    assert_eq!(s.selected, ["c5", "c4", "c6"]);
    assert_eq!(
        s.decisions[6].reason,
        Reason::Quota {
            constraints: vec![Constraint::Theme { theme: "t1".into() }]
        }
    );
    assert_eq!(
        s.decisions[3].reason,
        Reason::ProtectedByQuota {
            constraints: vec![Constraint::Theme { theme: "t1".into() }]
        }
    );
}

#[test]
fn an_organisation_cap_and_a_theme_maximum_keep_good_proposals_out() {
    let candidates = vec![
        candidate(0, 0, 0, 0, false, 9.0, &[]),
        candidate(1, 0, 0, 0, false, 8.0, &[]),
        candidate(2, 1, 0, 1, false, 7.0, &[]),
        candidate(3, 1, 0, 2, false, 1.0, &[]),
    ];
    let rules = SelectionRules {
        sessions: 2,
        max_per_organisation: Some(1),
        per_theme: BTreeMap::from([(
            "t1".into(),
            Bounds {
                min: 0,
                max: Some(1),
            },
        )]),
        ..Default::default()
    };
    let s = select(&candidates, &rules);
    assert_eq!(s.selected, ["c0", "c2"]);
    assert_eq!(
        s.decisions[1].reason,
        Reason::AtMaximum {
            constraints: vec![Constraint::Organisation {
                organisation: "o0".into()
            }]
        }
    );
    assert_eq!(
        s.decisions[3].reason,
        Reason::AtMaximum {
            constraints: vec![Constraint::Theme { theme: "t1".into() }]
        }
    );
}

#[test]
fn impossible_minimums_are_reported_with_the_proof() {
    let candidates: Vec<Candidate> = (0..5)
        .map(|i| candidate(i, i % 2, 0, i, i == 0, 1.0, &["male"]))
        .collect();
    let rules = SelectionRules {
        sessions: 3,
        per_theme: BTreeMap::from([
            ("t0".into(), Bounds { min: 2, max: None }),
            ("t1".into(), Bounds { min: 2, max: None }),
        ]),
        min_first_time_share: 0.67,
        diversity: vec![Quota {
            attribute: Attribute::Gender,
            value: "female".into(),
            min_sessions: 1,
        }],
        ..Default::default()
    };
    let s = select(&candidates, &rules);
    let problems: BTreeMap<Constraint, Option<String>> = s
        .unmet
        .iter()
        .filter_map(|u| match u {
            Unmet::BelowMinimum {
                constraint,
                impossible,
                ..
            } => Some((constraint.clone(), impossible.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        problems[&Constraint::FirstTime].as_deref(),
        Some("only 1 candidates qualify")
    );
    assert_eq!(
        problems[&Constraint::Diversity {
            attribute: Attribute::Gender,
            value: "female".into()
        }]
            .as_deref(),
        Some("only 0 candidates qualify")
    );
    let theme_problem = problems
        .iter()
        .find(|(k, _)| matches!(k, Constraint::Theme { .. }))
        .unwrap()
        .1
        .as_deref();
    assert_eq!(
        theme_problem,
        Some("the minimums of all themes add up to 4, more than 3 sessions")
    );
}

#[test]
fn pins_and_excludes_override_scores() {
    let candidates: Vec<Candidate> = (0..5)
        .map(|i| candidate(i, 0, 0, i, false, i as f64, &[]))
        .collect();
    let rules = SelectionRules {
        sessions: 2,
        pins: vec!["c0".into()],
        excludes: vec!["c4".into(), "zz".into()],
        ..Default::default()
    };
    let s = select(&candidates, &rules);
    assert_eq!(s.selected, ["c3", "c0"]);
    assert_eq!(s.decisions[0].reason, Reason::Pinned);
    assert_eq!(s.decisions[4].reason, Reason::Excluded);
    assert_eq!(
        s.unmet,
        vec![Unmet::UnknownProposal {
            proposal: "zz".into(),
            list: "excludes".into()
        }]
    );
}

#[test]
fn an_unreachable_minimum_is_still_approached_as_far_as_it_goes() {
    let mut candidates: Vec<Candidate> = (0..5)
        .map(|i| candidate(i, 0, 0, i, false, 10.0, &["male"]))
        .collect();
    candidates.extend((5..7).map(|i| candidate(i, 0, 0, i, false, 0.0, &["female"])));
    let rules = SelectionRules {
        sessions: 3,
        diversity: vec![Quota {
            attribute: Attribute::Gender,
            value: "female".into(),
            min_sessions: 3,
        }],
        ..Default::default()
    };
    let s = select(&candidates, &rules);
    assert!(
        s.selected.contains(&"c5".to_string()) && s.selected.contains(&"c6".to_string()),
        "{:?}",
        s.selected
    );
    assert_eq!(
        s.unmet,
        vec![Unmet::BelowMinimum {
            constraint: Constraint::Diversity {
                attribute: Attribute::Gender,
                value: "female".into()
            },
            min: 3,
            selected: 2,
            candidates: 2,
            impossible: Some("only 2 candidates qualify".into()),
        }]
    );
}
