//! Reviewer assignment: conflicts never assigned, the set number each, loads even.

use agora_programme::{Reviewer, assign, directory, in_conflict, synthetic};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]
    #[test]
    fn conflicts_are_never_assigned(seed in 0u64..10_000, proposals in 1usize..120, reviewers in 1usize..25, per in 1usize..5) {
        let call = synthetic::call(seed, proposals, reviewers);
        let people = directory(call.people.clone());
        let a = assign(&call.proposals, &call.reviewers, &people, per, seed);
        for p in &call.proposals {
            let assigned = &a.reviewers[&p.id];
            let mut distinct = assigned.clone();
            distinct.dedup();
            prop_assert_eq!(distinct.len(), assigned.len());
            for r in assigned {
                let reviewer = call.reviewers.iter().find(|x| &x.id == r).unwrap();
                prop_assert!(!in_conflict(reviewer, p, &people), "{} assigned to {}", r, p.id);
            }
            let eligible = call.reviewers.iter().filter(|r| !in_conflict(r, p, &people)).count();
            prop_assert_eq!(assigned.len(), per.min(eligible));
            prop_assert_eq!(a.shortfalls.iter().any(|s| s.proposal == p.id), eligible < per);
        }
        prop_assert_eq!(a.load.values().sum::<usize>(), a.reviewers.values().map(Vec::len).sum::<usize>());
    }
}

#[test]
fn loads_differ_by_at_most_one_without_conflicts() {
    let mut call = synthetic::call(3, 1000, 60);
    for r in &mut call.reviewers {
        r.organisation = None;
        r.conflicts.clear();
    }
    let a = assign(
        &call.proposals,
        &call.reviewers,
        &directory(call.people.clone()),
        4,
        3,
    );
    let (min, max) = (
        a.load.values().min().unwrap(),
        a.load.values().max().unwrap(),
    );
    assert!(max - min <= 1, "loads {min}–{max}");
}

#[test]
fn declared_conflicts_cover_proposals_organisations_and_people() {
    let call = synthetic::call(5, 10, 1);
    let people = directory(call.people.clone());
    let p = &call.proposals[0];
    let declared = |c: &str| Reviewer {
        id: "r".into(),
        organisation: None,
        conflicts: vec![c.into()],
    };
    assert!(in_conflict(&declared(&p.id), p, &people));
    assert!(in_conflict(&declared(&p.organisation), p, &people));
    assert!(in_conflict(&declared(&p.speakers[0].person), p, &people));
    assert!(!in_conflict(&declared("nobody"), p, &people));
    let own = Reviewer {
        id: "r".into(),
        organisation: Some(p.organisation.clone()),
        conflicts: vec![],
    };
    assert!(in_conflict(&own, p, &people));
}

#[test]
fn the_same_seed_gives_the_same_assignment() {
    let call = synthetic::call(9, 200, 20);
    let people = directory(call.people.clone());
    assert_eq!(
        assign(&call.proposals, &call.reviewers, &people, 3, 1),
        assign(&call.proposals, &call.reviewers, &people, 3, 1)
    );
}
