//! Seeded synthetic conversations with planted opinion groups, for benchmarks and tests.
//!
//! Each participant belongs to one of `groups` planted groups and votes on `votes_per
//! participant` distinct statements drawn uniformly. Each (group, statement) pair has a
//! leaning drawn once: the group mostly agrees, mostly disagrees, or is split, so groups
//! differ on some statements and agree on others, as in real conversations.

use crate::matrix::{Opinion, ParticipantId, Vote};

/// The size of a synthetic conversation.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub participants: usize,
    pub statements: usize,
    pub votes_per_participant: usize,
    pub groups: usize,
    pub seed: u64,
}

/// A generated conversation: its votes and the planted group of each participant.
pub struct Synthetic {
    pub votes: Vec<Vote>,
    pub planted: Vec<(ParticipantId, usize)>,
}

/// splitmix64: small, seedable and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Generates the conversation described by `shape`.
pub fn generate(shape: &Shape) -> Synthetic {
    let mut rng = Rng(shape.seed);
    // Probability of agreeing, of disagreeing, per group and statement.
    let leaning: Vec<Vec<(f64, f64)>> = (0..shape.groups)
        .map(|_| {
            (0..shape.statements)
                .map(|_| match rng.below(3) {
                    0 => (0.8, 0.1),
                    1 => (0.1, 0.8),
                    _ => (0.4, 0.4),
                })
                .collect()
        })
        .collect();
    let per = shape.votes_per_participant.min(shape.statements);
    let mut votes = Vec::with_capacity(shape.participants * per);
    let mut planted = Vec::with_capacity(shape.participants);
    let mut chosen = vec![false; shape.statements];
    for p in 0..shape.participants {
        let group = rng.below(shape.groups.max(1));
        planted.push((p as ParticipantId, group));
        let mut picked = Vec::with_capacity(per);
        while picked.len() < per {
            let s = rng.below(shape.statements);
            if !chosen[s] {
                chosen[s] = true;
                picked.push(s);
            }
        }
        for s in picked {
            chosen[s] = false;
            let (agree, disagree) = leaning[group][s];
            let u = rng.unit();
            let opinion = if u < agree {
                Opinion::Agree
            } else if u < agree + disagree {
                Opinion::Disagree
            } else {
                Opinion::Pass
            };
            votes.push(Vote {
                participant: p as ParticipantId,
                statement: s as u64,
                opinion,
                at: votes.len() as i64,
            });
        }
    }
    Synthetic { votes, planted }
}
