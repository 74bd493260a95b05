//! Aggregation: per-reviewer z-scores, standard errors, errors that name the review.

use std::collections::BTreeMap;

use agora_programme::aggregate::{AggregateError, Problem};
use agora_programme::{Criterion, Review, aggregate, rank_by_theme};

fn criteria() -> Vec<Criterion> {
    vec![
        Criterion {
            id: "relevance".into(),
            weight: 2.0,
        },
        Criterion {
            id: "format".into(),
            weight: 1.0,
        },
    ]
}

fn review(reviewer: &str, proposal: &str, relevance: u8, format: u8) -> Review {
    Review {
        proposal: proposal.into(),
        reviewer: reviewer.into(),
        scores: BTreeMap::from([("relevance".into(), relevance), ("format".into(), format)]),
    }
}

#[test]
fn a_lenient_and_a_harsh_reviewer_weigh_the_same() {
    // Same order (a > b > c), one reviewer lenient, one harsh: the z-scores agree.
    let reviews = vec![
        review("kind", "a", 5, 5),
        review("kind", "b", 4, 4),
        review("kind", "c", 3, 3),
        review("harsh", "a", 3, 3),
        review("harsh", "b", 2, 2),
        review("harsh", "c", 1, 1),
    ];
    let scores = aggregate(&reviews, &criteria()).unwrap();
    let by: BTreeMap<&str, _> = scores.iter().map(|s| (s.proposal.as_str(), s)).collect();
    assert!((by["a"].normalised - 1.0).abs() < 1e-9);
    assert!(by["b"].normalised.abs() < 1e-9);
    assert_eq!(by["a"].standard_error, Some(0.0));
    assert!((by["a"].raw - 4.0).abs() < 1e-9);
}

#[test]
fn leniency_alone_does_not_lift_a_proposal() {
    // Proposal x is read only by the lenient reviewer, y only by the harsh one; both sit in
    // the middle of their reviewer's range, so they tie although x's raw scores are higher.
    let reviews = vec![
        review("kind", "x", 4, 4),
        review("kind", "p", 5, 5),
        review("kind", "q", 3, 3),
        review("harsh", "y", 2, 2),
        review("harsh", "r", 3, 3),
        review("harsh", "s", 1, 1),
    ];
    let scores = aggregate(&reviews, &criteria()).unwrap();
    let z = |id: &str| scores.iter().find(|s| s.proposal == id).unwrap().normalised;
    assert!((z("x") - z("y")).abs() < 1e-9);
}

#[test]
fn weights_shape_the_score_and_disagreement_shows_in_the_error() {
    let reviews = vec![
        review("r1", "a", 5, 1),
        review("r1", "b", 1, 5),
        review("r2", "a", 1, 1),
        review("r2", "b", 5, 5),
    ];
    let scores = aggregate(&reviews, &criteria()).unwrap();
    let a = &scores[0];
    assert_eq!(a.proposal, "a");
    assert!((a.raw - (11.0 / 3.0 + 1.0) / 2.0).abs() < 1e-9);
    assert!(a.standard_error.unwrap() > 0.5);
}

#[test]
fn a_reviewer_who_gives_one_score_to_all_counts_as_zero() {
    let reviews = vec![review("flat", "a", 3, 3), review("flat", "b", 3, 3)];
    let scores = aggregate(&reviews, &criteria()).unwrap();
    assert!(
        scores
            .iter()
            .all(|s| s.normalised == 0.0 && s.reviews == 1 && s.standard_error.is_none())
    );
}

#[test]
fn bad_reviews_are_named() {
    let out = aggregate(
        &[review("r1", "a", 5, 5), review("r1", "b", 6, 1)],
        &criteria(),
    );
    let error = out.unwrap_err();
    assert_eq!(
        error.to_string(),
        "review 1 (r1 on b), criterion relevance: score 6 is outside 1–5"
    );
    let problem = |r: Review| match aggregate(&[r], &criteria()) {
        Err(AggregateError::Review { problem, .. }) => problem,
        other => panic!("{other:?}"),
    };
    let mut missing = review("r1", "a", 5, 5);
    missing.scores.remove("format");
    assert_eq!(problem(missing), Problem::Missing);
    let mut extra = review("r1", "a", 5, 5);
    extra.scores.insert("wow".into(), 3);
    assert_eq!(problem(extra), Problem::UnknownCriterion);
    assert_eq!(
        aggregate(
            &[],
            &[Criterion {
                id: "x".into(),
                weight: 0.0
            }]
        ),
        Err(AggregateError::BadWeights)
    );
}

#[test]
fn rankings_per_theme_put_the_best_first() {
    let reviews = vec![
        review("r", "a", 1, 1),
        review("r", "b", 5, 5),
        review("r", "c", 3, 3),
    ];
    let scores = aggregate(&reviews, &criteria()).unwrap();
    let ranks = rank_by_theme(&scores, |p| Some(if p == "c" { "other" } else { "main" }));
    let main: Vec<&str> = ranks["main"].iter().map(|s| s.proposal.as_str()).collect();
    assert_eq!(main, ["b", "a"]);
    assert_eq!(ranks["other"].len(), 1);
}
