//! The pipeline's steps on inputs whose answer is known, and its determinism.

use std::collections::HashMap;

use agora_opinion::agreement::{self, adjusted_rand_index};
use agora_opinion::pca::{self, PcaOptions};
use agora_opinion::synthetic::{Shape, generate};
use agora_opinion::{Opinion, Options, Statement, Vote, VoteMatrix, analyse};
use proptest::prelude::*;

fn vote(participant: u64, statement: u64, value: i64) -> Vote {
    Vote {
        participant,
        statement,
        opinion: Opinion::from_value(value).unwrap(),
        at: 0,
    }
}

/// Four kinds of participant on four statements: 10 agree with all, 10 disagree with all,
/// 5 agree with the first two only, 5 with the last two only. XᵀX = 20·uuᵀ + 10·wwᵀ with
/// u = (1,1,1,1) and w = (1,1,−1,−1): the components are u/2 and w/2.
fn known_matrix() -> VoteMatrix {
    let kinds: [([i64; 4], u64); 4] = [
        ([1, 1, 1, 1], 10),
        ([-1, -1, -1, -1], 10),
        ([1, 1, -1, -1], 5),
        ([-1, -1, 1, 1], 5),
    ];
    let mut votes = Vec::new();
    let mut pid = 0;
    for (row, count) in kinds {
        for _ in 0..count {
            for (s, &v) in row.iter().enumerate() {
                votes.push(vote(pid, s as u64, v));
            }
            pid += 1;
        }
    }
    VoteMatrix::new(&votes, &[])
}

#[test]
fn pca_finds_the_components_of_a_known_matrix() {
    let fit = pca::fit(&known_matrix(), &PcaOptions::default());
    assert!(fit.center.iter().all(|c| c.abs() < 1e-15));
    let expected = [[0.5, 0.5, 0.5, 0.5], [0.5, 0.5, -0.5, -0.5]];
    for (c, want) in expected.iter().enumerate() {
        for (got, want) in fit.components[c].iter().zip(want) {
            assert!(
                (got - want).abs() < 1e-9,
                "component {c}: {:?}",
                fit.components[c]
            );
        }
    }
}

#[test]
fn a_participant_who_voted_little_is_pushed_out_from_the_centre() {
    let mut votes: Vec<Vote> = Vec::new();
    for p in 0..20u64 {
        for s in 0..4u64 {
            votes.push(vote(p, s, if p % 2 == 0 { 1 } else { -1 }));
        }
    }
    // Two who voted once each, opposite ways, so that the column means stay 0.
    votes.push(vote(100, 0, 1));
    votes.push(vote(101, 0, -1));
    let matrix = VoteMatrix::new(&votes, &[]);
    let fit = pca::fit(&matrix, &PcaOptions::default());
    let positions = pca::project(&matrix, &fit);
    let pc = &fit.components[0];
    // A full voter: Σ_j pc_j, scale sqrt(4/4). A single vote: pc_0, scale sqrt(4/1) = 2.
    let full: f64 = pc.iter().sum();
    assert!((positions[0][0] - full).abs() < 1e-12);
    let sparse = positions[matrix.participants().len() - 2][0];
    assert!((sparse - 2.0 * pc[0]).abs() < 1e-12, "{sparse} {}", pc[0]);
}

fn planted(participants: usize, seed: u64) -> (Vec<Vote>, Vec<(u64, usize)>) {
    let s = generate(&Shape {
        participants,
        statements: 60,
        votes_per_participant: 30,
        groups: 3,
        seed,
    });
    (s.votes, s.planted)
}

#[test]
fn planted_groups_are_found() {
    let (votes, truth) = planted(600, 3);
    let analysis = analyse(&VoteMatrix::new(&votes, &[]), &Options::default());
    assert_eq!(analysis.groups.len(), 3);
    let truth: HashMap<u64, usize> = truth.into_iter().collect();
    let (ari, both) = agreement::against(&analysis.groups, &truth);
    assert_eq!(both, 600);
    assert!(ari > 0.9, "{ari}");
}

#[test]
fn participants_with_too_few_votes_are_not_grouped_but_are_mapped() {
    let (mut votes, _) = planted(200, 4);
    votes.extend((0..3).map(|s| vote(9_999, s, 1)));
    let analysis = analyse(&VoteMatrix::new(&votes, &[]), &Options::default());
    assert!(!analysis.clustered.contains(&9_999));
    assert!(analysis.groups.iter().all(|g| !g.members.contains(&9_999)));
    assert!(analysis.positions.iter().any(|p| p.participant == 9_999));
    assert_eq!(analysis.clustered.len(), 200);
}

#[test]
fn excluded_statements_are_neither_representative_nor_consensus() {
    let (votes, _) = planted(300, 5);
    let excluded: Vec<Statement> = (0..30).map(|id| Statement { id, excluded: true }).collect();
    let analysis = analyse(&VoteMatrix::new(&votes, &excluded), &Options::default());
    let listed = analysis
        .groups
        .iter()
        .flat_map(|g| g.representative.iter().map(|r| r.statement))
        .chain(analysis.consensus.iter().copied())
        .chain(analysis.majority_agree.iter().map(|c| c.statement));
    for s in listed {
        assert!(s >= 30, "excluded statement {s} listed");
    }
}

#[test]
fn the_latest_vote_counts() {
    let mut votes = vec![vote(1, 1, 1), vote(1, 1, -1)];
    votes[0].at = 10;
    votes[1].at = 5;
    let matrix = VoteMatrix::new(&votes, &[]);
    assert_eq!(matrix.row(0).collect::<Vec<_>>(), vec![(0, 1)]);
}

#[test]
fn the_same_input_gives_the_same_analysis() {
    let (votes, _) = planted(500, 6);
    let a = analyse(&VoteMatrix::new(&votes, &[]), &Options::default());
    let b = analyse(&VoteMatrix::new(&votes, &[]), &Options::default());
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

#[test]
fn the_number_of_threads_does_not_change_the_analysis() {
    let (votes, _) = planted(3_000, 8);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let analysis = analyse(&VoteMatrix::new(&votes, &[]), &Options::default());
            serde_json::to_string(&analysis).unwrap()
        })
    };
    assert_eq!(run(1), run(3));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Shuffled input rows give the same groups, positions and statements.
    #[test]
    fn input_order_does_not_matter(seed in 0u64..1000, rotation in 0usize..5000) {
        let (votes, _) = planted(250, seed);
        let mut shuffled = votes.clone();
        shuffled.reverse();
        shuffled.rotate_left(rotation % votes.len());
        let a = analyse(&VoteMatrix::new(&votes, &[]), &Options::default());
        let b = analyse(&VoteMatrix::new(&shuffled, &[]), &Options::default());
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    }

    /// Groups partition the clustered participants.
    #[test]
    fn groups_partition_the_clustered(seed in 0u64..1000) {
        let (votes, _) = planted(150, seed);
        let analysis = analyse(&VoteMatrix::new(&votes, &[]), &Options::default());
        let mut members: Vec<u64> = analysis.groups.iter().flat_map(|g| g.members.clone()).collect();
        members.sort_unstable();
        prop_assert_eq!(members, analysis.clustered.clone());
        prop_assert!((2..=5).contains(&analysis.groups.len()));
    }

    /// The adjusted Rand index does not depend on the names of the labels.
    #[test]
    fn ari_ignores_label_names(labels in proptest::collection::vec((0u8..4, 0u8..4), 2..60), shift in 1u8..4) {
        let renamed: Vec<(u8, u8)> = labels.iter().map(|&(a, b)| ((a + shift) % 4, b)).collect();
        prop_assert!((adjusted_rand_index(&labels) - adjusted_rand_index(&renamed)).abs() < 1e-9);
    }
}
