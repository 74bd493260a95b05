//! The whole pipeline: who is clustered, the map, base clusters, groups, and the statements
//! that represent each group or unite them.

use rayon::prelude::*;
use serde::Serialize;

use crate::kmeans::{self, Point, Start};
use crate::matrix::{ParticipantId, StatementId, VoteMatrix};
use crate::pca::{self, Pca, PcaOptions};
use crate::stats::{self, Consensus, Counts, Representative};

/// The pipeline's settings; the defaults are Pol.is's (`conversation.clj`).
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Votes (passes included) a participant needs to be clustered; capped at the number of
    /// statements. Pol.is: 7.
    pub min_votes: usize,
    /// If fewer participants have enough votes, the most active are added up to this
    /// number. Pol.is: 15.
    pub min_participants: usize,
    /// Base clusters compressing the participants before grouping. Pol.is: 100.
    pub base_k: usize,
    pub base_iterations: usize,
    /// Largest number of groups. Pol.is: 5.
    pub max_groups: usize,
    /// Group k-means iterations. Pol.is passes 100 but its `kmeans` ignores the option and
    /// runs its default 20: 20 is kept, since it is what produced Pol.is's groups.
    pub group_iterations: usize,
    /// Where group k-means starts: Pol.is's way (the default) or spread out.
    pub group_start: Start,
    /// Statements listed as group-informed consensus.
    pub consensus_count: usize,
    pub pca: PcaOptions,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_votes: 7,
            min_participants: 15,
            base_k: 100,
            base_iterations: 100,
            max_groups: 5,
            group_iterations: 20,
            group_start: Start::Polis,
            consensus_count: 5,
            pca: PcaOptions::default(),
        }
    }
}

/// A participant's place on the map.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Position {
    pub participant: ParticipantId,
    pub x: f64,
    pub y: f64,
}

/// A set of nearby participants that stands for them in grouping (Pol.is's base clusters).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BaseCluster {
    pub members: Vec<ParticipantId>,
    pub center: Point,
}

/// An opinion group: its members and what represents it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    pub id: usize,
    pub members: Vec<ParticipantId>,
    pub center: Point,
    pub representative: Vec<Representative>,
}

/// A statement's group-informed consensus score.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scored {
    pub statement: StatementId,
    pub score: f64,
}

/// Everything the analysis found.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub participants: usize,
    pub statements: usize,
    /// Participants with enough votes to be clustered (Pol.is's `in-conv`), ascending.
    pub clustered: Vec<ParticipantId>,
    pub pca: Pca,
    /// Every participant's position, in participant order.
    pub positions: Vec<Position>,
    pub base_clusters: Vec<BaseCluster>,
    /// Silhouette of each number of groups tried, (k, score).
    pub silhouettes: Vec<(usize, f64)>,
    pub groups: Vec<Group>,
    /// Agree and disagree consensus over all participants (Pol.is's `consensus`).
    pub majority_agree: Vec<Consensus>,
    pub majority_disagree: Vec<Consensus>,
    /// Group-informed consensus of every statement, in statement order.
    pub group_informed_consensus: Vec<Scored>,
    /// The included statements with the highest group-informed consensus, best first.
    pub consensus: Vec<StatementId>,
}

/// Runs the pipeline. Deterministic: the same matrix and options give the same analysis.
pub fn analyse(matrix: &VoteMatrix, options: &Options) -> Analysis {
    let clustered_rows = clustered(matrix, options);
    let pca = pca::fit(matrix, &options.pca);
    let projected = pca::project(matrix, &pca);
    let ids = matrix.participants();

    let points: Vec<Point> = clustered_rows.iter().map(|&i| projected[i]).collect();
    let base = kmeans::kmeans(
        &points,
        &vec![1.0; points.len()],
        options.base_k,
        options.base_iterations,
        Start::Polis,
    );
    let weights: Vec<f64> = {
        let mut w = vec![0.0; base.centers.len()];
        base.assignment.iter().for_each(|&c| w[c] += 1.0);
        w
    };
    let (silhouettes, grouping) = choose_groups(&base.centers, &weights, options);

    let mut group_rows: Vec<Vec<usize>> = vec![Vec::new(); grouping.centers.len()];
    for (&row, &b) in clustered_rows.iter().zip(&base.assignment) {
        group_rows[grouping.assignment[b]].push(row);
    }
    let mut base_members: Vec<Vec<ParticipantId>> = vec![Vec::new(); base.centers.len()];
    for (&row, &b) in clustered_rows.iter().zip(&base.assignment) {
        base_members[b].push(ids[row]);
    }

    let summary = summarise(matrix, &group_rows, options.consensus_count);
    let groups = group_rows
        .iter()
        .zip(grouping.centers)
        .zip(summary.representative)
        .enumerate()
        .map(|(id, ((rows, center), representative))| Group {
            id,
            members: rows.iter().map(|&r| ids[r]).collect(),
            center,
            representative,
        })
        .collect();

    Analysis {
        participants: ids.len(),
        statements: matrix.statements().len(),
        clustered: clustered_rows.iter().map(|&i| ids[i]).collect(),
        pca,
        positions: ids
            .iter()
            .zip(&projected)
            .map(|(&participant, p)| Position {
                participant,
                x: p[0],
                y: p[1],
            })
            .collect(),
        base_clusters: base_members
            .into_iter()
            .zip(base.centers)
            .map(|(members, center)| BaseCluster { members, center })
            .collect(),
        silhouettes,
        groups,
        majority_agree: summary.majority_agree,
        majority_disagree: summary.majority_disagree,
        group_informed_consensus: summary.group_informed_consensus,
        consensus: summary.consensus,
    }
}

/// Rows of participants who voted on at least `min(min_votes, n_statements)` statements
/// (passes and excluded statements count, as in Pol.is), topped up with the most active
/// others (ties by id) up to `min_participants`.
///
/// Statements are never left out for having few votes: Pol.is keeps them too, and the +1/+2
/// smoothing keeps their statistics from being significant.
///
/// Quirk decided: Pol.is's membership is sticky (once in, always in) across updates; a
/// batch recomputation has no history, so only the present votes decide.
fn clustered(matrix: &VoteMatrix, options: &Options) -> Vec<usize> {
    let n = matrix.participants().len();
    let threshold = options.min_votes.min(matrix.statements().len());
    let mut rows: Vec<usize> = (0..n).filter(|&i| matrix.row_len(i) >= threshold).collect();
    if rows.len() < options.min_participants {
        let mut others: Vec<usize> = (0..n)
            .filter(|&i| matrix.row_len(i) < threshold && matrix.row_len(i) > 0)
            .collect();
        others.sort_by_key(|&i| std::cmp::Reverse(matrix.row_len(i)));
        others.truncate(options.min_participants - rows.len());
        rows.extend(others);
        rows.sort_unstable();
    }
    rows
}

/// Groups the base clusters for k = 2 ..= min(max_groups, 2 + ⌊n_base / 12⌋) and keeps the k
/// with the best silhouette (the smallest k on a tie).
///
/// Quirk decided: Pol.is only switches to a new k after it has won 4 updates in a row (its
/// k-smoother); a batch recomputation has no previous updates and takes the best k directly.
fn choose_groups(
    centers: &[Point],
    weights: &[f64],
    options: &Options,
) -> (Vec<(usize, f64)>, kmeans::Clustering) {
    let single = || kmeans::Clustering {
        assignment: vec![0; centers.len()],
        centers: if centers.is_empty() {
            Vec::new()
        } else {
            vec![weighted_mean(centers, weights)]
        },
    };
    let max_k = options.max_groups.min(2 + centers.len() / 12);
    if centers.len() < 2 || max_k < 2 {
        return (Vec::new(), single());
    }
    let tried: Vec<(usize, f64, kmeans::Clustering)> = (2..=max_k)
        .into_par_iter()
        .map(|k| {
            let c = kmeans::kmeans(
                centers,
                weights,
                k,
                options.group_iterations,
                options.group_start,
            );
            (k, kmeans::silhouette(centers, &c.assignment), c)
        })
        .collect();
    let silhouettes = tried.iter().map(|(k, s, _)| (*k, *s)).collect();
    let best = tried
        .into_iter()
        .reduce(|a, b| if b.1 > a.1 { b } else { a })
        .map_or_else(single, |(_, _, c)| c);
    (silhouettes, best)
}

fn weighted_mean(points: &[Point], weights: &[f64]) -> Point {
    let total: f64 = weights.iter().sum();
    let mut mean = [0.0; 2];
    for (p, w) in points.iter().zip(weights) {
        mean[0] += w * p[0] / total;
        mean[1] += w * p[1] / total;
    }
    mean
}

/// What `summarise` finds given the groups.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Per group, in group order.
    pub representative: Vec<Vec<Representative>>,
    pub majority_agree: Vec<Consensus>,
    pub majority_disagree: Vec<Consensus>,
    pub group_informed_consensus: Vec<Scored>,
    pub consensus: Vec<StatementId>,
}

/// The statements that represent each group and those that unite them, for given groups
/// (as matrix rows). Public so that groups found elsewhere (Pol.is's own) can be summarised.
///
/// Quirks kept from Pol.is: representative statements and majority consensus leave excluded
/// statements out; group-informed consensus is computed on every statement from the raw
/// votes (Pol.is's `group-votes`), but only included statements are listed in `consensus`.
/// Majority consensus counts every participant, clustered or not.
pub fn summarise(
    matrix: &VoteMatrix,
    group_rows: &[Vec<usize>],
    consensus_count: usize,
) -> Summary {
    let n_cols = matrix.statements().len();
    let tally = |rows: &mut dyn Iterator<Item = usize>| {
        let mut counts = vec![Counts::default(); n_cols];
        for i in rows {
            for (j, v) in matrix.row(i) {
                counts[j].add(v);
            }
        }
        counts
    };
    let per_group: Vec<Vec<Counts>> = group_rows
        .iter()
        .map(|rows| tally(&mut rows.iter().copied()))
        .collect();
    let everyone = tally(&mut (0..matrix.participants().len()));
    let included: Vec<usize> = (0..n_cols).filter(|&j| !matrix.is_excluded(j)).collect();
    let ids = matrix.statements();

    let representative = (0..per_group.len())
        .map(|g| {
            let rows: Vec<(StatementId, Counts, Counts)> = included
                .iter()
                .map(|&j| {
                    let rest = per_group
                        .iter()
                        .enumerate()
                        .filter(|&(h, _)| h != g)
                        .fold(Counts::default(), |acc, (_, c)| acc.merge(c[j]));
                    (ids[j], per_group[g][j], rest)
                })
                .collect();
            stats::representatives(&rows)
        })
        .collect();

    let (majority_agree, majority_disagree) = stats::majority_consensus(
        &included
            .iter()
            .map(|&j| (ids[j], everyone[j]))
            .collect::<Vec<_>>(),
    );

    let group_informed_consensus: Vec<Scored> = (0..n_cols)
        .map(|j| Scored {
            statement: ids[j],
            score: stats::group_informed_consensus(per_group.iter().map(|c| c[j])),
        })
        .collect();
    let mut ranked: Vec<Scored> = included
        .iter()
        .map(|&j| group_informed_consensus[j])
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.statement.cmp(&b.statement))
    });
    let consensus = ranked
        .iter()
        .take(consensus_count)
        .map(|s| s.statement)
        .collect();

    Summary {
        representative,
        majority_agree,
        majority_disagree,
        group_informed_consensus,
        consensus,
    }
}
