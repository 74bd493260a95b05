//! Weighted k-means on map positions, as Pol.is runs it, and the silhouette that chooses k.
//!
//! Quirks decided:
//! * Initial centres are the first k distinct points in data order (Pol.is's `init-clusters`),
//!   not k-means++ and not red-dwarf's lexicographic `np.unique` order. Data order is ascending
//!   participant id, so the result does not depend on input order.
//! * Iteration stops when no centre moved by 0.01 or more (Pol.is's `same-clustering?`), or
//!   after `max_iterations`.
//! * A cluster that loses all its points is dropped, as in Pol.is's `cluster-step`.

use rayon::prelude::*;

/// A 2-D point.
pub type Point = [f64; 2];

/// Pol.is's convergence threshold on centre movement.
const STILL: f64 = 0.01;

/// A clustering: each point's cluster index, and the centres.
#[derive(Clone, Debug, PartialEq)]
pub struct Clustering {
    pub assignment: Vec<usize>,
    pub centers: Vec<Point>,
}

fn distance2(a: Point, b: Point) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

/// The first `k` distinct points, in order.
fn first_distinct(points: &[Point], k: usize) -> Vec<Point> {
    let mut centers: Vec<Point> = Vec::with_capacity(k);
    for &p in points {
        if centers.len() == k {
            break;
        }
        if !centers.contains(&p) {
            centers.push(p);
        }
    }
    centers
}

/// The nearest centre, its distance, and the distance to the second nearest (∞ if none).
fn nearest_two(centers: &[Point], p: Point) -> (usize, f64, f64) {
    let (mut best, mut first, mut second) = (0, f64::INFINITY, f64::INFINITY);
    for (c, &center) in centers.iter().enumerate() {
        let d = distance2(p, center);
        if d < first {
            (best, second, first) = (c, first, d);
        } else if d < second {
            second = d;
        }
    }
    (best, first.sqrt(), second.sqrt())
}

/// Where k-means starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Start {
    /// The first `k` distinct points, as Pol.is starts without history: its groups, given its
    /// base clusters, are reproduced exactly (tests/polis_fixtures.rs).
    #[default]
    Polis,
    /// The first point, then each time the point farthest from the centres chosen so far (the
    /// "most distal point" Pol.is splits off when it adds a cluster). Escapes the local optima
    /// that the first points can lead to when several of them lie in one group, at the cost of
    /// agreeing less with the groups Pol.is shows.
    Spread,
}

/// Weighted k-means (`weights` are member counts; all 1 for participants).
pub fn kmeans(
    points: &[Point],
    weights: &[f64],
    k: usize,
    max_iterations: usize,
    start: Start,
) -> Clustering {
    let centers = match start {
        Start::Polis => first_distinct(points, k),
        Start::Spread => spread(points, k),
    };
    kmeans_from(points, weights, centers, max_iterations)
}

/// The first point, then repeatedly the point farthest from its nearest chosen centre (the
/// first such on a tie), until `k` or no point is left apart.
fn spread(points: &[Point], k: usize) -> Vec<Point> {
    let mut centers = first_distinct(points, 1);
    let mut nearest: Vec<f64> = points
        .iter()
        .map(|&p| centers.first().map_or(0.0, |&c| distance2(p, c)))
        .collect();
    while centers.len() < k {
        let (far, d) =
            nearest.iter().enumerate().fold(
                (0, 0.0),
                |best, (i, &d)| if d > best.1 { (i, d) } else { best },
            );
        if d <= 0.0 {
            break;
        }
        let c = points[far];
        centers.push(c);
        nearest
            .iter_mut()
            .zip(points)
            .for_each(|(n, &p)| *n = n.min(distance2(p, c)));
    }
    centers
}

/// Pol.is's loop (assign each point to its nearest centre, move each centre to its members'
/// weighted mean, stop when no centre moved by 0.01), with Hamerly's bounds to skip the
/// points whose nearest centre cannot have changed: the same result, far fewer distances.
fn kmeans_from(
    points: &[Point],
    weights: &[f64],
    mut centers: Vec<Point>,
    max_iterations: usize,
) -> Clustering {
    // Per point: assigned centre, upper bound on its distance, lower bound on the next one's.
    let mut bounds: Vec<(usize, f64, f64)> = points
        .par_iter()
        .map(|&p| nearest_two(&centers, p))
        .collect();
    for _ in 0..max_iterations.max(1) {
        let mut sum = vec![[0.0; 2]; centers.len()];
        let mut mass = vec![0.0; centers.len()];
        for ((p, &(c, _, _)), &w) in points.iter().zip(&bounds).zip(weights) {
            sum[c][0] += w * p[0];
            sum[c][1] += w * p[1];
            mass[c] += w;
        }
        let mut renumber = vec![usize::MAX; centers.len()];
        let mut next = Vec::with_capacity(centers.len());
        let mut moved = Vec::with_capacity(centers.len());
        for c in 0..centers.len() {
            if mass[c] > 0.0 {
                renumber[c] = next.len();
                let center = [sum[c][0] / mass[c], sum[c][1] / mass[c]];
                moved.push(distance2(center, centers[c]).sqrt());
                next.push(center);
            }
        }
        let still = next.len() == centers.len() && moved.iter().all(|&m| m < STILL);
        centers = next;
        bounds.iter_mut().for_each(|b| b.0 = renumber[b.0]);
        if still {
            break;
        }
        let max_move = moved.iter().copied().fold(0.0, f64::max);
        let half_gap: Vec<f64> = (0..centers.len())
            .map(|a| {
                (0..centers.len())
                    .filter(|&c| c != a)
                    .map(|c| distance2(centers[a], centers[c]).sqrt())
                    .fold(f64::INFINITY, f64::min)
                    / 2.0
            })
            .collect();
        bounds
            .par_iter_mut()
            .zip(points)
            .for_each(|((a, upper, lower), &p)| {
                *upper += moved[*a];
                *lower -= max_move;
                let limit = lower.max(half_gap[*a]);
                if *upper <= limit {
                    return;
                }
                *upper = distance2(p, centers[*a]).sqrt();
                if *upper <= limit {
                    return;
                }
                (*a, *upper, *lower) = nearest_two(&centers, p);
            });
    }
    Clustering {
        assignment: bounds.into_iter().map(|b| b.0).collect(),
        centers,
    }
}

/// The mean silhouette of `points` under `assignment` (unweighted, as Pol.is computes it on the
/// base clusters). A point alone in its cluster scores 0.
pub fn silhouette(points: &[Point], assignment: &[usize]) -> f64 {
    if points.is_empty() {
        return 0.0;
    }
    let groups = assignment.iter().max().map_or(0, |m| m + 1);
    let total: f64 = (0..points.len())
        .map(|i| {
            let mut sum = vec![0.0; groups];
            let mut count = vec![0usize; groups];
            for (j, &q) in points.iter().enumerate() {
                if j != i {
                    sum[assignment[j]] += distance2(points[i], q).sqrt();
                    count[assignment[j]] += 1;
                }
            }
            let own = assignment[i];
            if count[own] == 0 {
                return 0.0;
            }
            let a = sum[own] / count[own] as f64;
            let b = (0..groups)
                .filter(|&g| g != own && count[g] > 0)
                .map(|g| sum[g] / count[g] as f64)
                .fold(f64::INFINITY, f64::min);
            if b.is_infinite() {
                0.0
            } else {
                (b - a) / a.max(b)
            }
        })
        .sum();
    total / points.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three tight blobs far apart.
    fn blobs() -> Vec<Point> {
        let mut points = Vec::new();
        for (cx, cy) in [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)] {
            for i in 0..10 {
                let t = i as f64 * 0.628;
                points.push([cx + 0.3 * t.cos(), cy + 0.3 * t.sin()]);
            }
        }
        points
    }

    #[test]
    fn separated_blobs_are_found_whatever_the_start() {
        let points = blobs();
        let clustering = kmeans(&points, &vec![1.0; points.len()], 3, 20, Start::Polis);
        for blob in points.chunks(10).enumerate() {
            let first = clustering.assignment[blob.0 * 10];
            assert!(
                clustering.assignment[blob.0 * 10..blob.0 * 10 + 10]
                    .iter()
                    .all(|&c| c == first)
            );
        }
        let mut distinct = clustering.assignment.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 3);
    }

    #[test]
    fn silhouette_prefers_the_true_number_of_clusters() {
        let points = blobs();
        let weights = vec![1.0; points.len()];
        let score = |k| {
            silhouette(
                &points,
                &kmeans(&points, &weights, k, 20, Start::Polis).assignment,
            )
        };
        let (s2, s3, s4) = (score(2), score(3), score(4));
        assert!(s3 > 0.9, "{s3}");
        assert!(s3 > s2 && s3 >= s4, "{s2} {s3} {s4}");
    }

    #[test]
    fn a_spread_start_escapes_a_crowded_beginning() {
        // Three blobs on a line, the first three points all in the first: Pol.is's start
        // splits that blob and leaves one centre between the other two; the spread start
        // finds the three blobs.
        let points: Vec<Point> = blobs()
            .iter()
            .map(|p| [p[0] + p[1] * 2.0, p[1] / 100.0])
            .collect();
        let weights = vec![1.0; points.len()];
        let blob_count = |c: &Clustering| {
            let mut labels: Vec<usize> = (0..3).map(|b| c.assignment[b * 10 + 5]).collect();
            labels.sort();
            labels.dedup();
            labels.len()
        };
        assert!(blob_count(&kmeans(&points, &weights, 3, 20, Start::Polis)) < 3);
        assert_eq!(
            blob_count(&kmeans(&points, &weights, 3, 20, Start::Spread)),
            3
        );
    }

    #[test]
    fn weights_pull_the_centre() {
        let points = [[0.0, 0.0], [1.0, 0.0]];
        let clustering = kmeans(&points, &[3.0, 1.0], 1, 5, Start::Polis);
        assert!((clustering.centers[0][0] - 0.25).abs() < 1e-12);
    }

    #[test]
    fn a_singleton_cluster_scores_zero() {
        let points = [[0.0, 0.0], [5.0, 0.0], [5.1, 0.0]];
        let s = silhouette(&points, &[0, 1, 1]);
        // Point 0 scores 0; the pair scores nearly 1 each.
        assert!(s > 0.6 && s < 0.67, "{s}");
    }
}
